#!/usr/bin/env python3
"""End-to-end autograde benchmarks (the queue alone is bench_autograde_queue).

  e2e:    N runs of a no-op grader (`true` plus writing results.json) through
          `cs351 autograde worker --once --concurrency 4`, beside the same N
          commands run bare (`sh -c` with 4 at a time): runs/s and per-run overhead.
  bridge: C concurrent submit-style clients against `cs351 autograde serve` with
          a worker: p50/p99 of enqueue (POST) latency and of result delivery
          after the grader ended (the client polls like `submit`: 250 ms, x1.5, max 5 s).

Usage: autograde_bench.py BUILD_DIR [--rounds 5] [--runs 2000] [--clients 50] [--isolation auto]
Prints one JSON object per round and the medians.
"""
import argparse
import concurrent.futures
import io
import json
import os
import socket
import statistics
import subprocess
import tarfile
import tempfile
import time
import urllib.request

GRADER = 'true && echo "{\\"score\\": 1}" > "$CS351_RESULTS_PATH"'
TIMED_GRADER = ("import json, os, time\n"
                "json.dump({'score': 1, 'extra_data': {'end': time.time()}}, open(os.environ['CS351_RESULTS_PATH'], 'w'))\n")
TOKEN = "bench-token-0123456789abcdef0123456789abcdef"


def setup(tmp, isolation):
    os.makedirs(f"{tmp}/config/cs351")
    os.makedirs(f"{tmp}/sub")
    open(f"{tmp}/sub/main.py", "w").write("print(1)\n")
    os.makedirs(f"{tmp}/grader")  # its own directory: the sandbox shows it, never the store beside it
    open(f"{tmp}/grader/timed.py", "w").write(TIMED_GRADER)
    with open(f"{tmp}/config/cs351/config.toml", "w") as f:
        f.write(f'[autograde]\npoll_interval = "20ms"\nisolation = "{isolation}"\n')
        f.write(f"[autograde.assignments.noop]\ncommand = {json.dumps(GRADER)}\ndedupe_window = \"0s\"\n")
        f.write(f"[autograde.assignments.timed]\ntitle = \"Timed\"\ncommand = \"python3 {tmp}/grader/timed.py\"\n")
    env = dict(os.environ, XDG_DATA_HOME=f"{tmp}/data", XDG_CONFIG_HOME=f"{tmp}/config",
               CS351_AUTOGRADE_TOKEN=TOKEN)
    return env


def e2e(build, args):
    with tempfile.TemporaryDirectory() as tmp:
        env = setup(tmp, args.isolation)
        store = f"{tmp}/data/cs351/cs351.db"
        subprocess.run([f"{build}/tests/bench/bench_autograde_queue", "--prefill", store, "--runs", str(args.runs),
                        "--submission", f"{tmp}/sub"], check=True, env=env)
        start = time.monotonic()
        subprocess.run([f"{build}/src/cs351", "autograde", "worker", "--once", "--concurrency", "4", "-q"],
                       check=True, env=env)
        ours = time.monotonic() - start
        out = subprocess.run([f"{build}/src/cs351", "autograde", "status"], env=env, check=True,
                             capture_output=True, text=True).stdout
        assert json.loads(out)["succeeded"] == args.runs, out
        # Reference: the same grader command, 4 at a time, no queue, no isolation.
        os.makedirs(f"{tmp}/bare", exist_ok=True)
        start = time.monotonic()
        pending = []
        for i in range(args.runs):
            renv = dict(os.environ, CS351_RESULTS_PATH=f"{tmp}/bare/r{i % 8}.json")
            pending.append(subprocess.Popen(["/bin/sh", "-c", GRADER], env=renv))
            if len(pending) == 4:
                pending.pop(0).wait()
        for p in pending:
            p.wait()
        bare = time.monotonic() - start
    return {"runs": args.runs, "worker_runs_per_s": round(args.runs / ours, 1),
            "bare_runs_per_s": round(args.runs / bare, 1),
            "overhead_ms_per_run": round((ours - bare) / args.runs * 4 * 1000, 2)}


