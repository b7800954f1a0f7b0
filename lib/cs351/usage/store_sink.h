#pragma once
// Writes what readers find into the usage tables with prepared statements:
// calls upserted keeping the copy with the largest total (ccusage's rule),
// tools and prompts once per id, sessions widened to their first/last time;
// each new tool use also counted in usage_tool_counts (see schema.cpp).

#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Statement.h>

#include <cstdint>
#include <map>
#include <string>
#include <tuple>

#include "cs351/usage/read_pool.h"

namespace cs351::usage {

class StoreSink {
 public:
  StoreSink(SQLite::Database& db, std::int64_t course_id, bool keep_prompts);

  // Whose file the following findings come from.
  void begin_file(std::int64_t person_id, Agent agent);
  void write(Finding&& finding);
  // The sessions seen in the file, each from its first to its last line.
  void write_sessions(const SessionSpans& sessions);

  // Adds the tool uses counted since the last flush to usage_tool_counts
  // (done now and then, and before the import commits).
  void flush_tool_counts();

 private:
  void bind_owner(SQLite::Statement& s) const;
  void call(ApiCall&& call);
  void tool(ToolUse&& tool);
  void prompt(Prompt&& prompt);

  std::int64_t m_course, m_person = 0;
  std::string m_agent;
  bool m_keep_prompts;
  std::map<std::tuple<std::int64_t, std::string, std::string>, std::int64_t> m_tool_counts;
  SQLite::Statement m_call, m_tool, m_prompt, m_session, m_tool_count;
};

}  // namespace cs351::usage
