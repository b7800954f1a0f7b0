#include <doctest/doctest.h>

#include <fmt/format.h>

#include <limits>
#include <vector>

#include "cs351/usage/daily.h"
#include "cs351/usage/transcript.h"

using namespace cs351::usage;

namespace {

struct Collect : Sink {
  std::vector<ApiCall> calls;
  std::vector<ToolUse> tools;
  std::vector<Prompt> prompts;
  int lines_seen = 0;
  void call(ApiCall&& c) override { calls.push_back(std::move(c)); }
  void tool(ToolUse&& t) override { tools.push_back(std::move(t)); }
  void prompt(Prompt&& p) override { prompts.push_back(std::move(p)); }
  void activity(std::string_view, std::string_view) override { ++lines_seen; }
};

Skip read(TranscriptReader& r, const char* line, Collect& sink) {
  return r.read_line(line, "f.jsonl:0", sink);
}

}  // namespace

TEST_SUITE_BEGIN("usage/readers");

TEST_CASE("claude: an assistant line is a call keyed by message id and request id") {
  auto r = make_reader(Agent::claude);
  Collect sink;
  CHECK(
      read(
          *r,
          R"({"type":"assistant","sessionId":"s1","timestamp":"2025-06-08T10:00:00.5Z","cwd":"/home/ada/p","requestId":"req1","message":{"id":"msg1","model":"claude-sonnet-4-20250514","content":[{"type":"tool_use","id":"toolu_1","name":"Bash","input":{"command":"  git status"}}],"usage":{"input_tokens":3,"output_tokens":7,"cache_creation_input_tokens":100,"cache_read_input_tokens":50,"cache_creation":{"ephemeral_5m_input_tokens":40,"ephemeral_1h_input_tokens":60}}}})",
          sink) == Skip::none);
  REQUIRE(sink.calls.size() == 1);
  const auto& c = sink.calls[0];
  CHECK(c.key == "msg1\x1freq1");
  CHECK(c.at == "2025-06-08T10:00:00.500Z");
  CHECK(c.cache_write_5m == 40);
  CHECK(c.cache_write_1h == 60);  // the split replaces the flat count
  CHECK(c.total() == 3 + 7 + 100 + 50);
  CHECK(c.project == "/home/ada/p");
  REQUIRE(sink.tools.size() == 1);
  CHECK(sink.tools[0].detail == "git");
}

TEST_CASE("claude: synthetic API errors, tool results and meta lines are not calls or prompts") {
  auto r = make_reader(Agent::claude);
  Collect sink;
  read(
      *r,
      R"({"type":"assistant","sessionId":"s","timestamp":"2025-06-08T10:00:00Z","message":{"id":"x","model":"<synthetic>","usage":{"input_tokens":0,"output_tokens":0}}})",
      sink);
  read(
      *r,
      R"({"type":"user","uuid":"u1","sessionId":"s","timestamp":"2025-06-08T10:00:00Z","message":{"role":"user","content":[{"type":"tool_result","content":"ok"}]}})",
      sink);
  read(
      *r,
      R"({"type":"user","uuid":"u2","isMeta":true,"sessionId":"s","timestamp":"2025-06-08T10:00:00Z","message":{"role":"user","content":"expanded"}})",
      sink);
  read(
      *r,
      R"({"type":"user","uuid":"u3","sessionId":"s","timestamp":"2025-06-08T10:00:00Z","message":{"role":"user","content":"<command-name>/clear</command-name>"}})",
      sink);
  read(
      *r,
      R"({"type":"user","uuid":"u4","sessionId":"s","timestamp":"2025-06-08T10:00:00Z","message":{"role":"user","content":"héllo"}})",
      sink);
  // Written as user lines by Claude Code 2.1, typed by nobody.
  for (const char* text :
       {R"(<task-notification>\n<task-id>b0be39e</task-id>\n</task-notification>)",
        "This session is being continued from a previous conversation that ran out of context.",
        "[Request interrupted by user for tool use]",
        "<local-command-stdout>Compacted</local-command-stdout>"}) {
    const auto generated = fmt::format(
        R"({{"type":"user","uuid":"g{}","sessionId":"s","timestamp":"2025-06-08T10:00:00Z","message":{{"role":"user","content":"{}"}}}})",
        text[1], text);
    read(*r, generated.c_str(), sink);
  }
  CHECK(sink.calls.empty());
  REQUIRE(sink.prompts.size() == 2);
  CHECK(sink.prompts[0].slash_command);  // "/clear": counted apart
  CHECK_FALSE(sink.prompts[1].slash_command);
  CHECK(sink.prompts[1].length == 5);  // characters, not bytes
}

TEST_CASE("claude: bad lines are skipped by reason") {
  auto r = make_reader(Agent::claude);
  Collect sink;
  CHECK(read(*r, R"({"type":"assistant","message":{"id":)", sink) == Skip::malformed);
  CHECK(read(*r, "[1,2]", sink) == Skip::malformed);
  CHECK(read(*r, R"({"type":"hologram"})", sink) == Skip::unknown_type);
  CHECK(read(*r, R"({"type":"summary","summary":"x","leafUuid":"y"})", sink) == Skip::none);
}

