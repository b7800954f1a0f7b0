#include <doctest/doctest.h>

#include <filesystem>
#include <set>
#include <string>

#include "cli/app.h"
#include "cli/command_table.h"
#include "cs351/core/text.h"

using namespace cs351::cli;

TEST_SUITE_BEGIN("cli/command_table");

TEST_CASE("the command tree has exactly the table's commands, each with the table's summary") {
  CLI::App app{"cs351", "cs351"};
  Context ctx;
  build_app(app, ctx);
  std::set<std::string> in_table;
  for (const auto& entry : command_table()) {
    INFO(entry.name);
    CHECK(in_table.insert(entry.name).second);  // once
    auto* command = app.get_subcommand(entry.name);
    REQUIRE(command != nullptr);
    CHECK(command->get_description() == entry.summary);
    const bool has_verbs = !command->get_subcommands([](CLI::App*) { return true; }).empty();
    const std::set<std::string> leaves{"init", "__complete", "__man"};
    CHECK(has_verbs == (leaves.count(entry.name) == 0));  // every group has verbs
    CHECK(entry.hidden == command->get_group().empty());
  }
  for (auto* command : app.get_subcommands([](CLI::App*) { return true; }))
    CHECK_MESSAGE(in_table.count(command->get_name()) == 1, command->get_name());
}

TEST_CASE(
    "each row has its own file, cli/commands/<row>.cpp, and a visible one its docs and examples") {
  const std::filesystem::path source(CS351_SOURCE_DIR);
  for (const auto& entry : command_table()) {
    INFO(entry.name);
    CHECK_MESSAGE(std::filesystem::exists(source / command_file(entry)), command_file(entry));
    if (entry.hidden) continue;
    REQUIRE(entry.doc != nullptr);
    CHECK(std::filesystem::exists(source / "docs" / entry.doc));
    REQUIRE(entry.examples != nullptr);
    for (const auto& line : cs351::split(entry.examples, '\n'))
      CHECK_MESSAGE(line.starts_with(std::string("cs351 ")), line);
  }
}

namespace {
void check_own_footers(const CLI::App& command) {
  for (const auto* sub : command.get_subcommands({})) {
    INFO(sub->get_name());
    // CLI11 copies a parent's footer into subcommands made after it was set.
    if (!sub->get_footer().empty()) CHECK(sub->get_footer() != command.get_footer());
    check_own_footers(*sub);
  }
}
}  // namespace

TEST_CASE("no command shows the examples of the command above it") {
  CLI::App app{"cs351", "cs351"};
  Context ctx;
  build_app(app, ctx);
  check_own_footers(app);
}

TEST_CASE("a command whose row says config only may not open the store") {
  CLI::App app{"cs351", "cs351"};
  Context ctx;
  build_app(app, ctx);
  // `config show` reads settings only; asking it for the store is a bug the table catches.
  const char* argv[] = {"cs351", "--db", "/nonexistent/x.db", "config", "show"};
  app.parse(5, const_cast<char**>(argv));
  bool ran_store = false;
  ctx.on_run(app.get_subcommand("config")->get_subcommand("show"), [&] {
    ran_store = true;
    (void)ctx.store();
  });
  CHECK_THROWS_AS(ctx.run(app), std::logic_error);
  CHECK(ran_store);
}

TEST_SUITE_END();
