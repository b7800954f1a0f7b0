# The autograder zip as Gradescope runs it: `autograde package` writes it, it is
# unpacked into a root whose /autograder has Gradescope's layout, and setup.sh then
# run_autograder run inside bubblewrap with nothing of this machine but /usr (and
# /etc/ssl): no curl, no wget, no cs351, no build tree. The grading server is a
# real `serve` and worker on loopback behind a real Caddy speaking HTTPS with a
# certificate from a CA made here, the CA the zip carries. Shown: the grader's
# score arrives; a student symlink to the connection file does not carry the
# token to the server; a staff misconfiguration gives a results.json in seconds.
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/autograde/lib.sh"
source "$(dirname "$0")/autograde/tls.sh"
command -v bwrap >/dev/null && command -v caddy >/dev/null && command -v openssl >/dev/null \
  || { echo "SKIP: needs bwrap, caddy and openssl" >&2; exit 77; }
TOKEN="zip-token-$$-abcdefghijklmnopqrstuvwxyz"
export CS351_AUTOGRADE_TOKEN="$TOKEN"
bridge_course </dev/null
start_bridge 2

# A CA of our own, and a certificate for 127.0.0.1 that it signs.
TLS="$T/tls"
make_ca "$TLS"
make_cert "$TLS" server

# Caddy terminates TLS and forwards to the loopback `serve` (the reverse-proxy set-up).
start_caddy "$TLS/server.pem" "$TLS/server.key" "${URL#http://}"
SERVER="$PROXY"

run cs351 autograde package --server "$SERVER" --assignment hw1 --out "$T/hw1.zip" \
  --ca-file "$TLS/ca.pem" --deadline 60s
expect_rc 0 "package"
expect_contains "$ERR" "wrote $T/hw1.zip"
[ "$(stat -c %a "$T/hw1.zip")" = 600 ] || fail "the zip holding the token is not 0600"
[ "$(stat -c %s "$T/hw1.zip")" -lt 10000 ] || fail "the zip is not a few KB: $(stat -c %s "$T/hw1.zip")"
expect_eq "$(python3 -c 'import sys, zipfile; print(" ".join(sorted(zipfile.ZipFile(sys.argv[1]).namelist())))' "$T/hw1.zip")" \
  "cs351_client.py cs351_connection.json run_autograder setup.sh" "files in the zip"

# What bubblewrap shows the container: /usr and its symlinks, /etc/ssl, the autograder root.
MASKS=()
for tool in curl wget cs351; do
  for dir in /usr/bin /usr/local/bin /usr/sbin; do
    [ -e "$dir/$tool" ] && MASKS+=(--ro-bind /dev/null "$dir/$tool")
  done
done

# gradescope ZIP NAME [SUBMISSION-SETUP]: a fresh Gradescope root for case NAME (the one-file
# submission; SUBMISSION-SETUP runs in its submission folder), setup.sh then run_autograder
# in the sandbox. The results.json is $T/NAME/autograder/results/results.json.
gradescope() {
  local zip=$1 root="$T/$2"
  mkdir -p "$root/autograder/source" "$root/autograder/results"
  cp -r "$T/sub" "$root/autograder/submission"
  [ -z "${3:-}" ] || (cd "$root/autograder/submission" && eval "$3")
  gradescope_metadata "$((++SUBMISSION_ID))" "$2@x.edu" "${TITLE:-}" >"$root/autograder/submission_metadata.json"
  python3 -m zipfile -e "$zip" "$root/autograder/source"
  local started
  now_s
  started=$NOW_S
  bwrap --unshare-pid --unshare-ipc --die-with-parent --new-session \
    --ro-bind /usr /usr --symlink usr/bin /bin --symlink usr/lib /lib \
    --symlink usr/lib64 /lib64 --symlink usr/sbin /sbin --ro-bind /etc/ssl /etc/ssl \
    "${MASKS[@]}" --proc /proc --dev /dev --tmpfs /tmp \
    --bind "$root/autograder" /autograder --chdir /autograder \
    --clearenv --setenv PATH /usr/local/bin:/usr/bin:/bin --setenv HOME /root \
    /bin/sh -c 'for t in curl wget cs351; do [ -s "$(command -v $t)" ] && { echo "$t is visible"; exit 1; }; done
      [ ! -e '"$CS351_SOURCE_DIR"' ] || { echo "the source tree is visible"; exit 1; }
      sh /autograder/source/setup.sh && cp /autograder/source/run_autograder /autograder/run_autograder &&
      /autograder/run_autograder' >"$root/log" 2>&1 || fail "$2: the sandboxed run failed: $(cat "$root/log")"
  now_s
  ELAPSED=$((NOW_S - started))
  RESULTS="$root/autograder/results/results.json"
  [ -s "$RESULTS" ] || fail "$2: no results.json: $(cat "$root/log")"
}
SUBMISSION_ID=7000
# The grader's score is delivered through Caddy, the CA from the zip trusted.
gradescope "$T/hw1.zip" scored
expect_eq "$(json 'd["score"]' <"$RESULTS")" 9 "score delivered to Gradescope"
expect_contains "$(cat "$T/scored/log")" "cs351 client exited 0"

# A student's symlink to the connection file: never followed, so the token never leaves.
gradescope "$T/hw1.zip" leak 'ln -s /autograder/source/cs351_connection.json notes.txt'
expect_contains "$(json 'd["output"]' <"$RESULTS")" "notes.txt"
! grep -rqa "$TOKEN" "$XDG_DATA_HOME" "$T/serve.err" "$T/worker.err" \
  || fail "the bridge token reached the grading server"

# Staff misconfiguration: a wrong token, an unknown assignment. A page within 10 s.
CS351_AUTOGRADE_TOKEN="wrong-$TOKEN" cs351 autograde package --server "$SERVER" \
  --assignment hw1 --out "$T/wrong.zip" --ca-file "$TLS/ca.pem" 2>/dev/null
gradescope "$T/wrong.zip" wrongtoken
[ $ELAPSED -lt 10 ] || fail "a wrong token took ${ELAPSED}s to reach the student"
expect_contains "$(json 'd["output"]' <"$RESULTS")" "The course staff must fix the autograder configuration"
TITLE="Homework 9" gradescope "$T/hw1.zip" unknown
[ $ELAPSED -lt 10 ] || fail "an unknown assignment took ${ELAPSED}s to reach the student"
expect_contains "$(json 'd["output"]' <"$RESULTS")" "Homework 9"
expect_eq "$(json 'd["score"]' <"$RESULTS")" 0

# Without the zip's CA the certificate is refused, never trusted blindly.
python3 - "$T/hw1.zip" "$T/noca.zip" <<'PY'
import json, sys, zipfile
with zipfile.ZipFile(sys.argv[1]) as src, zipfile.ZipFile(sys.argv[2], "w") as dst:
    for name in src.namelist():
        data = src.read(name)
        if name == "cs351_connection.json":
            doc = json.loads(data)
            doc.pop("ca_cert")
            doc["deadline"] = "3s"
            data = json.dumps(doc).encode()
        dst.writestr(name, data)
PY
gradescope "$T/noca.zip" noca
expect_contains "$(json 'd["output"]' <"$RESULTS")" "CERTIFICATE_VERIFY_FAILED"
