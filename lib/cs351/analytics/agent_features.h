#pragma once
// `report clusters --with-usage`: agent features (from the usage module's
// public API) appended to each student's behaviour features.

#include <SQLiteCpp/Database.h>

#include <cstddef>
#include <map>
#include <string>

#include "cs351/analytics/assignments.h"
#include "cs351/analytics/feature_table.h"
#include "cs351/roster/course.h"

namespace cs351::analytics {

// Adds the agent columns for the assignment's window (release day to due day,
// course-local; open ends when unset). `attempts` counts each row's attempts.
void add_agent_features(SQLite::Database& db, const roster::Course& course,
                        const AssignmentInfo& assignment,
                        const std::map<std::string, std::size_t>& attempts, FeatureTable& table);

}  // namespace cs351::analytics
