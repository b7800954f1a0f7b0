#!/usr/bin/env python3
"""The deadline rush: N Gradescope containers submit at once.

Each container is the real zip of `cs351 autograde package`, unpacked into its own
Gradescope-like root (autograder/source, submission, submission_metadata.json,
results/), its run_autograder started under bubblewrap with that root as /autograder
(as test_autograde_gradescope_zip.sh runs it), all N at the same moment, against
`cs351 autograde serve` over HTTPS (a CA made for the run, carried in the zip) and one
`cs351 autograde worker --concurrency S` with the default sandbox. The grader sleeps
T seconds, then writes the score found in the student's score.txt and stamps its start
and end times (epoch seconds) into extra_data.

The "today" configuration runs beside it in every round: N `cs351 autograde submit`
processes (the C++ client) over plain HTTP on loopback, the same grader.

Per round and configuration: wall time from the first client start to the last
results.json written, the physical limit N*T/S and the ratio; every results.json
checked against the score its grader wrote for that student; N distinct runs in the
queue, all succeeded; delivery latency (results.json written - grader end) p50, p99,
max; and where the rest of the wall time went: the start (first client start to
first grader start), when the last submission was enqueued, the gaps between one grader ending and the next starting on the
same slot, and the tail (last grader end to last results.json).

With --client-cpus, the clients run on those CPUs only and the server side (serve, the
worker, its graders) on the others: on Gradescope the containers run on Gradescope's
machines, and this is the nearest one machine comes to that.

Usage: deadline_rush.py BUILD_DIR [--clients 200] [--grader-seconds 0.2] [--slots 2]
                        [--rounds 5] [--only zip|submit] [--no-prepare-ahead]
                        [--client-cpus 1] [--keep DIR]
One JSON line per round and configuration, then the medians.
"""
import argparse
import datetime
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import zipfile

HERE = os.path.dirname(os.path.abspath(__file__))
TLS_SH = os.path.join(HERE, "..", "integration", "autograde", "tls.sh")
TOKEN = "rush-token-0123456789abcdef0123456789abcdef"
COURSE_ID = 4242
TITLE = "Deadline Rush"
GRADER = """start=$(date +%s.%N)
sleep {seconds}
printf '{{"score": %s, "output": "graded", "extra_data": {{"grader_start": %s, "grader_end": %s}}}}\\n' \\
  "$(cat "$CS351_SUBMISSION_DIR/score.txt")" "$start" "$(date +%s.%N)" >"$CS351_RESULTS_PATH"
"""
# What bubblewrap shows each container: this machine's /usr, /etc/ssl and its own /autograder.
CONTAINER = ["bwrap", "--unshare-pid", "--unshare-ipc", "--die-with-parent", "--new-session",
             "--ro-bind", "/usr", "/usr", "--symlink", "usr/bin", "/bin", "--symlink", "usr/lib", "/lib",
             "--symlink", "usr/lib64", "/lib64", "--ro-bind", "/etc/ssl", "/etc/ssl",
             "--proc", "/proc", "--dev", "/dev", "--tmpfs", "/tmp", "--clearenv",
             "--setenv", "PATH", "/usr/local/bin:/usr/bin:/bin", "--setenv", "HOME", "/root"]


def pinned(cpus):
    """A preexec_fn that keeps the child (and all it starts) on `cpus`; None when unset."""
    return (lambda: os.sched_setaffinity(0, cpus)) if cpus else None


def expected_score(i):
    return i % 97 + 1


def metadata(i):
    return {"id": 500000 + i, "created_at": "2026-12-07T04:59:59.000000-05:00",
            "assignment": {"id": 55, "course_id": COURSE_ID, "title": TITLE, "total_points": "100.0"},
            "submission_method": "upload", "users": [{"email": f"student{i}@x.edu", "id": i, "name": f"S {i}"}],
            "previous_submissions": []}


