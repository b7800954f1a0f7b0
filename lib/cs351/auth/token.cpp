#include "cs351/auth/token.h"

#include <fmt/format.h>

#include "cs351/core/crypto.h"
#include "cs351/core/error.h"

namespace cs351::auth {

const char* purpose_name(Purpose p) {
  return p == Purpose::login ? "login" : "onboard";
}

Purpose parse_purpose(std::string_view text) {
  if (text == "login") return Purpose::login;
  if (text == "onboard") return Purpose::onboard;
  throw usage_error(fmt::format("unknown purpose '{}' (choose login or onboard)", text));
}

NewToken generate_token() {
  NewToken t;
  // Redrawn when it would start with '-' (1 in 64): a command line would take it for
  // an option. That costs 0.02 bits of the 256.
  do {
    t.plaintext = base64url_encode(random_bytes(32));
  } while (t.plaintext.front() == '-');
  t.hash = hex_encode(sha256(t.plaintext));
  t.id = "tk_" + hex_encode(random_bytes(6));
  return t;
}

std::string hash_token(std::string_view plaintext) {
  std::string raw;
  if (plaintext.size() != 43 || !base64url_decode(plaintext, raw) || raw.size() != 32) {
    throw data_error("malformed token (expected 43 base64url characters)");
  }
  return hex_encode(sha256(plaintext));
}

}  // namespace cs351::auth
