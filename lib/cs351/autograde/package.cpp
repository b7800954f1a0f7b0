#include "cs351/autograde/package.h"

#include <fcntl.h>
#include <fmt/format.h>
#include <unistd.h>

#include <cerrno>
#include <nlohmann/json.hpp>

#include "cs351/autograde/bridge_client.h"
#include "cs351/core/duration.h"
#include "cs351/core/error.h"
#include "cs351/core/write_error.h"

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

void write_all(int fd, const std::string& bytes, const std::filesystem::path& path) {
  for (std::size_t done = 0; done < bytes.size();) {
    const auto n = ::write(fd, bytes.data() + done, bytes.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) throw cannot_write(path.string());
    done += static_cast<std::size_t>(n);
  }
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
  const auto temp = std::filesystem::path(out.string() + ".tmp");
  const int fd = ::open(temp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
  if (fd < 0) throw cannot_write(temp.string());
  try {
    write_all(fd, bytes, temp);
    if (::fsync(fd) != 0) throw cannot_write(temp.string());
  } catch (...) {
    ::close(fd);
    std::filesystem::remove(temp);
    throw;
  }
  // Closed once, on every path: a failed close is not retried (the descriptor is gone).
  if (::close(fd) != 0) {
    const auto error = cannot_write(temp.string());
    std::filesystem::remove(temp);
    throw error;
  }
  std::filesystem::rename(temp, out);
  return bytes.size();
}

}  // namespace cs351::autograde
