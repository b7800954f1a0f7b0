#include <fmt/format.h>
#include <signal.h>

#include <atomic>

#include "cli/autograde_common.h"
#include "cs351/autograde/assignment_config.h"
#include "cs351/autograde/bridge_client.h"
#include "cs351/autograde/bridge_server.h"
#include "cs351/core/duration.h"

namespace cs351::cli {
namespace {

namespace ag = cs351::autograde;

struct SubmitFlags {
  std::string server, metadata = "/autograder/submission_metadata.json",
                      submission = "/autograder/submission",
                      results = "/autograder/results/results.json", deadline = "9m";
};

std::atomic<bool> g_stop_serving{false};
extern "C" void on_serve_signal(int) {
  g_stop_serving = true;
}

void add_serve(CLI::App& grp, Context& ctx) {
  auto* cmd =
      grp.add_subcommand("serve", "Run the HTTP bridge that Gradescope's autograder submits to");
  ctx.creates_store(cmd);  // the bridge host's first command, like a worker's
  auto listen = std::make_shared<std::string>("127.0.0.1:8351");
  cmd->add_option("--listen", *listen, "HOST:PORT to listen on (port 0: any free port)");
  cmd->footer(
      "Example:\n  CS351_AUTOGRADE_TOKEN=... cs351 autograde serve --listen 0.0.0.0:8351\n\n"
      "Needs autograde.token. Put it behind TLS (a reverse proxy) when it faces the internet.");
  ctx.on_run(cmd, [&ctx, listen] {
    ag::ServeOptions opts = ag::serve_options(ctx.config());
    ag::parse_listen(*listen, opts);
    opts.open_store = ctx.store_factory();
    opts.open_queue = ag::queue_opener(ctx.config());
    struct sigaction sa {};
    sa.sa_handler = on_serve_signal;
    sa.sa_flags = SA_RESETHAND;
    sigaction(SIGTERM, &sa, nullptr);
    sigaction(SIGINT, &sa, nullptr);
    ag::serve(ctx.config(), opts, g_stop_serving,
              [&ctx](const std::string& line) { ctx.info(line); });
    ctx.info("bridge stopped");
  });
}

void add_submit(CLI::App& grp, Context& ctx) {
  auto* cmd = grp.add_subcommand("submit",
                                 "Send a Gradescope submission to the bridge and write "
                                 "results.json (what run_autograder calls)");
  auto o = std::make_shared<SubmitFlags>();
  cmd->add_option("--server", o->server, "bridge base URL, e.g. https://grader.example.edu:8351")
      ->required();
  cmd->add_option("--metadata", o->metadata, "submission_metadata.json")->capture_default_str();
  cmd->add_option("--submission", o->submission, "submission directory")->capture_default_str();
  cmd->add_option("--results", o->results, "results.json to write")->capture_default_str();
  cmd->add_option("--deadline", o->deadline, "give up (and write a failure result) after this long")
      ->capture_default_str();
  cmd->footer(
      "Example (Gradescope's run_autograder):\n  cs351 autograde submit --server "
      "https://grader.example.edu:8351\n\n"
      "The token comes from env CS351_AUTOGRADE_TOKEN (or autograde.token). results.json is always "
      "written;\n"
      "exit 0 when it holds the grader's result; 65 the grader's results.json was refused (the "
      "page tells the student it is the grader's fault), or the submission or the server's "
      "answer was unusable; 1 the run failed otherwise (crash, timeout); 69 server unreachable, "
      "75 too slow, 77 token refused.");
  ctx.on_run(cmd, [&ctx, o] {
    ag::SubmitOptions opts{o->server,
                           ctx.config().get_or("autograde.token", ""),
                           o->metadata,
                           o->submission,
                           o->results,
                           parse_duration(o->deadline, "--deadline"),
                           ag::size_setting(ctx.config(), "autograde.max_submission_size")};
    while (!opts.server.empty() && opts.server.back() == '/') opts.server.pop_back();
    auto http = make_curl_client("cs351-autograde-submit");
    const auto report = ag::submit(*http, opts);
    if (report.code != ExitCode::ok)
      throw Error(report.code, report.message + " (a failure results.json was written)");
    ctx.info(report.message + (report.deduplicated ? " (same run as an earlier submission)" : ""));
  });
}

}  // namespace

void register_autograde_bridge(CLI::App& grp, Context& ctx) {
  add_serve(grp, ctx);
  add_submit(grp, ctx);
}

}  // namespace cs351::cli
