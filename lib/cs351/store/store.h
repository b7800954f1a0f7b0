#pragma once
// The SQLite store: opened with WAL, busy_timeout and foreign keys, and
// migrated forward. A store written by a newer binary is refused, never modified.

#include <SQLiteCpp/SQLiteCpp.h>

#include <filesystem>
#include <functional>
#include <memory>

#include "cs351/store/migration.h"

namespace cs351::store {

// One Store per thread: connections are opened without SQLite's mutex.
class Store {
 public:
  // Creates the file (and its directory) when missing, then applies pending
  // migrations in one IMMEDIATE transaction. Throws Error: 78 for a store from
  // a newer binary, 1 when the file cannot be opened.
  static std::unique_ptr<Store> open(const std::filesystem::path& path,
                                     const Migrations& migrations);

  SQLite::Database& db() { return m_db; }
  const std::filesystem::path& path() const { return m_path; }
  // Directory beside the store for files it owns (artifacts, cookies, locks).
  std::filesystem::path data_dir() const { return m_path.parent_path(); }

 private:
  Store(const std::filesystem::path& path);
  void migrate(const Migrations& migrations);

  std::filesystem::path m_path;
  SQLite::Database m_db;
};

// Opens another connection to one store (each thread needs its own). Modules
// that open connections take one from the caller, which knows every module's
// migrations (cs351/registry.h); a module may not name them itself.
using StoreFactory = std::function<std::unique_ptr<Store>()>;

// Version reached by `component` in `db` (0 when never migrated).
int schema_version(SQLite::Database& db, const std::string& component);

}  // namespace cs351::store
