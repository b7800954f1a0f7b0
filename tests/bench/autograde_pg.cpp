// The autograde queue on PostgreSQL, measured beside references in the same run:
//
//  throughput: N no-op runs (distinct students) claimed and completed by W worker processes
//    (one connection each) until the queue is empty, for W = 1, 4, 16, through
//      pg      cs351's PostgreSQL queue (PgQueue: claim + finish, as `autograde worker` calls
//      them), bare    a bare SKIP LOCKED loop in SQL on the same cluster (one jobs table, claim =
//              UPDATE ... WHERE id = (SELECT ... FOR UPDATE SKIP LOCKED) RETURNING id,
//              complete = one UPDATE; each its own transaction),
//      sqlite  cs351's SQLite queue (SqliteQueue on a WAL store in --dir).
//  latency: W idle workers waiting as the worker does (claim, else LISTEN up to 1 s); one
//    enqueuer adds a run every 5-25 ms; time from the start of the enqueue to the claim
//    returning in a worker, p50/p99, for cs351's PostgreSQL queue and for the bare loop
//    (INSERT + NOTIFY in one transaction).
//
//   bench_autograde_pg --url URL [--runs N] [--workers 1,4,16] [--rounds R]
//                      [--latency-runs N] [--latency-workers W] [--dir D]
//                      [--parts throughput,latency]
//
// Prints one JSON line per measurement and one per median; tests/bench/autograde_pg.sh
// starts the cluster and runs it.

#include <fmt/format.h>
#include <libpq-fe.h>
#include <poll.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <map>
#include <memory>
#include <random>
#include <sstream>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include "cs351/autograde/pg_connection.h"
#include "cs351/autograde/pg_queue.h"
#include "cs351/autograde/pg_schema.h"
#include "cs351/autograde/queue.h"
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
  std::string url;
  int runs = 4000;
  std::vector<int> workers{1, 4, 16};
  int rounds = 5;
  int latency_runs = 400;
  int latency_workers = 4;
  std::string parts = "throughput,latency";
  fs::path dir = fs::temp_directory_path() / ("cs351-bench-pg-" + std::to_string(getpid()));
};

std::int64_t monotonic_ns() {
  return std::chrono::duration_cast<std::chrono::nanoseconds>(
             std::chrono::steady_clock::now().time_since_epoch())
      .count();
}

// ---- a thin libpq connection ----------------------------------------------------------

using Result = std::unique_ptr<PGresult, decltype(&PQclear)>;

class Pg {
 public:
  explicit Pg(const std::string& url) : m_conn(PQconnectdb(url.c_str()), &PQfinish) {
    if (PQstatus(m_conn.get()) != CONNECTION_OK)
      throw std::runtime_error(fmt::format("connect: {}", PQerrorMessage(m_conn.get())));
  }
  Result exec(const std::string& sql, const std::vector<std::string>& params = {}) {
    std::vector<const char*> values;
    for (const auto& p : params) values.push_back(p.c_str());
    // Without parameters through PQexec, which takes several statements at once.
    Result r(params.empty()
                 ? PQexec(m_conn.get(), sql.c_str())
                 : PQexecParams(m_conn.get(), sql.c_str(), static_cast<int>(values.size()), nullptr,
                                values.data(), nullptr, nullptr, 0),
             &PQclear);
    const auto status = PQresultStatus(r.get());
    if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK)
      throw std::runtime_error(fmt::format("{}: {}", sql, PQerrorMessage(m_conn.get())));
    return r;
  }
  // Blocks until a notification arrives or `timeout` passes; drains what arrived.
  void wait_notification(std::chrono::milliseconds timeout) {
    pollfd fd{PQsocket(m_conn.get()), POLLIN, 0};
    poll(&fd, 1, static_cast<int>(timeout.count()));
    PQconsumeInput(m_conn.get());
    while (PGnotify* n = PQnotifies(m_conn.get())) PQfreemem(n);
  }

 private:
  std::unique_ptr<PGconn, decltype(&PQfinish)> m_conn;
};

// ---- worker processes -------------------------------------------------------------------

