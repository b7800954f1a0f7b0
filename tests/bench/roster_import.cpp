// Benchmark: `cs351 roster import` of a generated 100,000-row roster against
// sqlite3's raw `.import --csv` of the same file (no validation), medians of
// several runs, with peak memory. Usage: bench_roster_import CS351_BIN [RUNS]
#include <fmt/format.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <random>
#include <string>
#include <vector>

namespace {

namespace fs = std::filesystem;

struct Sample {
  double seconds;      // wall clock
  double cpu_seconds;  // user + system: steadier than wall time on a busy machine
  long max_rss_kib;
};

// Names in several scripts; some with commas and quotes so fields need quoting.
void write_roster(const fs::path& path, int rows) {
  const std::vector<std::string> first{"Ada",        "José", "Zoë",  "Björn",   "李",
                                       "Αλέξανδρος", "Олег", "محمد", "Siobhán", "Nguyễn"};
  const std::vector<std::string> last{
      "Lovelace", "García-Núñez",         "O'Brien",        "Smith, Jr.", "小龙", "Παπαδόπουλος",
      "Иванов",   "\"The Rock\" Johnson", "Ó Súilleabháin", "Trần"};
  std::mt19937 rng(42);
  std::ofstream out(path);
  out << "First Name,Last Name,Email,SID,Role,Sections\n";
  auto quoted = [](const std::string& s) {
    if (s.find_first_of(",\"") == std::string::npos) return s;
    std::string q = "\"";
    for (char c : s) q += c == '"' ? std::string("\"\"") : std::string(1, c);
    return q + "\"";
  };
  for (int i = 0; i < rows; ++i) {
    out << quoted(first[rng() % first.size()]) << ',' << quoted(last[rng() % last.size()])
        << ",student" << i << "@example.edu," << 10000000 + i << ",Student,\"L0" << i % 5 << "; R0"
        << i % 9 << "\"\n";
  }
}

Sample run(const std::vector<std::string>& argv) {
  const auto start = std::chrono::steady_clock::now();
  const pid_t pid = fork();
  if (pid == 0) {
    std::vector<char*> args;
    for (const auto& a : argv) args.push_back(const_cast<char*>(a.c_str()));
    args.push_back(nullptr);
    std::freopen("/dev/null", "w", stdout);
    std::freopen("/dev/null", "w", stderr);
    execvp(args[0], args.data());
    _exit(127);
  }
  int status = 0;
  rusage usage{};
  wait4(pid, &status, 0, &usage);
  const std::chrono::duration<double> took = std::chrono::steady_clock::now() - start;
  if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
    throw std::runtime_error(fmt::format("{} failed (status {})", argv[0], status));
  }
  auto secs = [](const timeval& tv) { return tv.tv_sec + tv.tv_usec / 1e6; };
  return {took.count(), secs(usage.ru_utime) + secs(usage.ru_stime), usage.ru_maxrss};
}

// Median wall and median CPU (taken separately), and the largest peak RSS.
Sample median(std::vector<Sample> s) {
  auto mid = [&](auto field) {
    std::vector<double> v;
    for (const auto& x : s) v.push_back(x.*field);
    std::sort(v.begin(), v.end());
    return v[v.size() / 2];
  };
  auto rss = std::max_element(s.begin(), s.end(),
                              [](auto& a, auto& b) { return a.max_rss_kib < b.max_rss_kib; });
  return {mid(&Sample::seconds), mid(&Sample::cpu_seconds), rss->max_rss_kib};
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    fmt::print(stderr, "usage: {} CS351_BIN [RUNS]\n", argv[0]);
    return 2;
  }
  const std::string cs351 = fs::absolute(argv[1]).string();
  const int runs = argc > 2 ? std::stoi(argv[2]) : 7;
  const fs::path dir = fs::temp_directory_path() / fmt::format("cs351-bench-{}", getpid());
  fs::create_directories(dir);
  const auto csv = (dir / "roster.csv").string();
  write_roster(csv, 100'000);
  fmt::print("file: 100,000 rows, {:.1f} MiB\n", fs::file_size(csv) / 1048576.0);
  std::fflush(stdout);  // children must not inherit unflushed output

  std::vector<Sample> ours, ours_again, reference;
  for (int i = 0; i < runs; ++i) {
    const auto db = (dir / fmt::format("s{}.db", i)).string();
    run({cs351, "--db", db, "course", "add", "BENCH"});
    ours.push_back(run({cs351, "--db", db, "roster", "import", csv, "--course", "BENCH"}));
    ours_again.push_back(run({cs351, "--db", db, "roster", "import", csv, "--course", "BENCH"}));
    const auto raw = (dir / fmt::format("r{}.db", i)).string();
    reference.push_back(run({"sqlite3", raw, fmt::format(".import --csv {} t", csv)}));
  }
  const auto a = median(ours), b = median(ours_again), r = median(reference);
  fmt::print("median of {} runs              wall (s)   CPU (s)   peak RSS (MiB)\n", runs);
  auto row = [](const char* what, const Sample& x) {
    fmt::print("{:<30}{:9.3f} {:9.3f} {:12.1f}\n", what, x.seconds, x.cpu_seconds,
               x.max_rss_kib / 1024.0);
  };
  row("cs351 roster import (empty)", a);
  row("cs351 re-import (unchanged)", b);
  row("sqlite3 .import --csv", r);
  fmt::print("ratio import / .import        {:9.2f}x{:9.2f}x\n", a.seconds / r.seconds,
             a.cpu_seconds / r.cpu_seconds);
  fmt::print("ratio re-import / .import     {:9.2f}x{:9.2f}x\n", b.seconds / r.seconds,
             b.cpu_seconds / r.cpu_seconds);
  fs::remove_all(dir);
  return 0;
}
