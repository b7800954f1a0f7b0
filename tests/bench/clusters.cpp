// Clustering benchmark (issue 6). Modes:
//   bench_clusters gen DIR          write DIR/blobs.csv and DIR/uniform.csv (n=100,000, d=8,
//   seeded) bench_clusters kmeans FILE [SEED]   k-means k=6 n_init=10: prints "wall_s cpu_s inertia
//   iterations" bench_clusters kmedians FILE [SEED] k-medians k=6 n_init=10: prints "wall_s cpu_s
//   objective iterations" bench_clusters silhouette FILE N  silhouette of a k=6 k-means on the
//   first N rows: prints "wall_s cpu_s score"
// clusters.sh runs these next to scikit-learn and prints the medians.
#include <chrono>
#include <cmath>
#include <cstdio>
#include <ctime>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>

#include "cs351/analytics/clustering.h"
#include "cs351/analytics/random.h"
#include "cs351/analytics/silhouette.h"

using namespace cs351::analytics;

namespace {

constexpr std::size_t k_rows = 100000, k_dims = 8, k_clusters = 6;

void write(const std::string& path, const Matrix& x) {
  std::ofstream out(path);
  char cell[32];
  for (std::size_t i = 0; i < x.rows(); ++i) {
    for (std::size_t j = 0; j < x.cols(); ++j) {
      std::snprintf(cell, sizeof cell, "%.17g", x.at(i, j));
      out << (j ? "," : "") << cell;
    }
    out << '\n';
  }
}

Matrix read(const std::string& path) {
  std::ifstream in(path);
  std::vector<double> values;
  std::string line;
  std::size_t rows = 0;
  while (std::getline(in, line)) {
    std::istringstream cells(line);
    std::string cell;
    while (std::getline(cells, cell, ',')) values.push_back(std::stod(cell));
    ++rows;
  }
  Matrix x(rows, rows ? values.size() / rows : 0);
  for (std::size_t i = 0; i < rows; ++i) {
    for (std::size_t j = 0; j < x.cols(); ++j) x.at(i, j) = values[i * x.cols() + j];
  }
  return x;
}

// Box-Muller normal from the project's portable uniform source.
double normal(Random& rng) {
  const double u = 1.0 - rng.uniform(), v = rng.uniform();
  return std::sqrt(-2.0 * std::log(u)) * std::cos(2.0 * 3.141592653589793 * v);
}

void generate(const std::string& dir) {
  Random rng(351);
  Matrix centres(k_clusters, k_dims), blobs(k_rows, k_dims), uniform(k_rows, k_dims);
  for (std::size_t c = 0; c < k_clusters; ++c) {
    for (std::size_t j = 0; j < k_dims; ++j) centres.at(c, j) = -10.0 + 20.0 * rng.uniform();
  }
  for (std::size_t i = 0; i < k_rows; ++i) {
    const std::size_t c = rng.below(k_clusters);
    for (std::size_t j = 0; j < k_dims; ++j) {
      blobs.at(i, j) = centres.at(c, j) + normal(rng);
      uniform.at(i, j) = rng.uniform();
    }
  }
  write(dir + "/blobs.csv", blobs);
  write(dir + "/uniform.csv", uniform);
}

// Wall and CPU seconds since construction (CPU time is the fair figure on a shared machine).
struct Stopwatch {
  std::chrono::steady_clock::time_point wall = std::chrono::steady_clock::now();
  std::clock_t cpu = std::clock();
  std::string text() const {
    const double w = std::chrono::duration<double>(std::chrono::steady_clock::now() - wall).count();
    const double c = static_cast<double>(std::clock() - cpu) / CLOCKS_PER_SEC;
    char out[64];
    std::snprintf(out, sizeof out, "%.4f %.4f", w, c);
    return out;
  }
};

Clustering run(const Matrix& x, Algorithm a, std::uint64_t seed) {
  ClusterOptions o;
  o.seed = seed;
  o.algorithm = a;
  o.k = k_clusters;
  o.n_init = 10;
  return cluster(x, o);
}

}  // namespace

int main(int argc, char** argv) {
  const std::string mode = argc > 1 ? argv[1] : "";
  if (mode == "gen" && argc == 3) {
    generate(argv[2]);
    return 0;
  }
  if ((mode == "kmeans" || mode == "kmedians") && (argc == 3 || argc == 4)) {
    const Matrix x = read(argv[2]);
    const Stopwatch watch;
    const auto c = run(x, mode == "kmeans" ? Algorithm::kmeans : Algorithm::kmedians,
                       argc == 4 ? std::stoull(argv[3]) : 0);
    std::printf("%s %.10f %d\n", watch.text().c_str(), c.objective, c.iterations);
    return 0;
  }
  if (mode == "silhouette" && argc == 4) {
    const Matrix all = read(argv[2]);
    std::vector<std::size_t> first(std::stoul(argv[3]));
    for (std::size_t i = 0; i < first.size(); ++i) first[i] = i;
    const Matrix x = all.select_rows(first);
    ClusterOptions o;
    o.k = k_clusters;
    const auto c = cluster(x, o);
    const Stopwatch watch;
    const double s = silhouette(x, c.labels, Metric::euclidean);
    std::printf("%s %.6f\n", watch.text().c_str(), s);
    return 0;
  }
  std::cerr << "usage: bench_clusters gen DIR | kmeans FILE [SEED] | kmedians FILE [SEED] | "
               "silhouette FILE N\n";
  return 2;
}
