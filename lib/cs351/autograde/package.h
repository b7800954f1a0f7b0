#pragma once
// `cs351 autograde package`: the autograder zip an instructor uploads to
// Gradescope. It holds setup.sh, run_autograder, the Python client
// (gradescope/cs351_client.py, which speaks the bridge protocol as `submit`
// does) and cs351_connection.json (server URL, bridge token, optional CA
// certificate, deadline). The container needs only sh and python3 >= 3.6.

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "cs351/autograde/zip.h"

namespace cs351::autograde {

struct PackageOptions {
  std::string server;      // the bridge's base URL
  std::string token;       // autograde.token
  std::string assignment;  // the [autograde.assignments.NAME] it is for (for the logs)
  std::string ca_cert;     // PEM the client trusts besides the system store; may be empty
  std::chrono::milliseconds deadline{9 * 60 * 1000};
};

// The zip's entries. Usage Error (exit 2) for a server URL that would carry the
// token unencrypted or a deadline outside 1s..39m; config Error (78) without a
// token; data Error (65) for a CA file that holds no PEM certificate.
std::vector<ZipEntry> package_entries(const PackageOptions& options);

// Writes the zip to `out` (mode 0600: it holds the token) through a temp file,
// so a failed write leaves nothing behind. Returns its size in bytes.
std::uintmax_t write_package(const PackageOptions& options, const std::filesystem::path& out);

// The files shipped in the binary (generated from gradescope/ by CMake).
const char* shipped_setup_sh();
const char* shipped_run_autograder();
const char* shipped_client_py();

}  // namespace cs351::autograde
