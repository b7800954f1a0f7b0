"""Checks a record_grader.sh log: every run started and ended exactly once,
and no two runs of one student overlapped. Usage: check_log.py LOG EXPECTED_RUNS"""
import collections
import sys

starts, ends = {}, {}
students = {}
for line in open(sys.argv[1]):
    kind, run, emails, t = line.split()
    table = starts if kind == "start" else ends
    if run in table:
        sys.exit(f"run {run} {kind}ed twice")
    table[run] = int(t)
    students[run] = emails.split(",")
expected = int(sys.argv[2])
if len(starts) != expected or set(starts) != set(ends):
    sys.exit(f"expected {expected} runs started and ended, got {len(starts)} started, {len(ends)} ended")
by_student = collections.defaultdict(list)
for run in starts:
    for s in students[run]:
        by_student[s].append((starts[run], ends[run], run))
for s, spans in by_student.items():
    spans.sort()
    for (a0, a1, ra), (b0, b1, rb) in zip(spans, spans[1:]):
        if b0 < a1:
            sys.exit(f"{s}: run {rb} started before run {ra} ended")
print(f"ok: {len(starts)} runs, {len(by_student)} students, no overlap")
