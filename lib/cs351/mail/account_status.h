#pragma once
// The state of the SES account as staff need it: sandbox or production,
// quota, verified identities, and which roster addresses SES would refuse.

#include <optional>
#include <string>
#include <vector>

#include "cs351/mail/mailer.h"

namespace cs351::mail {

struct AccountStatus {
  std::string endpoint;
  std::string region;
  std::optional<SesAccount> account;                   // nullopt: the endpoint could not tell
  std::optional<std::vector<SesIdentity>> identities;  // nullopt: no identities API there
  // Sandbox only: `addresses` that are not verified recipients.
  std::vector<std::string> unverified;
  std::vector<std::string> notes;  // what could not be determined, and why
};

// True when `address` is a verified email identity or lies in a verified domain.
bool is_verified_recipient(const std::vector<SesIdentity>& identities, const std::string& address);

// Asks SES for the account and identities; an operation the endpoint lacks is a
// note, not an error. `addresses` are checked against the identities in sandbox.
AccountStatus account_status(Mailer& mailer, const std::vector<std::string>& addresses);

struct VerificationOutcome {
  std::string email;
  std::string status;  // verified | requested | pending | failed
  std::string detail;
};

// CreateEmailIdentity for each address not yet verified, at the send rate, so
// SES emails it a confirmation link. Throws an unavailable Error (69) when the
// endpoint has no identities API.
std::vector<VerificationOutcome> request_verification(Mailer& mailer,
                                                      const std::vector<std::string>& addresses);

}  // namespace cs351::mail
