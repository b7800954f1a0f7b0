#!/usr/bin/env bash
# assignments add, submissions import and report features/clusters against a real
# store: a synthetic class with planted profiles and two busy instructor accounts.
source "$(dirname "$0")/lib.sh"
HERE="$(dirname "$0")/analytics"

python3 "$HERE/make_class.py" "$T"
cs351 course add CS351 --timezone America/New_York 2>/dev/null
cs351 roster import "$T/roster.csv" --course CS351 2>/dev/null

# --- assignments add: validation, upsert, idempotence
run cs351 assignments add hw1 --course CS351 --due 2026-02-15T23:59 --max-points 0
expect_rc 2 "max points 0"
run cs351 assignments add hw1 --course CS351 --due "next friday"
expect_rc 2 "unparseable due"
expect_contains "$ERR" "--due"
run cs351 assignments add hw1 --course NOPE --due 2026-02-15T23:59
expect_rc 65 "unknown course"
run cs351 assignments add hw1 --course CS351 --release 2026-02-16T00:00 --due 2026-02-15T23:59
expect_rc 2 "due before release"
run cs351 assignments add hw1 --course CS351 --due 2026-02-15T23:59 --max-points 50
expect_rc 0
expect_contains "$ERR" "inserted"
run cs351 assignments add hw1 --course cs351 --due 2026-02-15T23:59 --max-points 50
expect_contains "$ERR" "unchanged" "re-adding the same assignment"
run cs351 assignments list --course CS351 --format json
expect_eq "$(echo "$OUT" | json '[(a["source"], a["title"], a["total_points"], a["due_at"]) for a in d]')" \
  "[('local', 'hw1', 50.0, '2026-02-16T04:59:00Z')]" "assignments list shows hand-added work"

# --- submissions import: every bad row with file:line, nothing written, then idempotent
printf 'email,submitted_at,score\nearly00@example.edu,2026-02-10T10:00,5\nnot-an-email,2026-02-10T10:00,5\nearly00@example.edu,yesterday,5\nearly00@example.edu,2026-02-10T11:00,-1\nearly00@example.edu,2026-02-10T10:00,5\n' >"$T/bad.csv"
run cs351 submissions import "$T/bad.csv" --course CS351 --assignment hw1
expect_rc 65 "bad rows"
for line in 3 4 5 6; do expect_contains "$ERR" "bad.csv:$line:"; done
expect_contains "$ERR" "duplicate of line 2"
printf 'mail,when,points\n' >"$T/noheader.csv"
run cs351 submissions import "$T/noheader.csv" --course CS351 --assignment hw1
expect_rc 65 "missing columns"
expect_contains "$ERR" "missing column 'email'"
run cs351 submissions import "$T/history.csv" --course CS351 --assignment hw9
expect_rc 65 "unknown assignment"
expect_contains "$ERR" "known: hw1"
run cs351 report features --course CS351 --assignment hw1 --format json
expect_eq "$(echo "$OUT" | json 'sum(1 for r in d if not r["excluded"])')" "0" "students with features after failed imports"

run cs351 submissions import "$T/history.csv" --course CS351 --assignment hw1 --dry-run
expect_rc 0
expect_contains "$ERR" "dry run, nothing written: would have inserted 1635, updated 0, unchanged 0"
run cs351 submissions import "$T/history.csv" --course CS351 --assignment hw1
expect_contains "$ERR" "inserted 1635, updated 0, unchanged 0"
run cs351 submissions import - --course CS351 --assignment hw1 <"$T/history.csv"
expect_contains "$ERR" "inserted 0, updated 0, unchanged 1635"

# --- report features: staff excluded by role, features present
run cs351 report features --course CS351 --assignment hw1 --format json
expect_rc 0
echo "$OUT" >"$T/features.json"
expect_eq "$(json 'len([r for r in d if not r["excluded"]])' <"$T/features.json")" "60" "students with features"
expect_eq "$(json '[r["excluded"] for r in d if r["email"]=="prof@example.edu"][0]' <"$T/features.json")" "staff (instructor)"
expect_eq "$(json '[r["attempts"] for r in d if r["email"]=="early00@example.edu"][0]' <"$T/features.json")" "5"

