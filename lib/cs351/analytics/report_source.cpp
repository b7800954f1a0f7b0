#include "cs351/analytics/report_source.h"

#include "cs351/core/error.h"
#include "cs351/core/text.h"

namespace cs351::analytics {

FeatureTable load_report_table(const ReportSource& source, const StoreOpener& open_store) {
  FeatureTable table;
  std::string salt;
  if (!source.features_file.empty()) {
    const std::string name = source.features_file == "-" ? "<stdin>" : source.features_file;
    table = read_feature_table_csv(read_input(source.features_file), name);
    salt = name;
  } else {
    if (source.course.course.empty() || source.course.assignment.empty()) {
      throw usage_error("a report needs a course and an assignment, or a features file");
    }
    const ReportStore store = open_store();
    table = course_feature_table(store.db, store.runs, source.course);
    salt = to_lower_ascii(source.course.course);
  }
  if (source.anonymize) anonymize(table, salt);
  return table;
}

ClusterReport run_cluster_report(const ReportSource& source, const ClusterRequest& request,
                                 const StoreOpener& open_store) {
  return build_cluster_report(load_report_table(source, open_store), request);
}

}  // namespace cs351::analytics
