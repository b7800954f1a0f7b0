# `autograde serve` speaking HTTPS itself (libmicrohttpd + GnuTLS): curl verifies it against
# a CA made here; replacing the certificate files and sending SIGHUP serves the new one
# without a restart (a broken replacement keeps the old one); unusable TLS files, half a
# pair, and plain HTTP off loopback are refused with exit 78 (plain HTTP unless --insecure-http).
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/autograde/lib.sh"
source "$(dirname "$0")/autograde/tls.sh"
export CS351_AUTOGRADE_TOKEN="tls-token-$$-0123456789abcdef0123456789abcdef"
write_config <<TOML
[autograde.assignments.hw1]
command = "true"
TOML
C="$T/certs"
make_ca "$C"
make_cert "$C" first
make_cert "$C" second
cp "$C/first.pem" "$C/live.pem"
cp "$C/first.key" "$C/live.key"

"$CS351_BIN" autograde serve --listen 127.0.0.1:0 --tls-cert "$C/live.pem" --tls-key "$C/live.key" 2>"$T/serve.err" &
SERVER=$!
on_exit 'kill $SERVER 2>/dev/null || true'
URL="$(listening_url "$T/serve.err")"
expect_contains "$URL" "https://127.0.0.1:" "the URL serve reports"
PORT="${URL##*:}"

get() { curl -s -o "$T/body" -w '%{http_code}' --cacert "$C/ca.pem" -H "Authorization: Bearer $CS351_AUTOGRADE_TOKEN" "$@"; }
expect_eq "$(get "https://127.0.0.1:$PORT/v1/runs/1")" 404 "HTTPS request verified against the CA"
expect_eq "$(json 'd["error"]' <"$T/body")" "no run 1"
expect_eq "$(get "https://localhost:$PORT/v1/runs/1")" 404 "HTTPS by host name"
expect_eq "$(served_fingerprint "$PORT")" "$(fingerprint_of "$C/first.pem")" "certificate served at start"
# Plain HTTP to the TLS port gets no answer.
code=$(curl -s -o /dev/null -w '%{http_code}' -m 5 -H "Authorization: Bearer $CS351_AUTOGRADE_TOKEN" "http://127.0.0.1:$PORT/v1/runs/1" || true)
[ "$code" != 404 ] || fail "plain HTTP was answered on the TLS port"

# A renewal: new files in place, SIGHUP, and new connections get the new certificate.
cp "$C/second.pem" "$C/live.pem"
cp "$C/second.key" "$C/live.key"
kill -HUP "$SERVER"
renewed() { [ "$(served_fingerprint "$PORT")" = "$(fingerprint_of "$C/second.pem")" ]; }
wait_for renewed
expect_contains "$(cat "$T/serve.err")" "reloaded the TLS certificate $C/live.pem"
expect_eq "$(get "https://127.0.0.1:$PORT/v1/runs/1")" 404 "HTTPS after the renewal"
kill -0 "$SERVER" || fail "the bridge died on SIGHUP"

# A broken replacement (a key that does not match): the old certificate stays, and the log says why.
cp "$C/first.key" "$C/live.key"
kill -HUP "$SERVER"
wait_for grep -q "kept the previous TLS certificate" "$T/serve.err"
expect_eq "$(served_fingerprint "$PORT")" "$(fingerprint_of "$C/second.pem")" "certificate after a broken renewal"
expect_eq "$(get "https://127.0.0.1:$PORT/v1/runs/1")" 404 "HTTPS after a broken renewal"

# Unusable TLS settings: exit 78 naming the files.
run cs351 autograde serve --listen 127.0.0.1:0 --tls-cert "$C/first.pem" --tls-key "$C/second.key"
expect_rc 78 "a certificate with another certificate's key"
expect_contains "$ERR" "are not a certificate and its key"
run cs351 autograde serve --listen 127.0.0.1:0 --tls-cert "$C/missing.pem" --tls-key "$C/first.key"
expect_rc 78 "a missing certificate file"
expect_contains "$ERR" "cannot read the TLS certificate $C/missing.pem"
run cs351 autograde serve --listen 127.0.0.1:0 --tls-cert "$C/first.pem"
expect_rc 78 "a certificate without a key"
expect_contains "$ERR" "give both --tls-cert and --tls-key"
# The config keys (here through their env variables) work as the flags do.
CS351_AUTOGRADE_TLS_CERT="$C/first.pem" CS351_AUTOGRADE_TLS_KEY="$C/second.key" run cs351 autograde serve --listen 127.0.0.1:0
expect_rc 78 "a mismatched pair from the config"
expect_contains "$ERR" "are not a certificate and its key"

# Plain HTTP off loopback: refused unless asked for, and then with a warning.
run cs351 autograde serve --listen 0.0.0.0:0
expect_rc 78 "plain HTTP on 0.0.0.0"
expect_contains "$ERR" "refusing plain HTTP on 0.0.0.0"
expect_contains "$ERR" "--insecure-http"
"$CS351_BIN" autograde serve --listen 0.0.0.0:0 --insecure-http 2>"$T/insecure.err" &
INSECURE=$!
on_exit 'kill $INSECURE 2>/dev/null || true'
wait_for grep -q "listening on http://0.0.0.0:" "$T/insecure.err"
expect_contains "$(cat "$T/insecure.err")" "warning: plain HTTP on 0.0.0.0 (--insecure-http)"
