#!/usr/bin/env python3
"""Adjusted Rand index (Hubert & Arabie) between the planted profiles (truth.csv)
and the clusters of a `report clusters --format json` file. Prints the index."""
import csv
import json
import sys
from collections import Counter
from math import comb


def ari(a, b):
    n = len(a)
    pairs = sum(comb(c, 2) for c in Counter(zip(a, b)).values())
    rows = sum(comb(c, 2) for c in Counter(a).values())
    cols = sum(comb(c, 2) for c in Counter(b).values())
    expected = rows * cols / comb(n, 2)
    top = (rows + cols) / 2
    return 1.0 if top == expected else (pairs - expected) / (top - expected)


truth = dict(csv.reader(open(sys.argv[1])))
report = json.load(open(sys.argv[2]))
emails = [s["email"] for s in report["students"]]
print(f"{ari([truth[e] for e in emails], [s['cluster'] for s in report['students']]):.4f}")
