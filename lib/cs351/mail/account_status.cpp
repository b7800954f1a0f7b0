#include "cs351/mail/account_status.h"

#include <fmt/format.h>

#include <algorithm>

#include "cs351/core/text.h"

namespace cs351::mail {
namespace {

const SesIdentity* find_identity(const std::vector<SesIdentity>& identities,
                                 const std::string& name) {
  for (const auto& id : identities) {
    if (to_lower_ascii(id.name) == name) return &id;
  }
  return nullptr;
}

}  // namespace

bool is_verified_recipient(const std::vector<SesIdentity>& identities, const std::string& address) {
  const auto email = to_lower_ascii(address);
  const auto* exact = find_identity(identities, email);
  if (exact != nullptr && exact->verification_status == "SUCCESS") return true;
  const auto at = email.rfind('@');
  const auto* domain =
      at == std::string::npos ? nullptr : find_identity(identities, email.substr(at + 1));
  return domain != nullptr && domain->verification_status == "SUCCESS";
}

AccountStatus account_status(Mailer& mailer, const std::vector<std::string>& addresses) {
  AccountStatus status;
  status.endpoint = mailer.setup().ses.endpoint;
  status.region = mailer.setup().ses.region;
  try {
    status.account = mailer.ses().get_account();
  } catch (const SesError& e) {
    status.notes.push_back(fmt::format("account details unavailable: {}", e.what()));
  }
  status.identities = mailer.ses().list_identities();
  if (!status.identities) {
    status.notes.push_back(
        "this endpoint has no identities API (ListEmailIdentities answered 404)");
    return status;
  }
  if (status.account && !status.account->production_access) {
    for (const auto& a : addresses) {
      if (!is_verified_recipient(*status.identities, a)) status.unverified.push_back(a);
    }
  }
  return status;
}

std::vector<VerificationOutcome> request_verification(Mailer& mailer,
                                                      const std::vector<std::string>& addresses) {
  const auto identities = mailer.ses().list_identities();
  if (!identities) {
    throw unavailable_error(fmt::format("{} has no identities API; cannot request verification",
                                        mailer.setup().ses.endpoint));
  }
  RateLimiter limiter(mailer.send_rate(), mailer.clock(), mailer.sleeper());
  std::vector<VerificationOutcome> out;
  for (const auto& address : addresses) {
    if (is_verified_recipient(*identities, address)) {
      out.push_back({address, "verified", ""});
      continue;
    }
    if (const auto* known = find_identity(*identities, to_lower_ascii(address))) {
      out.push_back({address, "pending", known->verification_status});
      continue;
    }
    try {
      const bool created = with_retries(mailer.setup().retry, mailer.sleeper(), [&] {
        limiter.acquire();
        return mailer.ses().create_email_identity(address);
      });
      out.push_back({address, created ? "requested" : "pending", ""});
    } catch (const SesError& e) {
      if (is_retryable(e)) throw;
      out.push_back({address, "failed", e.ses_message()});
    }
  }
  return out;
}

}  // namespace cs351::mail
