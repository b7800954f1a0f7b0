#!/usr/bin/env bash
# The HTML report in a real headless browser (Debian's chromium): it renders and
# runs its script without errors, has one dot per student, #factor=... resizes
# the dots, a hostile name stays text, and the page asks for nothing over the network.
source "$(dirname "$0")/lib.sh"
HERE="$(dirname "$0")/analytics"
command -v chromium >/dev/null || fail "chromium is not installed (.ci/install-deps installs it)"

python3 "$HERE/make_class.py" "$T"
# A student whose name is markup that would run if it were not escaped.
printf '%s\n' "\"<script>document.body.setAttribute('data-pwned','1')</script>\",\"<img src=x onerror=alert(1)>\",evil@example.edu,9999,Student" >>"$T/roster.csv"
printf 'evil@example.edu,2026-02-14T15:00:00Z,25,50\nevil@example.edu,2026-02-14T15:20:00Z,50,50\n' >>"$T/history.csv"
cs351 course add CS351 --timezone America/New_York 2>/dev/null
cs351 roster import "$T/roster.csv" --course CS351 2>/dev/null
cs351 assignments add hw1 --course CS351 --due 2026-02-15T23:59 --max-points 50 2>/dev/null
cs351 submissions import "$T/history.csv" --course CS351 --assignment hw1 2>/dev/null
cs351 report clusters --course CS351 --assignment hw1 --k 3 --format json -o "$T/report.json" 2>/dev/null
run cs351 report clusters --course CS351 --assignment hw1 --k 3 -o "$T/report.html"
expect_rc 0
STUDENTS="$(json 'len(d["students"])' <"$T/report.json")"

grep -Eq '(src|href)=["'"'"']?(https?:)?//' "$T/report.html" && fail "the page references something over the network"
expect_not_contains "$(cat "$T/report.html")" "<script>document.body" "raw hostile name in the file"

# dump_dom URL OUT: the DOM after the page's scripts ran, in a fresh profile.
dump_dom() {
  timeout 60 chromium --headless --no-sandbox --disable-gpu --disable-background-networking \
    --disable-component-update --disable-default-apps --disable-sync --no-first-run --mute-audio \
    --user-data-dir="$T/chrome-$RANDOM" --dump-dom "$1" >"$2" 2>"$T/chromium.log" || fail "chromium failed: $(tail -5 "$T/chromium.log")"
}
# radii FILE: the r attribute of every dot, in order.
radii() { python3 -c "import re,sys; print(' '.join(re.findall(r'<circle class=\"dot\"[^>]*? r=\"([0-9.]+)\"', open(sys.argv[1]).read())))" "$1"; }

dump_dom "file://$T/report.html" "$T/plain.html"
grep -q 'data-ready="1"' "$T/plain.html" || fail "the page's script did not finish (error?)"
expect_eq "$(grep -o '<circle class="dot"' "$T/plain.html" | wc -l)" "$STUDENTS" "dots rendered"
grep -q 'data-factor="all"' "$T/plain.html" || fail "default factor is not 'all'"
grep -q 'data-pwned="1"' "$T/plain.html" && fail "hostile name executed"
grep -q "&lt;script&gt;document.body.setAttribute" "$T/plain.html" || fail "hostile name not shown as text"

dump_dom "file://$T/report.html#factor=night_frac" "$T/night.html"
grep -q 'data-factor="night_frac"' "$T/night.html" || fail "#factor=night_frac not applied"
[ "$(radii "$T/plain.html")" != "$(radii "$T/night.html")" ] || fail "#factor=night_frac did not change dot sizes"
expect_eq "$(grep -o '<circle class="dot"' "$T/night.html" | wc -l)" "$STUDENTS" "dots with a factor"

dump_dom "file://$T/report.html#factor=%3Cnonsense%3E" "$T/bogus.html"
grep -q 'data-factor="all"' "$T/bogus.html" || fail "an unknown factor should fall back to all"
echo "ok: $STUDENTS dots; #factor changes sizes; hostile name stays text"
