#include "cs351/usage/transcript.h"

#include <cctype>

#include "cs351/core/time_format.h"

namespace cs351::usage {

const char* agent_name(Agent agent) {
  return agent == Agent::claude ? "claude" : "codex";
}

bool ApiCall::plausible() const {
  for (const auto n : {input, output, cache_write_5m, cache_write_1h, cache_read, reasoning}) {
    if (n < 0 || n > k_max_call_tokens) return false;
  }
  return true;
}

const char* skip_name(Skip reason) {
  switch (reason) {
    case Skip::none:
      return "none";
    case Skip::malformed:
      return "malformed";
    case Skip::unknown_type:
      return "unknown type";
    case Skip::too_long:
      return "too long";
    case Skip::impossible_tokens:
      return "impossible token counts";
  }
  return "?";
}

Agent detect_agent(std::string_view first_line) {
  return first_line.find("\"payload\"") != std::string_view::npos ? Agent::codex : Agent::claude;
}

namespace {

bool digits(std::string_view s) {
  for (char c : s)
    if (!std::isdigit(static_cast<unsigned char>(c))) return false;
  return true;
}

}  // namespace

// The common shape ("YYYY-MM-DDTHH:MM:SS[.fff...]Z") is handled without a
// time-zone lookup, since every line has one; anything else goes through
// the general parser.
std::optional<std::string> normalize_time(std::string_view text) {
  if (text.size() >= 20 && text.back() == 'Z' && text[10] == 'T' && digits(text.substr(0, 4)) &&
      digits(text.substr(11, 2)) && digits(text.substr(17, 2))) {
    std::string ms = "000";
    if (text[19] == '.') {
      const auto frac = text.substr(20, text.size() - 21);
      for (std::size_t i = 0; i < 3 && i < frac.size(); ++i) ms[i] = frac[i];
    }
    std::string out;  // built by hand: fmt::format cost more than the rest of the line's work
    out.reserve(24);
    return out.append(text.substr(0, 19)).append(1, '.').append(ms).append(1, 'Z');
  }
  const auto t = parse_time(text);
  if (!t) return std::nullopt;
  const auto s = format_utc(*t);  // "...:SSZ"
  return s.substr(0, s.size() - 1) + ".000Z";
}

}  // namespace cs351::usage
