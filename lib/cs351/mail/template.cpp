#include "cs351/mail/template.h"

#include "cs351/core/html.h"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>

#include "cs351/core/error.h"
#include "cs351/core/text.h"

namespace cs351::mail {
namespace {

// Calls `on_text(chunk)` and `on_name(name)` in order; false on an unterminated "{{".
template <typename OnText, typename OnName>
bool scan(std::string_view s, OnText on_text, OnName on_name) {
  std::size_t pos = 0;
  while (pos < s.size()) {
    const auto open = s.find("{{", pos);
    if (open == std::string_view::npos) break;
    const auto close = s.find("}}", open + 2);
    if (close == std::string_view::npos) return false;
    on_text(s.substr(pos, open - pos));
    on_name(std::string(trim(s.substr(open + 2, close - open - 2))));
    pos = close + 2;
  }
  on_text(s.substr(std::min(pos, s.size())));
  return true;
}

std::string fill(std::string_view s, const TemplateValues& values, bool escape) {
  std::string out;
  scan(
      s, [&](std::string_view chunk) { out += chunk; },
      [&](const std::string& name) {
        auto it = values.find(name);
        if (it != values.end()) out += escape ? html_escape(it->second) : it->second;
      });
  return out;
}

}  // namespace


std::vector<std::string> placeholders(std::string_view text) {
  std::vector<std::string> names;
  scan(
      text, [](std::string_view) {},
      [&](const std::string& name) {
        if (std::find(names.begin(), names.end(), name) == names.end()) names.push_back(name);
      });
  return names;
}

void check_template(const MessageTemplate& t, const std::vector<std::string>& known,
                    const std::string& source) {
  if (t.subject.find_first_of("\r\n") != std::string::npos) {
    throw config_error(fmt::format("{}: the subject must be one line", source));
  }
  for (const auto* part : {&t.subject, &t.text, &t.html}) {
    if (!scan(
            *part, [](std::string_view) {}, [](const std::string&) {})) {
      throw config_error(fmt::format("{}: '{{{{' without a closing '}}}}'", source));
    }
    for (const auto& name : placeholders(*part)) {
      if (std::find(known.begin(), known.end(), name) == known.end()) {
        throw config_error(fmt::format("{}: unknown placeholder {{{{{}}}}} (known: {})", source,
                                       name, fmt::join(known, ", ")));
      }
    }
  }
}

MessageTemplate render(const MessageTemplate& t, const TemplateValues& values) {
  return {fill(t.subject, values, false), fill(t.text, values, false), fill(t.html, values, true)};
}

}  // namespace cs351::mail