// Runs `body(worker_index, out_fd)` in `workers` forked processes that start together once all
// have called `ready()`; returns the seconds from the start signal until the last one exited,
// and everything they wrote to out_fd (lines; a write below PIPE_BUF is atomic).
struct Forked {
  double seconds = 0;
  std::string output;
};
using WorkerBody = std::function<void(int worker, const std::function<void()>& ready, int out)>;

Forked run_workers(
    int workers, const WorkerBody& body, const std::function<void()>& after_start = [] {}) {
  int ready_pipe[2], go_pipe[2], out_pipe[2];
  if (pipe(ready_pipe) || pipe(go_pipe) || pipe(out_pipe)) throw std::runtime_error("pipe");
  std::vector<pid_t> pids;
  for (int w = 0; w < workers; ++w) {
    const pid_t pid = fork();
    if (pid == 0) {
      close(ready_pipe[0]);
      close(go_pipe[1]);
      close(out_pipe[0]);
      const auto ready = [&] {
        if (write(ready_pipe[1], "r", 1) != 1) _exit(3);
        char c;
        if (read(go_pipe[0], &c, 1) != 0) _exit(3);  // EOF: the parent said go
      };
      try {
        body(w, ready, out_pipe[1]);
      } catch (const std::exception& e) {
        fmt::print(stderr, "worker {}: {}\n", w, e.what());
        _exit(1);
      }
      _exit(0);
    }
    pids.push_back(pid);
  }
  close(ready_pipe[1]);
  close(out_pipe[1]);
  for (int w = 0; w < workers; ++w) {
    char c;
    if (read(ready_pipe[0], &c, 1) != 1) throw std::runtime_error("a worker died while setting up");
  }
  const auto start = std::chrono::steady_clock::now();
  close(go_pipe[1]);
  after_start();
  Forked result;
  char buf[4096];
  for (ssize_t n; (n = read(out_pipe[0], buf, sizeof buf)) > 0;) result.output.append(buf, n);
  for (pid_t pid : pids) {
    int status = 0;
    waitpid(pid, &status, 0);
    if (!WIFEXITED(status) || WEXITSTATUS(status) != 0)
      throw std::runtime_error("a worker process failed");
  }
  result.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  close(ready_pipe[0]);
  close(go_pipe[0]);
  close(out_pipe[0]);
  return result;
}

void write_line(int fd, const std::string& line) {
  const std::string text = line + "\n";
  if (write(fd, text.data(), text.size()) != static_cast<ssize_t>(text.size()))
    throw std::runtime_error("write to the parent");
}

// ---- the bare SKIP LOCKED loop -------------------------------------------------------------

const char* const kBareSchema =
    "SET client_min_messages = warning; DROP TABLE IF EXISTS bench_jobs;"
    "CREATE TABLE bench_jobs (id bigserial PRIMARY KEY, status text NOT NULL DEFAULT 'queued',"
    " worker text, enqueued_ns bigint);"
    "CREATE INDEX bench_jobs_queued ON bench_jobs (id) WHERE status = 'queued';";
const char* const kBareClaim =
    "UPDATE bench_jobs SET status = 'running', worker = $1 WHERE id = ("
    " SELECT id FROM bench_jobs WHERE status = 'queued' ORDER BY id LIMIT 1"
    " FOR UPDATE SKIP LOCKED) RETURNING id, enqueued_ns";
const char* const kBareComplete = "UPDATE bench_jobs SET status = 'done' WHERE id = $1";

double bare_throughput(const Params& p, int workers) {
  Pg setup(p.url);
  setup.exec(kBareSchema);
  setup.exec(fmt::format(
      "INSERT INTO bench_jobs (status) SELECT 'queued' FROM generate_series(1, {})", p.runs));
  setup.exec("VACUUM ANALYZE bench_jobs");
  const auto forked = run_workers(workers, [&](int w, const auto& ready, int) {
    Pg db(p.url);
    const std::string name = fmt::format("bare-{}", w);
    ready();
    for (;;) {
      auto claimed = db.exec(kBareClaim, {name});
      if (PQntuples(claimed.get()) == 0) return;
      db.exec(kBareComplete, {PQgetvalue(claimed.get(), 0, 0)});
    }
  });
  const auto done = setup.exec("SELECT count(*) FROM bench_jobs WHERE status = 'done'");
  if (std::stoi(PQgetvalue(done.get(), 0, 0)) != p.runs)
    throw std::runtime_error("bare loop: not every job completed once");
  return p.runs / forked.seconds;
}

