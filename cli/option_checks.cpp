#include "cli/option_checks.h"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdlib>
#include <limits>
#include <optional>
#include <vector>

#include "cs351/core/text.h"
#include "cs351/core/time_format.h"

namespace cs351::cli {
namespace {

// Marks our checks' messages, so check_failure_text can join them to the option's name.
constexpr const char* k_must = "must be ";

std::optional<long long> whole_number(const std::string& text) {
  long long value = 0;
  const auto* end = text.data() + text.size();
  const auto [at, error] = std::from_chars(text.data(), end, value);
  if (error != std::errc() || at != end) return std::nullopt;
  return value;
}

CLI::Validator range_check(long long lo, long long hi, const std::string& words) {
  return CLI::Validator(
      [lo, hi, words](std::string& text) -> std::string {
        const auto value = whole_number(text);
        if (value && *value >= lo && *value <= hi) return "";
        return fmt::format("{}{} (got '{}')", k_must, words, text);
      },
      "");
}

// The parser's names for value types, as people say them.
std::string human_label(const std::string& type) {
  if (type == "INT" || type == "UINT" || type == "FLOAT" || type == "NUMBER") return "N";
  if (type == "TEXT") return "VALUE";
  return type;
}

}  // namespace

CLI::Validator at_least(long long min) {
  auto check =
      range_check(min, std::numeric_limits<long long>::max(), fmt::format("at least {}", min));
  check.description(min == 1 ? "a positive number" : fmt::format("at least {}", min));
  return check;
}

CLI::Validator above_zero() {
  return CLI::Validator(
      [](std::string& text) -> std::string {
        char* end = nullptr;
        const double value = std::strtod(text.c_str(), &end);
        if (!text.empty() && *end == '\0' && value > 0 && std::isfinite(value)) return "";
        return fmt::format("{}a number above 0 (got '{}')", k_must, text);
      },
      "a positive number");
}

CLI::Validator calendar_day() {
  return CLI::Validator(
      [](std::string& text) -> std::string {
        if (text.size() == 10 && parse_time(text)) return "";
        return fmt::format("{}a day as YYYY-MM-DD, e.g. 2026-02-15 (got '{}')", k_must, text);
      },
      "");
}

CLI::Validator time_point() {
  return CLI::Validator(
      [](std::string& text) -> std::string {
        if (parse_time(text)) return "";
        return fmt::format(
            "{}a time as YYYY-MM-DDTHH:MM[:SS][offset], e.g. 2026-02-15T23:59 (got '{}')", k_must,
            text);
      },
      "");
}

CLI::Validator between(long long lo, long long hi) {
  auto check = range_check(lo, hi, fmt::format("between {} and {}", lo, hi));
  check.description(fmt::format("{}..{}", lo, hi));
  return check;
}

ValueText value_text(const CLI::Option& option) {
  // CLI11 joins the type name and each check's description with ':'.
  const auto parts = split(option.get_type_name(), ':');
  ValueText out{human_label(parts.empty() ? "" : parts.front()), ""};
  for (std::size_t i = 1; i < parts.size(); ++i) {
    auto note = parts[i];
    if (note.size() > 2 && note.front() == '{' && note.back() == '}') {  // IsMember's {a,b,c}
      note = note.substr(1, note.size() - 2);
      std::replace(note.begin(), note.end(), ',', '|');
    }
    out.note += (out.note.empty() ? "" : "; ") + note;
  }
  return out;
}

std::string option_value_help(const CLI::Option& option) {
  if (!option.get_option_text().empty()) return " " + option.get_option_text();
  if (option.get_type_size() == 0) return "";
  const auto value = value_text(option);
  std::string out = option.nonpositional() ? " " + value.label : "";
  std::vector<std::string> notes;
  if (!value.note.empty()) notes.push_back(value.note);
  const auto shown = option.get_default_str();
  // 0 for a positive number, or [] for a list, means "not given": no default worth showing.
  const bool unset_default =
      shown.empty() || shown == "[]" || (shown == "0" && value.note == "a positive number");
  if (!unset_default) notes.push_back("default " + shown);
  if (option.get_required()) notes.push_back("required");
  if (!notes.empty()) out += fmt::format(" ({})", fmt::join(notes, "; "));
  return out;
}

std::string check_failure_text(const std::string& message) {
  const auto at = message.find(std::string(": ") + k_must);
  if (at == std::string::npos || message.find(' ') < at) return message;
  return message.substr(0, at) + " " + message.substr(at + 2);
}

}  // namespace cs351::cli
