#include "cs351/mail/settings.h"

namespace cs351::mail {

const std::vector<SettingSpec>& settings() {
  static const std::vector<SettingSpec> list{};
  return list;
}

}  // namespace cs351::mail
