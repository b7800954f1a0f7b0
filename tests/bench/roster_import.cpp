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
  double seconds;
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
  return {took.count(), usage.ru_maxrss};
}

Sample median(std::vector<Sample> s) {
  std::sort(s.begin(), s.end(), [](auto& a, auto& b) { return a.seconds < b.seconds; });
  auto rss = std::max_element(s.begin(), s.end(),
                              [](auto& a, auto& b) { return a.max_rss_kib < b.max_rss_kib; });
  return {s[s.size() / 2].seconds, rss->max_rss_kib};
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
  fmt::print("median of {} runs            time (s)   peak RSS (MiB)\n", runs);
  fmt::print("cs351 roster import (empty)   {:8.3f}   {:8.1f}\n", a.seconds,
             a.max_rss_kib / 1024.0);
  fmt::print("cs351 re-import (unchanged)   {:8.3f}   {:8.1f}\n", b.seconds,
             b.max_rss_kib / 1024.0);
  fmt::print("sqlite3 .import --csv         {:8.3f}   {:8.1f}\n", r.seconds,
             r.max_rss_kib / 1024.0);
  fmt::print("ratio import / .import        {:8.2f}x\n", a.seconds / r.seconds);
  fmt::print("ratio re-import / .import     {:8.2f}x\n", b.seconds / r.seconds);
  fs::remove_all(dir);
  return 0;
}
