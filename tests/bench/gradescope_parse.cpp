// Benchmark: our page parsers on a synthetic 1,000-member roster page and a
// 200-assignment AssignmentsTable page, side by side with Python
// BeautifulSoup + lxml extracting the same fields from the same bytes.
// Usage: [PYTHON=/usr/bin/python3] bench_gradescope_parse [RUNS]   (default 7; medians are
// reported)
#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <functional>
#include <iostream>
#include <string>
#include <vector>

#include <unistd.h>

#include "cs351/gradescope/pages/assignments_page.h"
#include "cs351/gradescope/pages/roster_page.h"

namespace {

using json = nlohmann::json;
namespace fs = std::filesystem;

std::string escape_attr(const std::string& s) {
  std::string out;
  for (char c : s) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      default:
        out += c;
    }
  }
  return out;
}

std::string roster_page(int members) {
  std::string rows;
  for (int i = 0; i < members; ++i) {
    const json cm{{"full_name", fmt::format("Stüdent Nümber{}", i)},
                  {"first_name", "Stüdent"},
                  {"last_name", fmt::format("Nümber{}", i)},
                  {"sid", fmt::format("{}", 240000000 + i)}};
    const json sections = json::array({{{"id", 1}, {"name", fmt::format("L0{}", i % 4)}}});
    rows += fmt::format(
        R"(<tr class="rosterRow"><td><button class="rosterCell--editIcon js-editMembership" data-cm="{}" data-email="student{}@example.edu" data-role="{}" data-sections="{}" data-id="{}"><i class="fa fa-pencil"></i></button><button class="js-rosterName" data-url="/courses/2002/gradebook.json?user_id={}">Stüdent Nümber{}</button></td><td>student{}@example.edu</td><td>Student</td><td>L0{}</td><td>3</td></tr>
)",
        escape_attr(cm.dump()), i, i % 50 == 0 ? 2 : 0, escape_attr(sections.dump()), 9000000 + i,
        5000000 + i, i, i, i % 4);
  }
  return R"(<!DOCTYPE html><html><head><title>Roster | Gradescope</title></head><body><nav><a href="/logout">Log Out</a></nav><main>
<table class="js-rosterTable table"><thead><tr><th>Name</th><th>Email</th><th>Role</th><th>Sections</th><th>Submissions</th></tr></thead><tbody>
)" + rows +
         "</tbody></table></main></body></html>\n";
}

std::string assignments_page(int assignments) {
  json rows = json::array();
  for (int i = 0; i < assignments; ++i) {
    if (i % 10 == 0)
      rows.push_back(
          {{"id", fmt::format("section_{}", i)}, {"type", "section"}, {"title", "Week"}});
    rows.push_back({{"id", fmt::format("assignment_{}", 8000000 + i)},
                    {"type", "assignment"},
                    {"url", fmt::format("/courses/2002/assignments/{}", 8000000 + i)},
                    {"title", fmt::format("Assignment {} — “Map & Reduce”", i)},
                    {"total_points", "100.0"},
                    {"submission_window",
                     {{"release_date", "2026-01-10T09:00"},
                      {"due_date", fmt::format("2026-02-{:02}T23:59", 1 + i % 27)},
                      {"hard_due_date", nullptr},
                      {"time_limit", nullptr}}},
                    {"num_active_submissions", 380},
                    {"grading_progress", 100},
                    {"is_published", i % 3 != 0},
                    {"regrade_requests_open", false}});
  }
  return R"(<!DOCTYPE html><html><head><title>Assignments | Gradescope</title></head><body><nav><a href="/logout">Log Out</a></nav><main>
<div data-react-class="AssignmentsTable" data-react-props=")" +
         escape_attr(json{{"table_data", rows}}.dump()) + "\"></div></main></body></html>\n";
}

// Process CPU time, on both sides: the shared machine's load does not count against either.
double cpu_ms() {
  timespec t{};
  ::clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t);
  return static_cast<double>(t.tv_sec) * 1e3 + static_cast<double>(t.tv_nsec) / 1e6;
}

