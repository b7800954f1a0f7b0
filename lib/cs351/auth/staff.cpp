#include "cs351/auth/staff.h"

#include <SQLiteCpp/Transaction.h>
#include <fmt/format.h>

#include "cs351/core/text.h"
#include "cs351/roster/course.h"
#include "cs351/roster/email.h"
#include "cs351/roster/role.h"
#include "cs351/roster/roster_import.h"
#include "cs351/store/events.h"

namespace cs351::auth {
namespace {

// Through roster's own upsert, as one row: an existing person keeps the fields
// left empty here, and a dropped enrollment comes back.
void put_on_staff(SQLite::Database& db, const roster::Course& course, const InviteRequest& r,
                  const Clock& clock) {
  roster::RosterRow row;
  row.line = 1;
  row.email = r.email;
  row.name = r.name;
  row.role = r.role;
  row.status = "enrolled";
  roster::ImportOptions options;
  options.default_role = r.role;
  options.source = "staff invite";
  roster::apply_roster(db, course, {row}, options, clock);
  store::append_event(db, {"staff.invite", r.email, {{"course", course.code}, {"role", r.role}}},
                      clock);
}

}  // namespace

InviteResult invite_staff(store::Store& store, const InviteRequest& request,
                          const LinkSettings& settings, mail::Mailer& mailer) {
  if (!roster::parse_role(request.role) || !roster::is_staff(request.role)) {
    throw usage_error(
        fmt::format("a staff role is ta, instructor or reader (got '{}')", request.role));
  }
  if (invalid_utf8_at(request.name) || request.name.find_first_of("\r\n") != std::string::npos) {
    throw usage_error("a staff member's name must be one line of UTF-8 text");
  }
  auto& db = store.db();
  const auto course = roster::require_course(db, request.course);
  SendRequest send{{request.email}, "", "", Purpose::onboard, std::nullopt};
  // Validates the address before anything is written.
  plan_send(db, send, settings, mailer.clock());
  InviteRequest normalized = request;
  normalized.email = roster::normalize_email(request.email);
  {
    SQLite::Transaction tx(db, SQLite::TransactionBehavior::IMMEDIATE);
    put_on_staff(db, course, normalized, mailer.clock());
    tx.commit();
  }
  send.course = course.code;
  send.to = {normalized.email};
  InviteResult result;
  result.plan = plan_send(db, send, settings, mailer.clock());
  result.delivery = execute_send(store, result.plan, settings, mailer);
  return result;
}

}  // namespace cs351::auth
