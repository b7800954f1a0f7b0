# The store (with its -wal and -shm), config.toml and the directories cs351
# creates for them are owner-only; a --config that is a directory is refused.
source "$(dirname "$0")/lib.sh"
umask 022  # what most shells have: cs351 must not rely on a strict umask
mode() { stat -c %a "$1"; }

run cs351 init
expect_rc 0
store="$XDG_DATA_HOME/cs351/cs351.db"
config="$XDG_CONFIG_HOME/cs351/config.toml"
cs351 course add CS351 >/dev/null
for f in "$store" "$config"; do
  [ -e "$f" ] || fail "expected $f"
  expect_eq "$(mode "$f")" 600 "mode of $f"
done
# SQLite gives -wal and -shm the store's mode; they exist while a connection is open.
wal_modes=$(python3 -c "
import os, sqlite3, sys
c = sqlite3.connect(sys.argv[1]); c.execute('SELECT count(*) FROM courses').fetchall()
print(' '.join(oct(os.stat(sys.argv[1] + s).st_mode & 0o777) for s in ('-wal', '-shm')))" "$store")
expect_eq "$wal_modes" "0o600 0o600" "modes of the -wal and -shm files"
for d in "$XDG_DATA_HOME/cs351" "$XDG_CONFIG_HOME/cs351" "$XDG_DATA_HOME" "$XDG_CONFIG_HOME"; do
  expect_eq "$(mode "$d")" 700 "mode of $d"
done

# A store in an existing directory: the directory is kept as it is, the file is 0600.
mkdir -m 755 "$T/shared"
cs351 --db "$T/shared/course.db" init >/dev/null
expect_eq "$(mode "$T/shared/course.db")" 600 "mode of a --db store"
expect_eq "$(mode "$T/shared")" 755 "an existing directory is not narrowed"

run cs351 --config "$T/shared" config show
expect_rc 78 "--config DIR"
expect_contains "$ERR" "$T/shared is a directory"
