#pragma once
// `report clusters`: from a feature table to clusters with profiles, the
// silhouette, outliers, rank correlations and scatter coordinates. Pure.

#include <optional>
#include <string>
#include <vector>

#include "cs351/analytics/clustering.h"
#include "cs351/analytics/feature_table.h"

namespace cs351::analytics {

struct ClusterRequest {
  ClusterOptions cluster;
  bool k_auto = false;
  std::size_t k_min = 2, k_max = 8;   // the --k auto range
  std::vector<std::string> features;  // empty: the table's default choice
  bool keep_outliers = false;
  double outlier_z = 3.0;
  bool standardize = true;  // cluster z-scores (else raw values)
  std::optional<std::string> x_axis,
      y_axis;  // scatter axes; default: first two principal components
};

struct ClusterProfile {
  int cluster = 0;  // 1..k, largest first
  std::size_t size = 0;
  std::string label;                         // "late start · night · many attempts"
  std::vector<std::optional<double>> means;  // every table feature, in its own units
  std::optional<double> success_rate;        // share with success = 1 (course tables)
  std::optional<double> median_attempts;
};

struct StudentResult {
  std::string id, name;
  int cluster = 0;
  double distance = 0.0;    // to the cluster centre, in the clustered space
  FeatureValues values;     // every table feature
  std::vector<double> z;    // the clustered features
  double x = 0.0, y = 0.0;  // scatter position
};

struct KScore {
  std::size_t k;
  double objective, silhouette;
};

struct Correlation {
  std::string feature;
  std::optional<double> rho;  // Spearman vs best_score_pct; nullopt when undefined
  std::size_t n;
};

struct ClusterReport {
  Algorithm algorithm = Algorithm::kmeans;
  std::size_t k = 0;
  std::uint64_t seed = 0;
  int n_init = 0, max_iter = 0;
  double tol = 0.0;
  bool standardized = true, k_auto = false;
  double outlier_z = 0.0;
  bool keep_outliers = false;
  double objective = 0.0, silhouette = 0.0;
  std::string id_field;
  std::vector<std::string> table_features;  // every column, in order
  std::vector<std::string> features;        // the clustered ones
  std::vector<KScore> k_scores;             // one per k tried (one entry without --k auto)
  std::vector<Exclusion> excluded;          // by role, missing values, |z| outliers
  std::vector<ClusterProfile> clusters;
  std::vector<StudentResult> students;
  std::vector<Correlation> correlations;
  std::string x_label, y_label;
};

// Throws a usage Error for unknown feature names or an empty k range, a data
// Error when fewer students than k remain.
ClusterReport build_cluster_report(const FeatureTable& table, const ClusterRequest& request);

// "late start · night · many attempts" from the mean z of each clustered
// feature in a cluster: the up-to-three largest |mean z| >= 0.5, else "typical".
std::string profile_label(const std::vector<std::string>& features,
                          const std::vector<double>& mean_z);

}  // namespace cs351::analytics
