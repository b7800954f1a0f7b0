#include "cs351/usage/settings.h"

namespace cs351::usage {

const std::vector<SettingSpec>& settings() {
  static const std::vector<SettingSpec> list{
      {"usage.prices", std::nullopt,
       "JSON price table (same shape as the shipped one) whose models replace or add to it."},
      {"usage.max_line_bytes", "67108864",
       "A transcript line longer than this is skipped (and counted) instead of read."},
  };
  return list;
}

}  // namespace cs351::usage
