#!/usr/bin/env bash
# Canvas gradebook exports (three real layouts) through `roster import`: the SID from
# SIS User ID, the name from Student, the email from SIS Login ID or --email-domain,
# Canvas's ID kept as the LMS id, and its placeholder rows skipped and counted.
source "$(dirname "$0")/lib.sh"
R="$FIXTURES/rosters"
cs351 course add CS351 2>/dev/null
db="$XDG_DATA_HOME/cs351/cs351.db"
people() { sqlite3 -separator ' | ' "$db" "SELECT email, sid, first_name, last_name, lms_id FROM people WHERE email IN ($1) ORDER BY email"; }
people_count() { sqlite3 "$db" "SELECT count(*) FROM people"; }

# KTH (Swedish locale): addresses in SIS Login ID, one Points Possible row.
run cs351 roster import "$R/canvas_kth_sv.csv" --course CS351
expect_rc 0 "kth"
expect_contains "$ERR" "skipped 1 row (line 2: Points Possible)"
expect_contains "$ERR" "inserted 2"
expect_eq "$(people "'asa.lindqvist@example.se', 'oskar.berg@example.se'")" \
"asa.lindqvist@example.se | asalind | Åsa Maria | Lindqvist | 12345
oskar.berg@example.se | oskberg | Oskar | Berg | 67890" "kth people"

# Quercus 2018: one bare UTORid, one address. Without --email-domain: refused, the row
# and the fix named, nothing written.
before=$(people_count)
run cs351 roster import "$R/canvas_quercus_2018.csv" --course CS351
expect_rc 65 "quercus without --email-domain"
expect_contains "$ERR" "canvas_quercus_2018.csv:3: SIS Login ID 'riveraan' of 'Rivera, Ana' is not an email address: pass --email-domain DOMAIN to use riveraan@DOMAIN"
expect_eq "$(people_count)" "$before" "nothing imported"
run cs351 roster import "$R/canvas_quercus_2018.csv" --course CS351 --email-domain mail.example.ca --format json
expect_rc 0 "quercus with --email-domain"
expect_eq "$(echo "$OUT" | json 'd["skipped"]')" "['line 2: Points Possible', 'line 5: Test Student']" "skipped rows"
expect_eq "$(people "'riveraan@mail.example.ca', 'chidi.okafor@mail.example.ca'")" \
"chidi.okafor@mail.example.ca | 1001730000 | Chidi | Okafor | 125822
riveraan@mail.example.ca | 1001729999 | Ana | Rivera | 125821" "quercus people"
run cs351 roster list --course CS351 --format json
expect_eq "$(echo "$OUT" | json '[r["sections"] for r in d if r["email"]=="riveraan@mail.example.ca"][0]')" \
  "['CSC300H1-F-LEC0101-20189', 'DINA-Tut0101']" "sections joined with ' and '"
expect_eq "$(echo "$OUT" | json '[r for r in d if "test" in r["email"]]')" "[]" "no Test Student"

# Plom/UBC: the Muted label row, "First Last" names, non-address logins.
run cs351 roster import "$R/canvas_plom_muted.csv" --course CS351 --email-domain student.example.ca
expect_rc 0 "plom"
expect_contains "$ERR" "skipped 3 rows (line 2: Muted, line 3: Points Possible, line 6: Test Student)"
expect_eq "$(people "'abcdefghij01@student.example.ca', 'abcdefghij02@student.example.ca'")" \
"abcdefghij01@student.example.ca | 12345678 | Mei | Tanaka | 42
abcdefghij02@student.example.ca | 12345679 | Ravi | Shankar | 43" "plom people"

# A row with neither an address nor a login names the fix.
printf 'Student,ID,SIS User ID,SIS Login ID,Section\n"Doe, Dana",7,S7,,L01\n' >"$T/nologin.csv"
run cs351 roster import "$T/nologin.csv" --course CS351 --email-domain x.edu
expect_rc 65 "no login"
expect_contains "$ERR" "nologin.csv:2: 'Doe, Dana' has no SIS Login ID, so no email"

# Re-importing changes nothing.
run cs351 roster import "$R/canvas_kth_sv.csv" --course CS351
expect_rc 0 "kth again"
expect_contains "$ERR" "unchanged 2"
