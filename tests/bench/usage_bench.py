#!/usr/bin/env python3
"""Agent usage at class scale, side by side with ccusage in the same run.

Generates STUDENTS x ~5 MB of Claude Code transcripts under /tmp (copies of the
real Claude Code 2.1 session in fixtures/usage/claude/spotter with ids made
unique per student and copy, so nothing de-duplicates across them), then per run:
  ccusage claude daily --offline --json over the whole class (the reference),
  cs351 usage import into an empty store, the re-import of the unchanged tree,
  cs351 usage stats --course, cs351 usage students --course.
Prints medians of wall time, CPU (user+sys of the child) and peak RSS.
Usage: usage_bench.py CS351_BIN CCUSAGE_BIN [STUDENTS=200] [RUNS=3]
(the class is generated under $CS351_BENCH_DIR, default /tmp/cs351-usage-bench)"""
import json, os, re, shutil, statistics, subprocess, sys, time

SRC = os.path.join(os.path.dirname(os.path.abspath(__file__)), "../../fixtures/usage/claude/spotter/projects")
ROOT = os.environ.get("CS351_BENCH_DIR", "/tmp/cs351-usage-bench")  # one class at a time per folder
ID = re.compile(rb'"(msg_|req_|toolu_)([A-Za-z0-9]+)"')
SESSION = b"258c7280-ae70-4798-800f-63464d01a85d"


def generate(students):
    class_dir = os.path.join(ROOT, "class")
    marker = os.path.join(ROOT, f"generated-{students}")
    if os.path.exists(marker):
        return class_dir
    shutil.rmtree(ROOT, ignore_errors=True)
    files = []
    for dirpath, _, names in os.walk(SRC):
        for n in names:
            with open(os.path.join(dirpath, n), "rb") as f:
                files.append((os.path.relpath(os.path.join(dirpath, n), SRC), f.read()))
    for s in range(students):
        email = f"student{s:03d}@example.edu"
        for copy in range(2):
            tag = f"s{s}c{copy}".encode()
            session = b"%08d-0000-4000-8000-%012d" % (s, copy)
            for rel, data in files:
                out = ID.sub(lambda m: b'"' + m.group(1) + tag + m.group(2) + b'"', data).replace(SESSION, session)
                path = os.path.join(class_dir, email, "projects", rel.replace(SESSION.decode(), session.decode()))
                os.makedirs(os.path.dirname(path), exist_ok=True)
                with open(path, "wb") as f:
                    f.write(out)
    open(marker, "w").close()
    return class_dir


def measure(cmd, env=None):
    start = time.perf_counter()
    p = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env={**os.environ, **(env or {})})
    _, status, usage = os.wait4(p.pid, 0)
    wall = time.perf_counter() - start
    if os.waitstatus_to_exitcode(status) != 0:
        sys.exit(f"failed: {' '.join(cmd)}: {p.stderr.read().decode()}")
    return wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024


def check_same_totals(cs351, ccusage, class_dir):
    """Both tools must have read the same calls, or the timing compares nothing."""
    dirs = ",".join(os.path.join(class_dir, e) for e in sorted(os.listdir(class_dir)))
    ref = json.loads(subprocess.run([ccusage, "claude", "daily", "--offline", "--json", "-z", "UTC"], env={**os.environ, "CLAUDE_CONFIG_DIR": dirs}, check=True, capture_output=True, text=True).stdout)["totals"]
    ours = json.loads(subprocess.run([cs351, "usage", "daily", "--course", "BENCH", "--utc", "--format", "json"], env={**os.environ, "CS351_DB": os.path.join(ROOT, "bench.db")}, check=True, capture_output=True, text=True).stdout)
    mine = [sum(r[k] for r in ours) for k in ("input_tokens", "output_tokens", "cache_creation_tokens", "cache_read_tokens")]
    theirs = [ref[k] for k in ("inputTokens", "outputTokens", "cacheCreationTokens", "cacheReadTokens")]
    if mine != theirs:
        sys.exit(f"cs351 and ccusage read different totals: {mine} vs {theirs}")
    print(f"same totals in both tools: input, output, cache creation, cache read = {mine}")


def main():
    cs351, ccusage = sys.argv[1], sys.argv[2]
    students = int(sys.argv[3]) if len(sys.argv) > 3 else 200
    runs = int(sys.argv[4]) if len(sys.argv) > 4 else 3
    class_dir = generate(students)
    size = sum(os.path.getsize(os.path.join(d, f)) for d, _, fs in os.walk(class_dir) for f in fs)
    results = {k: [] for k in ("ccusage daily --offline --json", "cs351 usage import (empty store)",
                               "cs351 usage import (unchanged)", "cs351 usage stats --course",
                               "cs351 usage students --course")}
    for _ in range(runs):
        db = os.path.join(ROOT, "bench.db")
        for f in (db, db + "-wal", db + "-shm"):
            if os.path.exists(f):
                os.remove(f)
        env = {"CS351_DB": db}
        subprocess.run([cs351, "course", "add", "BENCH", "--name", "Bench", "--timezone", "UTC"], env={**os.environ, **env}, check=True, capture_output=True)
        roster = os.path.join(ROOT, "roster.csv")
        with open(roster, "w") as f:
            f.write("email,name,role,status\n" + "".join(f"student{s:03d}@example.edu,S{s},student,enrolled\n" for s in range(students)))
        subprocess.run([cs351, "roster", "import", roster, "--course", "BENCH"], env={**os.environ, **env}, check=True, capture_output=True)
        keys = list(results)
        # ccusage takes the students' config folders as one comma-separated list.
        dirs = ",".join(os.path.join(class_dir, e) for e in sorted(os.listdir(class_dir)))
        results[keys[0]].append(measure([ccusage, "claude", "daily", "--offline", "--json", "-z", "UTC"], {"CLAUDE_CONFIG_DIR": dirs}))
        results[keys[1]].append(measure([cs351, "usage", "import", class_dir, "--course", "BENCH"], env))
        results[keys[2]].append(measure([cs351, "usage", "import", class_dir, "--course", "BENCH"], env))
        results[keys[3]].append(measure([cs351, "usage", "stats", "--course", "BENCH", "--format", "json"], env))
        results[keys[4]].append(measure([cs351, "usage", "students", "--course", "BENCH", "--format", "json"], env))
    check_same_totals(cs351, ccusage, class_dir)
    print(f"class: {students} students, {size / 2**20:.0f} MiB of transcripts, {runs} runs")
    print(f"{'median':<34}{'wall (s)':>10}{'CPU (s)':>10}{'peak RSS (MiB)':>16}")
    med = {}
    for k, v in results.items():
        med[k] = [statistics.median(x[i] for x in v) for i in range(3)]
        print(f"{k:<34}{med[k][0]:>10.3f}{med[k][1]:>10.3f}{med[k][2]:>16.1f}")
    first, ref = med["cs351 usage import (empty store)"], med["ccusage daily --offline --json"]
    print(f"{'ratio import / ccusage':<34}{first[0] / ref[0]:>9.2f}x{first[1] / ref[1]:>9.2f}x")
    print(f"{'re-import / import':<34}{100 * med['cs351 usage import (unchanged)'][0] / first[0]:>9.1f}%")


main()
