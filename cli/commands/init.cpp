#include <fmt/format.h>

#include <filesystem>
#include <fstream>
#include <ostream>

#include "cli/commands.h"
#include "cs351/core/config_edit.h"
#include "cs351/core/crypto.h"
#include "cs351/core/error.h"
#include "cs351/core/private_files.h"
#include "cs351/core/write_error.h"
#include "cs351/registry.h"
#include "cs351/store/settings.h"

namespace cs351::cli {
namespace {

// Writes the default config unless a file is already there, with a fresh bridge token (32
// random bytes, base64url) set, so `autograde serve` never runs on a guessable one. The token
// is the file's one real table ([autograde], at the end), set the way `config set` sets keys.
bool write_default_config(const std::filesystem::path& path) {
  if (std::filesystem::exists(path)) return false;
  create_private_directories(path.parent_path());
  const auto tmp = path.string() + ".tmp";
  std::filesystem::remove(tmp);
  create_private_file(tmp);  // the config may come to hold the bridge token
  {
    std::ofstream out(tmp);
    out << default_config_text(all_settings());
    if (!out) throw cannot_write(tmp);
  }
  set_config_string(tmp, "autograde.token", base64url_encode(random_bytes(32)));
  std::filesystem::rename(tmp, path);
  return true;
}

}  // namespace

void add_init_verbs(CLI::App& cmd, Context& ctx) {
  cmd.footer("Example:\n  cs351 init\n  cs351 --db /srv/cs351/cs351.db init");
  ctx.creates_store(&cmd, true);
  ctx.on_run(&cmd, [&ctx] {
    const auto& config = ctx.config();
    const bool wrote = write_default_config(config.file());
    const bool store_existed = std::filesystem::exists(config.value(store::keys::path));
    auto& store = ctx.store();
    ctx.out() << "store:  " << store.path().string() << (store_existed ? " (kept)" : " (created)")
              << '\n';
    ctx.out() << "config: " << config.file().string() << (wrote ? " (created)" : " (kept)") << '\n';
  });
}

}  // namespace cs351::cli
