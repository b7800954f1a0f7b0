#pragma once
// Staff onboarding: put the person on the course's staff, then send the
// single-use onboarding link (7 days by default) through the outbox.

#include <string>

#include "cs351/auth/send.h"

namespace cs351::auth {

struct InviteRequest {
  std::string email;
  std::string course;
  std::string role;  // ta | instructor | reader
  std::string name;  // optional; kept when empty and the person exists
};

struct InviteResult {
  SendPlan plan;
  mail::DeliveryReport delivery;
};

// Adds or updates the person and their staff enrollment (one transaction),
// then sends the onboarding link. Throws a usage Error for a bad role or
// address, a data Error for an unknown course.
InviteResult invite_staff(store::Store& store, const InviteRequest& request,
                          const LinkSettings& settings, mail::Mailer& mailer);

}  // namespace cs351::auth
