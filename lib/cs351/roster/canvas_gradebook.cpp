#include "cs351/roster/canvas_gradebook.h"

#include <algorithm>

#include "cs351/core/text.h"

namespace cs351::roster {
namespace {

std::string cell(const std::vector<std::string>& fields, std::size_t i) {
  return i < fields.size() ? std::string(trim(fields[i])) : std::string();
}

std::optional<std::size_t> position(const std::vector<std::string>& header, const char* name) {
  const auto it = std::find(header.begin(), header.end(), name);
  if (it == header.end()) return std::nullopt;
  return static_cast<std::size_t>(it - header.begin());
}

}  // namespace

std::optional<CanvasColumns> canvas_columns(const std::vector<std::string>& header) {
  const auto student = position(header, "student");
  const auto id = position(header, "id");
  const auto user = position(header, "sis user id");
  const auto login = position(header, "sis login id");
  if (!student || !id || !user || !login) return std::nullopt;
  return CanvasColumns{*student, *id, *user, *login, position(header, "section")};
}

std::string canvas_placeholder(const std::vector<std::string>& fields, const CanvasColumns& c) {
  const auto student = cell(fields, c.student);
  if (student == "Points Possible") return "Points Possible";
  if (student == "Test Student" || student == "Student, Test") return "Test Student";
  // The label row under the header ("Muted", "Manual Posting") has no student and no id.
  if (student.empty() && cell(fields, c.id).empty()) {
    for (const auto& f : fields) {
      if (!trim(f).empty()) return std::string(trim(f));
    }
    return "blank";
  }
  return "";
}

std::string canvas_email(const std::string& login, const std::string& email_domain) {
  if (login.find('@') != std::string::npos) return login;
  if (login.empty() || email_domain.empty()) return "";
  return login + "@" + email_domain;
}

std::vector<std::string> canvas_sections(const std::string& cell_text) {
  std::vector<std::string> out;
  std::string_view rest = cell_text;
  constexpr std::string_view sep = " and ";
  for (;;) {
    const auto at = rest.find(sep);
    const auto part = trim(rest.substr(0, at));
    if (!part.empty()) out.emplace_back(part);
    if (at == std::string_view::npos) return out;
    rest.remove_prefix(at + sep.size());
  }
}

}  // namespace cs351::roster
