#pragma once
// Where a report's table comes from: one assignment of a course in the store,
// or a features file. The store is opened only when needed.

#include <SQLiteCpp/Database.h>

#include <functional>
#include <string>

#include "cs351/analytics/cluster_report.h"
#include "cs351/analytics/feature_table.h"

namespace cs351::analytics {

struct ReportSource {
  CourseFeatures course;      // used when features_file is empty
  std::string features_file;  // "-" = stdin
  bool anonymize = false;     // pseudonyms salted with the course code (or the file name)
};

using StoreOpener = std::function<SQLite::Database&()>;

FeatureTable load_report_table(const ReportSource& source, const StoreOpener& open_store);

// load_report_table, then build_cluster_report.
ClusterReport run_cluster_report(const ReportSource& source, const ClusterRequest& request,
                                 const StoreOpener& open_store);

}  // namespace cs351::analytics
