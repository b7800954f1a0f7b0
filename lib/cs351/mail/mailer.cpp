#include "cs351/mail/mailer.h"
#include "cs351/mail/settings.h"

#include <fmt/format.h>

#include "cs351/core/duration.h"

namespace cs351::mail {
namespace {

std::string default_region(const Config& config, const EnvLookup& env) {
  if (auto r = config.get(keys::region); r && !r->empty()) return *r;
  for (const char* name : {"AWS_REGION", "AWS_DEFAULT_REGION"}) {
    if (auto r = env(name); r && !r->empty()) return *r;
  }
  return "us-east-1";
}

std::string endpoint_for(const Config& config, const std::string& region) {
  auto endpoint = config.get(keys::endpoint).value_or("");
  if (endpoint.empty()) return fmt::format("https://email.{}.amazonaws.com", region);
  if (!endpoint.starts_with("http://") && !endpoint.starts_with("https://")) {
    throw config_error(fmt::format("ses.endpoint must be an http(s) URL, got '{}'", endpoint));
  }
  while (endpoint.ends_with('/')) endpoint.pop_back();
  return endpoint;
}

}  // namespace

MailSetup load_mail_setup(const Config& config, const EnvLookup& env) {
  MailSetup setup;
  setup.ses.region = default_region(config, env);
  setup.ses.endpoint = endpoint_for(config, setup.ses.region);
  setup.ses.credentials = load_aws_credentials(env);
  setup.ses.timeout = config.value(keys::timeout);
  setup.from = config.get(keys::from).value_or("");
  setup.configuration_set = config.get(keys::configuration_set).value_or("");
  setup.max_send_rate = config.get(keys::max_send_rate);
  setup.retry.max_attempts = static_cast<int>(config.value(keys::max_attempts));
  return setup;
}

Mailer::Mailer(MailSetup setup, std::unique_ptr<HttpClient> http, const Clock& clock, Sleeper sleep)
    : m_setup(std::move(setup)),
      m_http(std::move(http)),
      m_clock(clock),
      m_sleep(std::move(sleep)),
      m_ses(*m_http, m_setup.ses, clock) {}

const std::optional<SesAccount>& Mailer::account() {
  if (!m_account_asked) {
    m_account_asked = true;
    try {
      m_account = m_ses.get_account();
    } catch (const SesError&) {
      m_account.reset();  // the caller reports "unknown"; sending may still work
    }
  }
  return m_account;
}

double Mailer::send_rate() {
  if (m_setup.max_send_rate) return *m_setup.max_send_rate;
  const auto& a = account();
  return a && a->max_send_rate > 0 ? a->max_send_rate : 1.0;
}

const std::string& Mailer::require_from() const {
  if (m_setup.from.empty()) {
    throw config_error("ses.from is not set (config key ses.from, env CS351_SES_FROM)");
  }
  return m_setup.from;
}

std::unique_ptr<Mailer> make_mailer(const Config& config) {
  return std::make_unique<Mailer>(load_mail_setup(config), make_curl_client("cs351/0.1"),
                                  system_clock(), real_sleeper());
}

}  // namespace cs351::mail
