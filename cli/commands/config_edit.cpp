// config set / unset / edit: change the config file the way a person would, comments kept,
// unknown keys refused before anything is written.
#include <fmt/format.h>
#include <fmt/ranges.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "cli/commands.h"
#include "cli/help_text.h"
#include "cs351/core/config_edit.h"
#include "cs351/core/private_files.h"
#include "cs351/core/write_error.h"
#include "cs351/registry.h"

namespace cs351::cli {
namespace {

namespace fs = std::filesystem;

// A usage Error (exit 2) for a key cs351 does not read, with the nearest declared ones.
void require_known_key(const std::string& key) {
  if (rule_of(all_settings(), key) != nullptr) return;
  throw usage_error(unknown_setting_message(key) + " ('cs351 config keys' lists every setting)");
}

// A usage Error (exit 2) for a value the key's declaration does not accept.
void require_valid_value(const std::string& key, const std::string& value) {
  const ValueRule* rule = rule_of(all_settings(), key);
  if (rule == nullptr || accepts(*rule, value)) return;
  throw usage_error(
      fmt::format("setting '{}' must be {}, got '{}'", key, expected_value(*rule), value));
}

std::string read_text(const fs::path& file) {
  std::ifstream in(file, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

void write_private(const fs::path& file, const std::string& text) {
  fs::remove(file);
  create_private_file(file);
  std::ofstream out(file, std::ios::binary);
  out << text;
  if (!out.flush()) throw cannot_write(file.string());
}

// Runs $VISUAL or $EDITOR (which may carry arguments, as git allows) on `file`.
void run_editor(const fs::path& file) {
  const char* editor = std::getenv("VISUAL");
  if (editor == nullptr || *editor == '\0') editor = std::getenv("EDITOR");
  if (editor == nullptr || *editor == '\0')
    throw usage_error("no editor: set EDITOR (or VISUAL), e.g. EDITOR=nano cs351 config edit");
  const pid_t pid = fork();
  if (pid == 0) {
    const std::string script = std::string(editor) + " \"$1\"";
    execl("/bin/sh", "sh", "-c", script.c_str(), "sh", file.c_str(), static_cast<char*>(nullptr));
    _exit(127);
  }
  int status = 0;
  if (pid < 0 || waitpid(pid, &status, 0) != pid || !WIFEXITED(status) || WEXITSTATUS(status) != 0)
    throw Error(ExitCode::failure,
                fmt::format("the editor ({}) failed; the config was not changed", editor));
}

// The edited copy as a config: it parses and holds only keys cs351 reads (env ignored,
// so a file that works only thanks to the environment is still caught).
void validate_edit(const fs::path& copy, const fs::path& file) {
  Config::Sources sources;
  sources.file = copy;
  sources.env = [](const std::string&) -> std::optional<std::string> { return std::nullopt; };
  try {
    const auto config = Config::load(all_settings(), sources);
    for (const auto& key : config.unknown_keys()) require_known_key(key);
    for (const auto& s : config.all()) require_valid_value(s.key, s.value);
  } catch (const Error& e) {
    throw config_error(fmt::format("{}; {} was not changed, your edit is kept in {}", e.what(),
                                   file.string(), copy.string()));
  }
}

void add_set(CLI::App& grp, Context& ctx) {
  auto* cmd = grp.add_subcommand("set", "Set one setting in the config file (comments kept)");
  auto key = std::make_shared<std::string>();
  auto value = std::make_shared<std::string>();
  cmd->add_option("KEY", *key, "a setting, e.g. gradescope.email")->required();
  cmd->add_option("VALUE", *value, "its value")->required();
  cmd->footer(
      "Creates the file (0600) when missing; a new table goes at the end.\n\nExample:\n"
      "  cs351 config set gradescope.email ta@example.edu\n"
      "  cs351 config set autograde.assignments.hw1.timeout 20m");
  ctx.on_run(cmd, [&ctx, key, value] {
    require_known_key(*key);
    require_valid_value(*key, *value);
    const auto file = ctx.config_file();
    set_config_string(file, *key, *value);
    ctx.info(fmt::format("{} = {} (in {})", *key, *value, file.string()));
  });
}

void add_unset(CLI::App& grp, Context& ctx) {
  auto* cmd =
      grp.add_subcommand("unset", "Remove one setting from the config file (its default applies)");
  auto key = std::make_shared<std::string>();
  cmd->add_option("KEY", *key, "a setting, e.g. gradescope.email")->required();
  cmd->footer("Example:\n  cs351 config unset gradescope.email");
  ctx.on_run(cmd, [&ctx, key] {
    require_known_key(*key);
    const auto file = ctx.config_file();
    const bool removed = unset_config_key(file, *key);
    ctx.info(
        fmt::format("{} {} {}", *key, removed ? "removed from" : "was not set in", file.string()));
  });
}

void add_edit(CLI::App& grp, Context& ctx) {
  auto* cmd =
      grp.add_subcommand("edit", "Edit the config file in $EDITOR; checked before it is saved");
  cmd->footer(
      "Edits a copy (FILE.edit); a copy that does not parse or names an unknown setting is\n"
      "refused (exit 78) and kept for another try, the config file unchanged.\n\nExample:\n"
      "  EDITOR=nano cs351 config edit");
  ctx.on_run(cmd, [&ctx] {
    const fs::path file = ctx.config_file();
    const fs::path copy = file.string() + ".edit";
    const auto before = fs::exists(file) ? read_text(file) : default_config_text(all_settings());
    if (!fs::exists(file.parent_path())) create_private_directories(file.parent_path());
    write_private(copy, before);
    run_editor(copy);
    validate_edit(copy, file);
    if (read_text(copy) == before && fs::exists(file)) {
      fs::remove(copy);
      ctx.info(fmt::format("{}: no change", file.string()));
      return;
    }
    fs::rename(copy, file);
    ctx.info(fmt::format("{}: saved", file.string()));
  });
}

}  // namespace

void add_config_edit_verbs(CLI::App& grp, Context& ctx) {
  add_set(grp, ctx);
  add_unset(grp, ctx);
  add_edit(grp, ctx);
}

}  // namespace cs351::cli
