#pragma once
// Insert-or-update of one row keyed by some columns, touching the row only when
// a value changed (so a re-sync changes nothing), and a unit of work that is a
// transaction on its own or a savepoint inside one (dry runs roll back the lot).

#include <SQLiteCpp/Database.h>

#include <cstdint>
#include <string>
#include <variant>
#include <vector>

#include "cs351/roster/course.h"
#include "cs351/store/change.h"

namespace cs351::gradescope {

using Value = std::variant<std::monostate, std::int64_t, double, std::string>;

struct Column {
  std::string name;
  Value value;
};

struct Upserted {
  store::Change change;
  std::int64_t id;
};

// `table` and column names come from code, never from input. Sets updated_at = `now` on change.
Upserted upsert_row(SQLite::Database& db, const std::string& table, const std::vector<Column>& key,
                    const std::vector<Column>& values, const std::string& now);

// BEGIN IMMEDIATE ... COMMIT when no transaction is open, else SAVEPOINT ... RELEASE.
// Rolled back unless commit() is called.
class WriteUnit {
 public:
  explicit WriteUnit(SQLite::Database& db);
  ~WriteUnit();
  WriteUnit(const WriteUnit&) = delete;
  WriteUnit& operator=(const WriteUnit&) = delete;
  void commit();

 private:
  SQLite::Database& m_db;
  bool m_savepoint;
  bool m_done = false;
};

using store::Tally;

}  // namespace cs351::gradescope
