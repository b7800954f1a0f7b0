#!/usr/bin/env python3
"""Writes a synthetic class with planted behaviour profiles into DIR:
roster.csv (students, a TA and two instructors), history.csv (email, submitted_at
in UTC, score, max_score) and truth.csv (email, profile). Seeded: same files every run.

Profiles (course time zone America/New_York, due Sunday 2026-02-15 23:59 local):
  early      starts 4-6 days ahead on weekday afternoons, 3-6 attempts, reaches full score
  night      starts 6-14 hours ahead, Saturday/Sunday nights, 8-14 attempts, rarely full
  grinder    starts 2-3 days ahead, daytime, 30-45 attempts in many sessions, mostly full
The instructors submit hundreds of times (testing the autograder) and must be excluded."""
import csv
import datetime as dt
import random
import sys
from zoneinfo import ZoneInfo

TZ = ZoneInfo("America/New_York")
DUE = dt.datetime(2026, 2, 15, 23, 59, tzinfo=TZ)
MAX = 50.0


def utc(t):
    return t.astimezone(dt.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def scores(n, reach_full, rng):
    """n rising scores; the last ones full when reach_full."""
    out = []
    for i in range(n):
        frac = (i + 1) / n
        s = MAX * min(1.0, 0.3 + 0.7 * frac) if reach_full else MAX * (0.2 + 0.5 * frac * rng.uniform(0.6, 1.0))
        out.append(round(s if not (reach_full and i == n - 1) else MAX, 1))
    return out


def early(rng):
    day = DUE - dt.timedelta(days=rng.randint(4, 6))
    start = day.replace(hour=rng.randint(13, 16), minute=rng.randint(0, 59))
    n = rng.randint(3, 6)
    times = [start + dt.timedelta(minutes=12 * i + rng.randint(0, 5)) for i in range(n)]
    return times, scores(n, True, rng)


def night(rng):
    # Saturday or Sunday after 22:00 local, a few hours before the deadline.
    start = DUE - dt.timedelta(hours=rng.uniform(6, 14))
    start = start.replace(hour=rng.choice([22, 23, 0, 1]), minute=rng.randint(0, 59))
    if start.hour < 6:
        start = start.replace(day=15)
    else:
        start = start.replace(day=14)
    n = rng.randint(8, 14)
    times = [start + dt.timedelta(minutes=9 * i + rng.randint(0, 4)) for i in range(n)]
    return times, scores(n, rng.random() < 0.15, rng)


def grinder(rng):
    start = (DUE - dt.timedelta(days=rng.randint(2, 3))).replace(hour=9, minute=rng.randint(0, 59))
    n = rng.randint(30, 45)
    times, t = [], start
    for i in range(n):
        # Sessions of ~5 attempts, then a break of a few hours (daytime only).
        t += dt.timedelta(minutes=rng.randint(4, 10)) if i % 5 else dt.timedelta(hours=rng.uniform(1.0, 2.0))
        if t.hour >= 20:
            t = (t + dt.timedelta(days=1)).replace(hour=9)
        times.append(t)
    return times, scores(n, rng.random() < 0.9, rng)


def main(out_dir, per_profile=20, seed=351):
    rng = random.Random(seed)
    roster, history, truth = [], [], []
    for profile, make in (("early", early), ("night", night), ("grinder", grinder)):
        for i in range(per_profile):
            email = f"{profile}{i:02d}@example.edu"
            roster.append([f"{profile.title()}{i:02d}", "Student", email, f"{len(roster) + 1000}", "Student"])
            times, sc = make(rng)
            history += [[email, utc(t), s, MAX] for t, s in zip(times, sc)]
            truth.append([email, profile])
    for who in ("prof", "coprof"):
        email = f"{who}@example.edu"
        roster.append([who.title(), "Staff", email, "", "Instructor"])
        start = DUE - dt.timedelta(days=20)
        history += [[email, utc(start + dt.timedelta(minutes=7 * i)), MAX, MAX] for i in range(300)]
    roster.append(["Tina", "Assistant", "ta@example.edu", "", "TA"])
    history += [["ta@example.edu", utc(DUE - dt.timedelta(days=9)), MAX, MAX]]
    rng.shuffle(history)
    with open(f"{out_dir}/roster.csv", "w", newline="") as f:
        w = csv.writer(f)
        w.writerow(["First Name", "Last Name", "Email", "SID", "Role"])
        w.writerows(roster)
    with open(f"{out_dir}/history.csv", "w", newline="") as f:
        w = csv.writer(f)
        w.writerow(["email", "submitted_at", "score", "max_score"])
        w.writerows(history)
    with open(f"{out_dir}/truth.csv", "w", newline="") as f:
        csv.writer(f).writerows(truth)


if __name__ == "__main__":
    main(sys.argv[1])
