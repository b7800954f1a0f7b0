#!/usr/bin/env bash
# gradescope login/whoami/courses/logout against the fake Gradescope: the real
# login flow, wrong password, throttling, CSRF refusal, SSO cookie, and the
# password never leaving the POST body.
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/gradescope/lib.sh"
start_fake_gradescope
SESSION="$XDG_DATA_HOME/cs351/gradescope-session.json"

# Not logged in yet.
run cs351 gradescope whoami
expect_rc 77 "whoami before login"
expect_contains "$ERR" "cs351 gradescope login"

# Good password on stdin.
printf '%s\n' "$GS_PASSWORD" >"$T/pw"
run cs351 gradescope login --password-stdin <"$T/pw"
expect_rc 0 "login"
expect_contains "$ERR" "logged in to $GS_URL as $GS_EMAIL (3 courses)"
[ -f "$SESSION" ] || fail "no session file"
expect_eq "$(stat -c %a "$SESSION")" "600" "session file mode"
expect_eq "$(gs_stats 'd["logins"]')" "1" "logins seen by the server"

run cs351 gradescope whoami --format json
expect_rc 0 "whoami"
expect_eq "$(echo "$OUT" | json 'd["email"]')" "$GS_EMAIL" "whoami email"
expect_eq "$(echo "$OUT" | json 'd["staff"]')" "True" "whoami staff"
# Piped without --format, whoami prints the same JSON (not "key: value" lines).
run cs351 gradescope whoami
expect_rc 0 "whoami piped"
expect_eq "$(echo "$OUT" | json 'd["email"]')" "$GS_EMAIL" "whoami piped is JSON"

run cs351 gradescope courses --format json
expect_rc 0 "courses"
expect_eq "$(echo "$OUT" | json 'len(d)')" "3" "course count"
expect_eq "$(echo "$OUT" | json '[c["id"] for c in d if c["role"]=="instructor"]')" "['1001', '998']" "instructor courses"
expect_eq "$(echo "$OUT" | json 'd[0]["term"]')" "Spring 2026" "term"

# Wrong password: 77, told apart from the other failures.
run sh -c "echo wrong-password | '$CS351_BIN' gradescope login --password-stdin"
expect_rc 77 "wrong password"
expect_contains "$ERR" "rejected the email or password for $GS_EMAIL"

# Throttled: 429 with Retry-After, or the "too many attempts" page: 75.
gs_control throttle=429
run cs351 gradescope login --password-stdin <"$T/pw"
expect_rc 75 "throttled (429)"
expect_contains "$ERR" "throttling this account (too many attempts); retry in 7 s"
gs_control throttle=page
run cs351 gradescope login --password-stdin <"$T/pw"
expect_rc 75 "throttled (page)"
gs_control throttle=

# CSRF token refused (422) and an unexpected redirect.
gs_control reject_csrf=1
run cs351 gradescope login --password-stdin <"$T/pw"
expect_rc 65 "csrf"
expect_contains "$ERR" "CSRF token (HTTP 422)"
gs_control reject_csrf= login_redirect=/maintenance
run cs351 gradescope login --password-stdin <"$T/pw"
expect_rc 1 "unexpected redirect"
expect_contains "$ERR" "unexpected redirect to /maintenance after logging in"
gs_control login_redirect=

# GRADESCOPE_PASSWORD works without a terminal; without any source it is a usage error.
run env GRADESCOPE_PASSWORD="$GS_PASSWORD" "$CS351_BIN" gradescope login </dev/null
expect_rc 0 "login from env"
run cs351 gradescope login </dev/null
expect_rc 2 "no password source"
expect_contains "$ERR" "--password-stdin"

# SSO: a browser cookie, validated with GET /account.
COOKIE="_gradescope_session=$(json 'd["cookies"]["_gradescope_session"]' <"$SESSION")"
cs351 gradescope logout 2>/dev/null
run cs351 gradescope login --cookie-stdin <<<"$COOKIE"
expect_rc 0 "cookie login"
run cs351 gradescope login --cookie-stdin <<<"_gradescope_session=forged"
expect_rc 77 "forged cookie"

# The password never appears in a request line, a header, our output or our files.
grep -q "^POST /login HTTP/1.1" "$GS_LOG" || fail "no login POST in the request log"
for form in "$GS_PASSWORD" "correct+horse" "correct%20horse"; do
  if grep -rqF "$form" "$GS_LOG" "$XDG_DATA_HOME" "$T/out" "$T/err"; then fail "password ($form) leaked"; fi
done

run cs351 gradescope logout
expect_rc 0 "logout"
[ ! -e "$SESSION" ] || fail "session file left after logout"
run cs351 gradescope courses
expect_rc 77 "courses after logout"

# A damaged session file is a config error that names the way out, and logout still removes it.
mkdir -p "$(dirname "$SESSION")"
echo "garbage" >"$SESSION"
run cs351 gradescope whoami
expect_rc 78 "damaged session file"
expect_contains "$ERR" "cs351 gradescope logout"
run cs351 gradescope logout
expect_rc 0 "logout of a damaged session"
[ ! -e "$SESSION" ] || fail "damaged session file left"
