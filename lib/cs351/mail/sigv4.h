#pragma once
// AWS Signature Version 4, computed by us (not CURLOPT_AWS_SIGV4, which libcurl
// 7.88 gets wrong for some requests) so it is unit-tested against the AWS test vectors.

#include <string>

#include "cs351/core/clock.h"
#include "cs351/core/http_client.h"
#include "cs351/mail/aws_credentials.h"

namespace cs351::mail {

struct SigningScope {
  std::string region;   // "us-east-1"
  std::string service;  // "ses" for SES v2 (never "email")
};

// The pieces of a signature, exposed so tests can compare each step.
struct Signature {
  std::string canonical_request;
  std::string string_to_sign;
  std::string authorization;  // the Authorization header value
};

// "20150830T123600Z".
std::string amz_date(TimePoint t);

// Signs `request` as is: the headers already on it (plus Host, derived from the
// URL when absent) are all signed. The query string must already be sorted and
// percent-encoded, as our callers build it.
Signature compute_signature(const HttpRequest& request, const AwsCredentials& credentials,
                            const SigningScope& scope, const std::string& amz_date);

// Adds Host, X-Amz-Date, X-Amz-Security-Token (temporary credentials) and
// Authorization to `request`.
void sign_request(HttpRequest& request, const AwsCredentials& credentials,
                  const SigningScope& scope, TimePoint now);

}  // namespace cs351::mail
