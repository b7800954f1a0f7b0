#include <algorithm>
#include <cmath>
#include <map>
#include <numeric>

#include "cs351/analytics/cluster_report.h"

namespace cs351::analytics {
namespace {

constexpr double k_distinctive_z = 0.5;
constexpr std::size_t k_label_words = 3;

// Words for a feature well above / below the class mean.
const std::map<std::string, std::pair<const char*, const char*>>& words() {
  static const std::map<std::string, std::pair<const char*, const char*>> table{
      {"attempts", {"many attempts", "few attempts"}},
      {"span_hours", {"long span", "short span"}},
      {"sessions", {"many sessions", "few sessions"}},
      {"active_days", {"many days", "few days"}},
      {"start_lead_hours", {"early start", "late start"}},
      {"night_frac", {"night", "daytime"}},
      {"weekend_frac", {"weekend", "weekdays"}},
      {"best_score_pct", {"high score", "low score"}},
      {"final_score_pct", {"high final score", "low final score"}},
      {"success", {"succeeds", "rarely succeeds"}},
      {"hours_to_full", {"slow to full score", "quick to full score"}},
  };
  return table;
}

std::string word_for(const std::string& feature, bool high) {
  const auto it = words().find(feature);
  if (it != words().end()) return high ? it->second.first : it->second.second;
  return (high ? "high " : "low ") + feature;
}

}  // namespace

std::string profile_label(const std::vector<std::string>& features,
                          const std::vector<double>& mean_z) {
  std::vector<std::size_t> order(features.size());
  std::iota(order.begin(), order.end(), 0);
  std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
    return std::fabs(mean_z[a]) > std::fabs(mean_z[b]);
  });
  std::string label;
  for (std::size_t i = 0; i < order.size() && i < k_label_words; ++i) {
    const double z = mean_z[order[i]];
    if (std::fabs(z) < k_distinctive_z) break;
    label += (label.empty() ? "" : " \u00b7 ") + word_for(features[order[i]], z > 0);
  }
  return label.empty() ? "typical" : label;
}

}  // namespace cs351::analytics
