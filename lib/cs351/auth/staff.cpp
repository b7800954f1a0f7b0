#include "cs351/auth/staff.h"

#include <SQLiteCpp/Statement.h>
#include <SQLiteCpp/Transaction.h>
#include <fmt/format.h>

#include "cs351/core/text.h"
#include "cs351/core/time_format.h"
#include "cs351/roster/course.h"
#include "cs351/store/events.h"

namespace cs351::auth {
namespace {

// Writes the roster tables directly until the roster module exposes a
// single-person upsert; the columns follow roster's schema.
void put_on_staff(SQLite::Database& db, const roster::Course& course, const InviteRequest& r,
                  const Clock& clock) {
  const auto now = format_utc(clock.now());
  SQLite::Statement person(
      db,
      "INSERT INTO people(email, name, created_at, updated_at) VALUES (?1, ?2, "
      "?3, ?3) ON CONFLICT (email) DO UPDATE SET name = CASE WHEN ?2 = '' THEN "
      "name ELSE ?2 END, updated_at = ?3");
  person.bind(1, r.email);
  person.bind(2, r.name);
  person.bind(3, now);
  person.exec();
  SQLite::Statement enroll(
      db,
      "INSERT INTO enrollments(course_id, person_id, role, status, created_at, "
      "updated_at) SELECT ?1, id, ?2, 'enrolled', ?3, ?3 FROM people WHERE email "
      "= ?4 ON CONFLICT (course_id, person_id) DO UPDATE SET role = ?2, status = "
      "'enrolled', updated_at = ?3");
  enroll.bind(1, course.id);
  enroll.bind(2, r.role);
  enroll.bind(3, now);
  enroll.bind(4, r.email);
  enroll.exec();
  store::append_event(db, {"staff.invite", r.email, {{"course", course.code}, {"role", r.role}}},
                      clock);
}

}  // namespace

InviteResult invite_staff(store::Store& store, const InviteRequest& request,
                          const LinkSettings& settings, mail::Mailer& mailer) {
  if (request.role != "ta" && request.role != "instructor" && request.role != "reader") {
    throw usage_error(
        fmt::format("--role must be ta, instructor or reader (got '{}')", request.role));
  }
  if (invalid_utf8_at(request.name) || request.name.find_first_of("\r\n") != std::string::npos) {
    throw usage_error("--name must be one line of UTF-8 text");
  }
  auto& db = store.db();
  const auto course = roster::require_course(db, request.course);
  SendRequest send{{request.email}, "", "", Purpose::onboard, std::nullopt};
  // Validates the address before anything is written.
  plan_send(db, send, settings, mailer.clock());
  InviteRequest normalized = request;
  normalized.email = to_lower_ascii(trim(request.email));
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
