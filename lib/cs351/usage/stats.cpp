#include "cs351/usage/stats.h"

#include <SQLiteCpp/Statement.h>

#include <algorithm>
#include <map>
#include <set>

#include <fmt/format.h>

#include "cs351/core/time_format.h"

namespace cs351::usage {
namespace {

constexpr std::size_t k_top = 10;
constexpr std::size_t k_long_path = 45;

template <typename Map>
std::vector<Count> sorted_counts(const Map& m, std::size_t limit) {
  std::vector<Count> out;
  for (const auto& [name, n] : m) out.push_back({name, n});
  std::stable_sort(out.begin(), out.end(),
                   [](const Count& a, const Count& b) { return a.n > b.n; });
  if (limit && out.size() > limit) out.resize(limit);
  return out;
}

// Long paths keep their last two parts: "~/.../accounts/tests.py".
std::string short_file(const std::string& path) {
  auto p = shorten_home(path);
  if (p.size() <= k_long_path) return p;
  const auto sep =
      p.find('\\') != std::string::npos && p.find('/') == std::string::npos ? '\\' : '/';
  const auto last = p.rfind(sep);
  const auto prev =
      last == std::string::npos || last == 0 ? std::string::npos : p.rfind(sep, last - 1);
  if (prev == std::string::npos) return p;
  return fmt::format("~{}...{}", sep, p.substr(prev));
}

struct Scoped {
  std::string sql_where = " WHERE course_id = ?1 AND (?2 IS NULL OR person_id = ?2)";
  static void bind(SQLite::Statement& q, const Scope& s) {
    q.bind(1, s.course_id);
    if (s.person_id) q.bind(2, *s.person_id);
  }
};

using Counts = std::map<std::string, std::int64_t, std::less<>>;

// A name's count, found without copying the name when it is already there.
std::int64_t& count(Counts& m, std::string_view name) {
  const auto it = m.find(name);
  return it != m.end() ? it->second : m.emplace(std::string(name), 0).first->second;
}

// The counts behind one report (the whole selection, or one student).
class Accumulator {
 public:
  void add_session(const std::string& first, const std::string& last, bool today) {
    ++m_stats.sessions;
    if (today) ++m_stats.sessions_today;
    const auto a = parse_time(first), b = parse_time(last);
    if (a && b)
      m_stats.seconds += std::chrono::duration_cast<std::chrono::seconds>(*b - *a).count();
    if (m_stats.first_at.empty() || first < m_stats.first_at) m_stats.first_at = first;
  }

  // `uses` of one tool with one detail.
  void add_tool(std::string_view name, std::string_view detail, std::int64_t uses) {
    count(m_tools, name) += uses;
    m_stats.tool_calls += uses;
    if (name == "ExitPlanMode") m_stats.plans += uses;
    if (detail.empty()) return;
    if (name == "Read") m_files[short_file(std::string(detail))] += uses;
    if (name == "Bash" || name == "shell" || name == "exec_command") count(m_bash, detail) += uses;
  }

  void add_prompt(std::int64_t length, bool slash_command) {
    if (slash_command) {
      ++m_stats.slash_commands;
      return;
    }
    ++m_stats.prompts;
    m_stats.prompt_chars += length;
  }

  void add_call(const CallRow& r, const PriceTable& prices) {
    m_stats.tokens.add(r.call, prices);
    auto& model = m_models[r.call.model];
    model.io_tokens = saturating_add(model.io_tokens, r.call.input + r.call.output);
    // Looked up in a reused buffer: a session is inserted once, found many times.
    m_session_key.assign(r.agent).append(r.call.session_id);
    auto& sessions = m_model_sessions[r.call.model];
    if (sessions.find(m_session_key) == sessions.end()) sessions.insert(m_session_key);
    ++count(m_days, r.day);
    ++count(m_cwds, r.call.project);  // grouped into projects once, in finish()
  }

  Stats finish() {
    auto& st = m_stats;
    const auto& t = st.tokens;
    const auto denominator = t.input + t.cache_creation + t.cache_read;
    st.cache_hit_rate =
        denominator ? static_cast<double>(t.cache_read) / static_cast<double>(denominator) : 0;
    for (auto& [name, m] : m_models) {
      m.model = name;
      m.sessions = static_cast<std::int64_t>(m_model_sessions[name].size());
      st.models.push_back(m);
    }
    std::stable_sort(st.models.begin(), st.models.end(), [](const ModelUse& a, const ModelUse& b) {
      return a.io_tokens > b.io_tokens;
    });
    st.tools = sorted_counts(m_tools, 0);
    st.files_read = sorted_counts(m_files, k_top);
    st.bash_commands = sorted_counts(m_bash, k_top);
    for (const auto& [day, n] : m_days) st.activity.push_back({day, n});
    finish_projects();
    return std::move(m_stats);
  }

 private:
  // Projects by calls (worktrees included), each followed by its worktrees.
  void finish_projects() {
    for (const auto& [cwd, n] : m_cwds) {
      const auto [project, worktree] = split_worktree(cwd);
      m_projects[shorten_home(project)][worktree] += n;
    }
    std::vector<std::pair<std::string, std::int64_t>> order;
    for (const auto& [project, trees] : m_projects) {
      std::int64_t sum = 0;
      for (const auto& [_, n] : trees) sum += n;
      order.emplace_back(project, sum);
    }
    std::stable_sort(order.begin(), order.end(),
                     [](auto& a, auto& b) { return a.second > b.second; });
    for (const auto& [project, sum] : order) {
      m_stats.projects.push_back({project.empty() ? "(unknown)" : project, sum, false});
      std::map<std::string, std::int64_t> trees;
      for (const auto& [name, n] : m_projects[project])
        if (!name.empty()) trees[name] = n;
      for (const auto& c : sorted_counts(trees, 0)) m_stats.projects.push_back({c.name, c.n, true});
    }
  }

