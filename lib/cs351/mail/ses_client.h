#pragma once
// The few SES v2 operations cs351 uses, over our HttpClient with SigV4 (service "ses").

#include <chrono>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "cs351/core/clock.h"
#include "cs351/core/error.h"
#include "cs351/core/http_client.h"
#include "cs351/mail/aws_credentials.h"

namespace cs351::mail {

struct SesSettings {
  std::string endpoint;  // "https://email.us-east-1.amazonaws.com", no trailing slash
  std::string region;
  AwsCredentials credentials;
  std::chrono::milliseconds timeout{30'000};
};

struct EmailMessage {
  std::string from;
  std::string to;
  std::string subject;
  std::string text;
  std::string html;
  std::string configuration_set;  // empty: none
  // Names and values: ASCII letters, digits, '_' and '-' only (SES rule).
  std::vector<std::pair<std::string, std::string>> tags;
};

// How a failed call should be handled by the caller.
enum class SesFailure {
  throttled,  // 429 / TooManyRequests / rate or quota exceeded: back off, retry
  transient,  // 5xx: retry
  permanent,  // MessageRejected, bad request, bad credentials: do not retry
};

class SesError : public Error {
 public:
  SesError(SesFailure kind, long status, std::string type, const std::string& message);
  SesFailure kind() const { return m_kind; }
  long status() const { return m_status; }
  const std::string& type() const { return m_type; }  // "MessageRejected", ...
  const std::string& ses_message() const { return m_message; }

 private:
  SesFailure m_kind;
  long m_status;
  std::string m_type;
  std::string m_message;
};

struct SesAccount {
  bool production_access = false;  // false: sandbox
  bool sending_enabled = false;
  std::string enforcement_status;
  double max_24_hour_send = 0;
  double max_send_rate = 0;
  double sent_last_24_hours = 0;
};

struct SesIdentity {
  std::string name;
  std::string type;                 // EMAIL_ADDRESS | DOMAIN | MANAGED_DOMAIN
  std::string verification_status;  // PENDING | SUCCESS | FAILED | TEMPORARY_FAILURE | NOT_STARTED
  bool sending_enabled = false;
};

// Classifies a non-2xx answer: type from x-amzn-ErrorType, else the body.
SesError parse_ses_error(const HttpResponse& response);

class SesClient {
 public:
  SesClient(HttpClient& http, SesSettings settings, const Clock& clock = system_clock());

  // SendEmail; returns SES's MessageId. Throws SesError or HttpTransportError.
  std::string send_email(const EmailMessage& message);
  SesAccount get_account();
  // Every identity (all pages); nullopt when the endpoint has no identities API
  // (a bare 404, as the local emulator answers).
  std::optional<std::vector<SesIdentity>> list_identities();
  // CreateEmailIdentity: SES emails `address` a confirmation link. Returns false
  // when the identity already existed.
  bool create_email_identity(const std::string& address);

  const SesSettings& settings() const { return m_settings; }

 private:
  HttpResponse call(const std::string& method, const std::string& path_and_query,
                    const std::string& body);

  HttpClient& m_http;
  SesSettings m_settings;
  const Clock& m_clock;
};

// JSON body of a SendEmail request (exposed for tests).
std::string send_email_body(const EmailMessage& message);

}  // namespace cs351::mail
