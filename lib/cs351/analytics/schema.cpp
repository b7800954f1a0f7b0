#include "cs351/analytics/schema.h"

namespace cs351::analytics {

// analytics_assignments: work staff describe by hand (`assignments add`), keyed
// by course and name; the Gradescope module keeps its own gradescope_assignments.
// analytics_submissions: histories from `submissions import`, one row per
// (assignment, email, submitted_at); times are ISO-8601 UTC text.
const store::Migrations& migrations() {
  static const store::Migrations list{
      {"analytics", 1, R"sql(
CREATE TABLE analytics_assignments (
  id INTEGER PRIMARY KEY,
  course_id INTEGER NOT NULL REFERENCES courses(id) ON DELETE CASCADE,
  name TEXT NOT NULL COLLATE NOCASE,
  release_at TEXT,
  due_at TEXT,
  late_due_at TEXT,
  max_points REAL CHECK (max_points IS NULL OR max_points > 0),
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  UNIQUE (course_id, name)
);
CREATE TABLE analytics_submissions (
  id INTEGER PRIMARY KEY,
  assignment_id INTEGER NOT NULL REFERENCES analytics_assignments(id) ON DELETE CASCADE,
  email TEXT NOT NULL COLLATE NOCASE,
  submitted_at TEXT NOT NULL,
  score REAL NOT NULL,
  max_score REAL,
  source TEXT NOT NULL DEFAULT '',
  imported_at TEXT NOT NULL,
  UNIQUE (assignment_id, email, submitted_at)
);
)sql"},
  };
  return list;
}

}  // namespace cs351::analytics
