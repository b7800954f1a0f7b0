#include "cli/help_text.h"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <ostream>

#include "cli/command_tree.h"
#include "cli/option_checks.h"
#include "cs351/core/text.h"
#include "cs351/registry.h"

namespace cs351::cli {
namespace {

const CLI::App& root_of(const CLI::App& command) {
  const CLI::App* at = &command;
  while (at->get_parent() != nullptr) at = at->get_parent();
  return *at;
}

std::string unknown(const std::string& what, const std::string& word, const CLI::App& at,
                    const std::vector<std::string>& names) {
  auto message = fmt::format("unknown {} '{}' for '{}'", what, word, command_path(at));
  const auto near = similar_words(word, names);
  if (near.size() == 1) return message + fmt::format("; did you mean '{}'?", near.front());
  if (!near.empty())
    return message + fmt::format("; did you mean one of: {}?", fmt::join(near, ", "));
  if (what == "command") return message + fmt::format(" (one of: {})", fmt::join(names, ", "));
  return message;
}

std::vector<std::string> subcommand_names(const CLI::App& command) {
  std::vector<std::string> names;
  for (const auto* sub : visible_subcommands(command)) names.push_back(sub->get_name());
  return names;
}

const CLI::Option* find_option(const CLI::App& command, const std::string& spelling) {
  for (const auto* option : applicable_options(command)) {
    const auto names = option_spellings(*option);
    if (std::find(names.begin(), names.end(), spelling) != names.end()) return option;
  }
  return nullptr;
}

std::vector<std::string> option_names(const CLI::App& command) {
  std::vector<std::string> names;
  for (const auto* option : applicable_options(command)) {
    for (const auto& name : option_spellings(*option)) names.push_back(name);
  }
  return names;
}

}  // namespace

std::vector<std::string> similar_words(const std::string& word,
                                       const std::vector<std::string>& names) {
  std::vector<std::pair<std::size_t, std::string>> scored;
  const std::size_t limit = std::max<std::size_t>(2, word.size() / 3);
  for (const auto& name : names) {
    const auto distance = edit_distance(word, name);
    if (distance <= limit || (word.size() >= 2 && name.starts_with(word)))
      scored.emplace_back(distance, name);
  }
  std::sort(scored.begin(), scored.end());
  std::vector<std::string> out;
  for (const auto& [distance, name] : scored) {
    if (out.size() < 3 && std::find(out.begin(), out.end(), name) == out.end()) out.push_back(name);
  }
  return out;
}

std::string unknown_setting_message(const std::string& key) {
  const auto near = similar_words(key, declared_keys(all_settings(), key));
  auto message = fmt::format("unknown setting '{}'", key);
  if (!near.empty()) message += fmt::format("; did you mean {}?", fmt::join(near, ", "));
  return message;
}

std::string HelpFormatter::make_option_opts(const CLI::Option* option) const {
  return option_value_help(*option);
}

std::string HelpFormatter::make_footer(const CLI::App* command) const {
  std::string out = command->get_footer();
  const auto add = [&out](const std::string& paragraph) {
    out += (out.empty() ? "" : "\n\n") + paragraph;
  };
  if (command->get_parent() != nullptr) {
    if (const auto* formats = m_ctx.formats_of(command)) add("Output: " + formats_text(*formats));
    if (visible_subcommands(*command).empty()) {
      add(global_options_text(*command));
    } else {
      add(fmt::format("Run '{} COMMAND --help' for a command's options.", command_path(*command)));
    }
  }
  return out.empty() ? out : out + "\n";
}

std::string formats_text(const OutputFormats& formats) {
  const auto choices = fmt::format("--format {}", fmt::join(formats.choices, "|"));
  if (formats.terminal == formats.piped)
    return fmt::format("{} (default: {})", choices, formats.terminal);
  return fmt::format("{} (default: {} on a terminal, {} when piped)", choices, formats.terminal,
                     formats.piped);
}

std::string global_options_text(const CLI::App& command) {
  std::vector<std::string> options;
  for (const auto* option : root_of(command).get_options()) {
    if (option->get_group() != "Global options") continue;
    auto text = fmt::format("{}", fmt::join(option_spellings(*option), "/"));
    if (takes_value(*option)) text += " " + value_text(*option).label;
    options.push_back(text);
  }
  return fmt::format("Global options (before or after the command): {}; see 'cs351 --help'.",
                     fmt::join(options, ", "));
}

std::string command_list(const CLI::App& command) {
  const auto path = command_path(command);
  std::string out = fmt::format("Usage: {} COMMAND [OPTIONS]\n\n", path);
  if (!command.get_description().empty()) out += command.get_description() + "\n\n";
  out += "Commands:\n";
  std::size_t width = 0;
  const auto subs = visible_subcommands(command);
  for (const auto* sub : subs) width = std::max(width, sub->get_name().size());
  for (const auto* sub : subs)
    out += fmt::format("  {:<{}}  {}\n", sub->get_name(), width, sub->get_description());
  out += fmt::format("\nRun '{} COMMAND --help' for a command's options", path);
  if (command.get_parent() == nullptr)
    out += ", 'cs351 --help' for the global options, 'cs351 help exit-codes' for exit codes";
  return out + ".\n";
}

Error missing_command(const CLI::App& command, std::ostream& err) {
  err << command_list(command);
  return usage_error(fmt::format("'{}' needs a command (listed above)", command_path(command)));
}

UsageProblem find_usage_problem(const CLI::App& root, const std::vector<std::string>& args) {
  const CLI::App* at = &root;
  for (std::size_t i = 0; i < args.size(); ++i) {
    const auto& word = args[i];
    if (word == "--") break;
    if (word.size() > 1 && word[0] == '-') {
      const bool is_long = word.starts_with("--");
      const auto spelling = is_long ? word.substr(0, word.find('=')) : word.substr(0, 2);
      const auto* option = find_option(*at, spelling);
      if (option == nullptr)
        return {command_path(*at), unknown("option", spelling, *at, option_names(*at))};
      const bool value_attached = is_long ? word.find('=') != std::string::npos : word.size() > 2;
      if (takes_value(*option) && !value_attached) ++i;
      continue;
    }
    if (const auto* sub = find_subcommand(*at, word)) {
      at = sub;
      continue;
    }
    const bool takes_positionals =
        !at->get_options([](const CLI::Option* o) { return !o->nonpositional(); }).empty();
    if (!visible_subcommands(*at).empty() && !takes_positionals)
      return {command_path(*at), unknown("command", word, *at, subcommand_names(*at))};
  }
  return {command_path(*at), ""};
}

}  // namespace cs351::cli
