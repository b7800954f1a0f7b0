#include "cs351/store/change.h"

namespace cs351::store {

const char* change_name(Change c) {
  switch (c) {
    case Change::inserted:
      return "inserted";
    case Change::updated:
      return "updated";
    case Change::unchanged:
      break;
  }
  return "unchanged";
}

void Tally::add(Change c) {
  switch (c) {
    case Change::inserted:
      ++inserted;
      break;
    case Change::updated:
      ++updated;
      break;
    case Change::unchanged:
      ++unchanged;
      break;
  }
}

Tally& Tally::operator+=(const Tally& other) {
  inserted += other.inserted;
  updated += other.updated;
  unchanged += other.unchanged;
  return *this;
}

}  // namespace cs351::store
