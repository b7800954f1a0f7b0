# Shared by the usage tests. Source after ../lib.sh.
U="$FIXTURES/usage"

# usage_class NAME...: course CS351 (UTC) with NAME@example.edu enrolled as a student for
# each NAME (lower case; its roster name capitalised). The class list stays in $T/roster.csv.
usage_class() {
  local name
  cs351 course add CS351 --name Cloud --timezone UTC >/dev/null 2>&1
  {
    echo 'email,name,role,status'
    for name in "$@"; do echo "$name@example.edu,${name^},student,enrolled"; done
  } >"$T/roster.csv"
  cs351 roster import "$T/roster.csv" --course CS351 >/dev/null 2>&1
}
