#include <doctest/doctest.h>

#include <fstream>
#include <iterator>

#include "cs351/autograde/run_cgroup.h"
#include "support.h"

using namespace cs351;
using namespace cs351::autograde;

namespace {

std::string read(const std::filesystem::path& file) {
  std::ifstream in(file);
  return {std::istreambuf_iterator<char>(in), {}};
}

// A stand-in for a delegated cgroup v2 directory: the kernel would create
// cgroup.procs in every new cgroup; here the test does.
CgroupParents fake_v2(const test::ScratchDir& dir, const std::string& name) {
  std::filesystem::create_directories(dir / name);
  std::ofstream(dir / name / "cgroup.procs").put('\n');
  return {CgroupVersion::v2, dir.path(), dir.path()};
}

}  // namespace

TEST_SUITE_BEGIN("autograde/run_cgroup");

TEST_CASE("a v2 run cgroup gets memory.max, no swap and pids.max") {
  test::ScratchDir dir;
  RunCgroup cgroup(fake_v2(dir, "run-1"), "run-1", CgroupLimits{256ULL << 20, 64});
  CHECK(read(dir / "run-1/memory.max") == "268435456");
  CHECK(read(dir / "run-1/memory.swap.max") == "0");
  CHECK(read(dir / "run-1/pids.max") == "64");
  CHECK(cgroup.procs_fds().size() == 1);
  CHECK(cgroup.describe() == "cgroup v2: memory 256M (incl. tmpfs and memfd), processes 64");
}

TEST_CASE("a v2 run cgroup without a memory limit says max") {
  test::ScratchDir dir;
  RunCgroup cgroup(fake_v2(dir, "run-2"), "run-2", CgroupLimits{std::nullopt, 256});
  CHECK(read(dir / "run-2/memory.max") == "max");
  CHECK_FALSE(cgroup.memory_limit_hit());
}

TEST_CASE("a cgroup that cannot be made is an error naming it") {
  test::ScratchDir dir;
  const CgroupParents missing{CgroupVersion::v2, dir / "no/such", dir / "no/such"};
  CHECK_THROWS_WITH_AS(RunCgroup(missing, "run-3", CgroupLimits{}), doctest::Contains("no/such"),
                       std::exception);
}

TEST_CASE("OOM kills are read from memory.oom_control (v1) and memory.events (v2)") {
  CHECK(oom_kills("oom_kill_disable 0\nunder_oom 0\noom_kill 3\n") == 3);
  CHECK(oom_kills("low 0\nhigh 0\nmax 12\noom 1\noom_kill 1\n") == 1);
  CHECK(oom_kills("oom_kill_disable 0\nunder_oom 0\n") == 0);
}

TEST_CASE("this machine's cgroups: a run cgroup is made, limited and removed") {
  const auto& parents = cgroup_parents();
  if (!parents) {
    MESSAGE("no usable cgroup here: " << cgroup_problem());
    return;
  }
  std::filesystem::path made;
  {
    RunCgroup cgroup(*parents, "cs351-unit-test", CgroupLimits{64ULL << 20, 16});
    made = parents->memory / "cs351-unit-test";
    CHECK(std::filesystem::exists(made));
    const bool v1 = parents->version == CgroupVersion::v1;
    CHECK(read(made / (v1 ? "memory.limit_in_bytes" : "memory.max")) == "67108864\n");
  }
  CHECK_FALSE(std::filesystem::exists(made));
}

TEST_SUITE_END();