// A latency worker's end: nothing claimed for `quiet` (the enqueuer is done).
bool idle_for(std::chrono::steady_clock::time_point last, std::chrono::seconds quiet) {
  return std::chrono::steady_clock::now() - last > quiet;
}

// The enqueuer's pace: a run every 5-25 ms (the same sequence every round).
std::function<void()> arrivals() {
  return [rng = std::mt19937(42)]() mutable {
    std::this_thread::sleep_for(std::chrono::milliseconds(5 + rng() % 21));
  };
}

// The latencies the workers wrote, one per run, checked to be `expected` of them.
std::vector<double> latencies(const std::string& output, int expected, const char* what) {
  std::vector<double> ms;
  std::istringstream lines(output);
  for (double v; lines >> v;) ms.push_back(v);
  if (static_cast<int>(ms.size()) != expected)
    throw std::runtime_error(fmt::format("{}: {} of {} runs claimed", what, ms.size(), expected));
  return ms;
}

// Latencies (ms) from the start of an enqueue to the claim, `p.latency_runs` of them.
std::vector<double> bare_latency(const Params& p) {
  Pg enqueuer(p.url);
  enqueuer.exec(kBareSchema);
  const auto forked = run_workers(
      p.latency_workers,
      [&](int w, const auto& ready, int out) {
        Pg db(p.url);
        db.exec("LISTEN bench_jobs");
        const std::string name = fmt::format("bare-{}", w);
        ready();
        for (auto last = std::chrono::steady_clock::now(); !idle_for(last, 3s);) {
          auto claimed = db.exec(kBareClaim, {name});
          if (PQntuples(claimed.get()) == 0) {
            db.wait_notification(1s);  // polling stays as the fallback
            continue;
          }
          last = std::chrono::steady_clock::now();
          const double ms = (monotonic_ns() - std::stoll(PQgetvalue(claimed.get(), 0, 1))) / 1e6;
          db.exec(kBareComplete, {PQgetvalue(claimed.get(), 0, 0)});
          write_line(out, fmt::format("{:.3f}", ms));
        }
      },
      [&] {
        const auto pace = arrivals();
        for (int i = 0; i < p.latency_runs; ++i) {
          pace();
          enqueuer.exec(
              fmt::format("BEGIN; INSERT INTO bench_jobs (enqueued_ns) VALUES ({});"
                          " NOTIFY bench_jobs; COMMIT",
                          monotonic_ns()));
        }
      });
  return latencies(forked.output, p.latency_runs, "bare loop");
}

// ---- cs351's queue, either backend, through its Queue interface -------------------------------

// One worker process's queue and what it needs kept open.
struct OpenQueue {
  std::unique_ptr<store::Store> store;  // the SQLite queue lives in it; unused for PostgreSQL
  std::unique_ptr<autograde::Queue> queue;
};
using Opener = std::function<OpenQueue()>;

Opener sqlite_opener(const fs::path& db_path) {
  return [db_path] {
    OpenQueue q;
    q.store = store::Store::open(db_path, all_migrations());
    q.queue =
        std::make_unique<autograde::SqliteQueue>(q.store->db(), autograde::artifacts_dir(*q.store));
    return q;
  };
}

Opener pg_opener(const std::string& url) {
  return [url] {
    OpenQueue q;
    q.queue = std::make_unique<autograde::PgQueue>(autograde::PgTarget{url, {}}, 1 << 20);
    return q;
  };
}

// An empty queue of each kind: a new store file, or the PostgreSQL schema dropped and migrated.
Opener fresh_sqlite(const Params& p, int workers) {
  const fs::path db_path = p.dir / fmt::format("queue-{}.db", workers);
  fs::remove(db_path);
  auto store = store::Store::open(db_path, all_migrations());
  roster::add_course(store->db(), {"BENCH", {}, {}, {}});
  return sqlite_opener(db_path);
}

