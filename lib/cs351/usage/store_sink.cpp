#include "cs351/usage/store_sink.h"

#include <type_traits>

namespace cs351::usage {

StoreSink::StoreSink(SQLite::Database& db, std::int64_t course_id, bool keep_prompts)
    : m_course(course_id),
      m_keep_prompts(keep_prompts),
      m_call(db, R"sql(
INSERT INTO usage_calls (course_id, person_id, agent, call_key, session_id, at, model, project,
  input_tokens, output_tokens, cache_write_5m_tokens, cache_write_1h_tokens, cache_read_tokens,
  reasoning_tokens, total, fast, sidechain, recorded_cost)
VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18)
ON CONFLICT (course_id, person_id, agent, call_key) DO UPDATE SET
  session_id = excluded.session_id, at = excluded.at, model = excluded.model,
  project = excluded.project, input_tokens = excluded.input_tokens,
  output_tokens = excluded.output_tokens, cache_write_5m_tokens = excluded.cache_write_5m_tokens,
  cache_write_1h_tokens = excluded.cache_write_1h_tokens,
  cache_read_tokens = excluded.cache_read_tokens, reasoning_tokens = excluded.reasoning_tokens,
  total = excluded.total, fast = excluded.fast, sidechain = excluded.sidechain,
  recorded_cost = excluded.recorded_cost
WHERE excluded.total > usage_calls.total
   OR (excluded.total = usage_calls.total AND usage_calls.sidechain AND NOT excluded.sidechain)
)sql"),
      m_tool(db, R"sql(
INSERT OR IGNORE INTO usage_tools (course_id, person_id, agent, tool_key, session_id, at, name, detail)
VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8))sql"),
      m_prompt(db, R"sql(
INSERT OR IGNORE INTO usage_prompts (course_id, person_id, agent, prompt_key, session_id, at, length, text,
  slash_command)
VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9))sql"),
      m_session(db, R"sql(
INSERT INTO usage_sessions (course_id, person_id, agent, session_id, first_at, last_at)
VALUES (?1, ?2, ?3, ?4, ?5, ?6)
ON CONFLICT (course_id, person_id, agent, session_id) DO UPDATE SET
  first_at = min(first_at, excluded.first_at), last_at = max(last_at, excluded.last_at))sql"),
      m_tool_count(db, R"sql(
INSERT INTO usage_tool_counts (course_id, person_id, name, detail, uses) VALUES (?1, ?2, ?3, ?4, ?5)
ON CONFLICT (course_id, person_id, name, detail) DO UPDATE SET uses = uses + excluded.uses)sql") {}

namespace {
// Distinct (student, tool, detail) counts held before they are written.
constexpr std::size_t k_max_tool_counts = 20000;
}  // namespace

void StoreSink::flush_tool_counts() {
  for (const auto& [key, n] : m_tool_counts) {
    const auto& [person, name, detail] = key;
    m_tool_count.bind(1, m_course);
    m_tool_count.bind(2, person);
    m_tool_count.bindNoCopy(3, name);
    m_tool_count.bindNoCopy(4, detail);
    m_tool_count.bind(5, n);
    m_tool_count.exec();
    m_tool_count.reset();
  }
  m_tool_counts.clear();
}

// Texts are bound without a copy (bindNoCopy): each lives until its statement
// has run, and is bound afresh before the next run.

// Every statement starts with (course, person, agent).
void StoreSink::bind_owner(SQLite::Statement& s) const {
  s.bind(1, m_course);
  s.bind(2, m_person);
  s.bindNoCopy(3, m_agent);
}

void StoreSink::begin_file(std::int64_t person_id, Agent agent) {
  m_person = person_id;
  m_agent = agent_name(agent);
}

void StoreSink::write(Finding&& finding) {
  std::visit(
      [this](auto&& f) {
        using T = std::decay_t<decltype(f)>;
        if constexpr (std::is_same_v<T, ApiCall>) {
          call(std::move(f));
        } else if constexpr (std::is_same_v<T, ToolUse>) {
          tool(std::move(f));
        } else {
          prompt(std::move(f));
        }
      },
      std::move(finding));
}

void StoreSink::write_sessions(const SessionSpans& sessions) {
  for (const auto& [id, span] : sessions) {
    bind_owner(m_session);
    m_session.bindNoCopy(4, id);
    m_session.bindNoCopy(5, span.first);
    m_session.bindNoCopy(6, span.second);
    m_session.exec();
    m_session.reset();
  }
}

void StoreSink::call(ApiCall&& c) {
  auto& s = m_call;
  bind_owner(s);
  s.bindNoCopy(4, c.key);
  s.bindNoCopy(5, c.session_id);
  s.bindNoCopy(6, c.at);
  s.bindNoCopy(7, c.model);
  s.bindNoCopy(8, c.project);
  s.bind(9, c.input);
  s.bind(10, c.output);
  s.bind(11, c.cache_write_5m);
  s.bind(12, c.cache_write_1h);
  s.bind(13, c.cache_read);
  s.bind(14, c.reasoning);
  s.bind(15, c.total());
  s.bind(16, c.fast ? 1 : 0);
  s.bind(17, c.sidechain ? 1 : 0);
  if (c.recorded_cost) {
    s.bind(18, *c.recorded_cost);
  } else {
    s.bind(18);
  }
  s.exec();
  s.reset();
}

void StoreSink::tool(ToolUse&& t) {
  auto& s = m_tool;
  bind_owner(s);
  s.bindNoCopy(4, t.key);
  s.bindNoCopy(5, t.session_id);
  s.bindNoCopy(6, t.at);
  s.bindNoCopy(7, t.name);
  s.bindNoCopy(8, t.detail);
  const bool added = s.exec() == 1;
  s.reset();
  if (!added) return;
  ++m_tool_counts[{m_person, std::move(t.name), std::move(t.detail)}];
  if (m_tool_counts.size() >= k_max_tool_counts) flush_tool_counts();
}

void StoreSink::prompt(Prompt&& p) {
  auto& s = m_prompt;
  bind_owner(s);
  s.bindNoCopy(4, p.key);
  s.bindNoCopy(5, p.session_id);
  s.bindNoCopy(6, p.at);
  s.bind(7, p.length);
  if (m_keep_prompts) {
    s.bindNoCopy(8, p.text);
  } else {
    s.bind(8);
  }
  s.bind(9, p.slash_command ? 1 : 0);
  s.exec();
  s.reset();
}

}  // namespace cs351::usage