# --- report clusters: planted profiles recovered, instructors out, deterministic
run cs351 report clusters --course CS351 --assignment hw1 --k 3 --seed 7 --format json -o "$T/k3.json"
expect_rc 0
ARI="$(python3 "$HERE/ari.py" "$T/truth.csv" "$T/k3.json")"
echo "adjusted Rand index (k-means, k=3): $ARI"
python3 -c "import sys; sys.exit(0 if float('$ARI') >= 0.9 else 1)" || fail "ARI $ARI < 0.9"
expect_eq "$(json '[s["email"] for s in d["students"] if "prof" in s["email"]]' <"$T/k3.json")" "[]" "instructors in clusters"
expect_eq "$(json 'sorted(o["reason"] for o in d["outliers"])' <"$T/k3.json")" "['staff (instructor)', 'staff (instructor)', 'staff (ta)']"
expect_eq "$(json 'sorted(c["size"] for c in d["clusters"])' <"$T/k3.json")" "[20, 20, 20]"
expect_eq "$(json 'sorted(d.keys())' <"$T/k3.json")" "['algorithm', 'axes', 'clusters', 'correlations', 'features', 'inertia', 'k', 'k_scores', 'outliers', 'parameters', 'seed', 'silhouette', 'students']"
expect_contains "$(json '[c["label"] for c in d["clusters"]]' <"$T/k3.json")" "night"
cs351 report clusters --course CS351 --assignment hw1 --k 3 --seed 7 --format json -o "$T/k3-again.json" 2>/dev/null
cmp -s "$T/k3.json" "$T/k3-again.json" || fail "same seed, different output"

run cs351 report clusters --course CS351 --assignment hw1 --algorithm kmedians --k 3 --format json -o "$T/kmed.json"
expect_rc 0
ARI="$(python3 "$HERE/ari.py" "$T/truth.csv" "$T/kmed.json")"
echo "adjusted Rand index (k-medians, k=3): $ARI"
python3 -c "import sys; sys.exit(0 if float('$ARI') >= 0.9 else 1)" || fail "k-medians ARI $ARI < 0.9"
expect_contains "$(cat "$T/kmed.json")" '"objective"'

run cs351 report clusters --course CS351 --assignment hw1 --k auto --k-range 2..5 --format json
expect_rc 0
expect_eq "$(echo "$OUT" | json '[s["k"] for s in d["k_scores"]]')" "[2, 3, 4, 5]" "k tried"
expect_contains "$ERR" "silhouette by k: k=2:"
expect_eq "$(echo "$OUT" | json 'max(d["k_scores"], key=lambda s: s["silhouette"])["k"] == d["k"]')" "True" "auto picks best silhouette"

run cs351 report clusters --course CS351 --assignment hw1 --k 3 --format csv
expect_rc 0
expect_eq "$(echo "$OUT" | head -1 | cut -d, -f1-5)" "email,name,cluster,cluster_label,distance"
expect_eq "$(echo "$OUT" | tail -n +2 | grep -c 'staff (instructor)')" "2" "instructors listed as excluded in CSV"
expect_not_contains "$OUT" ",'-" "negative numbers guarded as formulas"

# --- anonymize: no email or name leaks, pseudonyms stable
run cs351 report clusters --course CS351 --assignment hw1 --k 3 --anonymize --format json
expect_not_contains "$OUT" "@example.edu"
expect_not_contains "$OUT" "Early00"
A1="$OUT"
run cs351 report clusters --course CS351 --assignment hw1 --k 3 --anonymize --format json
[ "$A1" == "$OUT" ] || fail "pseudonyms not stable"

# --- bad requests
run cs351 report clusters --course CS351 --assignment hw1 --k 100
expect_rc 65 "k larger than the class"
run cs351 report clusters --course CS351 --assignment hw1 --features attempts,bogus
expect_rc 2 "unknown feature"
expect_contains "$ERR" "available: attempts"
run cs351 report clusters --course CS351 --assignment hw1 --algorithm dbscan
expect_rc 2
run cs351 report clusters --course CS351 --assignment hw1 --k auto --k-range 5..2
expect_rc 2

run cs351 report clusters --k 3
expect_rc 2 "neither a course nor a features file"
expect_contains "$ERR" "--features-file"
run cs351 report clusters --course CS351 --assignment hw1 --k 3 --x attempts --y night_frac --format json
expect_rc 0
expect_eq "$(echo "$OUT" | json '[d["axes"]["x"], d["students"][0]["x"] == d["students"][0]["features"]["attempts"]]')" "['attempts', True]"
run cs351 report clusters --course CS351 --assignment hw1 --k 3 --x attempts
expect_rc 2 "--x without --y"

# --- features file: iris-like table, raw values, outliers kept or dropped
printf 'id,a,b\np1,0,0\np2,0.1,0\np3,0,0.1\np4,5,5\np5,5.1,5\np6,5,5.1\np7,0.05,0.05\n' >"$T/table.csv"
run cs351 report clusters --features-file "$T/table.csv" --k 2 --no-standardize --format json
expect_rc 0
expect_eq "$(echo "$OUT" | json 'sorted(c["size"] for c in d["clusters"])')" "[3, 4]"
expect_eq "$(echo "$OUT" | json 'd["students"][0]["id"]')" "p1"
printf 'id,a\nx,1\nx,2\n' >"$T/dup.csv"
run cs351 report clusters --features-file "$T/dup.csv" --k 1
expect_rc 65 "duplicate id"
expect_contains "$ERR" "dup.csv:3"
printf 'id,a\nx,abc\n' >"$T/nan.csv"
run cs351 report clusters --features-file "$T/nan.csv" --k 1
expect_rc 65 "non-numeric cell"
expect_contains "$ERR" "nan.csv:2: a:"
echo "ok"
