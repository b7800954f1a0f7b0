#pragma once
// A table of subjects (students, or the ids of a --features-file) and their
// feature values: what `report features` prints and `report clusters` clusters.

#include <SQLiteCpp/Database.h>

#include <chrono>
#include <string>
#include <vector>

#include "cs351/analytics/features.h"
#include "cs351/autograde/queue.h"

namespace cs351::analytics {

struct Subject {
  std::string id;    // email, or the file's first column
  std::string name;  // display name ("" when unknown)
  FeatureValues values;
};

// Someone left out, and why ("staff (instructor)", "no submissions", "|z| = 4.20 on attempts").
struct Exclusion {
  std::string id, name, reason;
};

struct FeatureTable {
  std::string id_field = "email";     // "id" for a features file
  std::vector<std::string> features;  // column names
  std::vector<bool> clustered;        // default clustering choice per column
  std::vector<Subject> rows;          // sorted by id
  std::vector<Exclusion> excluded;
};

struct CourseFeatures {
  std::string course, assignment;
  // The assignment's [autograde.assignments.NAME] name, when it is autograded here:
  // its runs are attempts too (and it may be known by nothing else).
  std::optional<std::string> autograde_name;
  std::optional<double> max_points;  // --max-points: beats the assignment's own
  std::chrono::minutes session_gap{30};
  bool with_usage = false;  // append agent features (docs/usage.md)
};

// Enrolled students with at least one attempt. Staff (by role), dropped
// students, people not on the roster and students without submissions are
// listed in `excluded`. Throws a data Error for an unknown course or assignment.
FeatureTable course_feature_table(SQLite::Database& db, autograde::Queue& runs,
                                  const CourseFeatures& request);

// A CSV: header row, first column an id, the rest numbers (empty = missing).
// Throws a data Error "name:line: ..." for non-numeric cells, duplicate ids,
// duplicate column names or no rows.
FeatureTable read_feature_table_csv(const std::string& bytes, const std::string& name);

// Replaces ids and names by stable pseudonyms ("student-3f2a9c1b"), derived
// from `salt` and the id, in rows and exclusions.
void anonymize(FeatureTable& table, const std::string& salt);

}  // namespace cs351::analytics
