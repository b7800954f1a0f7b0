#pragma once
// Submissions the bridge refused, kept in the store so staff see them at once (`autograde
// status`): a wrong token, an unknown assignment or course, a configuration error, an archive
// that cannot be unpacked. `fault` says who must act: "staff" or "student".

#include <SQLiteCpp/Database.h>

#include <string>
#include <vector>

#include "cs351/core/clock.h"

namespace cs351::autograde {

struct Refusal {
  TimePoint at;
  int status = 0;      // the HTTP status the client got
  std::string fault;   // "staff" | "student"
  std::string client;  // the client's network, e.g. "203.0.113.0/24"
  std::string message;
};

void record_refusal(SQLite::Database& db, const Refusal& refusal);

// Refusals at or after `since`, newest first, at most `limit`.
std::vector<Refusal> refusals_since(SQLite::Database& db, TimePoint since, int limit = 20);

}  // namespace cs351::autograde