class Stack:
    """A store, serve (HTTPS when `tls` holds cert and key) and one sandboxed worker."""

    def __init__(self, build, tmp, args, tls=None):
        self.cs351 = os.path.join(build, "src", "cs351")
        self.tmp = tmp
        os.makedirs(f"{tmp}/config/cs351")
        os.makedirs(f"{tmp}/grader")  # its own directory: the sandbox shows it, never the store
        with open(f"{tmp}/grader/grade.sh", "w") as f:
            f.write(GRADER.format(seconds=args.grader_seconds))
        with open(f"{tmp}/config/cs351/config.toml", "w") as f:
            # Every Gradescope container has an address of its own; here all share 127.0.0.1.
            f.write(f"[autograde]\nbridge_connections_per_client = {args.clients + 64}\n"
                    f"prepare_ahead = {'true' if args.prepare_ahead else 'false'}\n")
            f.write(f"[autograde.assignments.rush]\ntitle = {json.dumps(TITLE)}\n"
                    f"command = \"sh {tmp}/grader/grade.sh\"\n")
        self.env = dict(os.environ, XDG_DATA_HOME=f"{tmp}/data", XDG_CONFIG_HOME=f"{tmp}/config",
                        CS351_AUTOGRADE_TOKEN=TOKEN)
        self.run("course", "add", "RUSH")
        self.run("course", "link", "RUSH", str(COURSE_ID))
        listen = ["--listen", "127.0.0.1:0"]
        if tls:
            listen += ["--tls-cert", tls[0], "--tls-key", tls[1]]
        self.serve_log = open(f"{tmp}/serve.err", "w+")
        self.worker_log = open(f"{tmp}/worker.err", "w")
        self.procs = [subprocess.Popen([self.cs351, "autograde", "serve", *listen], env=self.env,
                                       stderr=self.serve_log, preexec_fn=pinned(args.server_cpus)),
                      subprocess.Popen([self.cs351, "autograde", "worker", "--concurrency", str(args.slots)],
                                       env=self.env, stderr=self.worker_log,
                                       preexec_fn=pinned(args.server_cpus))]
        self.url = self.listening_url()

    def run(self, *argv):
        return subprocess.run([self.cs351, *argv], env=self.env, check=True, capture_output=True,
                              text=True).stdout

    def listening_url(self):
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            self.serve_log.seek(0)
            for line in self.serve_log.read().splitlines():
                if "listening on " in line:
                    return line.split("listening on ")[1].split()[0]
            if self.procs[0].poll() is not None:
                break
            time.sleep(0.02)
        self.serve_log.seek(0)
        sys.exit(f"serve did not start: {self.serve_log.read()}")

    def stop(self):
        for p in self.procs:
            p.terminate()
        for p in self.procs:
            p.wait(timeout=60)

    def runs(self, n):
        return json.loads(self.run("autograde", "list", "--format", "json", "--limit", str(n + 10)))


def make_tls(tmp):
    """A CA of our own and a certificate for 127.0.0.1 it signs (the integration tests' tls.sh)."""
    subprocess.run(["bash", "-c", 'source "$1" && make_ca "$2" && make_cert "$2" server',
                    "tls", TLS_SH, f"{tmp}/tls"], check=True)
    return f"{tmp}/tls/ca.pem", (f"{tmp}/tls/server.pem", f"{tmp}/tls/server.key")


def gradescope_root(root, i, zip_path=None):
    """One container's /autograder: submission (score.txt), metadata, results/, the zip unpacked."""
    os.makedirs(f"{root}/autograder/submission")
    os.makedirs(f"{root}/autograder/results")
    with open(f"{root}/autograder/submission/score.txt", "w") as f:
        f.write(f"{expected_score(i)}\n")
    with open(f"{root}/autograder/submission/main.py", "w") as f:
        f.write(f"print({i})\n")
    with open(f"{root}/autograder/submission_metadata.json", "w") as f:
        json.dump(metadata(i), f)
    if zip_path:
        with zipfile.ZipFile(zip_path) as z:
            z.extractall(f"{root}/autograder/source")
        # setup.sh's work (done once per image on Gradescope): make the scripts executable.
        for name in ("run_autograder", "cs351_client.py"):
            os.chmod(f"{root}/autograder/source/{name}", 0o755)
        shutil.copy(f"{root}/autograder/source/run_autograder", f"{root}/autograder/run_autograder")


def zip_command(root, stack):
    return CONTAINER + ["--bind", f"{root}/autograder", "/autograder", "--chdir", "/autograder",
                        "/autograder/run_autograder"]


def submit_command(root, stack):
    a = f"{root}/autograder"
    return [stack.cs351, "autograde", "submit", "--server", stack.url, "--metadata",
            f"{a}/submission_metadata.json", "--submission", f"{a}/submission",
            "--results", f"{a}/results/results.json"]


def burst(roots, command, stack, cpus):
    """Starts every client at once; returns the first start (epoch s) and the exit codes."""
    logs = [open(f"{root}/client.log", "w") for root in roots]
    first = time.time()
    procs = [subprocess.Popen(command(root, stack), stdout=log, stderr=log, env=stack.env,
                              preexec_fn=pinned(cpus))
             for root, log in zip(roots, logs)]
    codes = [p.wait() for p in procs]
    for log in logs:
        log.close()
    return first, codes


def percentile(values, q):
    values = sorted(values)
    return values[min(len(values) - 1, int(q * len(values)))]


def slot_gaps(graders, slots):
    """Idle time between one grader's end and the next start, with `slots` graders at once:
    the k-th start after the first `slots` waited for the k-th end."""
    starts = sorted(g[0] for g in graders)[slots:]
    ends = sorted(g[1] for g in graders)[:len(starts)]
    return [s - e for s, e in zip(starts, ends)]


