#pragma once
// Where a report's table comes from: one assignment of a course in the store,
// or a features file. The store is opened only when needed.

#include <SQLiteCpp/Database.h>

#include <functional>
#include <string>

#include "cs351/analytics/cluster_report.h"
#include "cs351/analytics/feature_table.h"
#include "cs351/autograde/queue.h"

namespace cs351::analytics {

struct ReportSource {
  CourseFeatures course;      // used when features_file is empty
  std::string features_file;  // "-" = stdin
  bool anonymize = false;     // pseudonyms salted with the course code (or the file name)
};

// The store, and the autograde queue the runs are read through.
struct ReportStore {
  SQLite::Database& db;
  autograde::Queue& runs;
};
using StoreOpener = std::function<ReportStore()>;

FeatureTable load_report_table(const ReportSource& source, const StoreOpener& open_store);

// load_report_table, then build_cluster_report.
ClusterReport run_cluster_report(const ReportSource& source, const ClusterRequest& request,
                                 const StoreOpener& open_store);

}  // namespace cs351::analytics
