#pragma once
// Stable pseudonyms for reports that must not show who is who.

#include <string>

namespace cs351 {

// "student-3f2a9c1b": the first 8 hex digits of SHA-256(salt "\n" id); the same
// salt and id always give the same pseudonym.
std::string pseudonym(const std::string& salt, const std::string& id);

}  // namespace cs351
