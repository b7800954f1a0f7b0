#include <fmt/format.h>
#include <signal.h>

#include <atomic>

#include "cli/commands.h"
#include "cs351/autograde/assignment_config.h"
#include "cs351/autograde/bridge_client.h"
#include "cs351/autograde/bridge_server.h"
#include "cs351/autograde/package.h"
#include "cs351/autograde/settings.h"
#include "cs351/core/duration.h"
#include "cs351/core/text.h"

namespace cs351::cli {
namespace {

namespace ag = cs351::autograde;

struct SubmitFlags {
  std::string server, metadata = "/autograder/submission_metadata.json",
                      submission = "/autograder/submission",
                      results = "/autograder/results/results.json", deadline = "9m";
};

struct PackageFlags {
  std::string server, assignment, out, ca_file, deadline = "9m";
};

std::atomic<bool> g_stop_serving{false};
std::atomic<bool> g_reload_tls{false};
extern "C" void on_serve_signal(int) {
  g_stop_serving = true;
}
extern "C" void on_serve_hangup(int) {
  g_reload_tls = true;
}

struct ServeFlags {
  std::string listen = "127.0.0.1:8351", tls_cert, tls_key;
  bool insecure_http = false;
};

// Refuses what the bridge would refuse, in the words of serve's flags, and warns about
// plain HTTP off loopback before anything listens.
void check_transport(const Context& ctx, const ag::ServeOptions& opts) {
  switch (ag::transport_of(opts)) {
    case ag::Transport::half_tls:
      throw config_error(
          "give both --tls-cert and --tls-key (autograde.tls_cert, autograde.tls_key)");
    case ag::Transport::plain_refused:
      throw config_error(fmt::format(
          "refusing plain HTTP on {}: the bearer token and every student's code would cross the "
          "network unencrypted. Give --tls-cert FILE --tls-key FILE, or listen on 127.0.0.1 "
          "behind a TLS reverse proxy, or pass --insecure-http if the network is encrypted "
          "otherwise",
          opts.host));
    case ag::Transport::plain_allowed:
      ctx.info(
          fmt::format("warning: plain HTTP on {} (--insecure-http): anyone on the path can "
                      "read the token and submit as any student",
                      opts.host));
      return;
    case ag::Transport::tls:
    case ag::Transport::plain_loopback:
      return;
  }
}

void add_serve(CLI::App& grp, Context& ctx) {
  auto* cmd =
      grp.add_subcommand("serve", "Run the HTTP bridge that Gradescope's autograder submits to");
  ctx.creates_store(cmd);  // the bridge host's first command, like a worker's
  auto o = std::make_shared<ServeFlags>();
  cmd->add_option("--listen", o->listen, "HOST:PORT to listen on (port 0: any free port)")
      ->capture_default_str();
  cmd->add_option("--tls-cert", o->tls_cert,
                  "serve HTTPS with this PEM certificate chain (autograde.tls_cert); re-read on "
                  "SIGHUP");
  cmd->add_option("--tls-key", o->tls_key, "the certificate's PEM private key (autograde.tls_key)");
  cmd->add_flag("--insecure-http", o->insecure_http,
                "allow plain HTTP on a non-loopback address: the token and students' code "
                "travel unencrypted");
  cmd->footer(
      "Examples:\n"
      "  cs351 autograde serve --listen 0.0.0.0:8351 --tls-cert "
      "/etc/letsencrypt/live/grader.example.edu/fullchain.pem \\\n"
      "      --tls-key /etc/letsencrypt/live/grader.example.edu/privkey.pem\n"
      "  cs351 autograde serve --listen 127.0.0.1:8351      (behind a TLS reverse proxy such as "
      "Caddy)\n\n"
      "Needs autograde.token (32+ characters; `cs351 init` writes one). Plain HTTP only on "
      "loopback\n"
      "unless --insecure-http. kill -HUP re-reads the certificate (no restart after a renewal).\n"
      "Refused submissions are logged one per line and listed by `cs351 autograde status`.");
  ctx.on_run(cmd, [&ctx, o] {
    ag::ServeOptions opts = ag::serve_options(ctx.config());
    ag::parse_listen(o->listen, opts);
    if (!o->tls_cert.empty()) opts.tls.cert = o->tls_cert;
    if (!o->tls_key.empty()) opts.tls.key = o->tls_key;
    opts.insecure_http = o->insecure_http;
    check_transport(ctx, opts);
    opts.open_store = ctx.store_factory();
    opts.open_queue = ag::queue_opener(ctx.config());
    struct sigaction sa {};
    sa.sa_handler = on_serve_signal;
    sa.sa_flags = SA_RESETHAND;
    sigaction(SIGTERM, &sa, nullptr);
    sigaction(SIGINT, &sa, nullptr);
    struct sigaction hup {};
    hup.sa_handler = on_serve_hangup;
    sigaction(SIGHUP, &hup, nullptr);
    ag::serve(ctx.config(), opts, {g_stop_serving, g_reload_tls},
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
      "75 too slow, 77 token refused, 78 no token, a plain http:// server that is not "
      "loopback, or a refusal the course staff must fix (the page says so).");
  ctx.on_run(cmd, [&ctx, o] {
    ag::SubmitOptions opts{o->server,
                           ctx.config().get(ag::keys::token).value_or(""),
                           o->metadata,
                           o->submission,
                           o->results,
                           parse_duration(o->deadline, "--deadline"),
                           ctx.config().value(ag::keys::max_submission_size)};
    while (!opts.server.empty() && opts.server.back() == '/') opts.server.pop_back();
    auto http = make_curl_client("cs351-autograde-submit");
    const auto report = ag::submit(*http, opts);
    if (report.code != ExitCode::ok)
      throw Error(report.code, report.message + " (a failure results.json was written)");
    ctx.info(report.message + (report.deduplicated ? " (same run as an earlier submission)" : ""));
  });
}

void add_package(CLI::App& grp, Context& ctx) {
  auto* cmd = grp.add_subcommand(
      "package", "Write the autograder zip to upload to Gradescope (needs only python3 there)");
  auto o = std::make_shared<PackageFlags>();
  cmd->add_option("--server", o->server, "bridge base URL the container reaches, https://...")
      ->required();
  cmd->add_option("--assignment", o->assignment, "configured assignment NAME the zip is for")
      ->required();
  cmd->add_option("--out", o->out, "zip file to write (mode 0600: it holds the token)")->required();
  cmd->add_option("--ca-file", o->ca_file,
                  "PEM CA certificate the client trusts besides the system store");
  cmd->add_option("--deadline", o->deadline,
                  "the client gives up (and writes a failure result) after this long")
      ->capture_default_str();
  cmd->footer(
      "Example:\n  cs351 autograde package --server https://grader.example.edu --assignment hw1 "
      "--out hw1-autograder.zip\n\n"
      "The zip holds setup.sh, run_autograder, cs351_client.py and cs351_connection.json (URL, "
      "autograde.token, CA). Upload it as the assignment's autograder; any base image works.\n"
      "Set --deadline below the assignment's Gradescope timeout.");
  ctx.on_run(cmd, [&ctx, o] {
    ag::require_assignment(ctx.config(), o->assignment);
    ag::PackageOptions opts{o->server, ctx.config().get(ag::keys::token).value_or(""),
                            o->assignment, o->ca_file.empty() ? "" : read_input(o->ca_file),
                            parse_duration(o->deadline, "--deadline")};
    while (!opts.server.empty() && opts.server.back() == '/') opts.server.pop_back();
    const auto size = ag::write_package(opts, o->out);
    ctx.info(fmt::format("wrote {} ({} bytes) for assignment {} at {}", o->out, size, o->assignment,
                         opts.server));
  });
}

}  // namespace

void add_autograde_bridge_verbs(CLI::App& grp, Context& ctx) {
  add_serve(grp, ctx);
  add_submit(grp, ctx);
  add_package(grp, ctx);
}

}  // namespace cs351::cli
