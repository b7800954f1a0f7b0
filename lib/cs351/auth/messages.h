#pragma once
// The emails that carry magic links: built-in templates per purpose, which
// staff may override file by file, and the settings that shape the link.

#include <chrono>
#include <optional>
#include <string>

#include "cs351/auth/token.h"
#include "cs351/core/config.h"
#include "cs351/mail/template.h"

namespace cs351::auth {

struct LinkSettings {
  std::string base_url;  // empty until magic_link.base_url is set; required to send
  std::chrono::milliseconds login_ttl{15 * 60'000};
  std::chrono::milliseconds onboard_ttl{7 * 24 * 3'600'000};
  std::chrono::milliseconds min_interval{60'000};
  std::string templates_dir;  // empty: built-in templates only

  std::chrono::milliseconds ttl_for(Purpose p) const {
    return p == Purpose::login ? login_ttl : onboard_ttl;
  }
};

// Reads magic_link.*; throws a config Error (78) for bad values.
LinkSettings load_link_settings(const Config& config);

// Placeholders a template may use.
const std::vector<std::string>& template_placeholders();

// The template for `purpose`: <dir>/<purpose>.subject|.txt|.html where present,
// the built-in part otherwise. Throws a config Error naming the file at fault.
mail::MessageTemplate load_template(const LinkSettings& settings, Purpose purpose);

}  // namespace cs351::auth
