// Claude Code transcripts (~/.claude/projects/<encoded-cwd>/<session>.jsonl and
// sub-agent files). One line is one JSON object with a `type`.

#include <array>
#include <span>
#include <string_view>

#include "cs351/usage/json_check.h"
#include "cs351/usage/json_fields.h"
#include "cs351/usage/json_view.h"
#include "cs351/usage/transcript.h"

namespace cs351::usage {
namespace {

using json = JsonView;

// Line types that carry nothing we count but are known, so not "unknown".
constexpr std::array<std::string_view, 6> k_quiet_types{
    "system", "summary", "file-history-snapshot", "queue-operation", "last-prompt", "attachment"};

bool starts_with(const std::string& s, std::string_view prefix) {
  return s.compare(0, prefix.size(), prefix) == 0;
}

// Lines Claude Code writes as "user" that no person typed: a slash command's output,
// interruption markers, the notice that a background task ended, and the summary that
// continues a compacted session.
bool is_generated_text(const std::string& text) {
  return starts_with(text, "<local-command-") || starts_with(text, "[Request interrupted") ||
         starts_with(text, "Caveat: ") || starts_with(text, "<task-notification>") ||
         starts_with(text, "This session is being continued from a previous conversation");
}

// A slash command the person ran ("<command-name>/compact</command-name>", its message
// first in older versions).
bool is_slash_command(const std::string& text) {
  return starts_with(text, "<command-");
}

// The text of a user line a person wrote, or nullopt for tool results, meta lines and
// generated text.
std::optional<std::string> typed_text(const json& line) {
  if (bool_field(line, "isMeta") || bool_field(line, "isCompactSummary") ||
      field(line, "toolUseResult"))
    return std::nullopt;
  const auto content = field(field(line, "message"), "content");
  if (!content) return std::nullopt;
  std::string text;
  if (content.is_string()) {
    text = content.string();
  } else if (content.is_array()) {
    for (const auto& block : content.elements()) {
      const auto type = text_field(block, "type");
      if (type == "tool_result") return std::nullopt;
      if (type == "text") text += text_field(block, "text");
    }
  }
  if (text.empty() || is_generated_text(text)) return std::nullopt;
  return text;
}

std::string tool_detail(const std::string& name, const json& input) {
  if (name == "Read") return text_field(input, "file_path");
  if (name == "Bash") return first_word(text_field(input, "command"));
  return {};
}

// Most of a 2.x transcript's bytes are hook/tool progress lines and tool
// results, which carry no call, tool use or prompt: only their session and
// time matter, and those are read from the bytes without parsing the line.
// (The top-level timestamp is the line's last; sessionId precedes `data`.)
// A bulk line has no "usage" and one of the two types. The check that a line
// is JSON finds these marks in the same pass, rather than a search for each.
class Marks {
 public:
  std::span<Needle> needles() { return m_needles; }
  bool bulk() const {
    return !m_needles[0].found() && (m_needles[1].found() || m_needles[2].found());
  }
  std::string_view session(std::string_view text) const {
    return value(text, m_needles[3], m_needles[3].first);
  }
  std::string_view timestamp(std::string_view text) const {
    return value(text, m_needles[4], m_needles[4].last);
  }

 private:
  // The string value of the `"key":"` needle found at `at`, as written.
  static std::string_view value(std::string_view text, const Needle& key, std::size_t at) {
    if (at == Needle::none) return {};
    const auto from = at + key.text.size();
    const auto end = text.find('"', from);
    return end == std::string_view::npos ? std::string_view{} : text.substr(from, end - from);
  }

  std::array<Needle, 5> m_needles{Needle("\"usage\""), Needle("\"type\":\"progress\""),
                                  Needle("\"type\":\"tool_result\""), Needle("\"sessionId\":\""),
                                  Needle("\"timestamp\":\"")};
};

class ClaudeReader final : public TranscriptReader {
 public:
  Agent agent() const override { return Agent::claude; }

