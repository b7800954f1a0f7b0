#include "cs351/store/events.h"

#include <pwd.h>
#include <unistd.h>

#include <SQLiteCpp/Statement.h>
#include <cstdlib>

#include "cs351/core/time_format.h"

namespace cs351::store {

std::string current_actor() {
  // Looked up once: a batch appends thousands of events.
  static const std::string actor = [] {
    if (const char* u = std::getenv("USER"); u != nullptr && *u != '\0') return std::string(u);
    if (const passwd* pw = getpwuid(getuid()); pw != nullptr) return std::string(pw->pw_name);
    return std::string("unknown");
  }();
  return actor;
}

void append_event(SQLite::Database& db, const Event& event, const Clock& clock) {
  SQLite::Statement q(
      db, "INSERT INTO events(at, actor, action, subject, details) VALUES (?, ?, ?, ?, ?)");
  q.bind(1, format_utc(clock.now()));
  q.bind(2, current_actor());
  q.bind(3, event.action);
  q.bind(4, event.subject);
  q.bind(5, event.details.dump());
  q.exec();
}

}  // namespace cs351::store
