// OpenAI Codex CLI rollouts (~/.codex/sessions/YYYY/MM/DD/rollout-*.jsonl):
// session_meta, turn_context (model), event_msg token_count (cumulative
// totals, each snapshot written twice, `info` sometimes null), response_item
// function calls (tools), event_msg user_message (prompts).

#include <fmt/format.h>

#include "cs351/usage/json_fields.h"
#include "cs351/usage/transcript.h"

namespace cs351::usage {
namespace {

using nlohmann::json;

struct Totals {
  std::int64_t input = 0, cached = 0, output = 0, reasoning = 0, total = 0;
  bool operator==(const Totals&) const = default;
};

Totals read_totals(const json& usage) {
  return {int_field(usage, "input_tokens"), int_field(usage, "cached_input_tokens"),
          int_field(usage, "output_tokens"), int_field(usage, "reasoning_output_tokens"),
          int_field(usage, "total_tokens")};
}

Totals minus(const Totals& a, const Totals& b) {
  return {a.input - b.input, a.cached - b.cached, a.output - b.output, a.reasoning - b.reasoning,
          a.total - b.total};
}

class CodexReader final : public TranscriptReader {
 public:
  Agent agent() const override { return Agent::codex; }

  Skip read_line(std::string_view text, const std::string& where, Sink& sink) override {
    const auto line = json::parse(text, nullptr, false);
    if (line.is_discarded() || !line.is_object()) return Skip::malformed;
    const auto* payload = field(line, "payload");
    if (!payload || !payload->is_object()) return Skip::unknown_type;
    // A rollout without session_meta is named by its file.
    if (m_session.empty()) m_session = where.substr(0, where.rfind(':'));
    const auto type = text_field(line, "type");
    const auto at = normalize_time(text_field(line, "timestamp"));
    if (type == "session_meta") {
      read_meta(*payload);
    } else if (type == "turn_context") {
      if (auto model = text_field(*payload, "model"); !model.empty()) m_model = std::move(model);
      if (auto cwd = text_field(*payload, "cwd"); !cwd.empty()) m_cwd = std::move(cwd);
    } else if (type == "event_msg") {
      if (at && !read_event(*payload, *at, where, sink)) return Skip::impossible_tokens;
    } else if (type == "response_item") {
      if (at) read_item(*payload, *at, sink);
    } else if (type != "compacted") {
      return Skip::unknown_type;
    }
    if (at && !m_session.empty()) sink.activity(m_session, *at);
    return Skip::none;
  }

  std::string state() const override {
    return json{
        {"session", m_session},
        {"model", m_model},
        {"cwd", m_cwd},
        {"totals", {m_last.input, m_last.cached, m_last.output, m_last.reasoning, m_last.total}}}
        .dump();
  }

  void restore(const std::string& state) override {
    const auto j = json::parse(state, nullptr, false);
    if (j.is_discarded() || !j.is_object()) return;
    m_session = text_field(j, "session");
    m_model = text_field(j, "model");
    m_cwd = text_field(j, "cwd");
    if (const auto* t = field(j, "totals"); t && t->is_array() && t->size() == 5)
      m_last = {(*t)[0], (*t)[1], (*t)[2], (*t)[3], (*t)[4]};
  }

 private:
  void read_meta(const json& payload) {
    if (auto id = text_field(payload, "id"); !id.empty()) m_session = std::move(id);
    if (auto cwd = text_field(payload, "cwd"); !cwd.empty()) m_cwd = std::move(cwd);
  }

  // False when a token count is impossible (read_token_count).
  bool read_event(const json& payload, const std::string& at, const std::string& where,
                  Sink& sink) {
    const auto kind = text_field(payload, "type");
    if (kind == "user_message") {
      const auto message = text_field(payload, "message");
      if (!message.empty())
        sink.prompt({where, m_session, at, message, code_points(message), false});
      return true;
    }
    return kind != "token_count" || read_token_count(payload, at, sink);
  }

  // A call is a change of the cumulative total: a repeated snapshot (same
  // total) or `info: null` adds nothing. False for a call with impossible counts (a total
  // that went down gives negative ones).
  bool read_token_count(const json& payload, const std::string& at, Sink& sink) {
    const auto* info = field(payload, "info");
    if (!info || !info->is_object()) return true;
    const auto* total_usage = field(*info, "total_token_usage");
    const auto* last_usage = field(*info, "last_token_usage");
    Totals call;
    if (total_usage && total_usage->is_object()) {
      const auto totals = read_totals(*total_usage);
      if (totals == m_last) return true;
      call =
          last_usage && last_usage->is_object() ? read_totals(*last_usage) : minus(totals, m_last);
      m_last = totals;
    } else if (last_usage && last_usage->is_object()) {
      call = read_totals(*last_usage);
    } else {
      return true;
    }
    if (call.input == 0 && call.cached == 0 && call.output == 0 && call.reasoning == 0) return true;
    return emit(call, text_field(*info, "model"), at, sink);
  }

  bool emit(const Totals& t, const std::string& info_model, const std::string& at, Sink& sink) {
    ApiCall c;
    c.key = fmt::format("{}:{}:{}", m_session, at, m_last.total);
    c.session_id = m_session;
    c.at = at;
    c.model = info_model.empty() ? m_model : info_model;
    if (c.model.empty()) c.model = "unknown";
    c.project = m_cwd;
    c.cache_read = std::min(t.cached, t.input);
    c.input = t.input - c.cache_read;
    c.output = t.output;
    c.reasoning = t.reasoning;
    if (!c.plausible()) return false;
    sink.call(std::move(c));
    return true;
  }

  void read_item(const json& payload, const std::string& at, Sink& sink) const {
    const auto kind = text_field(payload, "type");
    if (kind != "function_call" && kind != "custom_tool_call" && kind != "local_shell_call") return;
    const auto id = text_field(payload, "call_id");
    auto name = text_field(payload, "name");
    if (name.empty()) name = kind;
    if (!id.empty()) sink.tool({id, m_session, at, name, command_word(payload)});
  }

  // The program a shell call ran: arguments is JSON text with a command that
  // is a string or an argv array (["bash", "-lc", "git status"]).
  static std::string command_word(const json& payload) {
    const auto args = json::parse(text_field(payload, "arguments"), nullptr, false);
    const auto* cmd = field(args, "command");
    if (!cmd) cmd = field(args, "cmd");
    if (!cmd) return {};
    if (cmd->is_string()) return first_word(cmd->get<std::string>());
    if (cmd->is_array() && !cmd->empty() && cmd->back().is_string())
      return first_word(cmd->back().get<std::string>());
    return {};
  }

  std::string m_session, m_model, m_cwd;
  Totals m_last;
};

}  // namespace

std::unique_ptr<TranscriptReader> make_codex_reader() {
  return std::make_unique<CodexReader>();
}

}  // namespace cs351::usage
