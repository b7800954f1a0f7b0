#include "cs351/gradescope/row_upsert.h"

#include <SQLiteCpp/Statement.h>
#include <sqlite3.h>

namespace cs351::gradescope {
namespace {

void bind(SQLite::Statement& q, int index, const Value& v) {
  if (const auto* i = std::get_if<std::int64_t>(&v)) {
    q.bind(index, static_cast<int64_t>(*i));
  } else if (const auto* d = std::get_if<double>(&v)) {
    q.bind(index, *d);
  } else if (const auto* s = std::get_if<std::string>(&v)) {
    q.bind(index, *s);
  } else {
    q.bind(index);
  }
}

bool same(const SQLite::Column& stored, const Value& v) {
  if (std::holds_alternative<std::monostate>(v)) return stored.isNull();
  if (stored.isNull()) return false;
  if (const auto* i = std::get_if<std::int64_t>(&v)) return stored.getInt64() == *i;
  if (const auto* d = std::get_if<double>(&v)) return stored.getDouble() == *d;
  return stored.getString() == std::get<std::string>(v);
}

std::string where_clause(const std::vector<Column>& key) {
  std::string out;
  for (const auto& k : key) out += (out.empty() ? "" : " AND ") + k.name + " = ?";
  return out;
}

}  // namespace

Upserted upsert_row(SQLite::Database& db, const std::string& table, const std::vector<Column>& key,
                    const std::vector<Column>& values, const std::string& now) {
  std::string select = "SELECT id";
  for (const auto& v : values) select += ", " + v.name;
  SQLite::Statement find(db, select + " FROM " + table + " WHERE " + where_clause(key));
  for (std::size_t i = 0; i < key.size(); ++i) bind(find, static_cast<int>(i + 1), key[i].value);
  if (!find.executeStep()) {
    std::string names, marks;
    for (const auto* list : {&key, &values}) {
      for (const auto& c : *list) {
        names += c.name + ", ";
        marks += "?, ";
      }
    }
    SQLite::Statement insert(
        db, "INSERT INTO " + table + " (" + names + "updated_at) VALUES (" + marks + "?)");
    int n = 1;
    for (const auto* list : {&key, &values}) {
      for (const auto& c : *list) bind(insert, n++, c.value);
    }
    insert.bind(n, now);
    insert.exec();
    return {store::Change::inserted, db.getLastInsertRowid()};
  }
  const std::int64_t id = find.getColumn(0).getInt64();
  bool changed = false;
  for (std::size_t i = 0; i < values.size() && !changed; ++i)
    changed = !same(find.getColumn(static_cast<int>(i + 1)), values[i].value);
  if (!changed) return {store::Change::unchanged, id};
  std::string sets;
  for (const auto& v : values) sets += v.name + " = ?, ";
  SQLite::Statement update(db, "UPDATE " + table + " SET " + sets + "updated_at = ? WHERE id = ?");
  int n = 1;
  for (const auto& v : values) bind(update, n++, v.value);
  update.bind(n++, now);
  update.bind(n, static_cast<int64_t>(id));
  update.exec();
  return {store::Change::updated, id};
}

WriteUnit::WriteUnit(SQLite::Database& db)
    : m_db(db), m_savepoint(sqlite3_get_autocommit(db.getHandle()) == 0) {
  m_db.exec(m_savepoint ? "SAVEPOINT gradescope_unit" : "BEGIN IMMEDIATE");
}

WriteUnit::~WriteUnit() {
  if (m_done) return;
  try {
    m_db.exec(m_savepoint ? "ROLLBACK TO gradescope_unit; RELEASE gradescope_unit" : "ROLLBACK");
  } catch (const std::exception&) {
    // Nothing more can be done in a destructor; SQLite rolls back on close anyway.
  }
}

void WriteUnit::commit() {
  m_db.exec(m_savepoint ? "RELEASE gradescope_unit" : "COMMIT");
  m_done = true;
}

}  // namespace cs351::gradescope
