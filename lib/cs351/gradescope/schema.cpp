#include "cs351/gradescope/schema.h"

namespace cs351::gradescope {

// The tables other modules read (reports, audit scores) are documented column by
// column in docs/gradescope.md; keep the two in step.
const store::Migrations& migrations() {
  static const store::Migrations list{
      {"gradescope", 1, R"sql(
CREATE TABLE gradescope_assignments (
  id INTEGER PRIMARY KEY,
  course_id INTEGER NOT NULL REFERENCES courses(id) ON DELETE CASCADE,
  gradescope_id TEXT NOT NULL,
  title TEXT NOT NULL,
  total_points REAL,
  release_at TEXT,
  due_at TEXT,
  late_due_at TEXT,
  published INTEGER NOT NULL DEFAULT 0 CHECK (published IN (0, 1)),
  updated_at TEXT NOT NULL,
  UNIQUE (course_id, gradescope_id)
);
CREATE TABLE gradescope_memberships (
  id INTEGER PRIMARY KEY,
  course_id INTEGER NOT NULL REFERENCES courses(id) ON DELETE CASCADE,
  email TEXT NOT NULL COLLATE NOCASE,
  name TEXT NOT NULL DEFAULT '',
  sid TEXT NOT NULL DEFAULT '',
  role TEXT NOT NULL CHECK (role IN ('student', 'ta', 'instructor', 'reader')),
  sections TEXT NOT NULL DEFAULT '[]',
  gradescope_user_id TEXT,
  membership_id TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  UNIQUE (course_id, email)
);
CREATE TABLE gradescope_scores (
  id INTEGER PRIMARY KEY,
  assignment_id INTEGER NOT NULL REFERENCES gradescope_assignments(id) ON DELETE CASCADE,
  email TEXT NOT NULL COLLATE NOCASE,
  score REAL,
  max_points REAL,
  status TEXT NOT NULL,
  submission_id TEXT,
  submitted_at TEXT,
  lateness_s INTEGER,
  submission_count INTEGER,
  updated_at TEXT NOT NULL,
  UNIQUE (assignment_id, email)
);
CREATE INDEX gradescope_scores_email ON gradescope_scores(email);
CREATE TABLE gradescope_submissions (
  id INTEGER PRIMARY KEY,
  assignment_id INTEGER NOT NULL REFERENCES gradescope_assignments(id) ON DELETE CASCADE,
  email TEXT NOT NULL COLLATE NOCASE,
  submission_id TEXT NOT NULL,
  created_at TEXT NOT NULL,
  score REAL,
  updated_at TEXT NOT NULL,
  UNIQUE (assignment_id, email, submission_id)
);
CREATE INDEX gradescope_submissions_email ON gradescope_submissions(email);
)sql"},
  };
  return list;
}

}  // namespace cs351::gradescope