double median_ms(int runs, const std::function<std::size_t()>& work, std::size_t& fields) {
  std::vector<double> times;
  for (int i = 0; i < runs; ++i) {
    const double start = cpu_ms();
    fields = work();
    times.push_back(cpu_ms() - start);
  }
  std::sort(times.begin(), times.end());
  return times[times.size() / 2];
}

std::size_t roster_fields(const std::string& page) {
  std::size_t n = 0;
  for (const auto& m : cs351::gradescope::parse_memberships(page, "roster")) {
    n += 7 + m.sections.size() + (m.user_id ? 1 : 0) + (m.name.empty() ? 0 : 1);
  }
  return n;
}

std::size_t assignment_fields(const std::string& page) {
  std::size_t n = 0;
  for (const auto& a : cs351::gradescope::parse_assignments(page, "assignments")) {
    n += 3 + (a.total_points ? 1 : 0) + (a.release_date ? 1 : 0) + (a.due_date ? 1 : 0) +
         (a.hard_due_date ? 1 : 0);
  }
  return n;
}

// Runs the BeautifulSoup reference; its stdout is JSON {"roster": {"ms":..,"fields":..},
// "assignments": {...}}.
json run_reference(const fs::path& script, const fs::path& dir, int runs) {
  const char* python = std::getenv("PYTHON");
  const std::string cmd = fmt::format("'{}' '{}' '{}' {}", python != nullptr ? python : "python3",
                                      script.string(), dir.string(), runs);
  FILE* pipe = ::popen(cmd.c_str(), "r");
  std::string out;
  char buf[4096];
  std::size_t n;
  while (pipe != nullptr && (n = std::fread(buf, 1, sizeof buf, pipe)) > 0) out.append(buf, n);
  const int rc = pipe != nullptr ? ::pclose(pipe) : -1;
  if (rc != 0) return nullptr;
  return json::parse(out, nullptr, false);
}

}  // namespace

int main(int argc, char** argv) {
  const int runs = argc > 1 ? std::max(1, std::atoi(argv[1])) : 7;
  const fs::path dir =
      fs::temp_directory_path() / fmt::format("cs351-bench-gradescope-{}", ::getpid());
  fs::create_directories(dir);
  const std::string roster = roster_page(1000), assignments = assignments_page(200);
  std::ofstream(dir / "roster.html", std::ios::binary) << roster;
  std::ofstream(dir / "assignments.html", std::ios::binary) << assignments;

  std::size_t roster_n = 0, assignments_n = 0;
  const double roster_ms = median_ms(
      runs, [&] { return roster_fields(roster); }, roster_n);
  const double assignments_ms = median_ms(
      runs, [&] { return assignment_fields(assignments); }, assignments_n);
  const json ref =
      run_reference(fs::path(__FILE__).parent_path() / "gradescope_parse_bs4.py", dir, runs);
  fs::remove_all(dir);

  fmt::print(
      "page                      bytes     cs351 ms  fields   bs4+lxml ms  fields   ratio\n");
  const auto row = [&](const char* name, const std::string& page, double ms, std::size_t fields,
                       const char* key) {
    if (ref.is_object() && ref.contains(key)) {
      const double ref_ms = ref[key]["ms"].get<double>();
      fmt::print("{:<24}{:>8}{:>12.2f}{:>8}{:>14.2f}{:>8}{:>8.1f}x\n", name, page.size(), ms,
                 fields, ref_ms, ref[key]["fields"].get<std::size_t>(), ref_ms / ms);
    } else {
      fmt::print(
          "{:<24}{:>8}{:>12.2f}{:>8}   (reference unavailable: install python3-bs4 python3-lxml)\n",
          name, page.size(), ms, fields);
    }
  };
  row("roster (1,000 members)", roster, roster_ms, roster_n, "roster");
  row("assignments (200)", assignments, assignments_ms, assignments_n, "assignments");
  fmt::print("medians of {} runs each, process CPU time\n", runs);
  return 0;
}