def free_port():
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    return port


def upload(i):
    meta = {"id": 100000 + i, "assignment": {"id": 1, "course_id": 4242, "title": "Timed"},
            "users": [{"email": f"client{i}@x.edu"}]}
    buf = io.BytesIO()
    with tarfile.open(fileobj=buf, mode="w", format=tarfile.USTAR_FORMAT) as tar:
        for name, data in (("submission_metadata.json", json.dumps(meta).encode()), ("submission/main.py", b"1\n")):
            info = tarfile.TarInfo(name)
            info.size = len(data)
            tar.addfile(info, io.BytesIO(data))
    return buf.getvalue()


def client(url, i):
    headers = {"Authorization": f"Bearer {TOKEN}"}
    body = upload(i)
    t0 = time.time()
    req = urllib.request.Request(f"{url}/v1/runs", data=body, headers=dict(headers, **{"Content-Type": "application/x-tar"}))
    created = json.load(urllib.request.urlopen(req))
    enqueue = time.time() - t0
    pause = 0.25
    while True:
        resp = urllib.request.urlopen(urllib.request.Request(url + created["results_url"], headers=headers))
        if resp.status == 200:
            results = json.load(resp)
            return enqueue, time.time() - results["extra_data"]["end"]
        time.sleep(pause)
        pause = min(pause * 1.5, 5.0)


def bridge(build, args):
    with tempfile.TemporaryDirectory() as tmp:
        env = setup(tmp, args.isolation)
        cs = f"{build}/src/cs351"
        subprocess.run([cs, "course", "add", "BENCH", "-q"], check=True, env=env)
        subprocess.run([cs, "course", "link", "BENCH", "4242", "-q"], check=True, env=env)
        port = free_port()
        server = subprocess.Popen([cs, "autograde", "serve", "--listen", f"127.0.0.1:{port}", "-q"], env=env)
        worker = subprocess.Popen([cs, "autograde", "worker", "--concurrency", "4", "-q"], env=env)
        try:
            url = f"http://127.0.0.1:{port}"
            deadline = time.time() + 10
            while True:
                try:
                    socket.create_connection(("127.0.0.1", port), 0.2).close()
                    break
                except OSError:
                    if time.time() > deadline:
                        raise
                    time.sleep(0.02)
            with concurrent.futures.ThreadPoolExecutor(args.clients) as pool:
                results = list(pool.map(lambda i: client(url, i), range(args.clients)))
        finally:
            server.terminate()
            worker.terminate()
            server.wait()
            worker.wait()
    enq = sorted(r[0] * 1000 for r in results)
    dlv = sorted(r[1] * 1000 for r in results)
    pct = lambda v, q: v[min(len(v) - 1, int(q * len(v)))]
    return {"clients": args.clients, "enqueue_p50_ms": round(pct(enq, 0.5), 1), "enqueue_p99_ms": round(pct(enq, 0.99), 1),
            "delivery_p50_ms": round(pct(dlv, 0.5), 1), "delivery_p99_ms": round(pct(dlv, 0.99), 1)}


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("build")
    ap.add_argument("--rounds", type=int, default=5)
    ap.add_argument("--runs", type=int, default=2000)
    ap.add_argument("--clients", type=int, default=50)
    ap.add_argument("--isolation", default="auto")
    ap.add_argument("--only", choices=["e2e", "bridge"])
    args = ap.parse_args()
    rounds = {"e2e": [], "bridge": []}
    for r in range(args.rounds):
        for name, fn in (("e2e", e2e), ("bridge", bridge)):
            if args.only in (None, name):
                res = fn(os.path.abspath(args.build), args)
                rounds[name].append(res)
                print(json.dumps({"round": r, name: res}), flush=True)
    for name, rs in rounds.items():
        if rs:
            print(json.dumps({"median_" + name: {k: statistics.median(x[k] for x in rs) for k in rs[0]}}))


if __name__ == "__main__":
    main()
