#include "cs351/gradescope/capture.h"
#include "cs351/core/write_error.h"

#include <fmt/format.h>

#include <fstream>

#include "cs351/gradescope/pages/assignments_page.h"
#include "cs351/gradescope/pages/submissions_page.h"
#include "cs351/gradescope/scrub.h"

namespace cs351::gradescope {
namespace {

struct Raw {
  std::string kind, file, path, body;
};

class Fetcher {
 public:
  Fetcher(Session& session, Capture& out) : m_session(session), m_out(out) {}

  // The page body, or nullopt (noted) when the site would not serve it.
  std::optional<std::string> fetch(const std::string& kind, const std::string& file,
                                   const std::string& path) {
    try {
      auto body = m_session.get(path).body;
      m_raw.push_back({kind, file, path, body});
      return body;
    } catch (const Error& e) {
      if (e.code() == ExitCode::no_perm) throw;
      m_out.unavailable.push_back(fmt::format("{}: {}", kind, e.what()));
      return std::nullopt;
    }
  }
  const std::vector<Raw>& raw() const { return m_raw; }

 private:
  Session& m_session;
  Capture& m_out;
  std::vector<Raw> m_raw;
};

template <typename T>
std::optional<T> try_parse(const std::function<T()>& parse) {
  try {
    return parse();
  } catch (const Error&) {
    return std::nullopt;
  }
}

void fetch_assignment_pages(Fetcher& f, Scrubber& scrubber, const std::string& base,
                            const std::string& assignment) {
  scrubber.protect(assignment);
  const std::string a = base + "/assignments/" + assignment;
  f.fetch("extensions", "extensions.html", a + "/extensions");
  f.fetch("scores.csv", "scores.csv", a + "/scores.csv");
  const auto submissions = f.fetch("submissions", "submissions.html", a + "/submissions");
  if (!submissions) return;
  const auto owners =
      try_parse<SubmissionOwners>([&] { return parse_submissions_manager(*submissions, a); });
  if (!owners || owners->empty()) return;
  f.fetch("submission history", "submission_history.json",
          fmt::format("{}/submissions/{}.json?content=react&only_keys%5B%5D=past_submissions", a,
                      owners->begin()->first));
}

}  // namespace

Capture capture_pages(Session& session, const std::string& gradescope_course_id) {
  Capture out;
  Fetcher f(session, out);
  Scrubber scrubber;
  scrubber.protect(gradescope_course_id);
  const std::string base = "/courses/" + gradescope_course_id;
  f.fetch("account", "account.html", "/account");
  f.fetch("memberships", "memberships.html", base + "/memberships");
  if (const auto page = f.fetch("assignments", "assignments.html", base + "/assignments")) {
    const auto rows =
        try_parse<std::vector<AssignmentRow>>([&] { return parse_assignments(*page, base); });
    for (const auto& r : rows.value_or(std::vector<AssignmentRow>{})) scrubber.protect(r.id);
    if (rows && !rows->empty()) fetch_assignment_pages(f, scrubber, base, rows->front().id);
  }
  for (const auto& r : f.raw()) scrubber.learn(r.kind, r.body);
  for (const auto& r : f.raw())
    out.pages.push_back({r.kind, r.file, r.path, scrubber.scrub(r.body)});
  for (const auto& p : out.pages) {
    if (const auto left = scrubber.survivors(p.body); !left.empty()) {
      throw data_error(
          fmt::format("scrubbing left {} original value(s) in the {} page; nothing was written",
                      left.size(), p.kind));
    }
  }
  out.people = scrubber.people();
  return out;
}

std::vector<std::filesystem::path> existing_files(const Capture& capture,
                                                  const std::filesystem::path& dir) {
  std::vector<std::filesystem::path> out;
  for (const auto& p : capture.pages) {
    if (std::filesystem::exists(dir / p.file)) out.push_back(dir / p.file);
  }
  return out;
}

void write_capture(const Capture& capture, const std::filesystem::path& dir) {
  std::filesystem::create_directories(dir);
  for (const auto& p : capture.pages) {
    std::ofstream file(dir / p.file, std::ios::binary | std::ios::trunc);
    file << p.body;
    if (!file) throw cannot_write((dir / p.file).string());
  }
}

}  // namespace cs351::gradescope
