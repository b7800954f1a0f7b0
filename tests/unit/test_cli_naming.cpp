#include <doctest/doctest.h>

#include <fstream>

#include "cli/naming.h"
#include "cs351/analytics/assignments.h"
#include "cs351/core/error.h"
#include "cs351/registry.h"
#include "support.h"

using namespace cs351;

namespace {

struct Fixture {
  test::ScratchDir dir;
  cli::Context ctx;
  roster::Course course;

  Fixture() {
    std::ofstream(dir / "config.toml") << "[autograde.assignments.hw1]\ncommand = \"true\"\n"
                                          "gradescope_id = \"8255863\"\n"
                                          "[autograde.assignments.quiz]\ncommand = \"true\"\n";
    ctx.options.db = (dir / "cs351.db").string();
    ctx.options.config = (dir / "config.toml").string();
    store::Store::open(dir / "cs351.db", all_migrations());  // as init would: ctx opens only
    auto& db = ctx.store().db();
    roster::add_course(db, {"CS351-S26", {}, {}, {}});
    course = roster::require_course(db, "CS351-S26");
    db.exec(
        "INSERT INTO gradescope_assignments(course_id, gradescope_id, title, updated_at) VALUES "
        "(" +
        std::to_string(course.id) + ", '8255863', 'HW1: MapReduce', 't'), (" +
        std::to_string(course.id) + ", '8255999', 'HW10: Spark', 't')");
    analytics::add_assignment(db, course, {.name = "hw10: spark"});
    analytics::add_assignment(db, course, {.name = "Project proposal"});
  }
  cli::ChosenAssignment find(const std::string& text, bool with_course = true) {
    auto a = cli::find_assignment(ctx, with_course ? &course : nullptr, text);
    REQUIRE(a);
    return *a;
  }
};

}  // namespace

TEST_SUITE_BEGIN("cli/naming");

TEST_CASE("one assignment from every source: Gradescope's, added by hand, autograde config") {
  Fixture f;
  for (const char* name : {"HW1", "hw1", "8255863", "HW1: MapReduce", "hw1: mapr"}) {
    CAPTURE(name);
    const auto a = f.find(name);
    CHECK(a.gradescope_id == "8255863");
    CHECK(a.gradescope_title == "HW1: MapReduce");
    CHECK(a.config_name == "hw1");  // matched to Gradescope's by gradescope_id
    CHECK_FALSE(a.own_name);
    CHECK(a.name() == "HW1: MapReduce");
  }
  const auto spark = f.find("HW10");
  CHECK(spark.gradescope_id == "8255999");
  CHECK(spark.own_name == "hw10: spark");  // the same title in another case: one assignment
  CHECK(spark.name() == "hw10: spark");
  CHECK(spark.label == "hw10: spark (Gradescope 8255999, added by hand)");
  CHECK(f.find("proj").name() == "Project proposal");
  CHECK(f.find("quiz").config_name == "quiz");
}

TEST_CASE("nothing matching is nullopt (the command says what it knows); ambiguity is exit 2") {
  Fixture f;
  CHECK_FALSE(cli::find_assignment(f.ctx, &f.course, "HW3"));
  try {
    cli::find_assignment(f.ctx, &f.course, "hw");
    FAIL("no error");
  } catch (const Error& e) {
    CHECK(e.code() == ExitCode::usage);
    CHECK(std::string(e.what()).find("'hw' matches 2 assignments in CS351-S26") !=
          std::string::npos);
  }
}

TEST_CASE("without a course only the autograde config is searched") {
  Fixture f;
  CHECK(f.find("HW1", false).config_name == "hw1");
  CHECK_FALSE(f.find("HW1", false).gradescope_id);
  CHECK_FALSE(cli::find_assignment(f.ctx, nullptr, "8255999"));
}

TEST_SUITE_END();
