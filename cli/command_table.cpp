#include "cli/command_table.h"

#include <fmt/format.h>

#include <algorithm>
#include <array>

#include "cli/commands.h"
#include "cs351/core/text.h"

namespace cs351::cli {
namespace {

using N = Needs;
// clang-format off
constexpr std::array k_commands{
  CommandEntry{"init", "Create the store and a commented default config (safe to re-run)", N::store, &add_init_verbs, "config.md",
    "cs351 init\ncs351 --db /srv/cs351/cs351.db init"},
  CommandEntry{"config", "Settings: show where each value comes from, list every key, set, unset, edit", N::config, &add_config_verbs, "config.md",
    "cs351 config show\ncs351 config keys\ncs351 config set gradescope.email ta@example.edu\ncs351 config unset gradescope.email\ncs351 config edit"},
  CommandEntry{"course", "Courses: add, edit, list, use, activate, deactivate, link, unlink, remove", N::store, &add_course_verbs, "course.md",
    "cs351 course add CS351-S26 --name \"Cloud Computing\" --timezone America/Indiana/Indianapolis\ncs351 course use CS351-S26\ncs351 course list\ncs351 course link CS351-S26 1132878"},
  CommandEntry{"roster", "Class lists: import, list, export, remove", N::store, &add_roster_verbs, "roster.md",
    "cs351 roster import roster.csv --course CS351-S26\ncs351 roster list --course CS351-S26 --format json\ncs351 roster export --course CS351-S26 --format gradescope > upload.csv"},
  CommandEntry{"gradescope", "Gradescope: login, courses, sync into the store, check, capture", N::store, &add_gradescope_verbs, "gradescope.md",
    "cs351 gradescope login --email ta@example.edu\ncs351 gradescope courses\ncs351 course link CS351-S26 1132878\ncs351 gradescope sync\ncs351 gradescope check --course CS351-S26"},
  CommandEntry{"assignments", "Assignments of a course", N::store, &add_assignments_verbs, "gradescope.md",
    "cs351 assignments list --course CS351-S26\ncs351 assignments add hw1 --course CS351-S26 --due 2026-02-15T23:59"},
  CommandEntry{"scores", "Scores synced from Gradescope", N::store, &add_scores_verbs, "gradescope.md",
    "cs351 scores list --course CS351-S26 --format json"},
  CommandEntry{"mail", "SES account status, the outbox log, flushing, cancelling, sandbox verification", N::store, &add_mail_verbs, "magic-links.md",
    "cs351 mail status\ncs351 mail log --format table\ncs351 mail flush\ncs351 mail cancel --course CS351-S26 --dry-run"},
  CommandEntry{"magic-link", "Passwordless login links: send, verify, redeem, revoke, list", N::store, &add_magic_link_verbs, "magic-links.md",
    "cs351 magic-link send --course CS351-S26 --dry-run\ncs351 magic-link list --course CS351-S26 --status active"},
  CommandEntry{"staff", "Course staff: invite (onboarding link)", N::store, &add_staff_verbs, "magic-links.md",
    "cs351 staff invite grace@example.edu --course CS351-S26 --role ta"},
  CommandEntry{"autograde", "Grade submissions: queue, workers, and the Gradescope bridge", N::store, &add_autograde_verbs, "autograde.md",
    "cs351 autograde enqueue --course CS351-S26 --assignment hw1 --student ana@uni.edu --submission ./ana\ncs351 autograde worker --concurrency 4\ncs351 autograde list --status failed"},
  CommandEntry{"report", "Understand the class: behaviour features and clusters", N::store, &add_report_verbs, "reports.md",
    "cs351 report features --course CS351-S26 --assignment hw1 --format csv\ncs351 report clusters --course CS351-S26 --assignment hw1 --k auto -o hw1.html"},
  CommandEntry{"submissions", "Submission histories from any autograder", N::store, &add_submissions_verbs, "reports.md",
    "cs351 submissions import hw1-history.csv --course CS351-S26 --assignment hw1"},
  CommandEntry{"audit", "Cross-checks between Gradescope and the local store", N::store, &add_audit_verbs, "autograde.md",
    "cs351 audit scores --course CS351-S26 --format table"},
  CommandEntry{"usage", "What students do with coding agents (Claude Code, Codex)", N::store, &add_usage_verbs, "usage.md",
    "cs351 usage import handins/ --course CS351-S26\ncs351 usage stats --course CS351-S26\ncs351 usage daily --course CS351-S26 --format json"},
  CommandEntry{"completion", "Shell completion script: bash, zsh or fish", N::config, &add_completion_verbs, "install.md",
    "cs351 completion bash > ~/.local/share/bash-completion/completions/cs351\ncs351 completion fish > ~/.config/fish/completions/cs351.fish"},
  CommandEntry{"help", "The command list, a command's help, or a topic (exit-codes)", N::config, &add_help_verbs, "exit-codes.md",
    "cs351 help\ncs351 help roster import\ncs351 help exit-codes"},
  // Internal: what the completion scripts and the build call.
  CommandEntry{"__complete", "Completion candidates for a partial command line", N::store, &add_complete_verbs, nullptr, nullptr, true},
  CommandEntry{"__man", "Write the man pages (run by the build)", N::config, &add_man_verbs, nullptr, nullptr, true},
};
// clang-format on

}  // namespace

std::string examples_text(const CommandEntry& entry) {
  std::string out;
  if (entry.examples != nullptr) {
    out = "Examples:\n";
    for (const auto& line : split(entry.examples, '\n')) out += "  " + line + "\n";
  }
  if (entry.doc != nullptr)
    out += fmt::format("{}Docs: docs/{}; man cs351-{}.", out.empty() ? "" : "\n", entry.doc,
                       entry.name);
  return out;
}

std::string command_file(const CommandEntry& entry) {
  std::string stem(entry.name);
  stem.erase(0, stem.find_first_not_of('_'));
  std::replace(stem.begin(), stem.end(), '-', '_');
  return "cli/commands/" + stem + ".cpp";
}

const CommandEntry* find_command(std::string_view name) {
  for (const auto& entry : k_commands) {
    if (name == entry.name) return &entry;
  }
  return nullptr;
}

std::span<const CommandEntry> command_table() {
  return k_commands;
}

void add_commands(CLI::App& app, Context& ctx) {
  for (const auto& entry : k_commands) {
    auto* command = app.add_subcommand(entry.name, entry.summary);
    ctx.on_needs(command, entry.needs);
    entry.add_verbs(*command, ctx);
    // Set after the verbs exist: CLI11 copies a footer into subcommands made later.
    command->footer(examples_text(entry));
    if (entry.hidden) command->group("");
  }
}

}  // namespace cs351::cli
