#!/usr/bin/env python3
"""Checks a table a listing printed on a terminal against the same listing as JSON.

usage: table_check.py SCREEN JSON --all a,b,c [--whole a,b] [--width N]

SCREEN is what pty_run.py showed (the table, then any `cs351:` notice on stderr); JSON
the listing piped with --format json --utc. --all names every column the listing has,
in order. Checks, printing what is wrong and exiting 1:
- the header shows some of --all, in their order, and a row per JSON object;
- each --whole column's value is whole in its row (times as --utc tables show them);
- the columns left out are exactly those the notice names, and no notice when none is;
- with --width, no line of the table is wider than N cells.
Prints the columns shown, space-separated.
"""
import argparse
import json
import re
import sys
import unicodedata

NOTICE = re.compile(r"^cs351: not shown to fit \d+ columns: (.*) \(--wide")
ISO_TIME = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$")


def cells(text):
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def shown_as(value):
    """A JSON value as a --utc table cell shows it: times with a blank, not a T."""
    text = str(value)
    return text.replace("T", " ") if ISO_TIME.match(text) else text


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("screen")
    parser.add_argument("json")
    parser.add_argument("--all", required=True)
    parser.add_argument("--whole", default="")
    parser.add_argument("--width", type=int)
    args = parser.parse_args()
    every = args.all.split(",")
    lines = [l for l in open(args.screen, encoding="utf-8").read().replace("\r", "").split("\n") if l]
    notices = [l for l in lines if l.startswith("cs351: ")]
    table = [l for l in lines if not l.startswith("cs351: ")]
    rows = json.load(open(args.json, encoding="utf-8"))
    problems = []

    header = table[0].split()
    if [c for c in every if c in header] != header:
        problems.append(f"header {header} is not some of {every} in order")
    if len(table) - 1 != len(rows):
        problems.append(f"{len(table) - 1} table rows for {len(rows)} JSON objects")
    for line, row in zip(table[1:], rows):
        for column in filter(None, args.whole.split(",")):
            value = row.get(column)
            if value is not None and column in header and shown_as(value) not in line:
                problems.append(f"{column} '{shown_as(value)}' not whole in: {line}")

    left_out = [c for c in every if c not in header]
    named = []
    for notice in notices:
        match = NOTICE.match(notice)
        if match:
            named += match.group(1).split(", ")
    if sorted(named) != sorted(left_out):
        problems.append(f"left out {left_out}, the notice names {named}: {notices}")
    if args.width:
        for line in table:
            if cells(line) > args.width:
                problems.append(f"{cells(line)} cells wide on a {args.width}-column terminal: {line}")

    if problems:
        print("\n".join(problems), file=sys.stderr)
        print("screen:\n" + "\n".join(lines), file=sys.stderr)
        sys.exit(1)
    print(" ".join(header))


if __name__ == "__main__":
    main()
