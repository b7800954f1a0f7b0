#pragma once
// Everything needed to send mail, built once from config: the SES client on
// libcurl, the sender, the pace and the retry policy.

#include <memory>
#include <optional>
#include <string>

#include "cs351/core/config.h"
#include "cs351/core/http_client.h"
#include "cs351/mail/rate_limiter.h"
#include "cs351/mail/retry.h"
#include "cs351/mail/ses_client.h"

namespace cs351::mail {

struct MailSetup {
  SesSettings ses;
  std::string from;               // empty until ses.from is set; required to send
  std::string configuration_set;  // empty: none
  std::optional<double> max_send_rate;
  RetryPolicy retry;
};

// Reads ses.* and the AWS credential chain. Throws a config Error (78) for a
// bad value or missing credentials.
MailSetup load_mail_setup(const Config& config, const EnvLookup& env = process_env());

class Mailer {
 public:
  Mailer(MailSetup setup, std::unique_ptr<HttpClient> http, const Clock& clock, Sleeper sleep);

  SesClient& ses() { return m_ses; }
  const MailSetup& setup() const { return m_setup; }
  const Clock& clock() const { return m_clock; }
  const Sleeper& sleeper() const { return m_sleep; }
  // ses.max_send_rate when set, else the account's MaxSendRate (asked once), else 1.
  double send_rate();
  // The account, asked once; nullopt when the endpoint cannot tell (e.g. an emulator).
  const std::optional<SesAccount>& account();
  // The sender address; a config Error naming ses.from when unset.
  const std::string& require_from() const;

 private:
  MailSetup m_setup;
  std::unique_ptr<HttpClient> m_http;
  const Clock& m_clock;
  Sleeper m_sleep;
  SesClient m_ses;
  bool m_account_asked = false;
  std::optional<SesAccount> m_account;
};

// A Mailer over libcurl with the real clock, from config.
std::unique_ptr<Mailer> make_mailer(const Config& config);

}  // namespace cs351::mail
