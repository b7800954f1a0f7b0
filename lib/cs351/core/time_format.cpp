#include "cs351/core/time_format.h"

#include <date/date.h>
#include <date/tz.h>

#include <sstream>

namespace cs351 {
namespace {

using std::chrono::milliseconds;

std::optional<date::local_time<milliseconds>> parse_local(const std::string& s) {
  for (const char* fmt :
       {"%Y-%m-%dT%H:%M:%S", "%Y-%m-%d %H:%M:%S", "%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M", "%Y-%m-%d"}) {
    std::istringstream in(s);
    date::local_time<milliseconds> t;
    in >> date::parse(fmt, t);
    if (!in.fail() && in.peek() == std::char_traits<char>::eof()) return t;
  }
  return std::nullopt;
}

std::optional<TimePoint> parse_absolute(const std::string& s) {
  for (const char* fmt : {"%Y-%m-%dT%H:%M:%S%Ez", "%Y-%m-%dT%H:%M:%S%z", "%Y-%m-%d %H:%M:%S%Ez",
                          "%Y-%m-%d %H:%M:%S %z", "%Y-%m-%dT%H:%M%Ez"}) {
    std::istringstream in(s);
    TimePoint t;
    in >> date::parse(fmt, t);
    if (!in.fail() && in.peek() == std::char_traits<char>::eof()) return t;
  }
  return std::nullopt;
}

}  // namespace

std::string format_utc(TimePoint t) {
  return date::format("%Y-%m-%dT%H:%M:%SZ", std::chrono::floor<std::chrono::seconds>(t));
}

std::optional<TimePoint> parse_time(std::string_view text, std::string_view timezone) {
  std::string s(text);
  if (!s.empty() && s.back() == 'Z') s.replace(s.size() - 1, 1, "+00:00");
  if (auto t = parse_absolute(s)) return t;
  auto local = parse_local(std::string(text));
  if (!local) return std::nullopt;
  if (timezone.empty() || timezone == "UTC") return TimePoint(local->time_since_epoch());
  try {
    const auto* zone = date::locate_zone(timezone);
    // Ambiguous/nonexistent wall times (DST changes) resolve to the earlier instant.
    return date::zoned_time<milliseconds>(zone, *local, date::choose::earliest).get_sys_time();
  } catch (const std::exception&) {
    return std::nullopt;
  }
}

bool is_valid_timezone(std::string_view name) {
  if (name.empty()) return false;
  try {
    date::locate_zone(name);
    return true;
  } catch (const std::exception&) {
    return false;
  }
}

}  // namespace cs351
