#!/usr/bin/env python3
"""Compares `cs351 usage sessions --format json` of one student with
`ccusage claude session --offline --json`, whose rows are grouped by parent
session: every token kind exactly, cost within 1e-9.
Usage: compare_sessions.py OURS.json CCUSAGE.json STUDENT"""
import json
import sys
from collections import defaultdict

ours_path, theirs_path, student = sys.argv[1:4]
KINDS = ["input_tokens", "output_tokens", "cache_creation_tokens", "cache_read_tokens", "cost_usd"]
REF = ["inputTokens", "outputTokens", "cacheCreationTokens", "cacheReadTokens", "totalCost"]
mine = {r["session"]: [r[k] for k in KINDS] for r in json.load(open(ours_path))
        if r["student"] == student and r["agent"] == "claude"}
ref = defaultdict(lambda: [0] * 5)
for s in json.load(open(theirs_path))["sessions"]:
    for i, k in enumerate(REF):
        ref[s["sessionId"]][i] += s[k]
problems = []
for sid in sorted(set(mine) | set(ref)):
    a, b = mine.get(sid), ref.get(sid)
    if a is None or b is None or a[:4] != b[:4] or abs(a[4] - b[4]) > 1e-9:
        problems.append(f"{sid}: cs351 {a} ccusage {b}")
if not ref:
    problems.append("ccusage reported no sessions")
print("\n".join(problems) if problems else f"{student}: {len(ref)} sessions equal")
sys.exit(1 if problems else 0)
