#include "cs351/autograde/artifacts.h"
#include "cs351/core/json.h"
#include "cs351/core/write_error.h"

#include <fmt/format.h>
#include <unistd.h>

#include <algorithm>
#include <fstream>
#include <iterator>
#include <nlohmann/json.hpp>

#include "cs351/core/crypto.h"
#include "cs351/core/error.h"

namespace cs351::autograde {
namespace fs = std::filesystem;

fs::path ArtifactStore::blob_path(const std::string& hex) const {
  if (hex.size() != 64 || hex.find_first_not_of("0123456789abcdef") != std::string::npos) {
    throw data_error(fmt::format("'{}' is not an artifact id", hex));
  }
  return m_root / hex.substr(0, 2) / hex.substr(2);
}

// Written to a private temp name and renamed, so a reader never sees half a blob
// and two writers of the same content do not disturb each other.
std::string ArtifactStore::put_blob(const std::string& bytes) const {
  const std::string hex = hex_encode(sha256(bytes));
  const fs::path path = blob_path(hex);
  std::error_code ec;
  if (fs::exists(path, ec)) return hex;
  fs::create_directories(path.parent_path());
  const fs::path tmp = path.parent_path() / fmt::format(".{}.{}.{}", path.filename().string(),
                                                        getpid(), hex_encode(random_bytes(4)));
  {
    std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
    out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    if (!out.flush()) throw cannot_write(tmp.string());
  }
  fs::rename(tmp, path);
  return hex;
}

std::string ArtifactStore::get_blob(const std::string& hex) const {
  std::ifstream in(blob_path(hex), std::ios::binary);
  if (!in) throw data_error(fmt::format("artifact {} is missing from {}", hex, m_root.string()));
  std::string bytes(std::istreambuf_iterator<char>(in), {});
  if (hex_encode(sha256(bytes)) != hex)
    throw data_error(fmt::format("artifact {} is corrupt", hex));
  return bytes;
}

std::string ArtifactStore::put_submission(const std::vector<SubmissionFile>& files) const {
  // Listed by path, so the same files give the same id (the dedupe key)
  // whatever order an archive or a directory listing delivered them in.
  std::vector<const SubmissionFile*> sorted;
  for (const auto& f : files) sorted.push_back(&f);
  std::sort(sorted.begin(), sorted.end(),
            [](const auto* a, const auto* b) { return a->path < b->path; });
  nlohmann::json manifest = nlohmann::json::array();
  for (const auto* p : sorted) {
    const auto& f = *p;
    manifest.push_back(
        {{"path", f.path}, {"sha256", put_blob(f.content)}, {"executable", f.executable}});
  }
  return put_blob(manifest.dump());
}

std::vector<SubmissionFile> ArtifactStore::get_submission(const std::string& id) const {
  std::vector<SubmissionFile> files;
  const auto manifest = parse_json(get_blob(id));
  if (!manifest.is_array())
    throw data_error(fmt::format("artifact {} is not a submission manifest", id));
  for (const auto& entry : manifest) {
    files.push_back({entry.value("path", ""), get_blob(entry.value("sha256", "")),
                     entry.value("executable", false)});
  }
  return files;
}

}  // namespace cs351::autograde
