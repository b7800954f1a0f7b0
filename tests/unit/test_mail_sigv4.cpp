#include <doctest/doctest.h>

#include "cs351/mail/sigv4.h"

using cs351::HttpRequest;
using cs351::mail::compute_signature;

namespace {

// The published AWS SigV4 test suite's credentials, scope and time.
const cs351::mail::AwsCredentials k_creds{"AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY",
                                          ""};
const cs351::mail::SigningScope k_scope{"us-east-1", "service"};
constexpr const char* k_date = "20150830T123600Z";

HttpRequest vector_request(const std::string& method, const std::string& url) {
  HttpRequest r;
  r.method = method;
  r.url = url;
  r.headers = {{"Host", "example.amazonaws.com"}, {"X-Amz-Date", k_date}};
  return r;
}

std::string signature_of(const HttpRequest& r) {
  const auto auth = compute_signature(r, k_creds, k_scope, k_date).authorization;
  return auth.substr(auth.find("Signature=") + 10);
}

}  // namespace

TEST_SUITE_BEGIN("mail/sigv4");

TEST_CASE("get-vanilla: canonical request, string to sign and signature match the AWS vector") {
  const auto sig = compute_signature(vector_request("GET", "https://example.amazonaws.com/"),
                                     k_creds, k_scope, k_date);
  CHECK(sig.canonical_request ==
        "GET\n/\n\nhost:example.amazonaws.com\nx-amz-date:20150830T123600Z\n\nhost;x-amz-date\n"
        "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  CHECK(sig.string_to_sign ==
        "AWS4-HMAC-SHA256\n20150830T123600Z\n20150830/us-east-1/service/aws4_request\n"
        "bb579772317eb040ac9ed261061d46c1f17a8133879d6129b6e1c25292927e63");
  CHECK(sig.authorization ==
        "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request, "
        "SignedHeaders=host;x-amz-date, "
        "Signature=5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31");
}

TEST_CASE("post-vanilla") {
  CHECK(signature_of(vector_request("POST", "https://example.amazonaws.com/")) ==
        "5da7c1a2acd57cee7505fc6676e4e544621c30862966e37dddb68e92efbe5d6b");
}

TEST_CASE("get-vanilla-query-order-key-case: parameters are sorted before signing") {
  CHECK(signature_of(
            vector_request("GET", "https://example.amazonaws.com/?Param2=value2&Param1=value1")) ==
        "b97d918cfa904a5beff61c982a1b6f458b799221646efd99d3219ec94cdf2500");
}

TEST_CASE("post-x-www-form-urlencoded: body hash and content-type are signed") {
  auto r = vector_request("POST", "https://example.amazonaws.com/");
  r.headers.emplace_back("Content-Type", "application/x-www-form-urlencoded");
  r.body = "Param1=value1";
  CHECK(signature_of(r) == "ff11897932ad3f4e8b18135d722051e5ac45fc38421b1da7b9d196a0fe09473a");
}

TEST_CASE("a one-byte change in the body changes the signature") {
  auto a = vector_request("POST", "https://example.amazonaws.com/");
  auto b = a;
  a.body = "{\"x\":1}";
  b.body = "{\"x\":2}";
  CHECK(signature_of(a) != signature_of(b));
}

TEST_CASE("sign_request adds Host with the port, X-Amz-Date, the session token, and signs them") {
  HttpRequest r;
  r.method = "POST";
  r.url = "http://127.0.0.1:4567/v2/email/outbound-emails";
  r.headers = {{"Content-Type", "application/json"}};
  r.body = "{}";
  const cs351::mail::AwsCredentials temp{"ASIAEXAMPLE", "secret", "session-token-value"};
  const auto t =
      cs351::TimePoint(std::chrono::milliseconds(1440938160000));  // 2015-08-30T12:36:00Z
  cs351::mail::sign_request(r, temp, {"eu-west-1", "ses"}, t);
  auto header = [&](const std::string& name) {
    for (const auto& [k, v] : r.headers) {
      if (k == name) return v;
    }
    return std::string();
  };
  CHECK(header("Host") == "127.0.0.1:4567");
  CHECK(header("X-Amz-Date") == "20150830T123600Z");
  CHECK(header("X-Amz-Security-Token") == "session-token-value");
  const auto auth = header("Authorization");
  CHECK(auth.find("Credential=ASIAEXAMPLE/20150830/eu-west-1/ses/aws4_request") !=
        std::string::npos);
  CHECK(auth.find("SignedHeaders=content-type;host;x-amz-date;x-amz-security-token") !=
        std::string::npos);
}

TEST_CASE("amz_date formats the basic ISO form") {
  CHECK(cs351::mail::amz_date(cs351::TimePoint(std::chrono::milliseconds(1440938160999))) ==
        "20150830T123600Z");
}

TEST_SUITE_END();
