// `cs351 __complete -- WORDS...`, what the completion scripts ask on every TAB: it walks
// the same command tree --help is made from (so completion never drifts from the
// commands) and reads course codes and assignment names from the store.

#include <algorithm>
#include <filesystem>
#include <optional>
#include <ostream>
#include <set>

#include "cli/command_tree.h"
#include "cli/commands.h"
#include "cs351/analytics/assignments.h"
#include "cs351/core/text.h"
#include "cs351/gradescope/queries.h"
#include "cs351/roster/course.h"
#include "cs351/store/settings.h"

namespace cs351::cli {
namespace {

// A candidate and the description zsh and fish show beside it.
struct Candidate {
  std::string word, description;
};

// The command line so far: where the walk ended and what it saw on the way.
struct Walk {
  const CLI::App* command = nullptr;
  const CLI::Option* awaiting = nullptr;  // the last word is this option's value
  std::size_t positionals = 0;
  std::string course;
};

Walk walk(const CLI::App& root, Context& ctx, const std::vector<std::string>& done) {
  Walk w;
  w.command = &root;
  for (std::size_t i = 0; i < done.size(); ++i) {
    const auto& word = done[i];
    if (word.size() > 1 && word[0] == '-') {
      const auto spelling = word.substr(0, word.find('='));
      const CLI::Option* option = nullptr;
      for (const auto* o : applicable_options(*w.command)) {
        for (const auto& name : option_spellings(*o)) {
          if (name == spelling) option = o;
        }
      }
      if (option == nullptr || !takes_value(*option) || word.find('=') != std::string::npos)
        continue;
      if (i + 1 == done.size()) {
        w.awaiting = option;
        break;
      }
      const auto& value = done[++i];
      if (spelling == "--course") w.course = value;
      if (spelling == "--db") ctx.options.db = value;
      if (spelling == "--config") ctx.options.config = value;
    } else if (const auto* sub = find_subcommand(*w.command, word)) {
      w.command = sub;
      w.positionals = 0;
    } else {
      ++w.positionals;
    }
  }
  return w;
}

// The store's courses and assignments, read only when the store already exists
// (completion never creates one); any failure means no candidates.
std::vector<Candidate> from_store(Context& ctx, const std::string& what,
                                  const std::string& course) {
  std::vector<Candidate> out;
  try {
    if (!std::filesystem::exists(ctx.config().value(store::keys::path))) return out;
    auto& db = ctx.store().db();
    std::set<std::string> seen;
    for (const auto& c : roster::list_courses(db)) {
      if (what == "course") {
        out.push_back({c.code, c.name});
        continue;
      }
      if (!course.empty() && to_lower_ascii(course) != to_lower_ascii(c.code)) continue;
      for (const auto& a : gradescope::list_assignments(db, c.id)) {
        if (seen.insert(a.title).second) out.push_back({a.title, c.code});
      }
      for (const auto& a : analytics::list_own_assignments(db, c.id)) {
        if (seen.insert(a.name).second) out.push_back({a.name, c.code});
      }
    }
  } catch (const std::exception&) {
    out.clear();
  }
  return out;
}

// The choices of an IsMember check, which CLI11 describes as "{a,b,c}".
std::vector<Candidate> member_choices(const CLI::Option& option) {
  std::vector<Candidate> out;
  const auto type = option.get_type_name();
  const auto open = type.find('{');
  const auto close = type.rfind('}');
  if (open == std::string::npos || close == std::string::npos || close < open) return out;
  for (const auto& choice : split(type.substr(open + 1, close - open - 1), ','))
    out.push_back({std::string(trim(choice)), ""});
  return out;
}

// The values of the option being typed, or nullopt for "complete a file name".
std::optional<std::vector<Candidate>> option_values(Context& ctx, const Walk& w) {
  const auto& option = *w.awaiting;
  const auto name = option.get_name(false, true);
  if (name == "--course") return from_store(ctx, "course", "");
  if (name == "--assignment") return from_store(ctx, "assignment", w.course);
  if (name == "--format") {
    std::vector<Candidate> out;
    const auto* formats = ctx.formats_of(w.command);
    for (const auto& f :
         formats ? formats->choices : std::vector<std::string>{"table", "csv", "json"})
      out.push_back({f, ""});
    return out;
  }
  if (option.get_type_name().find('{') != std::string::npos) return member_choices(option);
  return std::nullopt;
}

std::vector<Candidate> option_candidates(const CLI::App& command) {
  std::vector<Candidate> out;
  std::set<std::string> seen;
  for (const auto* option : applicable_options(command)) {
    for (const auto& name : option_spellings(*option)) {
      if (name.starts_with("--") && seen.insert(name).second)
        out.push_back({name, option->get_description()});
    }
  }
  return out;
}

std::vector<Candidate> subcommand_candidates(const CLI::App& command) {
  std::vector<Candidate> out;
  for (const auto* sub : visible_subcommands(command))
    out.push_back({sub->get_name(), sub->get_description()});
  return out;
}

// `cs351 help WORDS...` names a command: complete it from the top, plus the help topics.
std::vector<Candidate> help_candidates(const CLI::App& root, const CLI::App& help,
                                       const std::vector<std::string>& done) {
  const CLI::App* at = &root;
  const auto named = std::find(done.begin(), done.end(), "help");
  for (auto word = named == done.end() ? named : named + 1; word != done.end(); ++word) {
    at = find_subcommand(*at, *word);
    if (at == nullptr) return {};
  }
  auto out = subcommand_candidates(*at);
  if (at == &root) {
    for (auto& topic : subcommand_candidates(help)) out.push_back(std::move(topic));
  }
  return out;
}

// The Nth positional of `command`, or nullptr.
const CLI::Option* positional(const CLI::App& command, std::size_t n) {
  for (const auto* option : command.get_options()) {
    if (option->nonpositional()) continue;
    if (n == 0 || option->get_expected_max() > 1) return option;
    --n;
  }
  return nullptr;
}

// Candidates for the last word, or nullopt for "complete a file name".
std::optional<std::vector<Candidate>> candidates(const CLI::App& root, Context& ctx,
                                                 const std::vector<std::string>& words) {
  if (words.empty()) return subcommand_candidates(root);
  const std::vector<std::string> done(words.begin(), words.end() - 1);
  const auto& current = words.back();
  const auto w = walk(root, ctx, done);
  if (w.awaiting != nullptr) return option_values(ctx, w);
  if (current.starts_with("-")) return option_candidates(*w.command);
  if (w.command->get_name() == "help") return help_candidates(root, *w.command, done);
  if (!visible_subcommands(*w.command).empty()) return subcommand_candidates(*w.command);
  const auto* slot = positional(*w.command, w.positionals);
  if (slot != nullptr && slot->get_name() == "CODE") return from_store(ctx, "course", "");
  return std::nullopt;
}

}  // namespace

void add_complete_verbs(CLI::App& cmd, Context& ctx) {
  auto words = std::make_shared<std::vector<std::string>>();
  cmd.add_option("WORDS", *words, "the words after cs351, the last one being completed");
  ctx.on_run(&cmd, [&cmd, &ctx, words] {
    const auto found = candidates(*cmd.get_parent(), ctx, *words);
    if (!found) {
      ctx.out() << ":files\n";
      return;
    }
    const auto& current = words->empty() ? std::string() : words->back();
    for (const auto& c : *found) {
      if (c.word.starts_with(current)) ctx.out() << c.word << '\t' << c.description << '\n';
    }
  });
}

}  // namespace cs351::cli
