// Agent transcripts (Claude Code, Codex), line by line as `usage import` reads them: the agent
// is detected from the first line and every line goes through its reader, then through the
// other agent's reader too, so each reader meets the other format's lines.
#include <string_view>

#include "cs351/usage/transcript.h"
#include "fuzz_common.h"

namespace {

struct NullSink final : cs351::usage::Sink {
  void call(cs351::usage::ApiCall&&) override {}
  void tool(cs351::usage::ToolUse&&) override {}
  void prompt(cs351::usage::Prompt&&) override {}
  void activity(std::string_view, std::string_view) override {}
};

void read_lines(std::string_view text, cs351::usage::Agent agent) {
  auto reader = cs351::usage::make_reader(agent);
  NullSink sink;
  std::size_t start = 0;
  while (start <= text.size()) {
    const auto end = std::min(text.find('\n', start), text.size());
    reader->read_line(text.substr(start, end - start), "fuzz:" + std::to_string(start), sink);
    start = end + 1;
  }
  reader->restore(reader->state());
}

void read_transcript(std::string_view text) {
  const auto first = cs351::usage::detect_agent(text.substr(0, text.find('\n')));
  read_lines(text, first);
  read_lines(text, first == cs351::usage::Agent::claude ? cs351::usage::Agent::codex
                                                        : cs351::usage::Agent::claude);
}

}  // namespace

CS351_FUZZ_TARGET(read_transcript(input))
