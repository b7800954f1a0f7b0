#!/usr/bin/env python3
"""Per-run cost of the sandbox: N no-op runs (`true`, then writing results.json)
through `cs351 autograde worker --once` (one thread) with isolation `sandbox`
(bubblewrap, the run's tmpfs, cgroup and seccomp filter, the student runner's
socket) and with `process-group`, alternating the two modes round by round.
Prints one JSON line per round and the median per-run difference.

Usage: sandbox_overhead.py BUILD_DIR [--runs 100] [--rounds 3]
"""
import argparse
import json
import os
import statistics
import subprocess
import tempfile
import time

GRADER = 'true && echo "{\\"score\\": 1}" > "$CS351_RESULTS_PATH"'


def one_pass(cs351, isolation, runs):
    """Seconds per run of `runs` no-op runs, measured around `worker --once`."""
    with tempfile.TemporaryDirectory() as tmp:
        env = dict(os.environ, XDG_CONFIG_HOME=f"{tmp}/config", XDG_DATA_HOME=f"{tmp}/data",
                   CS351_AUTOGRADE_ISOLATION=isolation)
        os.makedirs(f"{tmp}/config/cs351")
        os.makedirs(f"{tmp}/sub")
        open(f"{tmp}/sub/main.py", "w").write("print(1)\n")
        with open(f"{tmp}/config/cs351/config.toml", "w") as f:
            f.write(f'[autograde.assignments.noop]\ncommand = \'{GRADER}\'\n')
        run = lambda *a: subprocess.run([cs351, *a], env=env, check=True, capture_output=True)
        run("course", "add", "BENCH")
        for i in range(runs):
            run("autograde", "enqueue", "--course", "BENCH", "--assignment", "noop",
                "--student", f"s{i}@x.edu", "--submission", f"{tmp}/sub")
        start = time.monotonic()
        run("autograde", "worker", "--once")
        elapsed = time.monotonic() - start
        listed = json.loads(run("autograde", "list", "--format", "json", "--limit", str(runs)).stdout)
        assert sum(r["status"] == "succeeded" for r in listed) == runs, "not every run succeeded"
        return elapsed / runs


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("build")
    ap.add_argument("--runs", type=int, default=100)
    ap.add_argument("--rounds", type=int, default=3)
    args = ap.parse_args()
    cs351 = os.path.join(args.build, "src", "cs351")
    diffs = []
    for round_ in range(args.rounds):
        plain = one_pass(cs351, "process-group", args.runs)
        boxed = one_pass(cs351, "sandbox", args.runs)
        diffs.append((boxed - plain) * 1000)
        print(json.dumps({"round": round_, "process_group_ms": round(plain * 1000, 1),
                          "sandbox_ms": round(boxed * 1000, 1), "overhead_ms": round(diffs[-1], 1)}),
              flush=True)
    print(json.dumps({"median_overhead_ms": round(statistics.median(diffs), 1)}))


if __name__ == "__main__":
    main()
