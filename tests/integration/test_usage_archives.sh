#!/usr/bin/env bash
# usage import of hand-in archives (.tar.gz, .zip): the student from the
# archive's name, re-import adds nothing, and hostile archives (paths that
# climb out, decompression bombs) are refused with nothing imported.
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/usage/lib.sh"
usage_class ada alan
calls() { cs351 usage daily --course CS351 --format json | json 'sum(r["api_calls"] for r in d)'; }

mkdir -p "$T/handins"
tar -czf "$T/handins/ada@example.edu.tar.gz" -C "$U/claude/sniffly-ai-music" projects
(cd "$U/claude/spotter" && python3 -c "
import os, sys, zipfile
with zipfile.ZipFile(sys.argv[1], 'w', zipfile.ZIP_DEFLATED) as z:
    for d, _, fs in os.walk('projects'):
        for f in fs: z.write(os.path.join(d, f))
    z.writestr('notes/readme.txt', 'not a transcript')
" "$T/handins/alan@example.edu.zip")
run cs351 usage import "$T/handins" --course CS351
expect_rc 0 "archives"
expect_contains "$ERR" "files: read 7, unchanged 0"
expect_eq "$(calls)" 246 "calls from both archives"
run cs351 usage import "$T/handins" --course CS351
expect_rc 0 "archives again"
expect_contains "$ERR" "inserted 0,"
expect_eq "$(calls)" 246 "calls after re-importing the archives"

# A member that climbs out of the scratch folder: refused, nothing written.
python3 - "$T/evil.tar.gz" "$U/claude/ccusage/projects/project-alpha/session-alpha/chat.jsonl" <<'PY'
import sys, tarfile
with tarfile.open(sys.argv[1], "w:gz") as t:
    t.add(sys.argv[2], arcname="../../escaped.jsonl")
PY
run cs351 usage import "$T/evil.tar.gz" --course CS351 --student ada@example.edu
expect_rc 65 "path traversal"
expect_contains "$ERR" "climbs out"
[ ! -e "$T/escaped.jsonl" ] && [ ! -e "/tmp/escaped.jsonl" ] || fail "a member was written outside"

# A decompression bomb: 96 MiB of newlines in a few hundred KiB.
python3 - "$T/bomb.zip" <<'PY'
import sys, zipfile
with zipfile.ZipFile(sys.argv[1], "w", zipfile.ZIP_DEFLATED) as z:
    with z.open("projects/p/bomb.jsonl", "w") as f:
        chunk = b"\n" * (1 << 20)
        for _ in range(96):
            f.write(chunk)
PY
run cs351 usage import "$T/bomb.zip" --course CS351 --student ada@example.edu
expect_rc 65 "bomb"
expect_contains "$ERR" "compression ratio"
expect_eq "$(calls)" 246 "calls after refused archives"

# Not an archive at all, despite its name.
echo "garbage" >"$T/fake.zip"
run cs351 usage import "$T/fake.zip" --course CS351 --student ada@example.edu
expect_rc 65 "fake archive"
