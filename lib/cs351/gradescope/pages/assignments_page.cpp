#include "cs351/gradescope/pages/assignments_page.h"

#include <fmt/format.h>

#include <charconv>

#include "cs351/gradescope/pages/html.h"
#include "cs351/gradescope/pages/page_error.h"
#include "cs351/gradescope/pages/react_props.h"

namespace cs351::gradescope {
namespace {

using json = nlohmann::json;

std::optional<double> points(const json& row) {
  const auto text = json_text_field(row, "total_points");
  if (!text || text->empty()) return std::nullopt;
  double v = 0;
  const auto [end, ec] = std::from_chars(text->data(), text->data() + text->size(), v);
  if (ec != std::errc() || end != text->data() + text->size()) return std::nullopt;
  return v;
}

std::optional<std::string> window_date(const json& row, const char* key) {
  const auto it = row.find("submission_window");
  if (it == row.end() || !it->is_object()) return std::nullopt;
  const auto v = json_text_field(*it, key);
  if (!v || v->empty()) return std::nullopt;
  return v;
}

std::string assignment_id(const json& row, std::size_t index, const std::string& page) {
  const auto raw = json_text_field(row, "id").value_or("");
  const std::string id = raw.starts_with("assignment_") ? raw.substr(11) : raw;
  if (id.empty() || id.find_first_not_of("0123456789") != std::string::npos) {
    throw PageStructureError(
        page,
        fmt::format("AssignmentsTable table_data[{}] key \"id\" (\"assignment_<digits>\")", index));
  }
  return id;
}

}  // namespace

std::vector<AssignmentRow> parse_assignments(std::string_view bytes, const std::string& page) {
  html::Document doc(bytes);
  const json props = react_props(doc, "AssignmentsTable", page);
  const json& rows =
      require_key(props, "table_data", json::value_t::array, "AssignmentsTable props", page);
  std::vector<AssignmentRow> out;
  for (std::size_t i = 0; i < rows.size(); ++i) {
    const json& row = rows[i];
    if (!row.is_object() || json_text_field(row, "type").value_or("") != "assignment") continue;
    AssignmentRow a;
    a.id = assignment_id(row, i, page);
    a.title = require_key(row, "title", json::value_t::string,
                          fmt::format("AssignmentsTable table_data[{}]", i), page)
                  .get<std::string>();
    a.total_points = points(row);
    a.release_date = window_date(row, "release_date");
    a.due_date = window_date(row, "due_date");
    a.hard_due_date = window_date(row, "hard_due_date");
    const auto pub = row.find("is_published");
    a.published = pub != row.end() && pub->is_boolean() && pub->get<bool>();
    out.push_back(std::move(a));
  }
  return out;
}

}  // namespace cs351::gradescope
