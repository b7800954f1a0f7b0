#pragma once
// What each command file adds to its top-level command. The commands themselves
// (name, summary, what they need loaded) are rows of cli/command_table.cpp.

#include "cli/context.h"

namespace cs351::cli {

void add_init(CLI::App& init, Context& ctx);                    // commands/init.cpp
void add_config_verbs(CLI::App& config, Context& ctx);          // commands/config.cpp
void add_config_edit_verbs(CLI::App& config, Context& ctx);     // commands/config_edit.cpp
void add_course_verbs(CLI::App& course, Context& ctx);          // commands/course.cpp
void add_course_link(CLI::App& course, Context& ctx);           // commands/gradescope_listings.cpp
void add_roster_verbs(CLI::App& roster, Context& ctx);          // commands/roster.cpp
void add_gradescope_verbs(CLI::App& gradescope, Context& ctx);  // commands/gradescope.cpp
void add_assignments_verbs(CLI::App& assignments,
                           Context& ctx);                       // commands/gradescope_listings.cpp
void add_assignments_add(CLI::App& assignments, Context& ctx);  // commands/submissions.cpp
void add_scores_verbs(CLI::App& scores, Context& ctx);          // commands/gradescope_listings.cpp
void add_mail_verbs(CLI::App& mail, Context& ctx);              // commands/mail.cpp
void add_magic_link_verbs(CLI::App& magic_link, Context& ctx);  // commands/magic_link.cpp
void add_staff_verbs(CLI::App& staff, Context& ctx);            // commands/staff.cpp
void add_autograde_verbs(CLI::App& autograde, Context& ctx);    // commands/autograde.cpp
void add_report_verbs(CLI::App& report, Context& ctx);          // commands/report.cpp
void add_submissions_verbs(CLI::App& submissions, Context& ctx);  // commands/submissions.cpp
void add_audit_verbs(CLI::App& audit, Context& ctx);              // commands/audit.cpp
void add_usage_verbs(CLI::App& usage, Context& ctx);              // commands/usage.cpp
void add_completion_verbs(CLI::App& completion, Context& ctx);    // commands/completion.cpp
void add_help_verbs(CLI::App& help, Context& ctx);                // commands/help.cpp
void add_complete_verbs(CLI::App& complete, Context& ctx);        // commands/completion.cpp
void add_man_verbs(CLI::App& man, Context& ctx);                  // commands/man.cpp

}  // namespace cs351::cli
