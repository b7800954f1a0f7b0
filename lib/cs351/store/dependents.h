#pragma once
// The rows that hang off one row through foreign keys, found from the schema
// itself (PRAGMA foreign_key_list), so removing a course needs no list of the
// modules that keep data about it.

#include <SQLiteCpp/Database.h>

#include <cstdint>
#include <string>
#include <vector>

namespace cs351::store {

struct TableRows {
  std::string table;
  std::int64_t rows = 0;
};

// Every table that refers to `table`'s row `id`, directly or through another
// table, with how many of its rows do; tables with none are left out. Parents
// come before their children.
std::vector<TableRows> dependent_rows(SQLite::Database& db, const std::string& table,
                                      std::int64_t id);

// Deletes the row and everything dependent_rows counts, children first (so a
// foreign key without ON DELETE CASCADE does not stop it). The caller holds the
// transaction.
void delete_with_dependents(SQLite::Database& db, const std::string& table, std::int64_t id);

}  // namespace cs351::store
