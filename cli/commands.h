#pragma once
// Each command group registers its verbs here (one file per group).

#include "cli/context.h"

namespace cs351::cli {

void register_init(CLI::App& app, Context& ctx);
void register_config(CLI::App& app, Context& ctx);
void register_course(CLI::App& app, Context& ctx);
void register_roster(CLI::App& app, Context& ctx);
void register_gradescope(CLI::App& app, Context& ctx);
void register_mail(CLI::App& app, Context& ctx);
void register_autograde(CLI::App& app, Context& ctx);
void register_report(CLI::App& app, Context& ctx);
void register_submissions(CLI::App& app, Context& ctx);
void register_audit(CLI::App& app, Context& ctx);
void register_usage(CLI::App& app, Context& ctx);
void register_help(CLI::App& app, Context& ctx);

}  // namespace cs351::cli
