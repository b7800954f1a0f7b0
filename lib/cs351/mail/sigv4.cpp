#include "cs351/mail/sigv4.h"

#include <fmt/format.h>

#include <algorithm>
#include <map>

#include "cs351/core/crypto.h"
#include "cs351/core/error.h"
#include "cs351/core/text.h"
#include "cs351/core/time_format.h"

namespace cs351::mail {
namespace {

struct UrlParts {
  std::string host;  // with ":port" when the URL has one
  std::string path;
  std::string query;
};

UrlParts split_url(const std::string& url) {
  const auto scheme_end = url.find("://");
  if (scheme_end == std::string::npos) throw config_error(fmt::format("not a URL: {}", url));
  const auto host_start = scheme_end + 3;
  const auto path_start = url.find_first_of("/?", host_start);
  UrlParts parts;
  parts.host = url.substr(host_start, path_start - host_start);
  const std::string rest = path_start == std::string::npos ? "/" : url.substr(path_start);
  const auto q = rest.find('?');
  parts.path = rest.substr(0, q);
  if (parts.path.empty()) parts.path = "/";
  if (q != std::string::npos) parts.query = rest.substr(q + 1);
  return parts;
}

std::string canonical_query(const std::string& query) {
  if (query.empty()) return "";
  auto params = split(query, '&');
  for (auto& p : params) {
    if (p.find('=') == std::string::npos) p += '=';
  }
  std::sort(params.begin(), params.end());
  std::string out;
  for (const auto& p : params) out += (out.empty() ? "" : "&") + p;
  return out;
}

// Header values are trimmed and inner runs of spaces collapsed, per the spec.
std::string canonical_value(std::string_view value) {
  std::string out;
  bool space = false;
  for (char c : trim(value)) {
    if (c == ' ' || c == '\t') {
      space = true;
      continue;
    }
    if (space) out += ' ';
    space = false;
    out += c;
  }
  return out;
}

std::string hex_sha256(std::string_view data) {
  return hex_encode(sha256(data));
}

}  // namespace

std::string amz_date(TimePoint t) {
  std::string iso = format_utc(t);  // 2015-08-30T12:36:00Z
  iso.erase(std::remove_if(iso.begin(), iso.end(), [](char c) { return c == '-' || c == ':'; }),
            iso.end());
  return iso;
}

Signature compute_signature(const HttpRequest& request, const AwsCredentials& credentials,
                            const SigningScope& scope, const std::string& date_time) {
  const auto url = split_url(request.url);
  std::map<std::string, std::string> headers;
  for (const auto& [name, value] : request.headers) {
    auto& slot = headers[to_lower_ascii(name)];
    slot += (slot.empty() ? "" : ",") + canonical_value(value);
  }
  headers.try_emplace("host", url.host);

  std::string canonical_headers, signed_headers;
  for (const auto& [name, value] : headers) {
    canonical_headers += name + ":" + value + "\n";
    signed_headers += (signed_headers.empty() ? "" : ";") + name;
  }
  Signature sig;
  sig.canonical_request =
      fmt::format("{}\n{}\n{}\n{}\n{}\n{}", request.method, url.path, canonical_query(url.query),
                  canonical_headers, signed_headers, hex_sha256(request.body));
  const std::string date = date_time.substr(0, 8);
  const std::string credential_scope =
      fmt::format("{}/{}/{}/aws4_request", date, scope.region, scope.service);
  sig.string_to_sign = fmt::format("AWS4-HMAC-SHA256\n{}\n{}\n{}", date_time, credential_scope,
                                   hex_sha256(sig.canonical_request));
  std::string key = hmac_sha256("AWS4" + credentials.secret_access_key, date);
  key = hmac_sha256(key, scope.region);
  key = hmac_sha256(key, scope.service);
  key = hmac_sha256(key, "aws4_request");
  sig.authorization =
      fmt::format("AWS4-HMAC-SHA256 Credential={}/{}, SignedHeaders={}, Signature={}",
                  credentials.access_key_id, credential_scope, signed_headers,
                  hex_encode(hmac_sha256(key, sig.string_to_sign)));
  return sig;
}

void sign_request(HttpRequest& request, const AwsCredentials& credentials,
                  const SigningScope& scope, TimePoint now) {
  const std::string date_time = amz_date(now);
  request.headers.emplace_back("Host", split_url(request.url).host);
  request.headers.emplace_back("X-Amz-Date", date_time);
  if (!credentials.session_token.empty()) {
    request.headers.emplace_back("X-Amz-Security-Token", credentials.session_token);
  }
  request.headers.emplace_back(
      "Authorization", compute_signature(request, credentials, scope, date_time).authorization);
}

}  // namespace cs351::mail
