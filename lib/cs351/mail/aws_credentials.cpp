#include "cs351/mail/aws_credentials.h"

#include <fmt/format.h>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <map>

#include "cs351/core/error.h"
#include "cs351/core/text.h"

namespace cs351::mail {
namespace {

std::string env_or_empty(const EnvLookup& env, const std::string& name) {
  auto v = env(name);
  return v ? *v : std::string();
}

std::filesystem::path credentials_path(const EnvLookup& env) {
  if (auto file = env("AWS_SHARED_CREDENTIALS_FILE"); file && !file->empty()) return *file;
  return std::filesystem::path(env_or_empty(env, "HOME")) / ".aws" / "credentials";
}

}  // namespace

std::optional<AwsCredentials> parse_credentials_file(const std::string& text,
                                                     const std::string& profile) {
  std::map<std::string, std::string> keys;
  bool in_profile = false, found = false;
  for (const auto& raw : split(text, '\n')) {
    const auto line = trim(raw);
    if (line.empty() || line.front() == '#' || line.front() == ';') continue;
    if (line.front() == '[' && line.back() == ']') {
      in_profile = trim(line.substr(1, line.size() - 2)) == profile;
      found = found || in_profile;
      continue;
    }
    const auto eq = line.find('=');
    if (in_profile && eq != std::string_view::npos) {
      keys[to_lower_ascii(trim(line.substr(0, eq)))] = std::string(trim(line.substr(eq + 1)));
    }
  }
  if (!found || keys["aws_access_key_id"].empty() || keys["aws_secret_access_key"].empty()) {
    return std::nullopt;
  }
  return AwsCredentials{keys["aws_access_key_id"], keys["aws_secret_access_key"],
                        keys["aws_session_token"]};
}

AwsCredentials load_aws_credentials(const EnvLookup& env) {
  const auto id = env_or_empty(env, "AWS_ACCESS_KEY_ID");
  const auto secret = env_or_empty(env, "AWS_SECRET_ACCESS_KEY");
  if (!id.empty() && !secret.empty()) {
    return AwsCredentials{id, secret, env_or_empty(env, "AWS_SESSION_TOKEN")};
  }
  auto profile = env_or_empty(env, "AWS_PROFILE");
  if (profile.empty()) profile = "default";
  const auto path = credentials_path(env);
  std::ifstream in(path);
  if (in) {
    const std::string text(std::istreambuf_iterator<char>(in), {});
    if (auto creds = parse_credentials_file(text, profile)) return *creds;
  }
  throw config_error(
      fmt::format("no AWS credentials: set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, or put "
                  "profile [{}] with aws_access_key_id and aws_secret_access_key in {}",
                  profile, path.string()));
}

}  // namespace cs351::mail
