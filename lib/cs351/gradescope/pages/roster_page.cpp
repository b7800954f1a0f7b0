#include "cs351/gradescope/pages/roster_page.h"
#include "cs351/core/json.h"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <map>

#include "cs351/core/text.h"
#include "cs351/gradescope/pages/html.h"
#include "cs351/gradescope/pages/page_error.h"
#include "cs351/gradescope/pages/react_props.h"
#include "cs351/roster/email.h"

namespace cs351::gradescope {
namespace {

using json = nlohmann::json;

std::string role_name(const std::string& code) {
  if (code == "0") return "student";
  if (code == "1") return "instructor";
  if (code == "2") return "ta";
  if (code == "3") return "reader";
  return "";
}

std::optional<std::string> user_id_from(html::Node row) {
  html::Node link = html::find_first(row, html::with_class("", "js-rosterName"));
  const auto url = html::attr(link, "data-url").value_or("");
  const auto at = url.find("user_id=");
  if (at == std::string::npos) return std::nullopt;
  const auto digits = url.substr(at + 8, url.find_first_not_of("0123456789", at + 8) - (at + 8));
  if (digits.empty()) return std::nullopt;
  return digits;
}

std::vector<std::string> sections_from_attr(const std::string& text) {
  std::vector<std::string> out;
  const json parsed = parse_json(text);
  if (!parsed.is_array()) return out;
  for (const auto& s : parsed) {
    if (auto name = json_text_field(s, "name")) out.push_back(*name);
  }
  return out;
}

// Column index of the header whose text is `name`, if the table has one.
std::optional<std::size_t> column(html::Node table, const std::string& name) {
  html::Node head = html::find_first(table, [](html::Node n) { return html::is_tag(n, "thead"); });
  const auto headers = html::find_all(head != nullptr ? head : table,
                                      [](html::Node n) { return html::is_tag(n, "th"); });
  for (std::size_t i = 0; i < headers.size(); ++i) {
    if (to_lower_ascii(html::text(headers[i])) == to_lower_ascii(name)) return i;
  }
  return std::nullopt;
}

std::vector<std::string> sections_from_cell(html::Node row, std::size_t index) {
  const auto cells = html::children(row);
  std::vector<std::string> out;
  if (index >= cells.size()) return out;
  for (const auto& part : split(html::text(cells[index]), ',')) {
    if (auto t = trim(part); !t.empty()) out.emplace_back(t);
  }
  return out;
}

MemberRow member(html::Node row, std::size_t index, std::optional<std::size_t> sections_column,
                 const std::string& page) {
  const std::string where = fmt::format("tr.rosterRow[{}] button.rosterCell--editIcon", index);
  html::Node button = html::find_first(row, html::with_class("", "rosterCell--editIcon"));
  if (button == nullptr) throw PageStructureError(page, where);
  const auto need = [&](const char* name) {
    auto v = html::attr(button, name);
    if (!v) throw PageStructureError(page, fmt::format("{}@{}", where, name));
    return *v;
  };
  MemberRow m;
  m.email = roster::normalize_email(need("data-email"));
  m.role = role_name(need("data-role"));
  m.membership_id = need("data-id");
  if (m.email.find('@') == std::string::npos || m.role.empty() || m.membership_id.empty()) {
    throw PageStructureError(page, where + " with data-email, data-role 0-3 and data-id");
  }
  const json cm = parse_json(html::attr(button, "data-cm").value_or("{}"));
  m.name = json_text_field(cm, "full_name").value_or("");
  m.first_name = json_text_field(cm, "first_name").value_or("");
  m.last_name = json_text_field(cm, "last_name").value_or("");
  m.sid = json_text_field(cm, "sid").value_or("");
  if (auto s = html::attr(button, "data-sections")) {
    m.sections = sections_from_attr(*s);
  } else if (sections_column) {
    m.sections = sections_from_cell(row, *sections_column);
  }
  m.user_id = user_id_from(row);
  return m;
}

}  // namespace

std::vector<MemberRow> parse_memberships(std::string_view bytes, const std::string& page) {
  html::Document doc(bytes);
  html::Node table = html::find_first(doc.root(), html::with_class("table", "js-rosterTable"));
  if (table == nullptr) throw PageStructureError(page, "table.js-rosterTable");
  const auto rows = html::find_all(table, html::with_class("tr", "rosterRow"));
  if (rows.empty()) throw PageStructureError(page, "table.js-rosterTable tr.rosterRow");
  const auto sections_column = column(table, "Sections");
  std::vector<MemberRow> out;
  std::map<std::string, std::size_t> row_of;  // email -> first row, to catch a repeated member
  for (std::size_t i = 0; i < rows.size(); ++i) {
    out.push_back(member(rows[i], i, sections_column, page));
    if (auto [it, fresh] = row_of.emplace(out.back().email, i); !fresh) {
      throw data_error(fmt::format("{}: {} is listed twice (tr.rosterRow[{}] and [{}])", page,
                                   out.back().email, it->second, i));
    }
  }
  return out;
}

}  // namespace cs351::gradescope
