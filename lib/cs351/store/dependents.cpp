#include "cs351/store/dependents.h"

#include <SQLiteCpp/Statement.h>
#include <fmt/format.h>

#include <functional>
#include <stdexcept>

namespace cs351::store {
namespace {

struct ForeignKey {
  std::string child, column, parent_column;
};

// Foreign keys of every table that point at `parent`.
std::vector<ForeignKey> children_of(SQLite::Database& db, const std::string& parent) {
  std::vector<ForeignKey> out;
  SQLite::Statement tables(db,
                           "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE "
                           "'sqlite_%' ORDER BY name");
  while (tables.executeStep()) {
    const auto child = tables.getColumn(0).getString();
    SQLite::Statement fks(db, "SELECT \"table\", \"from\", \"to\" FROM pragma_foreign_key_list(?)");
    fks.bind(1, child);
    while (fks.executeStep()) {
      if (fks.getColumn(0).getString() != parent) continue;
      const auto to = fks.getColumn(2);
      out.push_back({child, fks.getColumn(1).getString(), to.isNull() ? "rowid" : to.getString()});
    }
  }
  return out;
}

// Walks the tables below `table`, each with the WHERE clause selecting its
// dependent rows (one parameter: the root id), parents before children.
void walk(SQLite::Database& db, const std::string& table, const std::string& where, int depth,
          const std::function<void(const std::string&, const std::string&)>& visit) {
  if (depth > 16) throw std::logic_error("foreign keys nest deeper than 16 tables: a cycle?");
  for (const auto& fk : children_of(db, table)) {
    const auto child_where = fmt::format("\"{}\" IN (SELECT \"{}\" FROM \"{}\" WHERE {})",
                                         fk.column, fk.parent_column, table, where);
    visit(fk.child, child_where);
    walk(db, fk.child, child_where, depth + 1, visit);
  }
}

}  // namespace

std::vector<TableRows> dependent_rows(SQLite::Database& db, const std::string& table,
                                      std::int64_t id) {
  std::vector<TableRows> out;
  walk(db, table, "rowid = ?1", 0, [&](const std::string& child, const std::string& where) {
    SQLite::Statement q(db, fmt::format("SELECT COUNT(*) FROM \"{}\" WHERE {}", child, where));
    q.bind(1, id);
    q.executeStep();
    if (const auto n = q.getColumn(0).getInt64(); n > 0) out.push_back({child, n});
  });
  return out;
}

void delete_with_dependents(SQLite::Database& db, const std::string& table, std::int64_t id) {
  std::vector<std::pair<std::string, std::string>> order;
  walk(db, table, "rowid = ?1", 0, [&](const std::string& child, const std::string& where) {
    order.emplace_back(child, where);
  });
  for (auto it = order.rbegin(); it != order.rend(); ++it) {
    SQLite::Statement q(db, fmt::format("DELETE FROM \"{}\" WHERE {}", it->first, it->second));
    q.bind(1, id);
    q.exec();
  }
  SQLite::Statement q(db, fmt::format("DELETE FROM \"{}\" WHERE rowid = ?", table));
  q.bind(1, id);
  q.exec();
}

}  // namespace cs351::store
