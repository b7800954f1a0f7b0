#pragma once
// Magic-link tokens: 32 bytes from the CSPRNG, base64url without padding (43
// characters), never starting with '-' (so they pass as command arguments). Only the SHA-256 is ever stored; a short random id names a token
// in logs, events and listings.

#include <string>
#include <string_view>

namespace cs351::auth {

enum class Purpose { login, onboard };
const char* purpose_name(Purpose p);
// Throws a usage Error for anything but "login" / "onboard".
Purpose parse_purpose(std::string_view text);

struct NewToken {
  std::string plaintext;  // goes into the email and nowhere else
  std::string hash;       // hex SHA-256 of the plaintext
  std::string id;         // "tk_" + 12 hex digits, safe to show
};

NewToken generate_token();

// Hex SHA-256 of a well-formed token; throws a data Error (65) for anything
// that is not 43 base64url characters decoding to 32 bytes.
std::string hash_token(std::string_view plaintext);

}  // namespace cs351::auth
