#include "cs351/analytics/cluster_report.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <numeric>

#include "cs351/analytics/pca.h"
#include "cs351/analytics/silhouette.h"
#include "cs351/analytics/statistics.h"
#include "cs351/core/error.h"

namespace cs351::analytics {
namespace {

std::size_t column_of(const FeatureTable& t, const std::string& name) {
  const auto it = std::find(t.features.begin(), t.features.end(), name);
  if (it == t.features.end()) {
    std::string known;
    for (const auto& f : t.features) known += (known.empty() ? "" : ", ") + f;
    throw usage_error(fmt::format("unknown feature '{}' (available: {})", name, known));
  }
  return static_cast<std::size_t>(it - t.features.begin());
}

std::vector<std::size_t> chosen_columns(const FeatureTable& t,
                                        const std::vector<std::string>& requested) {
  std::vector<std::size_t> cols;
  for (const auto& name : requested) cols.push_back(column_of(t, name));
  if (requested.empty()) {
    for (std::size_t j = 0; j < t.features.size(); ++j) {
      if (t.clustered[j]) cols.push_back(j);
    }
  }
  if (cols.empty()) throw usage_error("no features to cluster on");
  return cols;
}

// The students to cluster: those with a value for every chosen feature.
struct Working {
  std::vector<const Subject*> rows;
  std::vector<Exclusion> excluded;
};

Working complete_rows(const FeatureTable& t, const std::vector<std::size_t>& cols) {
  Working w{{}, t.excluded};
  for (const auto& s : t.rows) {
    const auto gap =
        std::find_if(cols.begin(), cols.end(), [&](std::size_t j) { return !s.values[j]; });
    if (gap == cols.end()) {
      w.rows.push_back(&s);
    } else {
      w.excluded.push_back({s.id, s.name, "no value for " + t.features[*gap]});
    }
  }
  return w;
}

Matrix raw_matrix(const std::vector<const Subject*>& rows, const std::vector<std::size_t>& cols) {
  Matrix x(rows.size(), cols.size());
  for (std::size_t i = 0; i < rows.size(); ++i) {
    for (std::size_t j = 0; j < cols.size(); ++j) x.at(i, j) = *rows[i]->values[cols[j]];
  }
  return x;
}

// Drops (once) every row with |z| > limit on some feature; the caller re-standardises.
void drop_outliers(Working& w, const FeatureTable& t, const std::vector<std::size_t>& cols,
                   double limit) {
  const Matrix raw = raw_matrix(w.rows, cols);
  const Matrix z = standardize(raw, column_scale(raw));
  std::vector<const Subject*> kept;
  for (std::size_t i = 0; i < w.rows.size(); ++i) {
    std::size_t worst = 0;
    for (std::size_t j = 1; j < cols.size(); ++j) {
      if (std::fabs(z.at(i, j)) > std::fabs(z.at(i, worst))) worst = j;
    }
    if (std::fabs(z.at(i, worst)) > limit) {
      w.excluded.push_back(
          {w.rows[i]->id, w.rows[i]->name,
           fmt::format("|z| = {:.2f} on {} (value {:.4g})", std::fabs(z.at(i, worst)),
                       t.features[cols[worst]], raw.at(i, worst))});
    } else {
      kept.push_back(w.rows[i]);
    }
  }
  w.rows = std::move(kept);
}

Metric metric_of(Algorithm a) {
  return a == Algorithm::kmeans ? Metric::euclidean : Metric::manhattan;
}

// Clusters for the requested k, or for each k of the auto range keeping the best silhouette.
Clustering choose_clustering(const Matrix& x, const ClusterRequest& r, std::vector<KScore>& scores,
                             std::size_t& k) {
  std::size_t lo = r.cluster.k, hi = r.cluster.k;
  if (r.k_auto) {
    lo = r.k_min;
    hi = std::min(r.k_max, x.rows() > 0 ? x.rows() - 1 : 0);
    if (lo < 2 || lo > hi) {
      throw usage_error(
          fmt::format("choosing k needs a range within 2..{} for {} students (got {}..{})",
                      x.rows() > 0 ? x.rows() - 1 : 0, x.rows(), r.k_min, r.k_max));
    }
  }
  Clustering best;
  double best_score = -2.0;
  for (std::size_t kk = lo; kk <= hi; ++kk) {
    ClusterOptions o = r.cluster;
    o.k = kk;
    Clustering c = cluster(x, o);
    const double s = silhouette(x, c.labels, metric_of(o.algorithm), o.seed);
    scores.push_back({kk, c.objective, s});
    if (s > best_score) {
      best_score = s;
      best = std::move(c);
      k = kk;
    }
  }
  return best;
}

// Cluster numbers 1..k, largest cluster first (ties: the one whose first member comes first).
std::vector<int> renumber(const std::vector<int>& labels, std::size_t k) {
  std::vector<std::size_t> size(k, 0), first(k, labels.size());
  for (std::size_t i = 0; i < labels.size(); ++i) {
    ++size[labels[i]];
    first[labels[i]] = std::min(first[labels[i]], i);
  }
  std::vector<std::size_t> order(k);
  std::iota(order.begin(), order.end(), 0);
  std::sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
    return size[a] != size[b] ? size[a] > size[b] : first[a] < first[b];
  });
  std::vector<int> number(k);
  for (std::size_t rank = 0; rank < k; ++rank) number[order[rank]] = static_cast<int>(rank + 1);
  std::vector<int> out(labels.size());
  for (std::size_t i = 0; i < labels.size(); ++i) out[i] = number[labels[i]];
  return out;
}

std::optional<double> mean_of(const std::vector<double>& v) {
  if (v.empty()) return std::nullopt;
  return std::accumulate(v.begin(), v.end(), 0.0) / static_cast<double>(v.size());
}

