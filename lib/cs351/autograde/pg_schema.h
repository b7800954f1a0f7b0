#pragma once
// The PostgreSQL queue's tables, numbered like the store's migrations and
// recorded in cs351_schema_version (component 'autograde'). `autograde migrate`
// applies what is pending; every other command only checks the version.

#include "cs351/autograde/pg_connection.h"

namespace cs351::autograde {

// How many migrations this binary knows.
int pg_schema_latest();

struct PgMigration {
  int from = 0;
  int to = 0;
};

// Applies pending migrations in one transaction (an advisory lock keeps two
// migrates apart), up to `up_to` (tests of the upgrade path) or the latest. A
// config Error (78) when the database is newer than this binary.
PgMigration migrate_pg_schema(PgConnection& conn, int up_to = pg_schema_latest());

// A config Error (78) unless the schema is exactly the one this binary knows:
// missing or older says to run `cs351 autograde migrate`, newer to upgrade cs351.
void require_pg_schema(PgConnection& conn);

}  // namespace cs351::autograde
