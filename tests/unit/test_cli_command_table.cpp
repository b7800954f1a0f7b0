#include <doctest/doctest.h>

#include <filesystem>
#include <set>
#include <string>

#include "cli/app.h"
#include "cli/command_table.h"

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
    CHECK(has_verbs == (std::string(entry.name) != "init"));  // every group has verbs
  }
  for (auto* command : app.get_subcommands([](CLI::App*) { return true; }))
    CHECK_MESSAGE(in_table.count(command->get_name()) == 1, command->get_name());
}

TEST_CASE("each row names a file of cli/ that exists") {
  for (const auto& entry : command_table()) {
    INFO(entry.name);
    CHECK(std::filesystem::exists(std::filesystem::path(CS351_SOURCE_DIR) / "cli" / entry.file));
  }
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
  CHECK(std::string(needs_name(Needs::config)) == "config");
}

TEST_SUITE_END();
