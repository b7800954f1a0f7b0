#pragma once
// What an upsert did to one record, and a count of them: the one vocabulary every
// module's imports and syncs report in ("inserted 3, updated 1, unchanged 40").

namespace cs351::store {

enum class Change { inserted, updated, unchanged };
const char* change_name(Change c);

struct Tally {
  int inserted = 0, updated = 0, unchanged = 0;
  void add(Change c);
  Tally& operator+=(const Tally& other);
  int total() const { return inserted + updated + unchanged; }
};

}  // namespace cs351::store
