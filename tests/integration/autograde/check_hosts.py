"""Checks host_grader.sh's log of the multi-host test against the queue's runs:
every run's grader started once (nothing replayed), every succeeded run's grader
ended, and no two runs of one student were graded at once, except a lost run's
orphaned grader (its host cut off) beside runs that started only after the queue
declared it lost. Usage: check_hosts.py LOG RUNS_JSON (`autograde list --format json`,
with the lost runs' finished_at)."""
import collections
import datetime
import json
import sys

starts, ends, students, hosts = {}, {}, {}, {}
for line in open(sys.argv[1]):
    kind, run, emails, host, ns = line.split()
    table = starts if kind == "start" else ends
    if run in table:
        sys.exit(f"run {run} {kind}ed twice (replayed?)")
    table[run] = int(ns) / 1e9
    students[run], hosts[run] = emails.split(","), host

runs = {str(r["run_id"]): r for r in json.load(open(sys.argv[2]))}
lost_at = {}
for run_id, r in runs.items():
    if r["status"] == "succeeded" and run_id not in ends:
        sys.exit(f"run {run_id} succeeded but its grader never ended")
    if r["status"] == "failed":
        if r["error"] != "worker lost":
            sys.exit(f"run {run_id} failed: {r['error']}")
        lost_at[run_id] = datetime.datetime.fromisoformat(
            r["finished_at"].replace("Z", "+00:00")).timestamp()
if set(starts) - set(runs):
    sys.exit(f"graders ran for unknown runs {sorted(set(starts) - set(runs))}")

by_student = collections.defaultdict(list)
for run in starts:
    for s in students[run]:
        by_student[s].append((starts[run], ends.get(run, float("inf")), run))
for s, spans in by_student.items():
    spans.sort()
    for i, (a0, a1, ra) in enumerate(spans):
        for b0, b1, rb in spans[i + 1:]:
            if b0 >= a1:
                continue
            if ra in lost_at and b0 >= lost_at[ra]:
                continue  # the queue let run rb start only once run ra was declared lost
            sys.exit(f"{s}: run {rb} ({hosts[rb]}) started while run {ra} ({hosts[ra]}) ran")
print(f"ok: {len(starts)} graders, {len(lost_at)} lost, {len(by_student)} students, no overlap")
