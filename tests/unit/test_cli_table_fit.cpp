#include <doctest/doctest.h>

#include <algorithm>

#include "cli/app.h"
#include "cli/command_tree.h"
#include "cli/table_fit.h"

using namespace cs351::cli;

namespace {

FitColumn col(ColumnSpec spec, std::size_t width, bool numeric = false, std::size_t rank = 0) {
  return FitColumn{std::move(spec), width, numeric, rank};
}

}  // namespace

TEST_SUITE_BEGIN("cli/table_fit");

TEST_CASE("a table that fits is left alone") {
  const auto fit =
      fit_table({col(column::key("email"), 20), col(column::text("note"), 30)}, 80, true);
  CHECK(fit.shown == std::vector<std::size_t>{0, 1});
  CHECK(fit.width == std::vector<std::size_t>{20, 30});
  CHECK(fit.dropped.empty());
}

TEST_CASE("low-value columns go first, in the order declared, and only as many as needed") {
  const std::vector<FitColumn> columns{col(column::key("email"), 30),
                                       col(column::low(column::plain("a")), 20, false, 2),
                                       col(column::low(column::plain("b")), 20, false, 1),
                                       col(column::low(column::plain("c")), 20, false, 3)};
  // 30 + 3 * 20 + 6 = 96: dropping b (rank 1) gives 74 <= 80, so a and c stay.
  const auto fit = fit_table(columns, 80, true);
  CHECK(fit.shown == std::vector<std::size_t>{0, 1, 3});
  CHECK(fit.dropped == std::vector<std::string>{"b"});
  const auto narrower = fit_table(columns, 40, true);
  CHECK(narrower.shown == std::vector<std::size_t>{0});
  CHECK(narrower.dropped == std::vector<std::string>{"b", "a", "c"});
}

TEST_CASE("a table of low-value columns only keeps its last one") {
  const auto fit = fit_table({col(column::low(column::plain("a")), 50, false, 0),
                              col(column::low(column::plain("b")), 50, false, 1)},
                             20, true);
  CHECK(fit.shown == std::vector<std::size_t>{1});
  CHECK(fit.width == std::vector<std::size_t>{50, 20});
}

TEST_CASE("free text is cut before plain columns, keys, dates and numbers never") {
  const std::vector<FitColumn> columns{
      col(column::key("email"), 30), col(column::date("due"), 20), col(column::number("n"), 12),
      col(column::plain("status"), 12), col(column::text("title"), 30)};
  // 30 + 20 + 12 + 12 + 30 + 8 = 112; 32 too wide: title gives 22 (to 8), status 4 more.
  const auto fit = fit_table(columns, 80, true);
  CHECK(fit.width == std::vector<std::size_t>{30, 20, 12, 8, 8});
  // Nothing else can give: the line stays wider than asked rather than cut a key.
  const auto tiny = fit_table(columns, 40, true);
  CHECK(tiny.width == std::vector<std::size_t>{30, 20, 12, 8, 8});
}

TEST_CASE("a plain column of numbers is never cut") {
  const auto fit =
      fit_table({col(column::key("k"), 10), col(column::plain("count"), 20, true)}, 20, true);
  CHECK(fit.width == std::vector<std::size_t>{10, 20});
}

TEST_CASE(
    "without leave to drop (--columns) low-value columns are cut like the others, never dropped") {
  const auto fit = fit_table(
      {col(column::key("email"), 30), col(column::low(column::text("note")), 40)}, 50, false);
  CHECK(fit.shown == std::vector<std::size_t>{0, 1});
  CHECK(fit.width == std::vector<std::size_t>{30, 18});
}

TEST_CASE("no limit (a pipe, or --wide) keeps everything whole") {
  const auto fit = fit_table({col(column::low(column::text("note")), 400)}, 0, true);
  CHECK(fit.shown == std::vector<std::size_t>{0});
  CHECK(fit.width == std::vector<std::size_t>{400});
}

TEST_CASE("thousands separators") {
  CHECK(with_thousands("0") == "0");
  CHECK(with_thousands("999") == "999");
  CHECK(with_thousands("1000") == "1,000");
  CHECK(with_thousands("-1234567.5") == "-1,234,567.5");
  CHECK(with_thousands("123456") == "123,456");
  CHECK(with_thousands("1e+20") == "1e+20");
}

namespace {
// Every command that prints a listing (its table and CSV are the default), with its roles.
// `usage stats` prints a report of its own, not a listing.
void check_listing_roles(const Context& ctx, const CLI::App& command, int& listings) {
  for (const auto* sub : command.get_subcommands({})) {
    const auto* formats = ctx.formats_of(sub);
    const bool listing = formats != nullptr && formats->piped != "json" &&
                         command_path(*sub) != "cs351 usage stats" &&
                         std::find(formats->choices.begin(), formats->choices.end(), "table") !=
                             formats->choices.end();
    if (listing) {
      INFO(command_path(*sub));
      const auto* roles = ctx.column_roles_of(sub);
      REQUIRE(roles != nullptr);
      CHECK(std::any_of(roles->begin(), roles->end(),
                        [](const ColumnSpec& spec) { return spec.role == ColumnRole::key; }));
      ++listings;
    }
    check_listing_roles(ctx, *sub, listings);
  }
}
}  // namespace

TEST_CASE("every listing declares its column roles, with at least one key column") {
  CLI::App app{"cs351", "cs351"};
  Context ctx;
  build_app(app, ctx);
  int listings = 0;
  check_listing_roles(ctx, app, listings);
  CHECK(listings >= 25);
}
