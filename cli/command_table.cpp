#include "cli/command_table.h"

#include <array>

#include "cli/commands.h"

namespace cs351::cli {
namespace {

void add_course(CLI::App& course, Context& ctx) {
  add_course_verbs(course, ctx);
  add_course_link(course, ctx);
}

void add_assignments(CLI::App& assignments, Context& ctx) {
  add_assignments_verbs(assignments, ctx);
  add_assignments_add(assignments, ctx);
}

using N = Needs;
// clang-format off
constexpr std::array k_commands{
  CommandEntry{"init", "Create the store and a commented default config (safe to re-run)", "init.cpp", N::store, &add_init},
  CommandEntry{"config", "Show settings and where each value comes from", "config.cpp", N::config, &add_config_verbs},
  CommandEntry{"course", "Courses: add, list, activate, deactivate, link", "course.cpp", N::store, &add_course},
  CommandEntry{"roster", "Class lists: import, list, export, remove", "roster.cpp", N::store, &add_roster_verbs},
  CommandEntry{"gradescope", "Gradescope: login, courses, sync into the store, check, capture", "gradescope.cpp", N::network, &add_gradescope_verbs},
  CommandEntry{"assignments", "Assignments of a course", "gradescope_listings.cpp", N::store, &add_assignments},
  CommandEntry{"scores", "Scores synced from Gradescope", "gradescope_listings.cpp", N::store, &add_scores_verbs},
  CommandEntry{"mail", "SES account status, the outbox log, flushing, cancelling, sandbox verification", "mail.cpp", N::network, &add_mail_verbs},
  CommandEntry{"magic-link", "Passwordless login links: send, verify, redeem, revoke, list", "magic_link.cpp", N::network, &add_magic_link_verbs},
  CommandEntry{"staff", "Course staff: invite (onboarding link)", "staff.cpp", N::network, &add_staff_verbs},
  CommandEntry{"autograde", "Grade submissions: queue, workers, and the Gradescope bridge", "autograde.cpp", N::network, &add_autograde_verbs},
  CommandEntry{"report", "Understand the class: behaviour features and clusters", "report.cpp", N::store, &add_report_verbs},
  CommandEntry{"submissions", "Submission histories from any autograder", "submissions.cpp", N::store, &add_submissions_verbs},
  CommandEntry{"audit", "Cross-checks between Gradescope and the local store", "audit.cpp", N::store, &add_audit_verbs},
  CommandEntry{"usage", "What students do with coding agents (Claude Code, Codex)", "usage.cpp", N::store, &add_usage_verbs},
  CommandEntry{"help", "Help topics: exit-codes", "help.cpp", N::config, &add_help_verbs},
};
// clang-format on

}  // namespace

const char* needs_name(Needs needs) {
  switch (needs) {
    case Needs::config:
      return "config";
    case Needs::store:
      return "store";
    case Needs::network:
      break;
  }
  return "network";
}

std::span<const CommandEntry> command_table() {
  return k_commands;
}

void add_commands(CLI::App& app, Context& ctx) {
  for (const auto& entry : k_commands) {
    auto* command = app.add_subcommand(entry.name, entry.summary);
    ctx.on_needs(command, entry.needs);
    entry.add_verbs(*command, ctx);
  }
}

}  // namespace cs351::cli
