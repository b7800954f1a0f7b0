#include "cli/command_tree.h"

namespace cs351::cli {

std::vector<const CLI::App*> visible_subcommands(const CLI::App& command) {
  std::vector<const CLI::App*> out;
  for (const auto* sub : command.get_subcommands({})) {
    if (!sub->get_group().empty()) out.push_back(sub);
  }
  return out;
}

std::string command_path(const CLI::App& command) {
  std::string path = command.get_name();
  for (const auto* up = command.get_parent(); up != nullptr; up = up->get_parent())
    path = up->get_name() + " " + path;
  return path;
}

std::vector<const CLI::Option*> applicable_options(const CLI::App& command) {
  std::vector<const CLI::Option*> out;
  for (const auto* app = &command; app != nullptr; app = app->get_parent()) {
    for (const auto* option : app->get_options()) {
      if (!option->nonpositional() || option->get_group().empty()) continue;
      out.push_back(option);
    }
  }
  return out;
}

bool takes_value(const CLI::Option& option) {
  return option.get_expected_max() != 0;  // flags expect none
}

std::vector<std::string> option_spellings(const CLI::Option& option) {
  std::vector<std::string> out;
  for (const auto& name : option.get_snames()) out.push_back("-" + name);
  for (const auto& name : option.get_lnames()) out.push_back("--" + name);
  return out;
}

const CLI::App* find_subcommand(const CLI::App& command, const std::string& word) {
  for (const auto* sub : command.get_subcommands({})) {
    if (sub->get_name() == word) return sub;
  }
  return nullptr;
}

}  // namespace cs351::cli
