#include <doctest/doctest.h>

#include "cs351/core/error.h"
#include "cs351/core/name_match.h"

using namespace cs351;

namespace {

const std::vector<NamedThing> k_assignments{
    {"HW1: MapReduce (Gradescope 8255863)", {"8255863", "hw1"}, {"HW1: MapReduce", "hw1"}},
    {"HW10: Spark (Gradescope 8255999)", {"8255999"}, {"HW10: Spark"}},
    {"HW2: Raft (Gradescope 8255870)", {"8255870"}, {"HW2: Raft"}},
    {"Project proposal", {}, {"Project proposal"}},
};
const NameQuery k_query{"assignment", "CS351-S26", "add it with `cs351 assignments add`"};

std::size_t pick(std::string_view wanted) {
  return pick_named(k_assignments, wanted, k_query);
}

int exit_code_of(std::string_view wanted) {
  try {
    pick(wanted);
  } catch (const Error& e) {
    return static_cast<int>(e.code());
  }
  return 0;
}

std::string message_of(std::string_view wanted) {
  try {
    pick(wanted);
  } catch (const Error& e) {
    return e.what();
  }
  return "";
}

}  // namespace

TEST_SUITE_BEGIN("core/name_match");

TEST_CASE("an id, the exact title in any case, or a unique prefix find the assignment") {
  CHECK(pick("8255863") == 0);
  CHECK(pick("hw1") == 0);  // the config name is an id too
  CHECK(pick("HW1: MapReduce") == 0);
  CHECK(pick("hw1: mapreduce") == 0);
  CHECK(pick("  HW2: Raft ") == 2);
  CHECK(pick("HW2") == 2);
  CHECK(pick("proj") == 3);
}

TEST_CASE("a prefix ending at a word boundary beats one inside a word (HW1 is not HW10)") {
  CHECK(pick("HW1") == 0);
  CHECK(pick("HW10") == 1);
}

TEST_CASE("an ambiguous prefix is a usage error listing every candidate") {
  CHECK(exit_code_of("HW") == 2);
  const auto m = message_of("hw");
  CHECK(m.find("'hw' matches 3 assignments in CS351-S26") != std::string::npos);
  CHECK(m.find("HW1: MapReduce (Gradescope 8255863)") != std::string::npos);
  CHECK(m.find("HW10: Spark") != std::string::npos);
  CHECK(m.find("HW2: Raft") != std::string::npos);
  CHECK(m.find("Project") == std::string::npos);
}

TEST_CASE("no match is a data error naming what there is and how to add one") {
  CHECK(exit_code_of("HW3") == 65);
  CHECK(message_of("HW3") ==
        "no assignment 'HW3' in CS351-S26 (known: HW1: MapReduce (Gradescope 8255863), HW10: "
        "Spark (Gradescope 8255999), HW2: Raft (Gradescope 8255870), Project proposal); add it "
        "with `cs351 assignments add`");
  CHECK(exit_code_of("") == 65);  // an empty name is no prefix of everything
  CHECK_FALSE(find_named(k_assignments, "HW3", k_query));
  CHECK_THROWS_WITH(pick_named({}, "x", {"course", "", ""}), "no course 'x' (none yet)");
}

TEST_SUITE_END();
