#include "cs351/core/time_format.h"

#include <date/date.h>
#include <date/tz.h>
#include <fmt/format.h>

#include <cstdlib>

#include "cs351/core/error.h"

namespace cs351 {
namespace {

using std::chrono::milliseconds;

// A strict reader over the text: every step checks the length before it
// looks, so a value cut short anywhere ("...+05:") is a parse failure.
class Reader {
 public:
  explicit Reader(std::string_view s) : m_s(s) {}
  bool done() const { return m_i == m_s.size(); }
  bool eat(char c) {
    if (m_i >= m_s.size() || m_s[m_i] != c) return false;
    ++m_i;
    return true;
  }
  bool eat_any(std::string_view set) {
    if (m_i >= m_s.size() || set.find(m_s[m_i]) == std::string_view::npos) return false;
    ++m_i;
    return true;
  }
  bool at_digit() const { return m_i < m_s.size() && m_s[m_i] >= '0' && m_s[m_i] <= '9'; }
  // Exactly `n` digits as a number, or nullopt (and nothing consumed).
  std::optional<int> digits(std::size_t n) {
    if (m_s.size() - m_i < n) return std::nullopt;
    int v = 0;
    for (std::size_t k = 0; k < n; ++k) {
      const char c = m_s[m_i + k];
      if (c < '0' || c > '9') return std::nullopt;
      v = v * 10 + (c - '0');
    }
    m_i += n;
    return v;
  }
  // Any number of fraction digits (at least one), kept to milliseconds (truncated).
  std::optional<milliseconds> fraction() {
    if (!at_digit()) return std::nullopt;
    int ms = 0;
    int scale = 100;
    while (at_digit()) {
      ms += (m_s[m_i++] - '0') * scale;
      scale /= 10;
    }
    return milliseconds(ms);
  }

 private:
  std::string_view m_s;
  std::size_t m_i = 0;
};

struct Fields {
  date::local_days day;
  milliseconds time_of_day{0};
  std::optional<std::chrono::minutes> offset;  // east of UTC; nullopt = wall time
};

std::optional<date::local_days> read_date(Reader& in) {
  const auto y = in.digits(4);
  if (!y || !in.eat('-')) return std::nullopt;
  const auto m = in.digits(2);
  if (!m || !in.eat('-')) return std::nullopt;
  const auto d = in.digits(2);
  if (!d) return std::nullopt;
  const date::year_month_day ymd{date::year(*y), date::month(static_cast<unsigned>(*m)),
                                 date::day(static_cast<unsigned>(*d))};
  if (!ymd.ok()) return std::nullopt;
  return date::local_days(ymd);
}

// HH:MM[:SS[.fraction]]
std::optional<milliseconds> read_time_of_day(Reader& in) {
  const auto h = in.digits(2);
  if (!h || *h > 23 || !in.eat(':')) return std::nullopt;
  const auto m = in.digits(2);
  if (!m || *m > 59) return std::nullopt;
  milliseconds t = std::chrono::hours(*h) + std::chrono::minutes(*m);
  if (!in.eat(':')) return t;
  const auto s = in.digits(2);
  if (!s || *s > 59) return std::nullopt;
  t += std::chrono::seconds(*s);
  if (!in.eat_any(".,")) return t;
  const auto frac = in.fraction();
  if (!frac) return std::nullopt;
  return t + *frac;
}

// Z, or +HH, +HHMM, +HH:MM (either sign), optionally after one space.
std::optional<std::chrono::minutes> read_offset(Reader& in) {
  in.eat(' ');
  if (in.eat_any("Zz")) return std::chrono::minutes(0);
  int sign = 0;
  if (in.eat('+')) sign = 1;
  if (sign == 0 && in.eat('-')) sign = -1;
  if (sign == 0) return std::nullopt;
  const auto h = in.digits(2);
  if (!h || *h > 23) return std::nullopt;
  int m = 0;
  if (!in.done()) {
    in.eat(':');
    const auto mm = in.digits(2);
    if (!mm || *mm > 59) return std::nullopt;
    m = *mm;
  }
  return std::chrono::minutes(sign * (*h * 60 + m));
}

std::optional<Fields> read_fields(std::string_view text) {
  Reader in(text);
  Fields f;
  const auto day = read_date(in);
  if (!day) return std::nullopt;
  f.day = *day;
  if (in.done()) return f;
  if (!in.eat_any("Tt ")) return std::nullopt;
  const auto tod = read_time_of_day(in);
  if (!tod) return std::nullopt;
  f.time_of_day = *tod;
  if (in.done()) return f;
  f.offset = read_offset(in);
  if (!f.offset || !in.done()) return std::nullopt;
  return f;
}

}  // namespace

std::string format_utc(TimePoint t) {
  return date::format("%Y-%m-%dT%H:%M:%SZ", std::chrono::floor<std::chrono::seconds>(t));
}

std::string format_store_time(TimePoint t) {
  return date::format("%Y-%m-%dT%H:%M:%SZ", std::chrono::floor<milliseconds>(t));
}

std::optional<TimePoint> parse_time(std::string_view text, std::string_view timezone) {
  const auto f = read_fields(text);
  if (!f) return std::nullopt;
  const date::local_time<milliseconds> local = f->day + f->time_of_day;
  if (f->offset) return TimePoint(local.time_since_epoch() - *f->offset);
  if (timezone.empty() || timezone == "UTC") return TimePoint(local.time_since_epoch());
  try {
    const auto* zone = date::locate_zone(timezone);
    // Ambiguous/nonexistent wall times (DST changes) resolve to the earlier instant.
    return date::zoned_time<milliseconds>(zone, local, date::choose::earliest).get_sys_time();
  } catch (const std::exception&) {
    return std::nullopt;
  }
}

ZonedTime in_zone(TimePoint t, std::string_view timezone) {
  if (timezone.empty() || timezone == "UTC")
    return {std::chrono::local_time<milliseconds>(t.time_since_epoch()), {}};
  const date::time_zone* zone = nullptr;
  try {
    zone = date::locate_zone(timezone);
  } catch (const std::exception&) {
    throw data_error(fmt::format("unknown time zone '{}'", timezone));
  }
  const auto info = zone->get_info(t);
  return {std::chrono::local_time<milliseconds>(t.time_since_epoch() + info.offset),
          std::chrono::duration_cast<std::chrono::minutes>(info.offset)};
}

std::string format_in_zone(TimePoint t, std::string_view timezone) {
  const auto z = in_zone(t, timezone);
  const auto wall = date::local_time<std::chrono::seconds>(
      std::chrono::floor<std::chrono::seconds>(z.local.time_since_epoch()));
  const auto text = date::format("%Y-%m-%d %H:%M:%S", wall);
  if (timezone.empty() || timezone == "UTC") return text + "Z";
  const auto minutes = z.offset.count();
  const auto magnitude = std::abs(minutes);
  return fmt::format("{}{}{:02}:{:02}", text, minutes < 0 ? '-' : '+', magnitude / 60,
                     magnitude % 60);
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
