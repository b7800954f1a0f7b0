#include "cli/context.h"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <stdexcept>

#include "cli/help_text.h"
#include "cli/output.h"
#include "cli/printable.h"
#include "cs351/core/error.h"
#include "cs351/core/paths.h"
#include "cs351/registry.h"
#include "cs351/store/settings.h"

namespace cs351::cli {
std::filesystem::path Context::config_file() const {
  std::string file = options.config;
  if (file.empty()) {
    if (auto env = process_env()("CS351_CONFIG")) file = *env;
  }
  return file.empty() ? default_config_path() : std::filesystem::path(file);
}

const Config& Context::config() {
  if (!m_config) {
    Config::Sources sources;
    sources.file = config_file();
    if (!options.config.empty() && !std::filesystem::exists(sources.file)) {
      throw config_error(fmt::format("config file {} does not exist", sources.file.string()));
    }
    if (!options.db.empty()) {
      sources.flags[std::string(store::keys::path.spec->key)] = options.db;
    } else if (auto env = sources.env("CS351_DB")) {
      sources.flags[std::string(store::keys::path.spec->key)] =
          *env;  // CS351_DB is the short env twin of store.path
    }
    m_config = std::make_unique<Config>(Config::load(all_settings(), sources));
    for (const auto& key : m_config->unknown_keys()) {
      warn(fmt::format("{}: {} (ignored)", sources.file.string(), unknown_setting_message(key)));
    }
  }
  return *m_config;
}

store::StoreFactory Context::store_factory() {
  return [path = store().path()] { return store::Store::open(path, all_migrations()); };
}

store::Store& Context::store() {
  if (m_chosen_needs == Needs::config)
    throw std::logic_error("a command whose table row says config only opened the store");
  if (!m_store) {
    const std::filesystem::path path = config().value(store::keys::path);
    check_store_location(path);
    m_store = store::Store::open(path, all_migrations());
  }
  return *m_store;
}

std::filesystem::path Context::data_dir() {
  return std::filesystem::path(config().value(store::keys::path)).parent_path();
}

void Context::creates_store(const CLI::App* command, bool with_folders) {
  m_creates_store[command] = with_folders;
}

std::string Context::store_origin() {
  const auto* setting = config().find(store::keys::path);
  if (!options.db.empty()) return "--db";
  if (setting == nullptr || setting->origin == Origin::default_value) return "the default location";
  if (setting->origin == Origin::flag)
    return "CS351_DB";  // the env twin config() turns into a flag
  if (setting->origin == Origin::env) return env_name_for(setting->key);
  return setting->key + " in " + config().file().string();
}

// A typo in --db or CS351_DB must not quietly make an empty store (and its folders)
// that a script then reads as "no students".
void Context::check_store_location(const std::filesystem::path& path) {
  namespace fs = std::filesystem;
  if (path == ":memory:" || fs::exists(path)) return;
  const auto creator = m_creates_store.find(m_chosen);
  if (creator == m_creates_store.end()) {
    throw no_input_error(fmt::format("no store at {} (chosen by {}); 'cs351 init' creates one",
                                     path.string(), store_origin()));
  }
  const auto folder = path.parent_path();
  const auto* setting = config().find(store::keys::path);
  const bool at_default = setting == nullptr || setting->origin == Origin::default_value;
  if (folder.empty() || fs::exists(folder) || creator->second || at_default) return;
  throw no_input_error(
      fmt::format("folder {} does not exist (store {} chosen by {}); check the path, or let "
                  "'cs351 init' create it",
                  folder.string(), path.string(), store_origin()));
}

void Context::formats(const CLI::App* command, OutputFormats formats) {
  m_formats[command] = std::move(formats);
}

const OutputFormats* Context::formats_of(const CLI::App* command) const {
  auto it = m_formats.find(command);
  return it == m_formats.end() ? nullptr : &it->second;
}

std::string Context::format() const {
  const auto* declared = formats_of(m_chosen);
  if (declared == nullptr)
    throw std::logic_error("a command printed data without declaring its --format choices");
  if (options.format.empty()) return stdout_is_tty() ? declared->terminal : declared->piped;
  const auto& choices = declared->choices;
  if (std::find(choices.begin(), choices.end(), options.format) != choices.end())
    return options.format;
  throw usage_error(fmt::format("--format {} is not available here (choose {})", options.format,
                                fmt::join(choices, ", ")));
}

void Context::column_roles(const CLI::App* command, ColumnRoles roles) {
  m_column_roles[command] = std::move(roles);
}

const ColumnRoles* Context::column_roles_of(const CLI::App* command) const {
  auto it = m_column_roles.find(command);
  return it == m_column_roles.end() ? nullptr : &it->second;
}

OutputOptions Context::output() const {
  OutputOptions out;
  out.format = format();
  out.columns = options.columns;
  if (options.limit > 0) out.limit = options.limit;
  out.headers = !options.no_headers;
  out.width = stdout_is_tty() ? terminal_width() : 0;
  out.wide = options.wide;
  if (const auto* roles = column_roles_of(m_chosen)) out.roles = *roles;
  if (out.width > 0 && !options.quiet && stderr_is_tty()) out.notices = &err();
  return out;
}

std::size_t Context::terminal_width() const {
  return m_terminal.width();
}

bool Context::stdout_is_tty() const {
  return m_terminal.stdout_is_tty();
}
bool Context::stdin_is_tty() const {
  return m_terminal.stdin_is_tty();
}
bool Context::stderr_is_tty() const {
  return m_terminal.stderr_is_tty();
}

bool Context::color_stderr() const {
  return m_terminal.color_stderr(options.color);
}

void Context::info(const std::string& message) const {
  if (!options.quiet) err() << printable(message, true) << '\n';
}

void Context::detail(const std::string& message) const {
  if (options.verbose > 0) err() << printable(message, true) << '\n';
}

void Context::warn(const std::string& message) const {
  if (options.quiet) return;  // -q: only errors on stderr
  err() << (color_stderr() ? "cs351: \033[33mwarning\033[0m: " : "cs351: warning: ")
        << printable(message, true) << '\n';
}

void Context::confirm(const std::string& question, bool yes) const {
  if (yes) return;
  if (!stdin_is_tty()) {
    throw usage_error(
        fmt::format("{} -- refusing without a terminal; pass --yes to confirm", question));
  }
  err() << question << " [y/N] " << std::flush;
  std::string answer;
  std::getline(m_terminal.in(), answer);
  if (answer != "y" && answer != "Y" && answer != "yes")
    throw UserStop(ExitCode::failure, "cancelled; nothing changed");
}

void Context::on_run(CLI::App* command, std::function<void()> action) {
  m_actions[command] = std::move(action);
}

void Context::on_needs(const CLI::App* command, Needs needs) {
  m_needs[command] = needs;
}

void Context::run(const CLI::App& app) {
  const CLI::App* chosen = &app;
  for (;;) {
    auto subs = chosen->get_subcommands();
    if (subs.empty()) break;
    chosen = subs.front();
    if (auto it = m_needs.find(chosen); it != m_needs.end()) m_chosen_needs = it->second;
  }
  m_chosen = chosen;
  auto it = m_actions.find(chosen);
  if (it == m_actions.end()) {
    throw missing_command(*chosen, err());
  }
  // A --format the command lacks is a usage error (2) before anything is read: a missing
  // store (66) must not hide it.
  if (!options.format.empty() && formats_of(chosen) != nullptr) format();
  it->second();
}

}  // namespace cs351::cli