Opener fresh_pg(const Params& p) {
  Pg(p.url).exec(
      "SET client_min_messages = warning; DROP SCHEMA public CASCADE; CREATE SCHEMA public");
  autograde::PgConnection conn(autograde::PgTarget{p.url, {}});
  autograde::migrate_pg_schema(conn);
  return pg_opener(p.url);
}

// Enqueues `runs` runs of distinct students (nothing waits behind anything);
// `stamp` puts the enqueue's start time where the claimer can read it.
// Returns how long each enqueue call took (ms).
std::vector<double> enqueue_runs(
    autograde::Queue& queue, int runs, bool stamp = false,
    const std::function<void()>& pace = [] {}) {
  const std::string submission = queue.artifacts().put_submission({{"main.py", "print(1)\n"}});
  std::vector<double> took;
  for (int i = 0; i < runs; ++i) {
    pace();
    autograde::EnqueueRequest req;
    req.course_id = 1;
    req.assignment = "noop";
    req.students = {fmt::format("s{}@x.edu", i)};
    req.submission = submission;
    const auto start = monotonic_ns();
    if (stamp) req.gradescope_submission_id = std::to_string(start);
    queue.enqueue(req, system_clock());
    took.push_back((monotonic_ns() - start) / 1e6);
  }
  return took;
}

const autograde::Outcome kNoop{autograde::RunStatus::succeeded, 1.0, "", R"({"score":1})", ""};

// The bare loop's table is analysed before it is drained; cs351's tables are too, as
// autovacuum keeps a long-lived queue's statistics (fresh tables have none, and a claim
// planned without them may walk every student row).
void analyze_pg(const Params& p) {
  Pg(p.url).exec("VACUUM ANALYZE autograde_runs, autograde_run_students, autograde_run_requests");
}

double queue_throughput(
    const Params& p, int workers, const Opener& open, const std::function<void()>& settle = [] {}) {
  enqueue_runs(*open().queue, p.runs);
  settle();
  const auto forked = run_workers(workers, [&](int w, const auto& ready, int) {
    auto q = open();
    const autograde::ClaimRequest request{fmt::format("bench-{}", w), 60s};
    ready();
    while (auto run = q.queue->claim(request, system_clock())) {
      if (!q.queue->finish(*run, kNoop, system_clock())) throw std::runtime_error("finish refused");
    }
  });
  return p.runs / forked.seconds;
}

// Idle workers as `cs351 autograde worker` waits: claim, else wait_for_work (LISTEN) up to 1 s.
// `enqueue_ms` gets how long the enqueues themselves took.
std::vector<double> queue_latency(const Params& p, const Opener& open,
                                  std::vector<double>& enqueue_ms) {
  auto enqueuer = open();
  const auto forked = run_workers(
      p.latency_workers,
      [&](int w, const auto& ready, int out) {
        auto q = open();
        const autograde::ClaimRequest request{fmt::format("bench-{}", w), 60s};
        const std::atomic<bool> stop{false};
        ready();
        for (auto last = std::chrono::steady_clock::now(); !idle_for(last, 3s);) {
          auto run = q.queue->claim(request, system_clock());
          if (!run) {
            q.queue->wait_for_work(1s, stop);
            continue;
          }
          last = std::chrono::steady_clock::now();
          const double ms = (monotonic_ns() - std::stoll(*run->gradescope_submission_id)) / 1e6;
          q.queue->finish(*run, kNoop, system_clock());
          write_line(out, fmt::format("{:.3f}", ms));
        }
      },
      [&] { enqueue_ms = enqueue_runs(*enqueuer.queue, p.latency_runs, true, arrivals()); });
  return latencies(forked.output, p.latency_runs, "cs351 queue");
}

// ---- driver ---------------------------------------------------------------------------------

double median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  return v[v.size() / 2];
}

double percentile(std::vector<double> v, double q) {
  std::sort(v.begin(), v.end());
  return v[std::min(v.size() - 1, static_cast<std::size_t>(q * v.size()))];
}

