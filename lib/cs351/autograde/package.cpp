#include "cs351/autograde/package.h"

#include <fmt/format.h>

#include <nlohmann/json.hpp>

#include "cs351/autograde/bridge_client.h"
#include "cs351/core/duration.h"
#include "cs351/core/error.h"
#include "cs351/core/private_files.h"

namespace cs351::autograde {
namespace {

using namespace std::chrono_literals;
constexpr auto k_max_deadline = 39min;  // below Gradescope's 40-minute ceiling

std::string connection_json(const PackageOptions& o) {
  nlohmann::json doc{{"server", o.server},
                     {"token", o.token},
                     {"assignment", o.assignment},
                     {"deadline", format_duration(o.deadline)}};
  if (!o.ca_cert.empty()) doc["ca_cert"] = o.ca_cert;
  return doc.dump(2) + "\n";
}

void check(const PackageOptions& o) {
  if (const auto problem = insecure_server(o.server))
    throw usage_error("the server URL: " + *problem);
  if (o.token.empty())
    throw config_error("autograde.token is not set: the zip must carry the bridge's token");
  if (o.deadline < 1s || o.deadline > k_max_deadline)
    throw usage_error(
        fmt::format("the deadline {} must be between 1s and {} (Gradescope stops at 40m)",
                    format_duration(o.deadline), format_duration(k_max_deadline)));
  if (!o.ca_cert.empty() && o.ca_cert.find("-----BEGIN CERTIFICATE-----") == std::string::npos)
    throw data_error("the CA file holds no PEM certificate (-----BEGIN CERTIFICATE-----)");
}

}  // namespace

std::vector<ZipEntry> package_entries(const PackageOptions& options) {
  check(options);
  return {{"setup.sh", shipped_setup_sh(), true},
          {"run_autograder", shipped_run_autograder(), true},
          {"cs351_client.py", shipped_client_py(), true},
          {"cs351_connection.json", connection_json(options), false}};
}

std::uintmax_t write_package(const PackageOptions& options, const std::filesystem::path& out) {
  const auto bytes = write_zip(package_entries(options));
  write_file_atomically(out, bytes);
  return bytes.size();
}

}  // namespace cs351::autograde