std::optional<double> median_of(std::vector<double> v) {
  if (v.empty()) return std::nullopt;
  std::sort(v.begin(), v.end());
  const std::size_t mid = v.size() / 2;
  return v.size() % 2 ? v[mid] : (v[mid - 1] + v[mid]) / 2.0;
}

ClusterProfile profile(const ClusterReport& r, int number) {
  ClusterProfile p;
  p.cluster = number;
  std::vector<std::vector<double>> values(r.table_features.size());
  std::vector<double> z_sum(r.features.size(), 0.0);
  for (const auto& s : r.students) {
    if (s.cluster != number) continue;
    ++p.size;
    for (std::size_t j = 0; j < s.values.size(); ++j) {
      if (s.values[j]) values[j].push_back(*s.values[j]);
    }
    for (std::size_t j = 0; j < s.z.size(); ++j) z_sum[j] += s.z[j];
  }
  for (const auto& column : values) p.means.push_back(mean_of(column));
  for (double& z : z_sum) z /= static_cast<double>(std::max<std::size_t>(p.size, 1));
  p.label = profile_label(r.features, z_sum);
  for (std::size_t j = 0; j < r.table_features.size(); ++j) {
    if (r.table_features[j] == "success") p.success_rate = p.means[j];
    if (r.table_features[j] == "attempts") p.median_attempts = median_of(values[j]);
  }
  return p;
}

std::vector<Correlation> correlations(const ClusterReport& r) {
  const auto target = std::find(r.table_features.begin(), r.table_features.end(), "best_score_pct");
  if (target == r.table_features.end()) return {};
  const std::size_t t = target - r.table_features.begin();
  std::vector<Correlation> out;
  for (std::size_t j = 0; j < r.table_features.size(); ++j) {
    if (j == t) continue;
    std::vector<double> a, b;
    for (const auto& s : r.students) {
      if (s.values[j] && s.values[t]) {
        a.push_back(*s.values[j]);
        b.push_back(*s.values[t]);
      }
    }
    out.push_back({r.table_features[j], spearman(a, b), a.size()});
  }
  return out;
}

void place_on_axes(ClusterReport& r, const FeatureTable& t, const Matrix& z,
                   const ClusterRequest& req) {
  if (req.x_axis || req.y_axis) {
    if (!req.x_axis || !req.y_axis) throw usage_error("a scatter plot needs both axes");
    const std::size_t xj = column_of(t, *req.x_axis), yj = column_of(t, *req.y_axis);
    for (auto& s : r.students) {
      if (!s.values[xj] || !s.values[yj])
        throw data_error(fmt::format("{} has no value for the scatter axis", s.id));
      s.x = *s.values[xj];
      s.y = *s.values[yj];
    }
    r.x_label = *req.x_axis;
    r.y_label = *req.y_axis;
    return;
  }
  const Matrix pcs = principal_scores(z, 2);
  for (std::size_t i = 0; i < r.students.size(); ++i) {
    r.students[i].x = pcs.at(i, 0);
    r.students[i].y = pcs.at(i, 1);
  }
  r.x_label = "principal component 1";
  r.y_label = "principal component 2";
}

void copy_parameters(ClusterReport& r, const FeatureTable& t, const ClusterRequest& req) {
  r.algorithm = req.cluster.algorithm;
  r.seed = req.cluster.seed;
  r.n_init = req.cluster.n_init;
  r.max_iter = req.cluster.max_iter;
  r.tol = req.cluster.tol;
  r.standardized = req.standardize;
  r.k_auto = req.k_auto;
  r.outlier_z = req.outlier_z;
  r.keep_outliers = req.keep_outliers;
  r.id_field = t.id_field;
  r.table_features = t.features;
}

}  // namespace

ClusterReport build_cluster_report(const FeatureTable& t, const ClusterRequest& req) {
  ClusterReport r;
  copy_parameters(r, t, req);
  const auto cols = chosen_columns(t, req.features);
  for (std::size_t j : cols) r.features.push_back(t.features[j]);
  Working w = complete_rows(t, cols);
  if (!req.keep_outliers && !w.rows.empty()) drop_outliers(w, t, cols, req.outlier_z);
  r.excluded = std::move(w.excluded);
  if (!req.k_auto && w.rows.size() < req.cluster.k) {
    throw data_error(fmt::format("only {} subject{} left to cluster ({} excluded), fewer than k={}",
                                 w.rows.size(), w.rows.size() == 1 ? "" : "s", r.excluded.size(),
                                 req.cluster.k));
  }
  const Matrix raw = raw_matrix(w.rows, cols);
  const Matrix z = standardize(raw, column_scale(raw));
  const Matrix& x = req.standardize ? z : raw;
  const Clustering c = choose_clustering(x, req, r.k_scores, r.k);
  r.objective = c.objective;
  for (const auto& s : r.k_scores) {
    if (s.k == r.k) r.silhouette = s.silhouette;
  }
  const auto numbers = renumber(c.labels, r.k);
  const auto dist = distances_to_centre(x, c, req.cluster.algorithm);
  for (std::size_t i = 0; i < w.rows.size(); ++i) {
    StudentResult s{
        w.rows[i]->id, w.rows[i]->name, numbers[i], dist[i], w.rows[i]->values, {}, 0.0, 0.0};
    for (std::size_t j = 0; j < cols.size(); ++j) s.z.push_back(z.at(i, j));
    r.students.push_back(std::move(s));
  }
  for (std::size_t n = 1; n <= r.k; ++n) r.clusters.push_back(profile(r, static_cast<int>(n)));
  r.correlations = correlations(r);
  place_on_axes(r, t, z, req);
  return r;
}

}  // namespace cs351::analytics
