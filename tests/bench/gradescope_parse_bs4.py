#!/usr/bin/env python3
"""Reference for bench_gradescope_parse: BeautifulSoup + lxml extracting the
same fields as cs351's parsers from the same pages. Prints JSON medians.
Usage: gradescope_parse_bs4.py DIR RUNS"""
import json
import re
import statistics
import sys
import time

from bs4 import BeautifulSoup

USER_ID = re.compile(r"user_id=(\d+)")
ROLES = {"0": "student", "1": "instructor", "2": "ta", "3": "reader"}


def roster(page):
    soup = BeautifulSoup(page, "lxml")
    table = soup.select_one("table.js-rosterTable")
    n = 0
    for row in table.select("tr.rosterRow"):
        b = row.select_one("button.rosterCell--editIcon")
        cm = json.loads(b.get("data-cm", "{}"))
        member = {"email": b["data-email"].strip().lower(), "role": ROLES[b["data-role"]], "id": b["data-id"],
                  "name": cm.get("full_name", ""), "first": cm.get("first_name", ""), "last": cm.get("last_name", ""),
                  "sid": cm.get("sid", ""), "sections": [s["name"] for s in json.loads(b.get("data-sections", "[]"))]}
        link = row.select_one(".js-rosterName")
        m = USER_ID.search(link.get("data-url", "")) if link else None
        n += 7 + len(member["sections"]) + (1 if m else 0) + (1 if member["name"] else 0)
    return n


def assignments(page):
    soup = BeautifulSoup(page, "lxml")
    props = json.loads(soup.select_one('[data-react-class="AssignmentsTable"]')["data-react-props"])
    n = 0
    for row in props["table_data"]:
        if row.get("type") != "assignment":
            continue
        window = row.get("submission_window") or {}
        fields = [row["id"].removeprefix("assignment_"), row["title"], row.get("is_published"), row.get("total_points"),
                  window.get("release_date"), window.get("due_date"), window.get("hard_due_date")]
        n += 3 + sum(1 for f in fields[3:] if f)
    return n


def median_ms(fn, page, runs):
    times, fields = [], 0
    for _ in range(runs):
        start = time.process_time()
        fields = fn(page)
        times.append((time.process_time() - start) * 1000)
    return {"ms": statistics.median(times), "fields": fields}


def main():
    directory, runs = sys.argv[1], int(sys.argv[2])
    pages = {name: open(f"{directory}/{name}.html", "rb").read() for name in ("roster", "assignments")}
    print(json.dumps({"roster": median_ms(roster, pages["roster"], runs),
                      "assignments": median_ms(assignments, pages["assignments"], runs)}))


if __name__ == "__main__":
    main()
