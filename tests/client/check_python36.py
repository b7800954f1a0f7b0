#!/usr/bin/env python3
"""The Gradescope client must run on Python 3.6 (Ubuntu 18.04 images) with the
standard library only: it must parse with 3.6's grammar and import nothing
outside 3.6's standard library.

usage: check_python36.py FILE.py
"""
import ast
import sys

# Standard-library modules newer than Python 3.6: present here, absent there.
NEWER_THAN_36 = {"dataclasses", "contextvars", "graphlib", "zoneinfo", "tomllib"}


def imported(tree):
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            yield from (alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0:
            yield node.module.split(".")[0]


def main():
    path = sys.argv[1]
    source = open(path, encoding="utf-8").read()
    try:
        tree = ast.parse(source, filename=path, feature_version=(3, 6))
    except SyntaxError as e:
        print("{}:{}: not Python 3.6: {}".format(path, e.lineno, e.msg), file=sys.stderr)
        return 1
    bad = sorted({m for m in imported(tree)
                  if m not in sys.stdlib_module_names or m in NEWER_THAN_36})
    if bad:
        print("{}: imports what Python 3.6's standard library lacks: {}".format(
            path, ", ".join(bad)), file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
