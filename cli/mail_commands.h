#pragma once
// Shared by the mail, magic-link and staff command files.

#include <memory>

#include "cli/context.h"
#include "cs351/auth/send.h"
#include "cs351/mail/mailer.h"

namespace cs351::cli {

// Warns about sandbox-unverified addresses among `emails` (when SES can tell).
void warn_unverified(Context& ctx, mail::Mailer& mailer, const std::vector<std::string>& emails);

// Prints the plan's skipped recipients and the delivery outcomes as one
// listing, a one-line summary on stderr, and throws when delivery stopped
// early (its exit code, 75 or 69) or a message failed (exit 1).
void report_delivery(Context& ctx, const auth::SendPlan* plan, const mail::DeliveryReport& report);

}  // namespace cs351::cli
