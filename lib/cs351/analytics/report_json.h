#pragma once
// The stable machine-readable forms of the reports (documented in docs/reports.md).

#include <nlohmann/json.hpp>

#include <string>
#include <vector>

#include "cs351/analytics/cluster_report.h"
#include "cs351/analytics/feature_table.h"

namespace cs351::analytics {

// The whole report: parameters, k_scores, outliers, clusters, students, correlations.
nlohmann::json report_json(const ClusterReport& report);

// One flat row per subject, for CSV and tables: id, name, cluster, cluster_label,
// distance, then each feature and z_<feature>; excluded people follow with `excluded` set.
struct FlatRows {
  std::vector<std::string> columns;
  nlohmann::json rows = nlohmann::json::array();
};
FlatRows report_rows(const ClusterReport& report);

// `report features`: id, name, then every feature (null = missing); excluded people last.
FlatRows feature_rows(const FeatureTable& table);

}  // namespace cs351::analytics
