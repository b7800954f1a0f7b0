#include "cs351/roster/schema.h"

namespace cs351::roster {

const store::Migrations& migrations() {
  static const store::Migrations list{
      {"roster", 1, R"sql(
CREATE TABLE courses (
  id INTEGER PRIMARY KEY,
  code TEXT NOT NULL UNIQUE COLLATE NOCASE,
  name TEXT NOT NULL DEFAULT '',
  term TEXT NOT NULL DEFAULT '',
  timezone TEXT NOT NULL DEFAULT 'UTC',
  active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
  gradescope_course_id TEXT UNIQUE,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE TABLE people (
  id INTEGER PRIMARY KEY,
  email TEXT NOT NULL UNIQUE COLLATE NOCASE,
  name TEXT NOT NULL DEFAULT '',
  first_name TEXT NOT NULL DEFAULT '',
  last_name TEXT NOT NULL DEFAULT '',
  sid TEXT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE UNIQUE INDEX people_sid ON people(sid) WHERE sid IS NOT NULL AND sid <> '';
CREATE TABLE enrollments (
  course_id INTEGER NOT NULL REFERENCES courses(id) ON DELETE CASCADE,
  person_id INTEGER NOT NULL REFERENCES people(id) ON DELETE CASCADE,
  role TEXT NOT NULL CHECK (role IN ('student', 'ta', 'instructor', 'reader')),
  sections TEXT NOT NULL DEFAULT '[]',
  status TEXT NOT NULL DEFAULT 'enrolled' CHECK (status IN ('enrolled', 'dropped')),
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  PRIMARY KEY (course_id, person_id)
) WITHOUT ROWID;
CREATE INDEX enrollments_person ON enrollments(person_id);
)sql"},
      // SIDs were unique across the store, so a person listed under another
      // email in a second course (an alias, another campus' system) could not
      // be imported. Now unique within a course, checked by the import; the
      // index stays for lookups. Dropping an index loses no data.
      {"roster", 2, R"sql(
DROP INDEX people_sid;
CREATE INDEX people_sid ON people(sid) WHERE sid IS NOT NULL AND sid <> '';
)sql"},
      // The LMS's own user id (Canvas's `ID` column): kept apart so it never passes for a SID.
      {"roster", 3, R"sql(
ALTER TABLE people ADD COLUMN lms_id TEXT;
)sql"},
  };
  return list;
}

}  // namespace cs351::roster
