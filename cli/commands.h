#pragma once
// What each file of cli/commands/ adds: one function per file, add_<file>_verbs,
// adding its verbs to a top-level command. The commands themselves (name, summary,
// what they need loaded) are rows of cli/command_table.cpp; a row's own file is
// named after it (command_file()), and files that add more verbs to the same
// command carry its name as a prefix (gradescope_sync.cpp adds to `gradescope`).

#include "cli/context.h"

namespace cs351::cli {

// The rows of the command table.
void add_init_verbs(CLI::App& init, Context& ctx);  // init takes no verbs: its options
void add_config_verbs(CLI::App& config, Context& ctx);
void add_course_verbs(CLI::App& course, Context& ctx);
void add_roster_verbs(CLI::App& roster, Context& ctx);
void add_gradescope_verbs(CLI::App& gradescope, Context& ctx);
void add_assignments_verbs(CLI::App& assignments, Context& ctx);
void add_scores_verbs(CLI::App& scores, Context& ctx);
void add_mail_verbs(CLI::App& mail, Context& ctx);
void add_magic_link_verbs(CLI::App& magic_link, Context& ctx);
void add_staff_verbs(CLI::App& staff, Context& ctx);
void add_autograde_verbs(CLI::App& autograde, Context& ctx);
void add_report_verbs(CLI::App& report, Context& ctx);
void add_submissions_verbs(CLI::App& submissions, Context& ctx);
void add_audit_verbs(CLI::App& audit, Context& ctx);
void add_usage_verbs(CLI::App& usage, Context& ctx);
void add_completion_verbs(CLI::App& completion, Context& ctx);
void add_help_verbs(CLI::App& help, Context& ctx);
void add_complete_verbs(CLI::App& complete, Context& ctx);
void add_man_verbs(CLI::App& man, Context& ctx);

// More verbs of a row's command, called from the row's own file.
void add_config_edit_verbs(CLI::App& config, Context& ctx);  // set, unset, edit
void add_gradescope_account_verbs(CLI::App& gradescope,
                                  Context& ctx);  // login, whoami, logout, courses
void add_gradescope_sync_verbs(CLI::App& gradescope, Context& ctx);     // sync, check, capture
void add_gradescope_members_verbs(CLI::App& gradescope, Context& ctx);  // members
void add_autograde_bridge_verbs(CLI::App& autograde, Context& ctx);     // serve, submit, package
void add_autograde_regrade_verbs(CLI::App& autograde, Context& ctx);    // regrade
void add_autograde_log_verbs(CLI::App& autograde, Context& ctx);        // log
void add_autograde_stale_verbs(CLI::App& autograde,
                               Context& ctx);  // stale (in audit.cpp: audit scores' face)
void add_usage_stats_verbs(CLI::App& usage, Context& ctx);
void add_usage_listings_verbs(CLI::App& usage, Context& ctx);

}  // namespace cs351::cli
