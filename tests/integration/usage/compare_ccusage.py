#!/usr/bin/env python3
"""Compares `cs351 usage daily --format json` rows of one student with
`ccusage claude|codex daily --offline --json`: per day and model, every
token kind exactly; cost per day within 1e-9. Prints the differences and
exits 1 when there are any.
Usage: compare_ccusage.py OURS.json CCUSAGE.json STUDENT claude|codex [IGNORED_MODEL...]
IGNORED_MODEL: rows of ours that ccusage is known not to read (see docs/usage.md)."""
import json
import sys
from collections import defaultdict

ours_path, theirs_path, student, agent = sys.argv[1:5]
ignored = set(sys.argv[5:])
ours = [r for r in json.load(open(ours_path))
        if r["student"] == student and r["agent"] == agent and r["model"] not in ignored]
theirs = json.load(open(theirs_path))["daily"]

KINDS = ["input_tokens", "output_tokens", "cache_creation_tokens", "cache_read_tokens"]
mine, mine_cost = {}, defaultdict(float)
for r in ours:
    mine[(r["date"], r["model"])] = [r[k] for k in KINDS]
    mine_cost[r["date"]] += r["cost_usd"] if r["cost_usd"] is not None else float("nan")

ref, ref_cost = {}, {}
for day in theirs:
    if agent == "claude":
        for m in day["modelBreakdowns"]:
            ref[(day["date"], m["modelName"])] = [m["inputTokens"], m["outputTokens"],
                                                 m["cacheCreationTokens"], m["cacheReadTokens"]]
        ref_cost[day["date"]] = day["totalCost"]
    else:
        for name, m in day["models"].items():
            ref[(day["date"], name)] = [m["inputTokens"], m["outputTokens"],
                                       m["cacheCreationTokens"], m["cacheReadTokens"]]
        ref_cost[day["date"]] = day["costUSD"]

problems = []
for key in sorted(set(mine) | set(ref)):
    if mine.get(key) != ref.get(key):
        problems.append(f"{key}: cs351 {mine.get(key)} ccusage {ref.get(key)} ({', '.join(KINDS)})")
for day in sorted(set(mine_cost) | set(ref_cost)):
    a, b = mine_cost.get(day), ref_cost.get(day)
    if a is None or b is None or not abs(a - b) <= 1e-9:
        problems.append(f"{day}: cost cs351 {a!r} ccusage {b!r}")
if not ref:
    problems.append("ccusage reported nothing: the comparison would be empty")
print("\n".join(problems) if problems else f"{student} {agent}: {len(ref)} day/model rows equal")
sys.exit(1 if problems else 0)
