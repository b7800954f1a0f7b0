#!/usr/bin/env python3
"""Mail sending benchmark (docs/benchmarks.md, "Mail sending").

Starts the aws-ses-v2-local emulator on a free loopback port, then, 5 times each,
sends 1,000 SendEmail calls with no rate limit through
  - bench_mail_send (cs351's SES client: SigV4 + libcurl, one connection),
  - boto3 sesv2 (the reference), one after another,
  - the whole `cs351 magic-link send --course` (1,000 students: outbox, token,
    template, SES, audit rows),
and prints medians of messages/s and peak RSS. Then paces bench_mail_send at
max_send_rate=50 for 500 messages and reports the achieved rate and the busiest
one-second window.

Usage: tests/bench/mail_send.py BUILD_DIR [--runs 5] [--count 1000]
"""
import argparse
import bisect
import json
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request

EMULATOR = os.environ.get("CS351_SES_EMULATOR", "/opt/cs351-test-tools/node_modules/.bin/aws-ses-v2-local")
HERE = os.path.dirname(os.path.abspath(__file__))
# Debian's interpreter, so the reference is Debian's python3-boto3 whatever `python3` is here.
REFERENCE_PYTHON = os.environ.get("CS351_BENCH_PYTHON", "/usr/bin/python3")


def run_measured(cmd, env=None):
    """Runs cmd; returns (stdout, seconds, peak RSS in KiB, CPU seconds) of that process.

    The peak comes from GNU time: a child forked from this (large) Python process
    would report Python's high-water mark as its own."""
    with tempfile.NamedTemporaryFile(mode="r") as rss:
        start = time.monotonic()
        proc = subprocess.run(["/usr/bin/time", "-o", rss.name, "-f", "%M %U %S"] + cmd, capture_output=True,
                              env=env)
        seconds = time.monotonic() - start
        if proc.returncode != 0:
            sys.exit(f"{cmd[0]} failed: {proc.stderr.decode()}")
        peak, user, system = rss.read().split()[-3:]
        return proc.stdout.decode(), seconds, int(peak), float(user) + float(system)


def start_emulator(workdir):
    log = open(os.path.join(workdir, "emulator.log"), "w")
    proc = subprocess.Popen([EMULATOR, "--host", "127.0.0.1", "--port", "0"], stdout=log, stderr=log)
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        m = re.search(r"server running at http://[^:]+:(\d+)", open(log.name).read())
        if m:
            return proc, f"http://127.0.0.1:{m.group(1)}"
        time.sleep(0.05)
    proc.kill()
    sys.exit("emulator did not start")


def clear(url):
    urllib.request.urlopen(urllib.request.Request(url + "/clear-store", method="POST")).read()


def stored(url):
    return len(json.load(urllib.request.urlopen(url + "/store"))["emails"])


def cli_env(workdir, url):
    env = dict(os.environ, CS351_DB=os.path.join(workdir, "cs351.db"), CS351_SES_ENDPOINT=url,
               CS351_SES_FROM="staff@cs351.test", CS351_MAGIC_LINK_BASE_URL="https://cs351.test/login?token=",
               CS351_SES_MAX_SEND_RATE="0", CS351_MAGIC_LINK_MIN_INTERVAL="0s",
               AWS_ACCESS_KEY_ID="AKIDBENCH", AWS_SECRET_ACCESS_KEY="bench-secret",
               XDG_CONFIG_HOME=workdir, USER=os.environ.get("USER", "bench"))
    return env


def prepare_course(cli, env, count):
    subprocess.run([cli, "course", "add", "BENCH"], env=env, check=True, capture_output=True)
    roster = "email,name\n" + "".join(f"student{i}@example.edu,Student {i}\n" for i in range(count))
    subprocess.run([cli, "roster", "import", "-", "--course", "BENCH"], input=roster.encode(), env=env,
                   check=True, capture_output=True)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("build_dir")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--count", type=int, default=1000)
    args = parser.parse_args()
    bench = os.path.join(args.build_dir, "tests/bench/bench_mail_send")
    cli = os.path.join(args.build_dir, "src/cs351")
    workdir = tempfile.mkdtemp(prefix="cs351-bench-mail.")
    emulator, url = start_emulator(workdir)
    try:
        env = cli_env(workdir, url)
        prepare_course(cli, env, args.count)
        contenders = {
            "cs351 SES client": lambda: run_measured([bench, "--endpoint", url, "--count", str(args.count)]),
            "boto3 sesv2": lambda: run_measured([REFERENCE_PYTHON, os.path.join(HERE, "mail_send_boto3.py"), url,
                                                 str(args.count)]),
            "cs351 magic-link send": lambda: run_measured([cli, "magic-link", "send", "--course", "BENCH", "--yes",
                                                           "-q", "--format", "csv"], env),
        }
        for warm in contenders.values():  # the emulator's JIT warms up; not measured
            warm()
            clear(url)
        results = {name: [] for name in contenders}
        for _ in range(args.runs):
            for name, go in contenders.items():
                _, seconds, rss, cpu = go()
                if stored(url) != args.count:
                    sys.exit(f"{name}: the emulator holds {stored(url)} messages, expected {args.count}")
                clear(url)
                results[name].append((args.count / seconds, rss, cpu))
        print(f"{args.count} messages to aws-ses-v2-local on loopback, no rate limit; median of {args.runs} runs")
        print(f"{'sender':24} {'msgs/s':>8} {'peak RSS':>10} {'CPU/msg':>9}   runs (msgs/s)")
        medians = {}
        for name, runs in results.items():
            rate = statistics.median(r[0] for r in runs)
            rss = statistics.median(r[1] for r in runs)
            cpu_ms = statistics.median(r[2] for r in runs) * 1000 / args.count
            medians[name] = rate
            print(f"{name:24} {rate:8.0f} {rss / 1024:6.1f} MiB {cpu_ms:6.2f} ms   "
                  f"{', '.join(f'{r[0]:.0f}' for r in runs)}")
        print(f"ratio cs351 SES client / boto3: {medians['cs351 SES client'] / medians['boto3 sesv2']:.2f}x")
        print(f"ratio cs351 magic-link send / boto3: {medians['cs351 magic-link send'] / medians['boto3 sesv2']:.2f}x")

        stamps = os.path.join(workdir, "paced.txt")
        run_measured([bench, "--endpoint", url, "--count", "500", "--rate", "50", "--timestamps", stamps])
        t = [float(x) for x in open(stamps)]
        achieved = (len(t) - 1) / (t[-1] - t[0])
        busiest = max(bisect.bisect_left(t, x + 1.0) - i for i, x in enumerate(t))
        print(f"paced at max_send_rate=50, 500 messages: achieved {achieved:.2f}/s "
              f"({(achieved / 50 - 1) * 100:+.2f}%), busiest 1-second window {busiest} messages")
    finally:
        emulator.kill()
        emulator.wait()


if __name__ == "__main__":
    main()
