#include "cli/naming.h"

#include <fmt/format.h>

#include "cs351/analytics/assignments.h"
#include "cs351/autograde/settings.h"
#include "cs351/core/error.h"
#include "cs351/core/name_match.h"
#include "cs351/core/text.h"
#include "cs351/gradescope/queries.h"
#include "cs351/roster/settings.h"

namespace cs351::cli {
namespace {

bool same_title(const std::optional<std::string>& a, const std::string& b) {
  return a && to_lower_ascii(*a) == to_lower_ascii(b);
}

// The assignment already gathered that `matches` says is the same one, or a new entry.
ChosenAssignment& entry_for(std::vector<ChosenAssignment>& all,
                            const std::function<bool(const ChosenAssignment&)>& matches) {
  for (auto& a : all)
    if (matches(a)) return a;
  return all.emplace_back();
}

void add_synced(std::vector<ChosenAssignment>& all, SQLite::Database& db,
                const roster::Course& course) {
  for (const auto& g : gradescope::list_assignments(db, course.id)) {
    auto& a = all.emplace_back();
    a.gradescope_id = g.gradescope_id;
    a.gradescope_title = g.title;
  }
  for (const auto& own : analytics::list_own_assignments(db, course.id)) {
    auto& a =
        entry_for(all, [&](const auto& c) { return same_title(c.gradescope_title, own.name); });
    a.own_name = own.name;
  }
}

// [autograde.assignments.NAME]: matched to Gradescope's by id, else by title
// (which defaults to the name), like the bridge does.
void add_configured(std::vector<ChosenAssignment>& all, const Config& config) {
  for (const auto& name : config.tables_under(autograde::keys::assignments)) {
    const auto id = config.get(autograde::keys::gradescope_id, name);
    const auto title = config.get(autograde::keys::title, name).value_or(name);
    auto& a = entry_for(all, [&](const auto& c) {
      if (id && !id->empty()) return c.gradescope_id == id;
      return same_title(c.gradescope_title, title) || same_title(c.own_name, title) ||
             same_title(c.own_name, name);
    });
    a.config_name = name;
  }
}

NamedThing named(const ChosenAssignment& a) {
  NamedThing n;
  std::vector<std::string> also;
  if (a.gradescope_id) {
    n.ids.push_back(*a.gradescope_id);
    also.push_back("Gradescope " + *a.gradescope_id);
  }
  if (a.config_name) {
    n.ids.push_back(*a.config_name);
    n.names.push_back(*a.config_name);
    also.push_back("autograde " + *a.config_name);
  }
  if (a.gradescope_title) n.names.push_back(*a.gradescope_title);
  if (a.own_name) n.names.push_back(*a.own_name);
  if (a.own_name) also.push_back("added by hand");
  n.label = a.name() + (also.empty() ? "" : fmt::format(" ({})", fmt::join(also, ", ")));
  return n;
}

void say_which(Context& ctx, const std::string& message) {
  if (ctx.stderr_is_tty()) {
    ctx.info(message);
  } else {
    ctx.detail(message);
  }
}

}  // namespace

std::string ChosenAssignment::name() const {
  if (own_name) return *own_name;
  if (gradescope_title) return *gradescope_title;
  return config_name.value_or("");
}

void add_course_option(CLI::App* cmd, std::string& code, const std::string& help) {
  cmd->add_option("--course", code,
                  help +
                      " (default: env CS351_COURSE, config course.default; "
                      "see `cs351 course use`)");
}

std::optional<DefaultCourse> default_course(Context& ctx) {
  if (const char* env = std::getenv("CS351_COURSE"); env != nullptr && *env != '\0')
    return DefaultCourse{env, "env CS351_COURSE"};
  const auto* setting = ctx.config().find(roster::keys::default_course);
  if (!setting || setting->value.empty()) return std::nullopt;
  const std::string origin =
      setting->origin == Origin::env
          ? "env " + env_name_for(setting->key)
          : fmt::format("{} in {}", setting->key, ctx.config().file().string());
  return DefaultCourse{setting->value, origin};
}

roster::Course chosen_course(Context& ctx, const std::string& flag) {
  auto& db = ctx.store().db();
  if (!flag.empty()) return roster::resolve_course(db, flag);
  const auto fallback = default_course(ctx);
  if (!fallback) {
    throw usage_error(
        "which course? give --course CODE, or set a default: cs351 course use CODE "
        "(or env CS351_COURSE)");
  }
  try {
    auto course = roster::resolve_course(db, fallback->code);
    say_which(ctx, fmt::format("course {} (from {})", course.code, fallback->origin));
    return course;
  } catch (const Error& e) {
    throw Error(e.code(),
                fmt::format("the default course from {}: {}", fallback->origin, e.what()));
  }
}

std::optional<ChosenAssignment> find_assignment(Context& ctx, const roster::Course* course,
                                                const std::string& text) {
  std::vector<ChosenAssignment> all;
  if (course) add_synced(all, ctx.store().db(), *course);
  add_configured(all, ctx.config());
  std::vector<NamedThing> candidates;
  for (const auto& a : all) candidates.push_back(named(a));
  const auto at =
      find_named(candidates, text, {"assignment", course ? course->code : std::string(), ""});
  if (!at) return std::nullopt;
  all[*at].label = candidates[*at].label;
  return all[*at];
}

}  // namespace cs351::cli
