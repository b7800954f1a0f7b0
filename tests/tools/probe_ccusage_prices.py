#!/usr/bin/env python3
"""Reads back the per-token prices ccusage uses offline, to build
lib/cs351/usage/prices.json: writes probe transcripts (one priced quantity per
day), runs `ccusage ... daily --offline --json`, and divides each day's cost by
its tokens. Usage: probe_ccusage_prices.py CCUSAGE_BIN > prices.json"""
import json, os, subprocess, sys, tempfile

CLAUDE = ["claude-3-opus-20240229", "claude-3-sonnet-20240229", "claude-3-haiku-20240307", "claude-opus-4-7", "claude-opus-4-6", "claude-opus-4-5-20251101", "claude-opus-4-1-20250805",
          "claude-opus-4-20250514", "claude-sonnet-4-6", "claude-sonnet-4-5-20250929",
          "claude-sonnet-4-20250514", "claude-haiku-4-5-20251001", "claude-3-7-sonnet-20250219",
          "claude-3-5-sonnet-20241022", "claude-3-5-haiku-20241022"]
CODEX = ["gpt-5", "gpt-5-codex", "gpt-5-mini", "gpt-5.1", "gpt-5.1-codex", "gpt-5.1-codex-max",
         "gpt-5.1-codex-mini", "gpt-5.2", "gpt-5.2-codex", "gpt-5.3-codex", "gpt-5.4", "gpt-5.5",
         "o3", "o4-mini", "gpt-4.1"]
M, BIG = 100_000, 300_000  # below and above the 200k-token tier
KINDS = ["input_tokens", "output_tokens", "cache_creation_input_tokens", "cache_read_input_tokens"]


def run(bin_, args, env):
    out = subprocess.run([bin_] + args, env={**os.environ, **env}, check=True,
                         capture_output=True, text=True).stdout
    return json.loads(out)


def claude_probe(bin_, model, tmp):
    # day i holds one quantity; cost/tokens is the rate.
    probes = [(k, M, False) for k in KINDS] + [(k, BIG, False) for k in KINDS] + [("input_tokens", M, True)]
    lines = []
    for i, (kind, n, fast) in enumerate(probes):
        usage = {k: 0 for k in KINDS}
        usage[kind] = n
        if fast:
            usage["speed"] = "fast"
        lines.append({"timestamp": f"2026-01-{i + 1:02d}T12:00:00.000Z", "sessionId": "p", "type": "assistant",
                      "requestId": f"r{i}", "message": {"id": f"m{i}", "model": model, "usage": usage}})
    d = os.path.join(tmp, "claude", model, "projects", "probe")
    os.makedirs(d)
    with open(os.path.join(d, "p.jsonl"), "w") as f:
        f.write("\n".join(json.dumps(x, separators=(",", ":")) for x in lines) + "\n")
    days = run(bin_, ["claude", "daily", "--offline", "--json", "-z", "UTC"],
               {"CLAUDE_CONFIG_DIR": os.path.dirname(os.path.dirname(d))})["daily"]
    cost = [day["totalCost"] for day in days]
    if len(cost) != len(probes) or cost[0] == 0:
        return None
    names = ["input", "output", "cache_write_5m", "cache_read"]
    price = {n: round(cost[i] / M, 15) for i, n in enumerate(names)}
    price["cache_write_1h"] = 2 * price["input"]  # ccusage: a 1-hour cache write costs twice the input rate
    above = {}
    for i, n in enumerate(names):
        rate = round((cost[4 + i] - 200_000 * price[n]) / 100_000, 15)
        if abs(rate - price[n]) > 1e-15:
            above[n] = rate
    if above:
        if "input" in above:
            above["cache_write_1h"] = 2 * above["input"]
        price["above_200k"] = above
    fast = round(cost[8] / cost[0], 9)
    if fast != 1:
        price["fast_multiplier"] = fast
    return price


def codex_probe(bin_, model, tmp):
    probes = [(M, 0, 0), (M, M, 0), (0, 0, M)]
    lines = [{"timestamp": "2026-01-01T00:00:00.000Z", "type": "turn_context", "payload": {"model": model}}]
    for i, (inp, cached, out) in enumerate(probes):
        usage = {"input_tokens": inp, "cached_input_tokens": cached, "output_tokens": out,
                 "reasoning_output_tokens": 0, "total_tokens": inp + out}
        lines.append({"timestamp": f"2026-01-{i + 1:02d}T12:00:00.000Z", "type": "event_msg",
                      "payload": {"type": "token_count", "info": {"last_token_usage": usage}}})
    d = os.path.join(tmp, "codex", model, "sessions", "probe")
    os.makedirs(d)
    with open(os.path.join(d, "p.jsonl"), "w") as f:
        f.write("\n".join(json.dumps(x, separators=(",", ":")) for x in lines) + "\n")
    days = run(bin_, ["codex", "daily", "--offline", "--json", "-z", "UTC"],
               {"CODEX_HOME": os.path.dirname(os.path.dirname(d))})["daily"]
    cost = [day["costUSD"] for day in days]
    if len(cost) != 3 or cost[0] == 0:
        return None
    return {"input": round(cost[0] / M, 15), "cache_read": round(cost[1] / M, 15),
            "output": round(cost[2] / M, 15)}


def main():
    bin_ = sys.argv[1]
    version = subprocess.run([bin_, "--version"], capture_output=True, text=True).stdout.strip()
    models = {}
    with tempfile.TemporaryDirectory() as tmp:
        for m in CLAUDE:
            p = claude_probe(bin_, m, tmp)
            if p:
                models[m] = p
        for m in CODEX:
            p = codex_probe(bin_, m, tmp)
            if p:
                models[m] = p
    print(json.dumps({"date": "2026-11-29",
                      "source": f"LiteLLM model_prices_and_context_window.json as embedded in {version}, "
                                "read back with tests/tools/probe_ccusage_prices.py (USD per token)",
                      "models": models}, indent=2))


main()
