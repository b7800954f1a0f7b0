#pragma once
// Courses and assignments named the way people name them, for every command
// that takes --course or --assignment: one resolver each, so they all accept
// the same things (core/name_match.h says which and in what order).

#include <optional>
#include <string>

#include "cli/context.h"
#include "cli/naming.h"
#include "cs351/roster/course.h"

namespace cs351::cli {

// Adds --course, optional: without it the default course applies.
void add_course_option(CLI::App* cmd, std::string& code, const std::string& help = "course code");

// The course a command works on: --course, else env CS351_COURSE, else
// config course.default. Says on stderr which course it took when it was not
// given (on a terminal, or with -v). A usage Error (exit 2) when there is none;
// an unknown default is a data Error naming where it came from.
roster::Course chosen_course(Context& ctx, const std::string& flag);

// Where the default course comes from, if anywhere: ("CS351-S26", "env CS351_COURSE").
struct DefaultCourse {
  std::string code, origin;
};
std::optional<DefaultCourse> default_course(Context& ctx);

// What --assignment accepts, said the same way by every command.
inline constexpr const char* k_assignment_help =
    "assignment: Gradescope id, autograde config name, title, or a unique prefix of the title";

// One assignment as every source knows it. Gradescope's synced assignment,
// the one added by hand (`assignments add`) and the [autograde.assignments.NAME]
// config entry are the same assignment when their ids or titles agree.
struct ChosenAssignment {
  std::string label;
  std::optional<std::string> gradescope_id, gradescope_title;  // synced from Gradescope
  std::optional<std::string> own_name;                         // added by hand
  std::optional<std::string> config_name;                      // autograde config
  // The name most commands store it under: ours, else Gradescope's title, else the config's.
  std::string name() const;
};

// The assignment `text` names in `course` (or, without a course, among the
// autograde config only): a Gradescope id, a config name, an exact title or a
// unique case-insensitive prefix. Nullopt when nothing matches (the command
// then says what it knows); a usage Error (exit 2) listing the candidates when
// `text` is ambiguous.
std::optional<ChosenAssignment> find_assignment(Context& ctx, const roster::Course* course,
                                                const std::string& text);

}  // namespace cs351::cli
