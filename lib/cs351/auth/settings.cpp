#include "cs351/auth/settings.h"

namespace cs351::auth {

const std::vector<SettingSpec>& settings() {
  static const std::vector<SettingSpec> list{
      {"magic_link.base_url", std::nullopt,
       "The link in the email is <base_url><token>, e.g. https://cs351.example.edu/login?token="},
      {"magic_link.login_ttl", "15m", "How long a login link stays valid."},
      {"magic_link.onboard_ttl", "7d", "How long a staff onboarding link stays valid."},
      {"magic_link.min_interval", "60s",
       "At most one link per address in this interval (0s turns the limit off)."},
      {"magic_link.templates", std::nullopt,
       "Directory of message templates overriding the built-in ones: <purpose>.subject, "
       "<purpose>.txt, <purpose>.html (purpose: login, onboard)."},
  };
  return list;
}

}  // namespace cs351::auth