Params parse(int argc, char** argv) {
  Params p;
  for (int i = 1; i + 1 < argc; i += 2) {
    const std::string flag = argv[i], value = argv[i + 1];
    if (flag == "--url") p.url = value;
    if (flag == "--runs") p.runs = std::stoi(value);
    if (flag == "--rounds") p.rounds = std::stoi(value);
    if (flag == "--latency-runs") p.latency_runs = std::stoi(value);
    if (flag == "--latency-workers") p.latency_workers = std::stoi(value);
    if (flag == "--dir") p.dir = value;
    if (flag == "--parts") p.parts = value;
    if (flag == "--workers") {
      p.workers.clear();
      std::istringstream list(value);
      for (std::string w; std::getline(list, w, ',');) p.workers.push_back(std::stoi(w));
    }
  }
  if (p.url.empty()) throw std::runtime_error("--url postgresql://... is required");
  return p;
}

void throughput(const Params& p) {
  for (int workers : p.workers) {
    std::map<std::string, std::vector<double>> rates;
    for (int round = 0; round < p.rounds; ++round) {
      rates["pg"].push_back(queue_throughput(p, workers, fresh_pg(p), [&] { analyze_pg(p); }));
      rates["bare"].push_back(bare_throughput(p, workers));
      rates["sqlite"].push_back(queue_throughput(p, workers, fresh_sqlite(p, workers)));
      fmt::print(R"({{"workers": {}, "round": {}, "pg": {:.0f}, "bare": {:.0f}, "sqlite": {:.0f}}})"
                 "\n",
                 workers, round, rates["pg"].back(), rates["bare"].back(), rates["sqlite"].back());
      std::fflush(stdout);
    }
    const double pg = median(rates["pg"]), bare = median(rates["bare"]),
                 sqlite = median(rates["sqlite"]);
    fmt::print(
        R"({{"workers": {}, "runs": {}, "rounds": {}, "median_pg": {:.0f}, "median_bare": {:.0f}, )"
        R"("median_sqlite": {:.0f}, "pg_vs_bare": {:.2f}, "pg_vs_sqlite": {:.2f}}})"
        "\n",
        workers, p.runs, p.rounds, pg, bare, sqlite, pg / bare, pg / sqlite);
  }
}

void latency(const Params& p) {
  std::vector<double> enqueue_ms;
  const std::pair<const char*, std::function<std::vector<double>()>> kinds[] = {
      {"pg", [&] { return queue_latency(p, fresh_pg(p), enqueue_ms); }},
      {"bare", [&] { return bare_latency(p); }}};
  for (const auto& [name, measure] : kinds) {
    std::vector<double> p50, p99;
    for (int round = 0; round < p.rounds; ++round) {
      const auto ms = measure();
      p50.push_back(percentile(ms, 0.50));
      p99.push_back(percentile(ms, 0.99));
      fmt::print(R"({{"latency": "{}", "round": {}, "p50_ms": {:.2f}, "p99_ms": {:.2f}}})", name,
                 round, p50.back(), p99.back());
      if (!enqueue_ms.empty())  // cs351's enqueue is a transaction of several statements
        fmt::print(R"( {{"enqueue_call_p50_ms": {:.2f}, "enqueue_call_p99_ms": {:.2f}}})",
                   percentile(enqueue_ms, 0.50), percentile(enqueue_ms, 0.99));
      enqueue_ms.clear();
      fmt::print("\n");
      std::fflush(stdout);
    }
    fmt::print(R"({{"latency": "{}", "workers": {}, "runs": {}, "median_p50_ms": {:.2f}, )"
               R"("median_p99_ms": {:.2f}}})"
               "\n",
               name, p.latency_workers, p.latency_runs, median(p50), median(p99));
  }
}

}  // namespace

int main(int argc, char** argv) {
  try {
    const Params p = parse(argc, argv);
    fs::create_directories(p.dir);
    if (p.parts.find("throughput") != std::string::npos) throughput(p);
    if (p.parts.find("latency") != std::string::npos) latency(p);
    fs::remove_all(p.dir);
    return 0;
  } catch (const std::exception& e) {
    fmt::print(stderr, "bench_autograde_pg: {}\n", e.what());
    return 1;
  }
}
