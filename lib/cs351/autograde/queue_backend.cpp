#include "cs351/autograde/queue_backend.h"
#include "cs351/autograde/settings.h"

#include <fmt/format.h>

#include "cs351/autograde/assignment_config.h"
#include "cs351/autograde/pg_queue.h"
#include "cs351/autograde/pg_schema.h"
#include "cs351/autograde/service.h"
#include "cs351/autograde/sqlite_queue.h"
#include "cs351/core/password_command.h"

namespace cs351::autograde {

std::optional<PgTarget> pg_target(const Config& config) {
  const std::string url = config.get(keys::queue_url).value_or("");
  if (url.empty()) return std::nullopt;
  if (redact_url(url) != url) {
    throw config_error(fmt::format(
        "autograde.queue_url ({}) holds a password; give it through PGPASSWORD, ~/.pgpass or "
        "autograde.password_command instead",
        redact_url(url)));
  }
  PgTarget target{url, std::nullopt};
  if (auto command = config.get(keys::password_command); command && !command->empty())
    target.password = run_password_command(*command, "autograde.password_command");
  return target;
}

QueueOpener queue_opener(const Config& config, QueueUser user) {
  auto target = pg_target(config);
  if (target && user == QueueUser::worker) target->application_name = worker_application_name();
  if (!target) {
    return [](store::Store& local) -> std::unique_ptr<Queue> {
      return std::make_unique<SqliteQueue>(local.db(), artifacts_dir(local));
    };
  }
  // A stored file is never larger than the largest submission.
  const std::uint64_t max_blob = config.value(keys::max_submission_size);
  return [target = *target, max_blob](store::Store&) -> std::unique_ptr<Queue> {
    return std::make_unique<PgQueue>(target, max_blob);
  };
}

std::unique_ptr<Queue> open_queue(const Config& config, store::Store& local) {
  return queue_opener(config)(local);
}

std::optional<QueueMigration> migrate_queue(const Config& config) {
  const auto target = pg_target(config);
  if (!target) return std::nullopt;
  PgConnection conn(*target);
  const auto m = migrate_pg_schema(conn);
  return QueueMigration{conn.shown_url(), m.from, m.to};
}

std::string queue_description(const Config& config, const store::Store& local) {
  const std::string url = config.get(keys::queue_url).value_or("");
  if (url.empty()) return "SQLite store " + local.path().string();
  return "PostgreSQL " + redact_url(url);
}

}  // namespace cs351::autograde
