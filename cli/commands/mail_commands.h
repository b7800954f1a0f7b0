#pragma once
// Shared by the mail, magic-link and staff command files.

#include <memory>

#include "cli/context.h"
#include "cli/interrupt.h"
#include "cli/progress.h"
#include "cs351/auth/send.h"
#include "cs351/mail/mailer.h"

namespace cs351::cli {

// Warns about sandbox-unverified addresses among `emails` (when SES can tell).
void warn_unverified(Context& ctx, mail::Mailer& mailer, const std::vector<std::string>& emails);

// A delivery someone watches: progress on a terminal, and Ctrl-C stops it between
// messages (the rest stays queued) instead of killing it.
class WatchedDelivery {
 public:
  explicit WatchedDelivery(const Context& ctx) : m_progress(ctx) {}
  mail::DeliveryControl control(mail::PendingScope scope = {});
  void clear() { m_progress.clear(); }

 private:
  Progress m_progress;
  StopOnInterrupt m_stop;
};

// Prints the plan's skipped recipients and the delivery outcomes as one
// listing, a one-line summary on stderr, and throws when delivery stopped
// early (its exit code, 75 or 69; 130 after Ctrl-C, saying what is left and how
// to resume or drop it) or a message failed (exit 1).
void report_delivery(Context& ctx, const auth::SendPlan* plan, const mail::DeliveryReport& report);

// " --batch b-…" / " --course CODE": the flags that name `scope` for flush and cancel.
std::string scope_flags(const mail::PendingScope& scope);

}  // namespace cs351::cli
