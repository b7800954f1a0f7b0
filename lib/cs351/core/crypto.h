#pragma once
// Hashing, HMAC, randomness and encodings over OpenSSL.

#include <cstddef>
#include <string>
#include <string_view>

namespace cs351 {

// Raw 32-byte digests.
std::string sha256(std::string_view data);
std::string hmac_sha256(std::string_view key, std::string_view data);

std::string hex_encode(std::string_view bytes);
std::string base64url_encode(std::string_view bytes);  // no padding
// Returns false (leaving `out` unspecified) on characters outside the alphabet.
bool base64url_decode(std::string_view text, std::string& out);
std::string base64_encode(std::string_view bytes);  // standard alphabet, padded

// `n` bytes from the OS CSPRNG; throws Error when it fails.
std::string random_bytes(std::size_t n);

// Compares without leaking where the first difference is.
bool constant_time_equal(std::string_view a, std::string_view b);

}  // namespace cs351