def check(roots, codes, stack, args):
    """Every results.json holds its student's score; N distinct runs, all succeeded."""
    problems, graders, written = [], [], []
    for i, (root, code) in enumerate(zip(roots, codes)):
        path = f"{root}/autograder/results/results.json"
        try:
            results = json.load(open(path))
            extra = results["extra_data"]
            graders.append((float(extra["grader_start"]), float(extra["grader_end"])))
            written.append(os.stat(path).st_mtime)
            if results["score"] != expected_score(i) or code != 0:
                problems.append(f"client {i}: exit {code}, score {results['score']} "
                                f"(expected {expected_score(i)})")
        except (OSError, ValueError, KeyError, TypeError) as e:
            problems.append(f"client {i}: exit {code}, unusable results.json: {e!r}: "
                            f"{open(f'{root}/client.log').read()[-300:]}")
    runs = stack.runs(args.clients)
    succeeded = sum(r["status"] == "succeeded" for r in runs)
    distinct = len({r["run_id"] for r in runs})
    if distinct != args.clients or succeeded != args.clients:
        problems.append(f"{distinct} runs, {succeeded} succeeded, expected {args.clients}")
    enqueued = [datetime.datetime.fromisoformat(r["enqueued_at"].replace("Z", "+00:00")).timestamp()
                for r in runs]
    return problems, graders, written, enqueued


def one_round(build, args, mode):
    tmp = tempfile.mkdtemp(prefix=f"cs351-rush-{mode}-", dir=args.keep)
    try:
        tls = None
        if mode == "zip":
            ca, tls = make_tls(tmp)
        stack = Stack(build, tmp, args, tls)
        try:
            roots = [f"{tmp}/c/{i}" for i in range(args.clients)]
            if mode == "zip":
                stack.run("autograde", "package", "--server", stack.url, "--assignment", "rush",
                          "--out", f"{tmp}/rush.zip", "--ca-file", ca, "--deadline", "9m")
            for i, root in enumerate(roots):
                gradescope_root(root, i, f"{tmp}/rush.zip" if mode == "zip" else None)
            load = os.getloadavg()[0]
            first, codes = burst(roots, zip_command if mode == "zip" else submit_command, stack,
                                 args.client_cpus)
            problems, graders, written, enqueued = check(roots, codes, stack, args)
        finally:
            stack.stop()
    finally:
        if not args.keep:
            shutil.rmtree(tmp, ignore_errors=True)
    return summary(mode, args, first, graders, written, enqueued, problems, load)


def summary(mode, args, first, graders, written, enqueued, problems, load):
    limit = args.clients * args.grader_seconds / args.slots
    wall = max(written) - first if written else float("nan")
    delivery = [w - g[1] for w, g in zip(written, graders)]
    gaps = slot_gaps(graders, args.slots)
    ms = lambda s: round(s * 1000, 1)
    return {"mode": mode, "clients": args.clients,
            "client_cpus": sorted(args.client_cpus) if args.client_cpus else "shared", "wall_s": round(wall, 3), "limit_s": round(limit, 3),
            "ratio": round(wall / limit, 3), "correct": len(written) - len(problems),
            "problems": problems[:5], "delivery_p50_ms": ms(percentile(delivery, 0.5)),
            "delivery_p99_ms": ms(percentile(delivery, 0.99)), "delivery_max_ms": ms(max(delivery)),
            "start_ms": ms(min(g[0] for g in graders) - first),
            "last_enqueue_ms": ms(max(enqueued) - first),
            "gap_mean_ms": ms(statistics.mean(gaps)), "gap_p99_ms": ms(percentile(gaps, 0.99)),
            "tail_ms": ms(max(written) - max(g[1] for g in graders)),
            "grader_mean_ms": ms(statistics.mean(g[1] - g[0] for g in graders)),
            "load_before": round(load, 2), "load_after": round(os.getloadavg()[0], 2)}


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("build")
    ap.add_argument("--clients", type=int, default=200)
    ap.add_argument("--grader-seconds", type=float, default=0.2)
    ap.add_argument("--slots", type=int, default=2)
    ap.add_argument("--rounds", type=int, default=5)
    ap.add_argument("--only", choices=["zip", "submit"])
    ap.add_argument("--no-prepare-ahead", dest="prepare_ahead", action="store_false",
                    help="autograde.prepare_ahead = false: the worker claims only what it grades")
    ap.add_argument("--client-cpus", type=lambda v: {int(c) for c in v.split(",")},
                    help="CPUs for the clients (e.g. 1); the server side gets the others")
    ap.add_argument("--keep", help="make the rounds' directories here and keep them")
    args = ap.parse_args()
    args.server_cpus = None
    if args.client_cpus:
        args.server_cpus = os.sched_getaffinity(0) - args.client_cpus
        if not args.server_cpus:
            ap.error("--client-cpus leaves no CPU for the server side")
    build = os.path.abspath(args.build)
    modes = [args.only] if args.only else ["zip", "submit"]
    rounds = {mode: [] for mode in modes}
    for r in range(args.rounds):
        for mode in modes:
            res = one_round(build, args, mode)
            rounds[mode].append(res)
            print(json.dumps(dict(round=r, **res)), flush=True)
    for mode, rs in rounds.items():
        numeric = [k for k, v in rs[0].items() if isinstance(v, (int, float)) and k != "clients"]
        print(json.dumps({"median": mode, **{k: round(statistics.median(x[k] for x in rs), 3) for k in numeric}}))


if __name__ == "__main__":
    main()
