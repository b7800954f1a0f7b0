// Queue throughput: claim + finish of N runs by T threads (one connection
// each) on a WAL store, side by side with a bare SQLite loop doing the minimal
// claim/complete SQL on the same kind of file. Prints one JSON line per round.
//
//   bench_autograde_queue [--runs N] [--threads T] [--students S] [--rounds R] [--dir D]
//   bench_autograde_queue --prefill STORE --runs N --assignment A --submission DIR
//     (enqueues N runs of distinct students into STORE for the end-to-end benchmark)

#include <SQLiteCpp/SQLiteCpp.h>
#include <fmt/format.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <filesystem>
#include <functional>
#include <string>
#include <thread>
#include <vector>

#include "cs351/autograde/artifacts.h"
#include "cs351/autograde/service.h"
#include "cs351/autograde/sqlite_queue.h"
#include "cs351/registry.h"
#include "cs351/roster/course.h"
#include "cs351/store/store.h"

namespace fs = std::filesystem;
using namespace cs351;
using namespace std::chrono_literals;

namespace {

struct Params {
  std::string prefill, assignment = "noop", submission;
  int runs = 20'000;
  int threads = 4;
  int students = 500;
  int rounds = 5;
  fs::path dir = fs::temp_directory_path() / ("cs351-bench-" + std::to_string(getpid()));
};

double seconds_for(int threads, const std::function<void(int)>& body) {
  const auto start = std::chrono::steady_clock::now();
  std::vector<std::thread> pool;
  for (int t = 0; t < threads; ++t) pool.emplace_back(body, t);
  for (auto& th : pool) th.join();
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

double cs351_queue(const Params& p, const fs::path& db_path) {
  auto store = store::Store::open(db_path, all_migrations());
  roster::add_course(store->db(), {"BENCH", {}, {}, {}});
  const auto course = roster::require_course(store->db(), "BENCH").id;
  autograde::SqliteQueue queue(store->db(), autograde::artifacts_dir(*store));
  for (int i = 0; i < p.runs; ++i) {
    autograde::EnqueueRequest req;
    req.course_id = course;
    req.assignment = "hw";
    req.students = {fmt::format("s{}@x.edu", i % p.students)};
    req.submission = std::string(64, 'a');
    req.dedupe_window = 0ms;
    queue.enqueue(req, system_clock());
  }
  return seconds_for(p.threads, [&](int t) {
    auto own = store::Store::open(db_path, all_migrations());
    autograde::SqliteQueue own_queue(own->db(), autograde::artifacts_dir(*own));
    const std::string worker = fmt::format("bench-{}", t);
    const autograde::Outcome outcome{autograde::RunStatus::succeeded, 1.0, "", R"({"score":1})",
                                     ""};
    for (int idle = 0; idle < 50;) {
      auto run = own_queue.claim({worker, 60s}, system_clock());
      if (!run) {
        ++idle;
        std::this_thread::sleep_for(1ms);
        continue;
      }
      idle = 0;
      own_queue.finish(*run, outcome, system_clock());
    }
  });
}

double bare_loop(const Params& p, const fs::path& db_path) {
  {
    SQLite::Database db(db_path.string(), SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE, 10'000);
    db.exec("PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;");
    db.exec("CREATE TABLE jobs (id INTEGER PRIMARY KEY, status TEXT NOT NULL, worker TEXT)");
    db.exec("CREATE INDEX jobs_queued ON jobs(id) WHERE status = 'queued'");
    SQLite::Transaction tx(db);
    SQLite::Statement ins(db, "INSERT INTO jobs(status) VALUES ('queued')");
    for (int i = 0; i < p.runs; ++i) {
      ins.exec();
      ins.reset();
    }
    tx.commit();
  }
  return seconds_for(p.threads, [&](int t) {
    SQLite::Database db(db_path.string(), SQLite::OPEN_READWRITE, 10'000);
    db.exec("PRAGMA synchronous=NORMAL");
    const std::string worker = fmt::format("bare-{}", t);
    for (;;) {
      std::int64_t id = 0;
      {
        SQLite::Transaction tx(db, SQLite::TransactionBehavior::IMMEDIATE);
        SQLite::Statement claim(
            db,
            "UPDATE jobs SET status = 'running', worker = ? WHERE id = "
            "(SELECT id FROM jobs WHERE status = 'queued' ORDER BY id LIMIT 1) RETURNING id");
        claim.bind(1, worker);
        if (!claim.executeStep()) return;
        id = claim.getColumn(0).getInt64();
        claim.reset();
        tx.commit();
      }
      SQLite::Statement done(db, "UPDATE jobs SET status = 'done' WHERE id = ?");
      done.bind(1, id);
      done.exec();
    }
  });
}

Params parse(int argc, char** argv) {
  Params p;
  for (int i = 1; i + 1 < argc; i += 2) {
    const std::string flag = argv[i];
    if (flag == "--runs") p.runs = std::stoi(argv[i + 1]);
    if (flag == "--threads") p.threads = std::stoi(argv[i + 1]);
    if (flag == "--students") p.students = std::stoi(argv[i + 1]);
    if (flag == "--rounds") p.rounds = std::stoi(argv[i + 1]);
    if (flag == "--dir") p.dir = argv[i + 1];
    if (flag == "--prefill") p.prefill = argv[i + 1];
    if (flag == "--assignment") p.assignment = argv[i + 1];
    if (flag == "--submission") p.submission = argv[i + 1];
  }
  return p;
}

double median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  return v[v.size() / 2];
}

}  // namespace

// Fills a store through the library (enqueueing 2,000 runs through the CLI
// would measure process start-up, not the worker).
int prefill(const Params& p) {
  auto store = store::Store::open(p.prefill, all_migrations());
  roster::add_course(store->db(), {"BENCH", {}, {}, {}});
  const auto course = roster::require_course(store->db(), "BENCH").id;
  const autograde::ArtifactStore artifacts(autograde::artifacts_dir(*store));
  const auto submission =
      artifacts.put_submission(autograde::read_submission_dir(p.submission, 1 << 20));
  autograde::SqliteQueue queue(store->db(), autograde::artifacts_dir(*store));
  for (int i = 0; i < p.runs; ++i) {
    autograde::EnqueueRequest req;
    req.course_id = course;
    req.assignment = p.assignment;
    req.students = {fmt::format("s{}@x.edu", i)};
    req.submission = submission;
    queue.enqueue(req, system_clock());
  }
  return 0;
}

int main(int argc, char** argv) {
  const Params p = parse(argc, argv);
  if (!p.prefill.empty()) return prefill(p);
  std::vector<double> ours, bare;
  for (int round = 0; round < p.rounds; ++round) {
    fs::remove_all(p.dir);
    fs::create_directories(p.dir);
    const double a = cs351_queue(p, p.dir / "queue.db");
    const double b = bare_loop(p, p.dir / "bare.db");
    ours.push_back(p.runs / a);
    bare.push_back(p.runs / b);
    fmt::print("{{\"round\": {}, \"cs351_runs_per_s\": {:.0f}, \"bare_runs_per_s\": {:.0f}}}\n",
               round, ours.back(), bare.back());
  }
  fs::remove_all(p.dir);
  const double m_ours = median(ours), m_bare = median(bare);
  fmt::print(
      "{{\"runs\": {}, \"threads\": {}, \"students\": {}, \"rounds\": {}, "
      "\"median_cs351_runs_per_s\": {:.0f}, "
      "\"median_bare_runs_per_s\": {:.0f}, \"ratio\": {:.2f}}}\n",
      p.runs, p.threads, p.students, p.rounds, m_ours, m_bare, m_ours / m_bare);
}
