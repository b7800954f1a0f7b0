#pragma once
// The append-only audit trail: who did what to whom, when. Modules append;
// nothing updates or deletes rows (a trigger refuses it).

#include <SQLiteCpp/Database.h>
#include <nlohmann/json.hpp>

#include <string>

#include "cs351/core/clock.h"

namespace cs351::store {

struct Event {
  std::string action;   // "roster.import", "magic_link.redeem", ...
  std::string subject;  // what it is about: an email, a course code, a run id
  nlohmann::json details = nlohmann::json::object();
};

// Appends one row stamped with `clock` and the current OS user as actor.
void append_event(SQLite::Database& db, const Event& event, const Clock& clock = system_clock());

// The OS user running the command ($USER, else the passwd entry, else "unknown").
std::string current_actor();

}  // namespace cs351::store