  Skip read_line(std::string_view text, const std::string& where, Sink& sink) override {
    Marks marks;
    if (!is_json(text, marks.needles())) return Skip::malformed;
    if (marks.bulk()) return read_bulk(text, marks, sink);
    const json line(text);
    if (!line.is_object()) return Skip::malformed;
    const auto type = text_field(line, "type");
    const auto session = text_field(line, "sessionId");
    const auto at = normalize_time(text_field(line, "timestamp"));
    if (!session.empty() && at) sink.activity(session, *at);
    if (type == "assistant") {
      if (!read_assistant(line, line, where, sink)) return Skip::impossible_tokens;
    } else if (type == "user") {
      read_user(line, session, at, sink);
    } else if (type == "progress") {
      read_progress(line, where, sink);
    } else if (!is_quiet(type)) {
      // Old 1.0 lines without a type but with a message still count.
      if (type.empty() && field(line, "message")) {
        if (!read_assistant(line, line, where, sink)) return Skip::impossible_tokens;
      } else {
        return Skip::unknown_type;
      }
    }
    return Skip::none;
  }

 private:
  static Skip read_bulk(std::string_view text, const Marks& marks, Sink& sink) {
    const auto session = marks.session(text);
    const auto at = normalize_time(marks.timestamp(text));
    if (!session.empty() && at) sink.activity(session, *at);
    return Skip::none;
  }

  static bool is_quiet(const std::string& type) {
    for (auto t : k_quiet_types)
      if (type == t) return true;
    return false;
  }

  // Sub-agent replies copied into the parent's progress lines (2.1.x) count
  // like any other copy of the call: the de-duplication key merges them.
  void read_progress(const json& line, const std::string& where, Sink& sink) {
    const auto inner = field(field(line, "data"), "message");
    if (text_field(inner, "type") == "assistant") read_assistant(inner, line, where, sink);
  }

  // `outer` carries session and cwd (the same object unless a progress copy). False when
  // the call's token counts are impossible (the call is not counted).
  bool read_assistant(const json& entry, const json& outer, const std::string& where, Sink& sink) {
    const auto message = field(entry, "message");
    if (!message.is_object()) return true;
    const auto model = text_field(message, "model");
    if (model == "<synthetic>") return true;  // API-error placeholders: no call
    const auto at = normalize_time(text_field(entry, "timestamp"));
    if (!at) return true;
    const auto session = text_field(outer, "sessionId");
    read_tools(message, session, *at, sink);
    const auto usage = field(message, "usage");
    if (!usage.is_object() || model.empty()) return true;
    ApiCall call;
    const auto id = text_field(message, "id");
    call.key = id.empty() ? where : id + '\x1f' + text_field(entry, "requestId");
    call.session_id = session;
    call.at = *at;
    call.model = model;
    call.project = text_field(outer, "cwd");
    fill_tokens(usage, call);
    call.sidechain = bool_field(entry, "isSidechain") || &entry != &outer;
    if (const auto cost = field(entry, "costUSD"); cost.is_number())
      call.recorded_cost = cost.number();
    if (!call.plausible()) return false;
    sink.call(std::move(call));
    return true;
  }

  static void fill_tokens(const json& usage, ApiCall& call) {
    call.input = int_field(usage, "input_tokens");
    call.output = int_field(usage, "output_tokens");
    call.cache_read = int_field(usage, "cache_read_input_tokens");
    // The 5-minute / 1-hour split, when written, replaces the flat count.
    if (const auto split = field(usage, "cache_creation"); split.is_object()) {
      call.cache_write_5m = int_field(split, "ephemeral_5m_input_tokens");
      call.cache_write_1h = int_field(split, "ephemeral_1h_input_tokens");
    } else {
      call.cache_write_5m = int_field(usage, "cache_creation_input_tokens");
    }
    call.fast = text_field(usage, "speed") == "fast";
  }

  static void read_tools(const json& message, const std::string& session, const std::string& at,
                         Sink& sink) {
    const auto content = field(message, "content");
    for (const auto& block : content.elements()) {
      if (text_field(block, "type") != "tool_use") continue;
      const auto name = text_field(block, "name");
      const auto id = text_field(block, "id");
      if (name.empty() || id.empty()) continue;
      sink.tool({id, session, at, name, tool_detail(name, field(block, "input"))});
    }
  }

  static void read_user(const json& line, const std::string& session,
                        const std::optional<std::string>& at, Sink& sink) {
    const auto uuid = text_field(line, "uuid");
    if (!at || uuid.empty() || session.empty()) return;
    if (text_field(line, "userType") == "internal" || bool_field(line, "isSidechain")) return;
    auto text = typed_text(line);
    if (!text) return;
    const auto length = code_points(*text);
    const bool slash = is_slash_command(*text);
    sink.prompt({uuid, session, *at, std::move(*text), length, slash});
  }
};

}  // namespace

std::unique_ptr<TranscriptReader> make_claude_reader() {
  return std::make_unique<ClaudeReader>();
}

}  // namespace cs351::usage
