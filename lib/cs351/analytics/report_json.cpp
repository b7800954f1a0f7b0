#include "cs351/analytics/report_json.h"

#include <cmath>

namespace cs351::analytics {
namespace {

using nlohmann::json;

// Rounded to 10 significant digits so the text is stable across compilers' last-bit noise.
json number(double v) {
  if (!std::isfinite(v)) return nullptr;
  if (v == 0.0) return 0;
  // Whole numbers (attempts, sessions, success) print without a fraction.
  if (std::fabs(v) < 1e15 && v == std::floor(v)) return static_cast<std::int64_t>(v);
  const double scale = std::pow(10.0, 9 - static_cast<int>(std::floor(std::log10(std::fabs(v)))));
  return std::round(v * scale) / scale;
}

json number(const std::optional<double>& v) {
  return v ? number(*v) : json(nullptr);
}

json named_values(const std::vector<std::string>& names, const FeatureValues& values) {
  json out = json::object();
  for (std::size_t j = 0; j < names.size(); ++j) out[names[j]] = number(values[j]);
  return out;
}

json excluded_json(const std::vector<Exclusion>& excluded, const std::string& id_field) {
  json out = json::array();
  for (const auto& e : excluded)
    out.push_back({{id_field, e.id}, {"name", e.name}, {"reason", e.reason}});
  return out;
}

json clusters_json(const ClusterReport& r) {
  json out = json::array();
  for (const auto& c : r.clusters) {
    FeatureValues means(c.means.begin(), c.means.end());
    out.push_back({{"cluster", c.cluster},
                   {"size", c.size},
                   {"label", c.label},
                   {"success_rate", number(c.success_rate)},
                   {"median_attempts", number(c.median_attempts)},
                   {"means", named_values(r.table_features, means)}});
  }
  return out;
}

json students_json(const ClusterReport& r) {
  json out = json::array();
  for (const auto& s : r.students) {
    json z = json::object();
    for (std::size_t j = 0; j < r.features.size(); ++j) z[r.features[j]] = number(s.z[j]);
    out.push_back({{r.id_field, s.id},
                   {"name", s.name},
                   {"cluster", s.cluster},
                   {"distance", number(s.distance)},
                   {"x", number(s.x)},
                   {"y", number(s.y)},
                   {"features", named_values(r.table_features, s.values)},
                   {"z", z}});
  }
  return out;
}

}  // namespace

json report_json(const ClusterReport& r) {
  json k_scores = json::array();
  for (const auto& s : r.k_scores) {
    k_scores.push_back(
        {{"k", s.k}, {"objective", number(s.objective)}, {"silhouette", number(s.silhouette)}});
  }
  json correlations = json::array();
  for (const auto& c : r.correlations) {
    correlations.push_back(
        {{"feature", c.feature}, {"spearman_vs_best_score", number(c.rho)}, {"n", c.n}});
  }
  json out = {{"algorithm", algorithm_name(r.algorithm)},
              {"k", r.k},
              {"seed", r.seed},
              {r.algorithm == Algorithm::kmeans ? "inertia" : "objective", number(r.objective)},
              {"silhouette", number(r.silhouette)},
              {"features", r.features},
              {"parameters",
               {{"n_init", r.n_init},
                {"max_iter", r.max_iter},
                {"tol", r.tol},
                {"standardized", r.standardized},
                {"k_auto", r.k_auto},
                {"outlier_z", r.outlier_z},
                {"keep_outliers", r.keep_outliers}}},
              {"k_scores", k_scores},
              {"outliers", excluded_json(r.excluded, r.id_field)},
              {"clusters", clusters_json(r)},
              {"correlations", correlations},
              {"axes", {{"x", r.x_label}, {"y", r.y_label}}},
              {"students", students_json(r)}};
  return out;
}

FlatRows report_rows(const ClusterReport& r) {
  FlatRows out;
  out.columns = {r.id_field, "name", "cluster", "cluster_label", "distance"};
  for (const auto& f : r.table_features) out.columns.push_back(f);
  for (const auto& f : r.features) out.columns.push_back("z_" + f);
  out.columns.push_back("excluded");
  for (const auto& s : r.students) {
    json row = {{r.id_field, s.id},
                {"name", s.name},
                {"cluster", s.cluster},
                {"cluster_label", r.clusters[s.cluster - 1].label},
                {"distance", number(s.distance)},
                {"excluded", ""}};
    for (std::size_t j = 0; j < r.table_features.size(); ++j)
      row[r.table_features[j]] = number(s.values[j]);
    for (std::size_t j = 0; j < r.features.size(); ++j) row["z_" + r.features[j]] = number(s.z[j]);
    out.rows.push_back(row);
  }
  for (const auto& e : r.excluded)
    out.rows.push_back({{r.id_field, e.id}, {"name", e.name}, {"excluded", e.reason}});
  return out;
}

FlatRows feature_rows(const FeatureTable& t) {
  FlatRows out;
  out.columns = {t.id_field, "name"};
  for (const auto& f : t.features) out.columns.push_back(f);
  out.columns.push_back("excluded");
  for (const auto& s : t.rows) {
    json row = named_values(t.features, s.values);
    row[t.id_field] = s.id;
    row["name"] = s.name;
    row["excluded"] = "";
    out.rows.push_back(row);
  }
  for (const auto& e : t.excluded)
    out.rows.push_back({{t.id_field, e.id}, {"name", e.name}, {"excluded", e.reason}});
  return out;
}

}  // namespace cs351::analytics