  Stats m_stats;
  Counts m_tools, m_files, m_bash, m_days, m_cwds;
  std::map<std::string, ModelUse> m_models;
  std::string m_session_key;
  std::map<std::string, std::set<std::string>> m_model_sessions;
  std::map<std::string, std::map<std::string, std::int64_t>> m_projects;
};

// One pass over each table, each row counted for the whole selection or, by
// student, for its student (key 0 stands for the whole selection).
class StatsBuilder {
 public:
  StatsBuilder(SQLite::Database& db, const Filter& f, const PriceTable& prices, const Clock& clock,
               bool by_student)
      : m_db(db), m_filter(f), m_prices(prices), m_clock(clock), m_by_student(by_student) {}

  std::map<std::int64_t, Stats> build() {
    // The report reads most of the store's usage pages once: mapped, they are
    // read in place instead of each copied into a freshly allocated cache page.
    m_db.exec("PRAGMA mmap_size = 1073741824");
    for (const auto& s : scopes(m_db, m_filter)) {
      read_sessions(s);
      read_tools(s);
      read_prompts(s);
    }
    for_each_call(m_db, m_filter, [&](const CallRow& r) { of(r.person_id).add_call(r, m_prices); });
    std::map<std::int64_t, Stats> out;
    for (auto& [key, acc] : m_acc) out.emplace(key, acc.finish());
    return out;
  }

 private:
  Accumulator& of(std::int64_t person_id) { return m_acc[m_by_student ? person_id : 0]; }

  static std::string_view text(SQLite::Statement& q, int column) {
    const auto c = q.getColumn(column);
    return {static_cast<const char*>(c.getBlob()), static_cast<std::size_t>(c.getBytes())};
  }

  bool keep(std::string_view at, const Scope& s) const {
    if (!m_filter.since && !m_filter.until) return true;
    return in_range(m_filter, local_day(std::string(at), s.timezone));
  }

  void read_sessions(const Scope& s) {
    SQLite::Statement q(
        m_db, "SELECT person_id, first_at, last_at FROM usage_sessions" + Scoped{}.sql_where);
    Scoped::bind(q, s);
    const auto today = local_day(format_utc(m_clock.now()), s.timezone);
    while (q.executeStep()) {
      const auto first = q.getColumn(1).getString(), last = q.getColumn(2).getString();
      if (!keep(first, s)) continue;
      of(q.getColumn(0).getInt64()).add_session(first, last, local_day(last, s.timezone) == today);
    }
  }

  // Without a date range, the counts the import keeps; with one, every use.
  void read_tools(const Scope& s) {
    const bool dated = m_filter.since || m_filter.until;
    SQLite::Statement q(m_db,
                        (dated ? "SELECT person_id, name, detail, at FROM usage_tools"
                               : "SELECT person_id, name, detail, uses FROM usage_tool_counts") +
                            Scoped{}.sql_where);
    Scoped::bind(q, s);
    while (q.executeStep()) {
      if (dated && !keep(text(q, 3), s)) continue;
      of(q.getColumn(0).getInt64())
          .add_tool(text(q, 1), text(q, 2), dated ? 1 : q.getColumn(3).getInt64());
    }
  }

  void read_prompts(const Scope& s) {
    SQLite::Statement q(m_db, "SELECT person_id, length, at, slash_command FROM usage_prompts" +
                                  Scoped{}.sql_where);
    Scoped::bind(q, s);
    while (q.executeStep()) {
      if (!keep(text(q, 2), s)) continue;
      of(q.getColumn(0).getInt64())
          .add_prompt(q.getColumn(1).getInt64(), q.getColumn(3).getInt() != 0);
    }
  }

  SQLite::Database& m_db;
  const Filter& m_filter;
  const PriceTable& m_prices;
  const Clock& m_clock;
  const bool m_by_student;
  std::map<std::int64_t, Accumulator> m_acc;
};

}  // namespace

std::string shorten_home(const std::string& path) {
  for (const auto* root : {"/Users/", "/home/"}) {
    const std::string r = root;
    if (path.compare(0, r.size(), r) != 0) continue;
    const auto end = path.find('/', r.size());
    return end == std::string::npos ? "~" : "~" + path.substr(end);
  }
  if (path.size() > 9 && path[1] == ':' && path.compare(2, 7, "\\Users\\") == 0) {
    const auto end = path.find('\\', 9);
    return end == std::string::npos ? "~" : "~" + path.substr(end);
  }
  return path;
}

std::pair<std::string, std::string> split_worktree(const std::string& cwd) {
  for (const auto* marker : {"/.claude/worktrees/", "\\.claude\\worktrees\\", "/.claude-worktrees/",
                             "\\.claude-worktrees\\"}) {
    const std::string m = marker;
    const auto at = cwd.find(m);
    if (at == std::string::npos) continue;
    const auto rest = cwd.substr(at + m.size());
    return {cwd.substr(0, at), rest.substr(0, rest.find_first_of("/\\"))};
  }
  return {cwd, ""};
}

Stats compute_stats(SQLite::Database& db, const Filter& filter, const PriceTable& prices,
                    const Clock& clock) {
  auto all = StatsBuilder(db, filter, prices, clock, false).build();
  return all.empty() ? Stats{} : std::move(all.begin()->second);
}

std::map<std::int64_t, Stats> compute_stats_by_student(SQLite::Database& db, const Filter& filter,
                                                       const PriceTable& prices,
                                                       const Clock& clock) {
  return StatsBuilder(db, filter, prices, clock, true).build();
}

}  // namespace cs351::usage
