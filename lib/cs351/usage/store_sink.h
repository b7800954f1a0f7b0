#pragma once
// Writes what readers find into the usage tables with prepared statements:
// calls upserted keeping the copy with the largest total (ccusage's rule),
// tools and prompts once per id, sessions widened to their first/last time.

#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Statement.h>

#include <cstdint>
#include <map>
#include <string>
#include <utility>

#include "cs351/usage/transcript.h"

namespace cs351::usage {

class StoreSink final : public Sink {
 public:
  StoreSink(SQLite::Database& db, std::int64_t course_id, bool keep_prompts);

  // Whose file the following lines come from.
  void begin_file(std::int64_t person_id, Agent agent);
  // Writes the sessions seen in the file.
  void end_file();

  void call(ApiCall&& call) override;
  void tool(ToolUse&& tool) override;
  void prompt(Prompt&& prompt) override;
  void activity(const std::string& session_id, const std::string& at) override;

  std::int64_t calls_read() const { return m_calls; }

 private:
  void bind_owner(SQLite::Statement& s) const;

  std::int64_t m_course, m_person = 0;
  std::string m_agent;
  bool m_keep_prompts;
  std::int64_t m_calls = 0;
  std::map<std::string, std::pair<std::string, std::string>> m_sessions;  // id -> first, last
  SQLite::Statement m_call, m_tool, m_prompt, m_session;
};

}  // namespace cs351::usage
