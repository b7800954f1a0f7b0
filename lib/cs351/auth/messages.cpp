#include "cs351/auth/messages.h"
#include "cs351/auth/settings.h"

#include <fmt/format.h>

#include <filesystem>
#include <fstream>
#include <iterator>

#include "cs351/core/error.h"
#include "cs351/core/text.h"

namespace cs351::auth {
namespace {

const mail::MessageTemplate k_login{"Your {{course}} login link",
                                    R"(Hello {{name}},

Here is your link to log in to {{course}}:

{{link}}

It works once and expires at {{expires}} (in {{valid_for}}).
If you did not ask for it, ignore this email: nobody can log in without the link.
)",
                                    R"(<p>Hello {{name}},</p>
<p>Here is your link to log in to {{course}}:</p>
<p><a href="{{link}}">Log in</a></p>
<p>It works once and expires at {{expires}} (in {{valid_for}}).<br>
If you did not ask for it, ignore this email: nobody can log in without the link.</p>
)"};

const mail::MessageTemplate k_onboard{"You are invited to join the {{course}} staff",
                                      R"(Hello {{name}},

You have been added to the {{course}} staff ({{role}}). Open this link to set up your access:

{{link}}

It works once and expires at {{expires}} (in {{valid_for}}). After that, you log in with
links sent to this address.
If you were not expecting this, ignore this email.
)",
                                      R"(<p>Hello {{name}},</p>
<p>You have been added to the {{course}} staff ({{role}}). Open this link to set up your access:</p>
<p><a href="{{link}}">Set up my access</a></p>
<p>It works once and expires at {{expires}} (in {{valid_for}}). After that, you log in with
links sent to this address.<br>If you were not expecting this, ignore this email.</p>
)"};

// Replaces `part` with the file's contents when the file exists.
void override_part(const std::filesystem::path& file, std::string& part) {
  std::error_code ec;
  if (!std::filesystem::exists(file, ec)) return;
  std::ifstream in(file, std::ios::binary);
  if (!in) throw config_error(fmt::format("{}: cannot read template", file.string()));
  part.assign(std::istreambuf_iterator<char>(in), {});
  if (auto bad = invalid_utf8_at(part)) {
    throw config_error(fmt::format("{}: invalid UTF-8 at byte {}", file.string(), *bad));
  }
}

}  // namespace

LinkSettings load_link_settings(const Config& config) {
  LinkSettings s;
  s.base_url = config.get(keys::base_url).value_or("");
  s.login_ttl = config.value(keys::login_ttl);
  s.onboard_ttl = config.value(keys::onboard_ttl);
  s.min_interval = config.value(keys::min_interval);
  s.templates_dir = config.get(keys::templates).value_or("");
  return s;
}

const std::vector<std::string>& template_placeholders() {
  static const std::vector<std::string> names{"name",      "email",   "link",   "expires",
                                              "valid_for", "purpose", "course", "role"};
  return names;
}

mail::MessageTemplate load_template(const LinkSettings& settings, Purpose purpose) {
  auto t = purpose == Purpose::login ? k_login : k_onboard;
  std::string source = "built-in template";
  if (!settings.templates_dir.empty()) {
    const std::filesystem::path dir(settings.templates_dir);
    if (!std::filesystem::is_directory(dir)) {
      throw config_error(fmt::format("magic_link.templates: {} is not a directory", dir.string()));
    }
    const std::string stem = purpose_name(purpose);
    override_part(dir / (stem + ".subject"), t.subject);
    t.subject = std::string(trim(t.subject));
    override_part(dir / (stem + ".txt"), t.text);
    override_part(dir / (stem + ".html"), t.html);
    source = (dir / stem).string() + ".*";
  }
  mail::check_template(t, template_placeholders(), source);
  return t;
}

}  // namespace cs351::auth
