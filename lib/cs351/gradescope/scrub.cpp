#include "cs351/gradescope/scrub.h"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <regex>

#include "cs351/core/text.h"
#include "cs351/gradescope/pages/html.h"
#include "cs351/gradescope/pages/react_props.h"
#include "cs351/gradescope/pages/roster_page.h"
#include "cs351/gradescope/pages/scores_csv.h"
#include "cs351/gradescope/pages/submissions_page.h"

namespace cs351::gradescope {
namespace {

using json = nlohmann::json;

bool all_digits(std::string_view s) {
  return !s.empty() && s.find_first_not_of("0123456789") == std::string_view::npos;
}

std::string replace_all(std::string text, const std::string& from, const std::string& to) {
  if (from.empty()) return text;
  for (auto at = text.find(from); at != std::string::npos; at = text.find(from, at + to.size()))
    text.replace(at, from.size(), to);
  return text;
}

// Digits replaced only where they stand alone (not inside a longer number).
std::string replace_number(std::string text, const std::string& from, const std::string& to) {
  const auto is_digit = [](char c) { return c >= '0' && c <= '9'; };
  for (auto at = text.find(from); at != std::string::npos;) {
    const bool alone = (at == 0 || !is_digit(text[at - 1])) &&
                       (at + from.size() == text.size() || !is_digit(text[at + from.size()]));
    if (alone) {
      text.replace(at, from.size(), to);
      at = text.find(from, at + to.size());
    } else {
      at = text.find(from, at + 1);
    }
  }
  return text;
}

bool contains_number(std::string_view text, const std::string& n) {
  return replace_number(std::string(text), n, "") != text;
}

// The spellings a value can take on a page.
std::vector<std::string> spellings(const std::string& v) {
  std::string h = replace_all(v, "&", "&amp;");
  h = replace_all(replace_all(replace_all(h, "<", "&lt;"), ">", "&gt;"), "\"", "&quot;");
  const std::string j = json(v).dump(-1, ' ', true);  // \u-escaped non-ASCII
  const std::string ascii = j.substr(1, j.size() - 2);
  std::string upper_hex = ascii;
  for (std::size_t i = 0; i + 5 < upper_hex.size(); ++i) {
    if (upper_hex[i] == '\\' && upper_hex[i + 1] == 'u') {
      for (std::size_t k = i + 2; k < i + 6; ++k)
        upper_hex[k] = static_cast<char>(std::toupper(upper_hex[k]));
    }
  }
  return {v, h, replace_all(h, "'", "&#39;"), replace_all(h, "'", "&#x27;"), ascii, upper_hex};
}

// Emails are matched without case: a known one becomes its person's fake, one the
// parsers did not see (a page's own user, say) a generic fake; fakes stay.
std::string scrub_emails(const std::string& text, const std::map<std::string, std::string>& known) {
  static const std::regex email(R"([A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)+)");
  static const std::regex fake(R"((person\d{3,}|scrubbed)@example\.edu)");
  std::string out;
  auto last = text.cbegin();
  for (std::sregex_iterator it(text.begin(), text.end(), email), end; it != end; ++it) {
    out.append(last, it->prefix().second);
    const auto found = known.find(to_lower_ascii(it->str()));
    if (found != known.end()) {
      out += found->second;
    } else {
      out += std::regex_match(it->str(), fake) ? it->str() : "scrubbed@example.edu";
    }
    last = it->suffix().first;
  }
  out.append(last, text.cend());
  return out;
}

const std::vector<std::pair<std::regex, std::string>>& token_patterns() {
  static const std::vector<std::pair<std::regex, std::string>> patterns{
      {std::regex(R"((name="authenticity_token"[^>]*?value=")[^"]*)"), "$1SCRUBBED_TOKEN"},
      {std::regex(R"((value=")[^"]*("[^>]*?name="authenticity_token"))"), "$1SCRUBBED_TOKEN$2"},
      {std::regex(R"((<meta name="csrf-token" content=")[^"]*)"), "$1SCRUBBED_TOKEN"},
      {std::regex(R"(("csrf_token":")[^"]*)"), "$1SCRUBBED_TOKEN"},
      {std::regex(R"(trn:user:([a-z]+):gs::\d+)"), "trn:user:$1:gs::0"},
      {std::regex(R"(bugsnagClient\.user = \{[^}]*\})"),
       R"(bugsnagClient.user = {name: "Scrubbed", email: "scrubbed@example.edu", id: "0"})"},
  };
  return patterns;
}

}  // namespace

std::string Scrubber::fake_number(const std::string& original, const char* prefix) {
  auto [it, fresh] = m_numbers.emplace(original, "");
  if (fresh) it->second = fmt::format("{}{:06}", prefix, m_numbers.size());
  return it->second;
}

void Scrubber::add_text(const std::string& original, const std::string& fake) {
  if (trim(original).size() < 2 || m_protected.count(original)) return;
  m_text.emplace(original, fake);
}

void Scrubber::add_person(const PersonValues& p) {
  const std::string email = to_lower_ascii(p.email);
  auto [it, fresh] = m_fake_index.emplace(email, static_cast<int>(m_fake_index.size()) + 1);
  const int n = it->second;
  if (!email.empty()) m_emails.emplace(email, fmt::format("person{:03}@example.edu", n));
  add_text(p.name, fmt::format("Person {:03}", n));
  add_text(p.first_name, "Person");
  add_text(p.last_name, fmt::format("{:03}", n));
  for (const auto& [value, prefix] :
       {std::pair{p.sid, "9"}, {p.user_id, "6"}, {p.membership_id, "7"}}) {
    if (value.empty() || m_protected.count(value)) continue;
    if (all_digits(value)) {
      fake_number(value, prefix);
    } else {
      add_text(value, fmt::format("X{:06}", n));
    }
  }
}

void Scrubber::add_id(const std::string& id) {
  if (all_digits(id) && !m_protected.count(id)) fake_number(id, "8");
}

void Scrubber::learn(const std::string& kind, std::string_view body) {
  try {
    if (kind == "memberships") {
      for (const auto& m : parse_memberships(body, kind)) {
        add_person({m.email, m.name, m.first_name, m.last_name, m.sid, m.user_id.value_or(""),
                    m.membership_id});
      }
    } else if (kind == "scores.csv") {
      for (const auto& s : parse_scores_csv(body, kind)) {
        add_person({s.email, s.name, "", "", s.sid, "", ""});
        if (s.submission_id) add_id(*s.submission_id);
      }
    } else if (kind == "submissions") {
      html::Document doc(body);
      const json props = react_props(doc, "SubmissionsManager", kind);
      const json students = props.value("students", json::array());
      const json submissions = props.value("submissions", json::object());
      for (const auto& s : students) {
        add_person({json_text_field(s, "email").value_or(""),
                    json_text_field(s, "name").value_or(""), "", "", "",
                    json_text_field(s, "id").value_or(""), ""});
      }
      for (const auto& [id, sub] : submissions.items()) add_id(id);
    } else if (kind == "submission history") {
      for (const auto& p : parse_past_submissions(body, kind)) add_id(p.id);
    } else if (kind == "extensions") {
      html::Document doc(body);
      const json props = react_props(doc, "EditExtension", kind);
      const json override_ = props.value("override", json::object());
      if (auto uid = json_text_field(override_, "user_id")) add_id(*uid);
    }
  } catch (const std::exception&) {
    // A page that does not parse teaches nothing; the generic patterns still apply to it.
  }
}

std::string Scrubber::scrub(std::string_view input) const {
  // Emails first: a first name may be a prefix of one ("Ada@Example.edu").
  std::string text = scrub_emails(std::string(input), m_emails);
  // Longest first, so "Ada Lovelace" goes before "Ada".
  std::vector<std::pair<std::string, std::string>> pairs(m_text.begin(), m_text.end());
  std::sort(pairs.begin(), pairs.end(),
            [](const auto& a, const auto& b) { return a.first.size() > b.first.size(); });
  for (const auto& [original, fake] : pairs) {
    const auto fakes = spellings(fake);
    const auto originals = spellings(original);
    for (std::size_t i = 0; i < originals.size(); ++i)
      text = replace_all(std::move(text), originals[i], fakes[i]);
  }
  for (const auto& [original, fake] : m_numbers)
    text = replace_number(std::move(text), original, fake);
  for (const auto& [pattern, replacement] : token_patterns())
    text = std::regex_replace(text, pattern, replacement);
  return text;
}

std::vector<std::string> Scrubber::survivors(std::string_view text) const {
  std::vector<std::string> out;
  const std::string lower = to_lower_ascii(text);
  for (const auto& [email, fake] : m_emails) {
    if (lower.find(email) != std::string::npos) out.push_back(email);
  }
  for (const auto& [original, fake] : m_text) {
    for (const auto& s : spellings(original)) {
      if (text.find(s) != std::string_view::npos) {
        out.push_back(original);
        break;
      }
    }
  }
  for (const auto& [original, fake] : m_numbers) {
    if (contains_number(text, original)) out.push_back(original);
  }
  return out;
}

}  // namespace cs351::gradescope
