#pragma once
// What a transcript line can tell us, and the one interface every agent's
// reader implements (one file per agent: claude_reader.cpp, codex_reader.cpp).

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

namespace cs351::usage {

enum class Agent { claude, codex };
const char* agent_name(Agent agent);

// One API call. Token kinds follow ccusage: for Codex, input excludes cached
// input (which is cache_read) and output includes reasoning.
struct ApiCall {
  std::string key;  // de-duplication key, unique per call across all files
  std::string session_id, at, model, project;
  std::int64_t input = 0, output = 0, cache_write_5m = 0, cache_write_1h = 0, cache_read = 0;
  std::int64_t reasoning = 0;
  bool fast = false, sidechain = false;
  std::optional<double> recorded_cost;  // costUSD written by old Claude Code versions

  std::int64_t cache_creation() const { return cache_write_5m + cache_write_1h; }
  std::int64_t total() const { return input + output + cache_creation() + cache_read; }
  // Every count between 0 and k_max_call_tokens: a larger one is no real call (a crafted or
  // corrupt line) and would swamp every sum it joins.
  bool plausible() const;
};

// No model reads or writes a billion tokens in one call (the largest context is ~1M).
inline constexpr std::int64_t k_max_call_tokens = 1'000'000'000;

struct ToolUse {
  std::string key, session_id, at, name, detail;  // detail: Read's file, Bash's first word
};

struct Prompt {
  std::string key, session_id, at, text;
  std::int64_t length = 0;     // in characters (code points)
  bool slash_command = false;  // "/compact", "/clear": typed, but a command, counted apart
};

// Receives what the reader finds on each line.
class Sink {
 public:
  virtual ~Sink() = default;
  virtual void call(ApiCall&& call) = 0;
  virtual void tool(ToolUse&& tool) = 0;
  virtual void prompt(Prompt&& prompt) = 0;
  // Any timestamped line of a session: sessions last from first to last.
  virtual void activity(std::string_view session_id, std::string_view at) = 0;
};

// Why a line was skipped (counted per reason in the import summary).
enum class Skip { none, malformed, unknown_type, too_long, impossible_tokens };
const char* skip_name(Skip reason);

class TranscriptReader {
 public:
  virtual ~TranscriptReader() = default;
  virtual Agent agent() const = 0;
  // Reads one line (without its newline); `where` names it uniquely
  // ("<file>:<byte offset>") for calls that carry no id of their own.
  virtual Skip read_line(std::string_view line, const std::string& where, Sink& sink) = 0;
  // State that must survive between imports of a growing file.
  virtual std::string state() const { return {}; }
  virtual void restore(const std::string& /*state*/) {}
};

std::unique_ptr<TranscriptReader> make_reader(Agent agent);

// Which agent wrote a file, from its first line (Codex lines carry "payload").
Agent detect_agent(std::string_view first_line);

// "2025-06-08T14:32:10.123Z" normalised to millisecond UTC ISO text; nullopt if unparseable.
std::optional<std::string> normalize_time(std::string_view text);

}  // namespace cs351::usage
