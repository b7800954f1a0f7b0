#include "cs351/analytics/features.h"

#include <date/date.h>
#include <fmt/format.h>

#include <algorithm>
#include <set>

#include "cs351/core/error.h"
#include "cs351/core/time_format.h"

namespace cs351::analytics {
namespace {

using std::chrono::duration;
using std::chrono::milliseconds;

constexpr int k_night_starts = 22;  // course-local [22:00, 06:00) counts as night
constexpr int k_night_ends = 6;

double hours_between(TimePoint from, TimePoint to) {
  return duration<double, std::ratio<3600>>(to - from).count();
}

double score_pct(const Attempt& a, const FeatureOptions& o) {
  const auto max = a.max_score ? a.max_score : o.max_points;
  if (!max || *max <= 0.0) {
    throw NoMaxPoints(fmt::format(
        "no max points for {}'s attempt at {}: neither Gradescope (total_points) nor "
        "`assignments add` gave the assignment any",
        a.email, date::format("%FT%TZ", std::chrono::floor<std::chrono::seconds>(a.submitted_at))));
  }
  return 100.0 * a.score / *max;
}

struct LocalCalendar {
  int sessions = 1, night = 0, weekend = 0;
  std::set<date::local_days> days;
};

LocalCalendar local_calendar(const std::vector<Attempt>& sorted, const FeatureOptions& o) {
  LocalCalendar cal;
  for (std::size_t i = 0; i < sorted.size(); ++i) {
    const auto local = date::local_time<std::chrono::milliseconds>(
        in_zone(sorted[i].submitted_at, o.timezone).local.time_since_epoch());
    const auto day = date::floor<date::days>(local);
    const auto hour = date::floor<std::chrono::hours>(local - day).count();
    const date::weekday wd{day};
    cal.days.insert(day);
    cal.night += (hour >= k_night_starts || hour < k_night_ends) ? 1 : 0;
    cal.weekend += (wd == date::Saturday || wd == date::Sunday) ? 1 : 0;
    if (i > 0 && sorted[i].submitted_at - sorted[i - 1].submitted_at > o.session_gap)
      ++cal.sessions;
  }
  return cal;
}

}  // namespace

const std::vector<FeatureSpec>& feature_specs() {
  static const std::vector<FeatureSpec> specs{
      {"attempts", "submissions", "number of submissions", true},
      {"span_hours", "hours", "last minus first submission", true},
      {"sessions", "sessions",
       "1 + number of gaps longer than the session gap (30 min) between consecutive submissions",
       true},
      {"active_days", "days", "distinct course-local calendar days with a submission", true},
      {"start_lead_hours", "hours",
       "due date minus first submission (negative: started after the deadline)", true},
      {"night_frac", "share", "share of submissions at course-local hour in [22:00, 06:00)", true},
      {"weekend_frac", "share", "share of submissions on a course-local Saturday or Sunday", true},
      {"best_score_pct", "%", "best score as % of max points", true},
      {"final_score_pct", "%", "last score as % of max points", true},
      {"success", "0/1", "1 when the best score reached max points", true},
      {"hours_to_full", "hours",
       "first submission to first full score (missing if never; not clustered)", false},
  };
  return specs;
}

std::optional<std::size_t> feature_index(const std::string& name) {
  const auto& specs = feature_specs();
  for (std::size_t i = 0; i < specs.size(); ++i) {
    if (name == specs[i].name) return i;
  }
  return std::nullopt;
}

FeatureValues compute_features(std::vector<Attempt> attempts, const FeatureOptions& o) {
  if (attempts.empty()) throw data_error("no attempts to compute features from");
  std::stable_sort(attempts.begin(), attempts.end(), [](const Attempt& a, const Attempt& b) {
    return a.submitted_at < b.submitted_at;
  });
  const TimePoint first = attempts.front().submitted_at, last = attempts.back().submitted_at;
  const auto cal = local_calendar(attempts, o);
  const double n = static_cast<double>(attempts.size());

  double best = 0.0;
  std::optional<double> to_full;
  for (const auto& a : attempts) {
    const double pct = score_pct(a, o);
    best = std::max(best, pct);
    // Full score within rounding of the stored decimal points.
    if (!to_full && pct >= 100.0 - 1e-9) to_full = hours_between(first, a.submitted_at);
  }
  const bool success = to_full.has_value();

  return FeatureValues{
      n,
      hours_between(first, last),
      static_cast<double>(cal.sessions),
      static_cast<double>(cal.days.size()),
      o.due ? std::optional<double>(hours_between(first, *o.due)) : std::nullopt,
      cal.night / n,
      cal.weekend / n,
      best,
      score_pct(attempts.back(), o),
      success ? 1.0 : 0.0,
      to_full,
  };
}

}  // namespace cs351::analytics
