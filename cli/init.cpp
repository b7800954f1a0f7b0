#include <fmt/format.h>

#include <filesystem>
#include <fstream>
#include <iostream>

#include "cli/commands.h"
#include "cs351/core/crypto.h"
#include "cs351/core/error.h"
#include "cs351/core/private_files.h"
#include "cs351/core/write_error.h"
#include "cs351/registry.h"

namespace cs351::cli {
namespace {

// The default config with a fresh bridge token (32 random bytes, base64url) set in place of
// its commented placeholder, so `autograde serve` never runs on a guessable one.
std::string config_with_token() {
  std::string text = default_config_text(all_settings());
  const std::string placeholder = "\n# token =\n";  // autograde.token: the one key named token
  const auto at = text.find(placeholder);
  if (at == std::string::npos) throw Error(ExitCode::failure, "no autograde.token in the config");
  return text.replace(at, placeholder.size(),
                      fmt::format("\ntoken = \"{}\"\n", base64url_encode(random_bytes(32))));
}

// Writes the default config unless a file is already there.
bool write_default_config(const std::filesystem::path& path) {
  if (std::filesystem::exists(path)) return false;
  create_private_directories(path.parent_path());
  const auto tmp = path.string() + ".tmp";
  std::filesystem::remove(tmp);
  create_private_file(tmp);  // the config may come to hold the bridge token
  {
    std::ofstream out(tmp);
    out << config_with_token();
    if (!out) throw cannot_write(tmp);
  }
  std::filesystem::rename(tmp, path);
  return true;
}

}  // namespace

void add_init(CLI::App& cmd, Context& ctx) {
  cmd.footer("Example:\n  cs351 init\n  cs351 --db /srv/cs351/cs351.db init");
  ctx.on_run(&cmd, [&ctx] {
    const auto& config = ctx.config();
    const bool wrote = write_default_config(config.file());
    auto& store = ctx.store();
    std::cout << "store:  " << store.path().string() << '\n';
    std::cout << "config: " << config.file().string() << (wrote ? " (created)" : " (kept)") << '\n';
  });
}

}  // namespace cs351::cli
