#include "cs351/roster/roster_file.h"
#include "cs351/core/json.h"
#include "cs351/roster/role.h"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <map>
#include <unordered_map>

#include "cs351/core/csv.h"
#include "cs351/core/error.h"
#include "cs351/core/text.h"
#include "cs351/roster/canvas_gradebook.h"
#include "cs351/roster/email.h"

namespace cs351::roster {
namespace {

enum Field { f_email, f_first, f_last, f_name, f_sid, f_role, f_sections, f_status, f_count };
constexpr const char* k_field_names[f_count] = {"email", "first_name", "last_name", "name",
                                                "sid",   "role",       "sections",  "status"};

// "First_Name " -> "first name": case, '_' '-' and repeated spaces do not matter.
std::string normalize_header(std::string_view raw) {
  std::string out;
  for (char c : to_lower_ascii(trim(raw))) {
    if (c == '_' || c == '-') c = ' ';
    if (c == ' ' && (out.empty() || out.back() == ' ')) continue;
    out += c;
  }
  if (!out.empty() && out.back() == ' ') out.pop_back();
  return out;
}

// Our CSV exports prefix cells that look like formulas with '; take it back off.
std::string unguard(std::string_view cell) {
  auto v = trim(cell);
  if (v.size() >= 2 && v[0] == '\'' &&
      std::string_view("=+-@").find(v[1]) != std::string_view::npos)
    v.remove_prefix(1);
  return std::string(v);
}

std::vector<std::string> split_sections(std::string_view raw) {
  std::vector<std::string> out;
  std::string cur;
  auto flush = [&] {
    auto t = std::string(trim(cur));
    if (!t.empty() && std::find(out.begin(), out.end(), t) == out.end()) out.push_back(t);
    cur.clear();
  };
  for (char c : raw) {
    if (c == ';' || c == ',') {
      flush();
    } else {
      cur += c;
    }
  }
  flush();
  return out;
}

std::optional<std::string> normalize_status(std::string_view raw) {
  const auto v = to_lower_ascii(trim(raw));
  if (v == "enrolled" || v == "active" || v == "registered") return "enrolled";
  if (v == "dropped" || v == "withdrawn" || v == "inactive") return "dropped";
  return std::nullopt;
}

// Fill whichever of name / first / last is missing from the others.
void complete_names(RosterRow& r) {
  if (r.name.empty()) {
    r.name = std::string(trim(r.first_name + " " + r.last_name));
    return;
  }
  if (!r.first_name.empty() || !r.last_name.empty()) return;
  if (auto comma = r.name.find(','); comma != std::string::npos) {  // "Last, First"
    r.last_name = std::string(trim(r.name.substr(0, comma)));
    r.first_name = std::string(trim(r.name.substr(comma + 1)));
    r.name = std::string(trim(r.first_name + " " + r.last_name));
  } else if (auto space = r.name.rfind(' '); space != std::string::npos) {
    r.first_name = std::string(trim(r.name.substr(0, space)));
    r.last_name = std::string(trim(r.name.substr(space + 1)));
  } else {
    r.first_name = r.name;
  }
}

class RowBuilder {
 public:
  // `json`: positions are "record N" rather than line numbers.
  RowBuilder(const std::string& name, RosterFile& file, std::size_t expected_rows, bool json)
      : m_name(name), m_file(file), m_json(json) {
    m_seen.reserve(expected_rows);
    m_file.rows.reserve(expected_rows);
  }

  void add(RosterRow row, const std::string& raw_role, const std::string& raw_status) {
    auto problem = [&](const std::string& what) {
      m_file.problems.push_back(fmt::format("{}:{}: {}", m_name, where(row.line), what));
    };
    const auto raw_email = row.email;
    row.email = normalize_email(row.email);
    if (auto p = email_problem(row.email); !p.empty()) {
      problem(row.email.empty() ? p : fmt::format("{}: '{}'", p, raw_email));
      return;
    }
    if (!raw_role.empty() && !(row.role = normalize_role(raw_role))) {
      problem(fmt::format("unknown role '{}' (use student, ta, instructor or reader)", raw_role));
    }
    if (!raw_status.empty() && !(row.status = normalize_status(raw_status))) {
      problem(fmt::format("unknown status '{}' (use enrolled or dropped)", raw_status));
    }
    auto [it, fresh] = m_seen.emplace(row.email, row.line);
    if (!fresh) {
      problem(fmt::format("duplicate email {} (first seen at {})", row.email, where(it->second)));
      return;
    }
    complete_names(row);
    m_file.rows.push_back(std::move(row));
  }

 private:
  std::string where(std::size_t position) const {
    return m_json ? fmt::format("record {}", position) : std::to_string(position);
  }

