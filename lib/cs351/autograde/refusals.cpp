#include "cs351/autograde/refusals.h"

#include <SQLiteCpp/Statement.h>

#include "cs351/core/time_format.h"
#include "cs351/store/time_column.h"

namespace cs351::autograde {

void record_refusal(SQLite::Database& db, const Refusal& refusal) {
  SQLite::Statement insert(db,
                           "INSERT INTO autograde_refusals(at, status, fault, client, message) "
                           "VALUES (?, ?, ?, ?, ?)");
  insert.bind(1, format_store_time(refusal.at));
  insert.bind(2, refusal.status);
  insert.bind(3, refusal.fault);
  insert.bind(4, refusal.client);
  insert.bind(5, refusal.message);
  insert.exec();
}

std::vector<Refusal> refusals_since(SQLite::Database& db, TimePoint since, int limit) {
  SQLite::Statement query(db,
                          "SELECT at, status, fault, client, message FROM autograde_refusals "
                          "WHERE at >= ? ORDER BY at DESC, id DESC LIMIT ?");
  query.bind(1, format_store_time(since));
  query.bind(2, limit);
  std::vector<Refusal> out;
  while (query.executeStep()) {
    out.push_back({store::read_time(query.getColumn(0)), query.getColumn(1).getInt(),
                   query.getColumn(2).getString(), query.getColumn(3).getString(),
                   query.getColumn(4).getString()});
  }
  return out;
}

}  // namespace cs351::autograde
