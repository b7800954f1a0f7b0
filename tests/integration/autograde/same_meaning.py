"""Checks that the results.json Gradescope received means what the grader wrote,
under the rules of docs/autograde.md: null fields are dropped (extra_data is
passed untouched), numeric strings in score/max_score/execution_time became
numbers, a numeric tests[].number became text, everything else is equal.
Usage: same_meaning.py WROTE.json SENT.json"""
import json
import math
import sys

NUMBERS = {"score", "max_score", "execution_time"}


def same(key, wrote, sent):
    if key in NUMBERS and isinstance(wrote, str):
        return isinstance(sent, (int, float)) and math.isclose(float(wrote), sent)
    if key == "number" and isinstance(wrote, (int, float)) and not isinstance(wrote, bool):
        return isinstance(sent, str) and float(sent) == wrote
    return wrote == sent


def check(wrote, sent, where):
    for key, value in wrote.items():
        if value is None and key != "extra_data":
            if key in sent:
                sys.exit(f"{where}{key}: null should have been dropped, got {sent[key]!r}")
        elif key == "tests":
            if len(sent.get("tests", [])) != len(value):
                sys.exit(f"{where}tests: {len(value)} written, {len(sent.get('tests', []))} sent")
            for i, (w, s) in enumerate(zip(value, sent["tests"])):
                check(w, s, f"{where}tests[{i}].")
        elif key not in sent or not same(key, value, sent[key]):
            sys.exit(f"{where}{key}: wrote {value!r}, sent {sent.get(key)!r}")
    extra = set(sent) - set(wrote)
    if extra:
        sys.exit(f"{where}: keys added: {sorted(extra)}")


check(json.load(open(sys.argv[1])), json.load(open(sys.argv[2])), "")
print("same meaning")
