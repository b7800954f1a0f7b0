#include "cs351/store/store.h"

#include <fmt/format.h>

#include <sqlite3.h>

#include <chrono>
#include <map>
#include <set>
#include <thread>

#include "cs351/core/error.h"
#include "cs351/core/private_files.h"

namespace cs351::store {
namespace {

constexpr int k_busy_timeout_ms = 10'000;

// A new store and its directories are owner-only (0600 in 0700): it holds every student's data.
std::filesystem::path prepare_parent(const std::filesystem::path& path) {
  if (path.has_parent_path()) create_private_directories(path.parent_path());
  if (path != ":memory:") create_private_file(path);
  return path;
}

SQLite::Database open_db(const std::filesystem::path& path) {
  try {
    return SQLite::Database(prepare_parent(path).string(),
                            SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE | SQLite::OPEN_NOMUTEX,
                            k_busy_timeout_ms);
  } catch (const SQLite::Exception& e) {
    throw Error(ExitCode::failure,
                fmt::format("cannot open store {}: {}", path.string(), e.what()));
  }
}

std::map<std::string, int> recorded_versions(SQLite::Database& db) {
  std::map<std::string, int> out;
  SQLite::Statement q(db, "SELECT component, version FROM schema_version");
  while (q.executeStep()) out[q.getColumn(0).getString()] = q.getColumn(1).getInt();
  return out;
}

// Refuse a store that knows more than this binary does.
void check_not_newer(const std::filesystem::path& path, const std::map<std::string, int>& recorded,
                     const Migrations& migrations) {
  std::map<std::string, int> known;
  for (const auto& m : migrations) known[m.component] = std::max(known[m.component], m.version);
  for (const auto& [component, version] : recorded) {
    auto it = known.find(component);
    if (it == known.end() || version > it->second) {
      throw config_error(fmt::format(
          "store {} was written by a newer cs351 (schema {} version {}, this binary knows {}); "
          "upgrade cs351 or use another store. The store was not modified.",
          path.string(), component, version, it == known.end() ? 0 : it->second));
    }
  }
}

// WAL needs the store to itself for the switch: when two processes create the same new store at
// once (a bridge and a worker started together), SQLite answers "locked" at once instead of
// waiting in its busy handler, so the switch is retried for as long as the busy timeout.
void enable_wal(SQLite::Database& db) {
  const auto deadline =
      std::chrono::steady_clock::now() + std::chrono::milliseconds(k_busy_timeout_ms);
  for (;;) {
    try {
      db.exec("PRAGMA journal_mode=WAL");
      return;
    } catch (const SQLite::Exception& e) {
      if (e.getErrorCode() != SQLITE_BUSY || std::chrono::steady_clock::now() >= deadline) throw;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
}

}  // namespace

Store::Store(const std::filesystem::path& path) : m_path(path), m_db(open_db(path)) {
  try {
    enable_wal(m_db);
    m_db.exec("PRAGMA synchronous=NORMAL");
    m_db.exec("PRAGMA foreign_keys=ON");
    // A bulk import must not spill pages to disk mid-transaction (default cache is 2 MiB).
    m_db.exec("PRAGMA cache_size=-65536");
    m_db.exec("PRAGMA temp_store=MEMORY");
  } catch (const SQLite::Exception& e) {
    throw Error(ExitCode::failure,
                fmt::format("{} is not a usable SQLite store: {}", path.string(), e.what()));
  }
}

std::unique_ptr<Store> Store::open(const std::filesystem::path& path,
                                   const Migrations& migrations) {
  std::unique_ptr<Store> store(new Store(path));
  store->migrate(migrations);
  return store;
}

void Store::migrate(const Migrations& migrations) {
  try {
    m_db.exec(
        "CREATE TABLE IF NOT EXISTS schema_version (component TEXT PRIMARY KEY, version INTEGER "
        "NOT NULL)");
    auto recorded = recorded_versions(m_db);
    check_not_newer(m_path, recorded, migrations);
    bool pending = false;
    for (const auto& m : migrations) pending |= m.version > recorded[m.component];
    if (!pending) return;
    SQLite::Transaction tx(m_db, SQLite::TransactionBehavior::IMMEDIATE);
    recorded = recorded_versions(m_db);  // another process may have migrated meanwhile
    for (const auto& m : migrations) {
      if (m.version <= recorded[m.component]) continue;
      m_db.exec(m.sql);
      SQLite::Statement up(m_db,
                           "INSERT INTO schema_version(component, version) VALUES (?, ?) "
                           "ON CONFLICT(component) DO UPDATE SET version = excluded.version");
      up.bind(1, m.component);
      up.bind(2, m.version);
      up.exec();
      recorded[m.component] = m.version;
    }
    tx.commit();
  } catch (const SQLite::Exception& e) {
    throw Error(ExitCode::failure,
                fmt::format("cannot migrate store {}: {}", m_path.string(), e.what()));
  }
}

int schema_version(SQLite::Database& db, const std::string& component) {
  SQLite::Statement q(db, "SELECT version FROM schema_version WHERE component = ?");
  q.bind(1, component);
  return q.executeStep() ? q.getColumn(0).getInt() : 0;
}

}  // namespace cs351::store
