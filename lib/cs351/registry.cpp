#include "cs351/registry.h"

#include "cs351/analytics/schema.h"
#include "cs351/analytics/settings.h"
#include "cs351/auth/schema.h"
#include "cs351/auth/settings.h"
#include "cs351/autograde/schema.h"
#include "cs351/autograde/settings.h"
#include "cs351/gradescope/schema.h"
#include "cs351/gradescope/settings.h"
#include "cs351/mail/schema.h"
#include "cs351/mail/settings.h"
#include "cs351/roster/schema.h"
#include "cs351/roster/settings.h"
#include "cs351/store/schema.h"
#include "cs351/store/settings.h"
#include "cs351/usage/schema.h"
#include "cs351/usage/settings.h"

namespace cs351 {
namespace {

template <typename T>
void append(std::vector<T>& to, const std::vector<T>& from) {
  to.insert(to.end(), from.begin(), from.end());
}

}  // namespace

const store::Migrations& all_migrations() {
  static const store::Migrations list = [] {
    store::Migrations out;
    // Order matters: later components reference earlier ones' tables.
    for (const auto* part : {&store::migrations(), &roster::migrations(), &gradescope::migrations(),
                             &auth::migrations(), &mail::migrations(), &autograde::migrations(),
                             &analytics::migrations(), &usage::migrations()}) {
      append(out, *part);
    }
    return out;
  }();
  return list;
}

const std::vector<SettingSpec>& all_settings() {
  static const std::vector<SettingSpec> list = [] {
    std::vector<SettingSpec> out;
    for (const auto part :
         {store::settings(), roster::settings(), gradescope::settings(), auth::settings(),
          mail::settings(), autograde::settings(), analytics::settings(), usage::settings()}) {
      out.insert(out.end(), part.begin(), part.end());
    }
    return out;
  }();
  return list;
}

}  // namespace cs351
