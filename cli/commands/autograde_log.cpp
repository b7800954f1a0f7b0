// `autograde log RUN [--follow]`: a run's timeline and the grader's output as
// it was written; on a terminal, control characters are shown as escapes.
#include <fmt/format.h>

#include <ostream>
#include <thread>

#include "cli/commands.h"
#include "cli/output.h"
#include "cli/printable.h"
#include "cs351/autograde/queue_backend.h"
#include "cs351/autograde/run_log.h"
#include "cs351/core/time_format.h"

namespace cs351::cli {
namespace {

namespace ag = cs351::autograde;

constexpr std::chrono::milliseconds k_follow_poll{250};

std::string entry_line(const ag::TimelineEntry& e) {
  return fmt::format("{:<24}  {}", e.at ? format_utc(*e.at) : "", e.what);
}

nlohmann::json log_json(const ag::RunLog& log) {
  nlohmann::json timeline = nlohmann::json::array();
  for (const auto& e : log.timeline) {
    timeline.push_back({{"at", e.at ? nlohmann::json(format_utc(*e.at)) : nlohmann::json(nullptr)},
                        {"what", e.what}});
  }
  return {{"run_id", log.run.id},
          {"status", ag::status_name(log.run.status)},
          {"timeline", timeline},
          {"output", log.output}};
}

// Prints the timeline entries past the first `shown`; returns how many there are now.
std::size_t print_timeline(std::ostream& out, const ag::RunLog& log, std::size_t shown) {
  // The last entry of an unfinished run (its place or lease) changes: print it only when final.
  const std::size_t settled = log.timeline.size() - (ag::is_finished(log.run.status) ? 0 : 1);
  for (std::size_t i = shown; i < settled; ++i)
    out << printable(entry_line(log.timeline[i]), false) << '\n' << std::flush;
  return std::max(shown, settled);
}

void print_output(std::ostream& out, const ag::RunLog& log, bool tty) {
  out << "--- grader output (stdout and stderr) ---\n";
  out << (tty ? printable(log.output, true) : log.output);
  if (!log.output.empty() && log.output.back() != '\n') out << '\n';
}

}  // namespace

void add_autograde_log_verbs(CLI::App& grp, Context& ctx) {
  auto* cmd = grp.add_subcommand("log", "A run's timeline and the grader's output, readable");
  auto run = std::make_shared<std::int64_t>(0);
  auto follow = std::make_shared<bool>(false);
  cmd->add_option("RUN", *run, "run id")->required();
  cmd->add_flag("--follow,-f", *follow,
                "keep printing the timeline until the run finishes, then the output");
  cmd->footer(
      "Examples:\n  cs351 autograde log 42\n  cs351 autograde log 42 --follow\n  cs351 "
      "autograde log 42 --format json\n\n"
      "The output is shown as the grader wrote it (newlines, UTF-8); on a terminal, control "
      "characters appear as escapes (\\x1b). Piped, the bytes are unchanged.");
  ctx.formats(cmd, {{"text", "json"}, "text", "text"});
  ctx.on_run(cmd, [&ctx, run, follow] {
    auto queue = ag::open_queue(ctx.config(), ctx.store());
    auto log = ag::run_log(*queue, *run, system_clock());
    if (ctx.format() == "json") {
      write_object(ctx.out(), log_json(log), ctx.output());
      return;
    }
    const bool tty = ctx.stdout_is_tty();
    std::size_t shown = print_timeline(ctx.out(), log, 0);
    while (*follow && !ag::is_finished(log.run.status)) {
      std::this_thread::sleep_for(k_follow_poll);
      log = ag::run_log(*queue, *run, system_clock());
      shown = print_timeline(ctx.out(), log, shown);
    }
    print_output(ctx.out(), log, tty);
  });
}

}  // namespace cs351::cli
