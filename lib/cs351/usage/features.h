#pragma once
// Agent features per student for a window of days, for `report clusters
// --with-usage` (analytics calls this; it never reads the usage tables).

#include <SQLiteCpp/Database.h>

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace cs351::usage {

// Feature names, in the order agent_features fills them.
const std::vector<std::string>& agent_feature_names();

// email -> values (agent_feature_names order) for every enrolled student of
// `course`, counting course-local days from `since` to `until` (YYYY-MM-DD,
// either open). Costs use the shipped price table.
std::map<std::string, std::vector<double>> agent_features(SQLite::Database& db,
                                                          const std::string& course,
                                                          const std::optional<std::string>& since,
                                                          const std::optional<std::string>& until);

}  // namespace cs351::usage