  const std::string& m_name;
  RosterFile& m_file;
  bool m_json;
  std::unordered_map<std::string, std::size_t> m_seen;
};

std::array<int, f_count> map_columns(const CsvRecord& header, RosterFile& file,
                                     const std::string& name) {
  std::array<int, f_count> column;
  column.fill(-1);
  std::array<std::size_t, f_count> rank;
  rank.fill(SIZE_MAX);
  std::map<std::string, std::size_t> seen;
  for (std::size_t i = 0; i < header.fields.size(); ++i) {
    const auto h = normalize_header(header.fields[i]);
    if (h.empty()) continue;
    if (!seen.emplace(h, i).second) {
      file.problems.push_back(
          fmt::format("{}:{}: duplicate column '{}'", name, header.line, header.fields[i]));
      continue;
    }
    bool matched = false;
    for (int f = 0; f < f_count && !matched; ++f) {
      const auto& aliases = header_aliases()[f].second;
      auto pos = std::find(aliases.begin(), aliases.end(), h);
      if (pos == aliases.end()) continue;
      matched = true;
      const auto r = static_cast<std::size_t>(pos - aliases.begin());
      if (r < rank[f]) {
        if (column[f] >= 0) file.ignored_columns.push_back(header.fields[column[f]]);
        rank[f] = r;
        column[f] = static_cast<int>(i);
      } else {
        file.ignored_columns.push_back(header.fields[i]);
      }
    }
    if (!matched) file.ignored_columns.push_back(header.fields[i]);
  }
  return column;
}

std::vector<std::string> normalized_headers(const CsvRecord& header) {
  std::vector<std::string> out;
  out.reserve(header.fields.size());
  for (const auto& h : header.fields) out.push_back(normalize_header(h));
  return out;
}

// One person's row of a Canvas gradebook export; false (with a problem) when it has no email.
bool canvas_person(const CsvRecord& rec, const CanvasColumns& c, const std::string& name,
                   const ReadOptions& options, RosterFile& file, RosterRow& row) {
  const auto cell = [&](std::size_t i) {
    return i < rec.fields.size() ? unguard(rec.fields[i]) : std::string();
  };
  const auto login = cell(c.sis_login_id);
  row.line = rec.line;
  row.name = cell(c.student);
  row.sid = cell(c.sis_user_id);
  row.lms_id = cell(c.id);
  if (c.section) row.sections = canvas_sections(cell(*c.section));
  row.email = canvas_email(login, options.email_domain);
  if (!row.email.empty()) return true;
  file.problems.push_back(
      login.empty()
          ? fmt::format("{}:{}: '{}' has no SIS Login ID, so no email: add it in Canvas or "
                        "import this person from another list",
                        name, rec.line, row.name)
          : fmt::format("{}:{}: SIS Login ID '{}' of '{}' is not an email address: {} to use "
                        "{}@DOMAIN",
                        name, rec.line, login, row.name, options.give_domain, login));
  return false;
}

void read_canvas_rows(const std::vector<CsvRecord>& records, const CanvasColumns& c,
                      const std::string& name, const ReadOptions& options, RosterFile& file) {
  RowBuilder builder(name, file, records.size(), false);
  for (std::size_t i = 1; i < records.size(); ++i) {
    const auto& rec = records[i];
    if (auto what = canvas_placeholder(rec.fields, c); !what.empty()) {
      file.skipped.push_back(fmt::format("line {}: {}", rec.line, what));
      continue;
    }
    RosterRow row;
    if (canvas_person(rec, c, name, options, file, row)) builder.add(std::move(row), "", "");
  }
  if (file.rows.empty() && file.problems.empty())
    file.problems.push_back(fmt::format("{}: no student rows", name));
}

void read_csv_rows(std::string_view bytes, const std::string& name, const ReadOptions& options,
                   RosterFile& file) {
  const auto records = parse_csv(bytes, name);
  if (records.empty()) {
    file.problems.push_back(
        fmt::format("{}:1: the file is empty (expected a header row with an Email column)", name));
    return;
  }
  if (const auto canvas = canvas_columns(normalized_headers(records[0]))) {
    return read_canvas_rows(records, *canvas, name, options, file);
  }
  const auto column = map_columns(records[0], file, name);
  if (column[f_email] < 0) {
    file.problems.push_back(
        fmt::format("{}:{}: missing required column Email (accepted spellings: {})", name,
                    records[0].line, fmt::join(header_aliases()[f_email].second, ", ")));
    return;
  }
  if (records.size() == 1)
    file.problems.push_back(fmt::format("{}:{}: header only, no rows", name, records[0].line + 1));
  RowBuilder builder(name, file, records.size(), false);
  for (std::size_t i = 1; i < records.size(); ++i) {
    const auto& rec = records[i];
    if (rec.fields.size() > records[0].fields.size()) {
      file.problems.push_back(fmt::format("{}:{}: {} fields, but the header has {}", name, rec.line,
                                          rec.fields.size(), records[0].fields.size()));
      continue;
    }
    auto cell = [&](Field f) {
      return column[f] >= 0 && static_cast<std::size_t>(column[f]) < rec.fields.size()
                 ? unguard(rec.fields[column[f]])
                 : std::string();
    };
    RosterRow row{rec.line,     cell(f_email),
                  cell(f_name), cell(f_first),
                  cell(f_last), cell(f_sid),
                  {},           split_sections(cell(f_sections)),
                  {},           {}};
    builder.add(std::move(row), cell(f_role), cell(f_status));
  }
}

std::string json_string(const nlohmann::json& obj, const char* key) {
  if (!obj.contains(key) || obj[key].is_null()) return {};
  const auto& v = obj[key];
  return v.is_string() ? std::string(trim(v.get<std::string>())) : v.dump();
}

void read_json_rows(std::string_view bytes, const std::string& name, RosterFile& file) {
  const auto doc = parse_json(bytes);
  if (doc.is_discarded() || !doc.is_array()) {
    file.problems.push_back(fmt::format("{}:1: not a JSON array of roster records", name));
    return;
  }
  if (doc.empty()) file.problems.push_back(fmt::format("{}:1: the JSON array is empty", name));
  RowBuilder builder(name, file, doc.size(), true);
  for (std::size_t i = 0; i < doc.size(); ++i) {
    const auto where = fmt::format("record {}", i + 1);
    const auto& obj = doc[i];
    if (!obj.is_object()) {
      file.problems.push_back(fmt::format("{}:{}: not a JSON object", name, where));
      continue;
    }
    std::vector<std::string> sections;
    if (obj.contains("sections") && obj["sections"].is_array()) {
      for (const auto& s : obj["sections"]) {
        if (s.is_string()) sections.push_back(s.get<std::string>());
      }
    } else {
      sections = split_sections(json_string(obj, "sections"));
    }
    RosterRow row{i + 1,
                  json_string(obj, "email"),
                  json_string(obj, "name"),
                  json_string(obj, "first_name"),
                  json_string(obj, "last_name"),
                  json_string(obj, "sid"),
                  {},
                  sections,
                  {},
                  {}};
    builder.add(std::move(row), json_string(obj, "role"), json_string(obj, "status"));
  }
}

}  // namespace

const std::vector<std::pair<std::string, std::vector<std::string>>>& header_aliases() {
  static const std::vector<std::pair<std::string, std::vector<std::string>>> table{
      {k_field_names[f_email],
       {"email", "email address", "e mail", "e mail address", "student email", "preferred email",
        "school email", "university email", "emailaddress", "mail"}},
      {k_field_names[f_first],
       {"first name", "first", "given name", "preferred first name", "firstname",
        "legal first name", "forename"}},
      {k_field_names[f_last],
       {"last name", "last", "surname", "family name", "lastname", "legal last name"}},
      {k_field_names[f_name],
       {"name", "full name", "student name", "fullname", "display name", "preferred name"}},
      {k_field_names[f_sid],
       {"sid", "student id", "studentid", "student number", "id number", "org defined id",
        "orgdefinedid", "emplid", "banner id", "puid", "id"}},
      {k_field_names[f_role], {"role", "course role", "enrollment role", "user role"}},
      {k_field_names[f_sections],
       {"sections", "section", "section name", "section names", "section(s)"}},
      {k_field_names[f_status], {"status", "enrollment status", "enrolment status"}},
  };
  return table;
}

std::optional<std::string> normalize_role(std::string_view raw) {
  const auto v = normalize_header(raw);
  if (v == "student" || v == "students" || v == "learner") return role_name(Role::student);
  if (v == "ta" || v == "tas" || v == "teaching assistant" || v == "ta/grader")
    return role_name(Role::ta);
  if (v == "instructor" || v == "teacher" || v == "professor" || v == "lecturer")
    return role_name(Role::instructor);
  if (v == "reader" || v == "grader") return role_name(Role::reader);
  return std::nullopt;
}

RosterFile read_roster(std::string_view bytes, const std::string& name,
                       const ReadOptions& options) {
  RosterFile file;
  std::string_view body = bytes.starts_with("\xEF\xBB\xBF") ? bytes.substr(3) : bytes;
  auto first = body.find_first_not_of(" \t\r\n");
  if (first != std::string_view::npos && body[first] == '[') {
    if (auto bad = invalid_utf8_at(body)) {
      throw data_error(fmt::format("{}: invalid UTF-8 at byte {}", name, *bad));
    }
    read_json_rows(body, name, file);
  } else {
    read_csv_rows(bytes, name, options, file);
  }
  return file;
}

}  // namespace cs351::roster
