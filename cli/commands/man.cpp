// The man pages, written by the build (`cs351 __man --docs docs --out DIR`):
// cs351(1) and cs351-COMMAND(1) for each command of the table, made from the
// same command tree as --help, with the command's docs/ page appended.

#include <fmt/format.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "cli/command_table.h"
#include "cli/command_tree.h"
#include "cli/commands.h"
#include "cli/help_text.h"
#include "cli/option_checks.h"
#include "cli/version.h"
#include "cs351/core/error.h"
#include "cs351/core/text.h"
#include "cs351/core/write_error.h"

namespace cs351::cli {
namespace {

namespace fs = std::filesystem;

// Text as roff shows it literally: backslashes, hyphens (so options copy and
// search correctly), and a leading dot or quote that would start a request.
std::string escape(std::string_view text) {
  std::string out;
  for (char c : text) {
    if (c == '\\') {
      out += "\\e";
    } else if (c == '-') {
      out += "\\-";
    } else {
      out += c;
    }
  }
  if (!out.empty() && (out[0] == '.' || out[0] == '\'')) out = "\\&" + out;
  return out;
}

// Markdown's inline marks: `code` and **bold** in bold, [text](link) as text.
std::string inline_text(std::string_view line) {
  std::string out;
  bool code = false, bold = false;
  for (std::size_t i = 0; i < line.size(); ++i) {
    const char c = line[i];
    if (c == '\\' && line.substr(i + 1, 1) == "|") {
      continue;  // a table cell's escaped bar
    }
    if (c == '`') {
      out += code ? "\\fR" : "\\fB";
      code = !code;
    } else if (!code && line.substr(i, 2) == "**") {
      out += bold ? "\\fR" : "\\fB";
      bold = !bold;
      ++i;
    } else if (!code && c == '[') {
      const auto close = line.find("](", i);
      const auto end = close == std::string_view::npos ? close : line.find(')', close);
      if (end == std::string_view::npos) {
        out += escape(std::string_view(&c, 1));
        continue;
      }
      out += inline_text(line.substr(i + 1, close - i - 1));
      i = end;
    } else {
      out += escape(std::string_view(&c, 1));
    }
  }
  return out + (code || bold ? "\\fR" : "");
}

// A docs page as man sections: headings, paragraphs, lists, and code blocks
// and tables kept as preformatted text. The page's own title is dropped.
std::string markdown_to_roff(const std::string& markdown) {
  std::string out;
  bool fenced = false, comment = false;
  for (const auto& raw : split(markdown, '\n')) {
    const std::string_view line = raw;
    if (comment) {
      comment = line.find("-->") == std::string_view::npos;
      continue;
    }
    if (line.starts_with("```")) {
      out += fenced ? ".fi\n.RE\n" : ".PP\n.RS 4\n.nf\n";
      fenced = !fenced;
      continue;
    }
    if (fenced) {
      out += escape(line) + "\n";
    } else if (line.starts_with("<!--")) {
      comment = line.find("-->") == std::string_view::npos;
    } else if (line.starts_with("# ")) {
      continue;
    } else if (line.starts_with("#")) {
      out += ".SS \"" + inline_text(trim(line.substr(line.find(' ') + 1))) + "\"\n";
    } else if (trim(line).empty()) {
      out += ".PP\n";
    } else if (line.starts_with("|")) {
      if (line.find("---") == std::string_view::npos)
        out += ".nf\n" + inline_text(line) + "\n.fi\n";
    } else if (line.starts_with("- ") || line.starts_with("* ")) {
      out += ".IP \\(bu 2\n" + inline_text(line.substr(2)) + "\n";
    } else if (line.size() > 2 && std::isdigit(static_cast<unsigned char>(line[0])) &&
               line.substr(1, 2) == ". ") {
      out += ".IP " + std::string(line.substr(0, 2)) + " 4\n" + inline_text(line.substr(3)) + "\n";
    } else {
      out += inline_text(trim(line)) + "\n";
    }
  }
  return out;
}

std::string preformatted(const std::string& text) {
  std::string out = ".PP\n.RS 4\n.nf\n";
  for (const auto& line : split(text, '\n')) out += escape(line) + "\n";
  return out + ".fi\n.RE\n";
}

std::string header(const std::string& name, const std::string& summary) {
  auto upper = name;
  for (auto& c : upper) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return fmt::format(".TH {} 1 \"\" \"{}\" \"cs351 manual\"\n.SH NAME\n{} \\- {}\n", upper,
                     escape(version_text()), escape(name), escape(summary));
}

std::string option_items(const CLI::App& command) {
  std::string out;
  for (const auto* option : command.get_options()) {
    if (option->get_group().empty() || option->get_name() == "--help") continue;
    std::string label = option->nonpositional()
                            ? fmt::format("{}", fmt::join(option_spellings(*option), ", "))
                            : option->get_name();
    label += option_value_help(*option);
    out += ".TP\n\\fB" + escape(label) + "\\fR\n" + escape(option->get_description()) + "\n";
  }
  return out;
}

// One subcommand (and those below it): usage, description, options, notes.
std::string command_section(const CLI::App& command, const Context& ctx) {
  std::string out = fmt::format(".SS \"{}\"\n{}\n", escape(command_path(command)),
                                escape(command.get_description()));
  out += option_items(command);
  if (const auto* formats = ctx.formats_of(&command))
    out += ".PP\nOutput: " + escape(formats_text(*formats)) + "\n";
  if (!command.get_footer().empty()) out += preformatted(command.get_footer());
  for (const auto* sub : visible_subcommands(command)) out += command_section(*sub, ctx);
  return out;
}

std::string read_doc(const fs::path& docs, const char* page) {
  if (page == nullptr) return "";
  std::ifstream in(docs / page, std::ios::binary);
  if (!in) throw Error(ExitCode::failure, fmt::format("cannot read {}", (docs / page).string()));
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

std::string group_page(const CLI::App& group, const CommandEntry& entry, const Context& ctx,
                       const fs::path& docs) {
  const auto name = "cs351-" + group.get_name();
  std::string out = header(name, entry.summary);
  const bool has_verbs = !visible_subcommands(group).empty();
  out += fmt::format(".SH SYNOPSIS\n\\fBcs351 {}\\fR {}[OPTIONS]\n", escape(group.get_name()),
                     has_verbs ? "COMMAND " : "");
  out += ".SH COMMANDS\n";
  if (has_verbs) {
    for (const auto* sub : visible_subcommands(group)) out += command_section(*sub, ctx);
  } else {
    out += command_section(group, ctx);
  }
  out += ".SH GLOBAL OPTIONS\n" + escape(global_options_text(group)) + "\n";
  if (entry.examples != nullptr) out += ".SH EXAMPLES\n" + preformatted(entry.examples);
  if (const auto doc = read_doc(docs, entry.doc); !doc.empty())
    out += fmt::format(".SH DETAILS\nFrom docs/{} in the source tree.\n", entry.doc) +
           markdown_to_roff(doc);
  return out + ".SH SEE ALSO\n\\fBcs351\\fR(1)\n";
}

std::string top_page(const CLI::App& root, const fs::path& docs) {
  std::string out =
      header("cs351", root.get_description().substr(root.get_description().find(':') + 2));
  out += ".SH SYNOPSIS\n\\fBcs351\\fR [GLOBAL OPTIONS] COMMAND [ARGS]\n.SH COMMANDS\n";
  for (const auto* sub : visible_subcommands(root)) {
    out += fmt::format(".TP\n\\fBcs351 {}\\fR\n{} See \\fBcs351\\-{}\\fR(1).\n",
                       escape(sub->get_name()), escape(sub->get_description()),
                       escape(sub->get_name()));
  }
  out += ".SH GLOBAL OPTIONS\n" + option_items(root);
  out += ".SH EXAMPLES\n" + preformatted(root.get_footer());
  out += ".SH EXIT STATUS\n" + markdown_to_roff(read_doc(docs, "exit-codes.md"));
  out +=
      ".SH FILES\n"
      ".TP\n\\fI$XDG_DATA_HOME/cs351/cs351.db\\fR\nthe store (\\fB\\-\\-db\\fR, "
      "\\fBCS351_DB\\fR)\n.TP\n\\fI$XDG_CONFIG_HOME/cs351/config.toml\\fR\nthe config file "
      "(\\fB\\-\\-config\\fR, \\fBCS351_CONFIG\\fR)\n";
  out += ".SH SEE ALSO\n";
  std::vector<std::string> pages;
  for (const auto* sub : visible_subcommands(root))
    pages.push_back("\\fBcs351\\-" + escape(sub->get_name()) + "\\fR(1)");
  return out + fmt::format("{}\n", fmt::join(pages, ",\n"));
}

void write_page(const fs::path& path, const std::string& text) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out << text;
  if (!out.flush()) throw cannot_write(path.string());
}

}  // namespace

void add_man_verbs(CLI::App& cmd, Context& ctx) {
  auto docs = std::make_shared<std::string>();
  auto dir = std::make_shared<std::string>();
  cmd.add_option("--docs", *docs, "the docs/ directory of the source tree")->required();
  cmd.add_option("--out", *dir, "where to write the pages (created)")->required();
  ctx.on_run(&cmd, [&cmd, &ctx, docs, dir] {
    const auto& root = *cmd.get_parent();
    fs::create_directories(*dir);
    write_page(fs::path(*dir) / "cs351.1", top_page(root, *docs));
    for (const auto* group : visible_subcommands(root)) {
      const auto* entry = find_command(group->get_name());
      write_page(fs::path(*dir) / ("cs351-" + group->get_name() + ".1"),
                 group_page(*group, *entry, ctx, *docs));
    }
  });
}

}  // namespace cs351::cli
