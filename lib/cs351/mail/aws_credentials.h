#pragma once
// AWS credentials from the standard chain: environment, then a profile of the
// shared credentials file. Never from our config or store.

#include <optional>
#include <string>

#include "cs351/core/config.h"

namespace cs351::mail {

struct AwsCredentials {
  std::string access_key_id;
  std::string secret_access_key;
  std::string session_token;  // empty unless temporary credentials
};

// AWS_ACCESS_KEY_ID + AWS_SECRET_ACCESS_KEY (+ AWS_SESSION_TOKEN); else the
// [AWS_PROFILE or default] section of AWS_SHARED_CREDENTIALS_FILE or
// ~/.aws/credentials. Throws a config Error (78) saying what was tried.
AwsCredentials load_aws_credentials(const EnvLookup& env = process_env());

// The profile `profile` of an INI credentials file's text; nullopt when absent.
std::optional<AwsCredentials> parse_credentials_file(const std::string& text,
                                                     const std::string& profile);

}  // namespace cs351::mail
