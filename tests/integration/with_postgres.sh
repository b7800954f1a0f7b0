# with_postgres.sh CMD...: runs CMD with CS351_TEST_QUEUE_URL naming a throwaway
# PostgreSQL cluster (postgres.sh), stopped afterwards; exit 77 (skip) when the
# server is not installed. The `.pg` twin of the queue's contract unit test runs through it.
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/postgres.sh"
start_postgres
export CS351_TEST_QUEUE_URL="$PG_URL"
"$@"
