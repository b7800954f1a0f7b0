# The reverse-proxy alternative to native TLS: a real Caddy (Debian's caddy) terminates HTTPS
# with a certificate from a CA made here and passes requests to `serve` on loopback, as
# docs/install.md sets it up. A submission goes through it and its result comes back by
# long-poll; the bridge counts a client by the address Caddy forwards (X-Forwarded-For).
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/autograde/lib.sh"
source "$(dirname "$0")/autograde/tls.sh"
command -v caddy >/dev/null || fail "caddy is missing (Debian package caddy)"
export CS351_AUTOGRADE_TOKEN="caddy-token-$$-0123456789abcdef0123456789abcdef"
write_config <<TOML
[autograde.assignments.hw1]
title = "Homework 1"
command = "echo '{\"score\": 5}' > \"\$CS351_RESULTS_PATH\""
TOML
cs351 course add CS351 2>/dev/null
cs351 course link CS351 777 2>/dev/null
C="$T/certs"
make_ca "$C"
make_cert "$C" proxy

start_bridge 1
start_caddy "$C/proxy.pem" "$C/proxy.key" "${URL#http://}"
AUTH=(-H "Authorization: Bearer $CS351_AUTOGRADE_TOKEN")
through() { curl -s --cacert "$C/ca.pem" -o "$T/body" -w '%{http_code}' "$@"; }
proxied() { [ "$(through "${AUTH[@]}" "$PROXY/v1/runs/1")" = 404 ]; }
wait_for proxied

# A Gradescope-shaped submission through Caddy, and its result by long-poll.
mkdir -p "$T/a/submission"
cp "$T/sub/main.py" "$T/a/submission/"
cat >"$T/a/submission_metadata.json" <<JSON
{"id": 4001, "created_at": "2026-11-25T15:00:00Z",
 "assignment": {"id": 55, "course_id": 777, "title": "Homework 1", "total_points": "10.0"},
 "users": [{"email": "ana@x.edu", "id": 1, "name": "Ana"}], "previous_submissions": []}
JSON
tar -C "$T/a" -cf "$T/up.tar" submission_metadata.json submission
expect_eq "$(through "${AUTH[@]}" -H "Content-Type: application/x-tar" --data-binary @"$T/up.tar" "$PROXY/v1/runs")" 201 "submission through Caddy"
RESULTS=$(json 'd["results_url"]' <"$T/body")
expect_eq "$(through "${AUTH[@]}" "$PROXY$RESULTS?wait=30")" 200 "results through Caddy"
expect_eq "$(json 'd["score"]' <"$T/body")" 5 "score through Caddy"

# A wrong token from 127.0.5.5: the bridge logs the client Caddy names, not Caddy itself.
expect_eq "$(through --interface 127.0.5.5 -H "Authorization: Bearer wrong" "$PROXY/v1/runs/1")" 401 "wrong token through Caddy"
wait_for grep -q "refused GET /v1/runs/1 from 127.0.5.0/24: 401" "$T/serve.err"