TEST_CASE("claude: a call with an impossible token count is refused, not summed") {
  auto r = make_reader(Agent::claude);
  Collect sink;
  const auto line = [](const char* id, const char* tokens) {
    return fmt::format(
        R"({{"type":"assistant","sessionId":"s","timestamp":"2026-02-01T10:00:00Z","message":{{"id":"{}","model":"m","usage":{{"input_tokens":{},"output_tokens":1}}}}}})",
        id, tokens);
  };
  CHECK(read(*r, line("a", "9223372036854775807").c_str(), sink) == Skip::impossible_tokens);
  CHECK(read(*r, line("b", "1000000001").c_str(), sink) == Skip::impossible_tokens);
  CHECK(read(*r, line("c", "1000000000").c_str(), sink) == Skip::none);
  REQUIRE(sink.calls.size() == 1);
  CHECK(sink.calls[0].input == 1000000000);
}

TEST_CASE("token sums saturate instead of wrapping") {
  constexpr auto max = std::numeric_limits<std::int64_t>::max();
  CHECK(saturating_add(max, 1) == max);
  CHECK(saturating_add(max - 5, 4) == max - 1);
  CHECK(saturating_add(2, 3) == 5);
}

TEST_CASE("claude: a sub-agent reply copied into a progress line is a call") {
  auto r = make_reader(Agent::claude);
  Collect sink;
  read(
      *r,
      R"({"type":"progress","sessionId":"parent","cwd":"/w","data":{"type":"agent_progress","message":{"type":"assistant","timestamp":"2026-02-11T21:24:22.960Z","requestId":"req","message":{"id":"m","model":"claude-sonnet-4-5-20250929","usage":{"input_tokens":3,"output_tokens":1}}}}})",
      sink);
  REQUIRE(sink.calls.size() == 1);
  CHECK(sink.calls[0].session_id == "parent");
  CHECK(sink.calls[0].sidechain);
  CHECK(sink.calls[0].key == "m\x1freq");
}

TEST_CASE("codex: each cumulative total counts once; info null adds nothing") {
  auto r = make_reader(Agent::codex);
  Collect sink;
  read(
      *r,
      R"({"timestamp":"2026-02-23T11:40:29Z","type":"session_meta","payload":{"id":"sess","cwd":"/p"}})",
      sink);
  read(
      *r,
      R"({"timestamp":"2026-02-23T11:40:30Z","type":"turn_context","payload":{"model":"gpt-5.3-codex"}})",
      sink);
  const char* snap =
      R"({"timestamp":"2026-02-23T11:40:31Z","type":"event_msg","payload":{"type":"token_count","info":{"total_token_usage":{"input_tokens":1000,"cached_input_tokens":400,"output_tokens":50,"reasoning_output_tokens":20,"total_tokens":1050},"last_token_usage":{"input_tokens":1000,"cached_input_tokens":400,"output_tokens":50,"reasoning_output_tokens":20,"total_tokens":1050}}}})";
  read(*r, snap, sink);
  read(*r, snap, sink);
  read(
      *r,
      R"({"timestamp":"2026-02-23T11:40:32Z","type":"event_msg","payload":{"type":"token_count","info":null}})",
      sink);
  REQUIRE(sink.calls.size() == 1);
  CHECK(sink.calls[0].input == 600);  // cached input is the cache read
  CHECK(sink.calls[0].cache_read == 400);
  CHECK(sink.calls[0].output == 50);
  CHECK(sink.calls[0].model == "gpt-5.3-codex");
  CHECK(sink.calls[0].session_id == "sess");
}

TEST_CASE("codex: the reader state carries the last total across imports") {
  auto a = make_reader(Agent::codex);
  Collect sink;
  const char* snap =
      R"({"timestamp":"2026-02-23T11:40:31Z","type":"event_msg","payload":{"type":"token_count","info":{"total_token_usage":{"input_tokens":10,"output_tokens":5,"total_tokens":15}}}})";
  read(*a, snap, sink);
  auto b = make_reader(Agent::codex);
  b->restore(a->state());
  read(*b, snap, sink);  // the repeat, read by the next import
  CHECK(sink.calls.size() == 1);
}

TEST_CASE("detect_agent and normalize_time") {
  CHECK(detect_agent(R"({"timestamp":"x","type":"session_meta","payload":{}})") == Agent::codex);
  CHECK(detect_agent(R"({"type":"user","message":{}})") == Agent::claude);
  CHECK(normalize_time("2025-06-08T10:00:00Z") == "2025-06-08T10:00:00.000Z");
  CHECK(normalize_time("2025-06-08T10:00:00.123456Z") == "2025-06-08T10:00:00.123Z");
  CHECK(normalize_time("2025-06-08T12:00:00+02:00") == "2025-06-08T10:00:00.000Z");
  CHECK_FALSE(normalize_time("yesterday"));
}

TEST_SUITE_END();
