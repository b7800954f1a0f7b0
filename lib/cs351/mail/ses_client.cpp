#include "cs351/mail/ses_client.h"
#include "cs351/core/json.h"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "cs351/mail/sigv4.h"

namespace cs351::mail {
namespace {

using nlohmann::json;

ExitCode exit_code_for(SesFailure kind, long status) {
  if (kind == SesFailure::throttled) return ExitCode::temporary;
  if (kind == SesFailure::transient) return ExitCode::unavailable;
  return status == 403 ? ExitCode::no_perm : ExitCode::failure;
}

std::string first_string(const json& body, std::initializer_list<const char*> keys) {
  for (const char* k : keys) {
    if (body.contains(k) && body[k].is_string()) return body[k].get<std::string>();
  }
  return "";
}

bool is_throttling(long status, const std::string& type, const std::string& message) {
  return status == 429 || type == "TooManyRequestsException" || type == "Throttling" ||
         type == "ThrottlingException" ||
         message.find("Maximum sending rate exceeded") != std::string::npos ||
         message.find("Daily message quota exceeded") != std::string::npos;
}

json parse_json_body(const HttpResponse& response, const std::string& what) {
  auto body = parse_json(response.body);
  if (body.is_discarded() || !body.is_object()) {
    throw Error(ExitCode::unavailable, fmt::format("SES {}: answer is not a JSON object", what));
  }
  return body;
}

double number_or_zero(const json& obj, const char* key) {
  return obj.contains(key) && obj[key].is_number() ? obj[key].get<double>() : 0.0;
}

}  // namespace

SesError::SesError(SesFailure kind, long status, std::string type, const std::string& message)
    : Error(exit_code_for(kind, status),
            fmt::format("SES {} {}: {}", status, type.empty() ? "error" : type, message)),
      m_kind(kind),
      m_status(status),
      m_type(std::move(type)),
      m_message(message) {}

SesError parse_ses_error(const HttpResponse& response) {
  const auto body = parse_json(response.body);
  std::string type, message;
  if (auto header = response.header("x-amzn-ErrorType"))
    type = header->substr(0, header->find(':'));
  if (body.is_object()) {
    if (type.empty()) type = first_string(body, {"code", "Code", "__type", "type"});
    message = first_string(body, {"message", "Message"});
  }
  type = type.substr(type.rfind('#') == std::string::npos ? 0 : type.rfind('#') + 1);
  if (message.empty()) message = fmt::format("HTTP {}", response.status);
  SesFailure kind = SesFailure::permanent;
  if (is_throttling(response.status, type, message)) {
    kind = SesFailure::throttled;
  } else if (response.status >= 500) {
    kind = SesFailure::transient;
  }
  return SesError(kind, response.status, type, message);
}

std::string send_email_body(const EmailMessage& m) {
  json body{{"FromEmailAddress", m.from}, {"Destination", {{"ToAddresses", {m.to}}}}};
  json simple{{"Subject", {{"Data", m.subject}, {"Charset", "UTF-8"}}}};
  json parts = json::object();
  if (!m.text.empty()) parts["Text"] = {{"Data", m.text}, {"Charset", "UTF-8"}};
  if (!m.html.empty()) parts["Html"] = {{"Data", m.html}, {"Charset", "UTF-8"}};
  simple["Body"] = parts;
  body["Content"] = {{"Simple", simple}};
  if (!m.configuration_set.empty()) body["ConfigurationSetName"] = m.configuration_set;
  if (!m.tags.empty()) {
    json tags = json::array();
    for (const auto& [name, value] : m.tags) tags.push_back({{"Name", name}, {"Value", value}});
    body["EmailTags"] = tags;
  }
  return body.dump(-1, ' ', false, json::error_handler_t::replace);
}

SesClient::SesClient(HttpClient& http, SesSettings settings, const Clock& clock)
    : m_http(http), m_settings(std::move(settings)), m_clock(clock) {}

HttpResponse SesClient::call(const std::string& method, const std::string& path_and_query,
                             const std::string& body) {
  HttpRequest request;
  request.method = method;
  request.url = m_settings.endpoint + path_and_query;
  request.body = body;
  request.timeout = m_settings.timeout;
  if (method != "GET") request.headers.emplace_back("Content-Type", "application/json");
  sign_request(request, m_settings.credentials, {m_settings.region, "ses"}, m_clock.now());
  return m_http.send(request);
}

std::string SesClient::send_email(const EmailMessage& message) {
  const auto response = call("POST", "/v2/email/outbound-emails", send_email_body(message));
  if (response.status != 200) throw parse_ses_error(response);
  const auto id = first_string(parse_json_body(response, "SendEmail"), {"MessageId"});
  if (id.empty()) throw Error(ExitCode::unavailable, "SES SendEmail: answer has no MessageId");
  return id;
}

SesAccount SesClient::get_account() {
  const auto response = call("GET", "/v2/email/account", "");
  if (response.status != 200) throw parse_ses_error(response);
  const auto body = parse_json_body(response, "GetAccount");
  SesAccount account;
  account.production_access = body.value("ProductionAccessEnabled", false);
  account.sending_enabled = body.value("SendingEnabled", false);
  account.enforcement_status = first_string(body, {"EnforcementStatus"});
  if (body.contains("SendQuota") && body["SendQuota"].is_object()) {
    const auto& q = body["SendQuota"];
    account.max_24_hour_send = number_or_zero(q, "Max24HourSend");
    account.max_send_rate = number_or_zero(q, "MaxSendRate");
    account.sent_last_24_hours = number_or_zero(q, "SentLast24Hours");
  }
  return account;
}

std::optional<std::vector<SesIdentity>> SesClient::list_identities() {
  std::vector<SesIdentity> out;
  std::string next;
  do {
    // Parameters sorted and encoded, as SigV4 (and libcurl 7.88) needs.
    std::string query =
        next.empty() ? "?PageSize=1000" : "?NextToken=" + url_encode(next) + "&PageSize=1000";
    const auto response = call("GET", "/v2/email/identities" + query, "");
    if (response.status == 404 && !response.header("x-amzn-ErrorType")) return std::nullopt;
    if (response.status != 200) throw parse_ses_error(response);
    const auto body = parse_json_body(response, "ListEmailIdentities");
    for (const auto& item : body.value("EmailIdentities", json::array())) {
      if (!item.is_object()) continue;
      out.push_back({first_string(item, {"IdentityName"}), first_string(item, {"IdentityType"}),
                     first_string(item, {"VerificationStatus"}),
                     item.value("SendingEnabled", false)});
    }
    next = first_string(body, {"NextToken"});
  } while (!next.empty());
  return out;
}

bool SesClient::create_email_identity(const std::string& address) {
  const auto response =
      call("POST", "/v2/email/identities", json{{"EmailIdentity", address}}.dump());
  if (response.status == 200) return true;
  auto error = parse_ses_error(response);
  if (error.type() == "AlreadyExistsException") return false;
  throw error;
}

}  // namespace cs351::mail
