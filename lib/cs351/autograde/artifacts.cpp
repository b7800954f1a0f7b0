#include "cs351/autograde/artifacts.h"

#include <fmt/format.h>
#include <unistd.h>

#include <algorithm>
#include <fstream>
#include <iterator>
#include <nlohmann/json.hpp>

#include "cs351/core/crypto.h"
#include "cs351/core/error.h"
#include "cs351/core/json.h"
#include "cs351/core/write_error.h"

namespace cs351::autograde {
namespace fs = std::filesystem;

namespace {

class FileBlobs : public BlobStore {
 public:
  explicit FileBlobs(fs::path root) : m_root(std::move(root)) {}

  // Written to a private temp name and renamed, so a reader never sees half a blob
  // and two writers of the same content do not disturb each other.
  void put(const std::string& id, const std::string& bytes) const override {
    const fs::path path = path_of(id);
    std::error_code ec;
    if (fs::exists(path, ec)) return;
    fs::create_directories(path.parent_path());
    const fs::path tmp = path.parent_path() / fmt::format(".{}.{}.{}", path.filename().string(),
                                                          getpid(), hex_encode(random_bytes(4)));
    {
      std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
      out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
      if (!out.flush()) throw cannot_write(tmp.string());
    }
    fs::rename(tmp, path);
  }

  std::optional<std::string> get(const std::string& id) const override {
    std::ifstream in(path_of(id), std::ios::binary);
    if (!in) return std::nullopt;
    return std::string(std::istreambuf_iterator<char>(in), {});
  }

  std::string where() const override { return m_root.string(); }

 private:
  fs::path path_of(const std::string& hex) const {
    return m_root / hex.substr(0, 2) / hex.substr(2);
  }
  fs::path m_root;
};

}  // namespace

void check_artifact_id(const std::string& hex) {
  if (hex.size() != 64 || hex.find_first_not_of("0123456789abcdef") != std::string::npos) {
    throw data_error(fmt::format("'{}' is not an artifact id", hex));
  }
}

ArtifactStore::ArtifactStore(fs::path root)
    : m_blobs(std::make_shared<FileBlobs>(std::move(root))) {}

std::string ArtifactStore::put_blob(const std::string& bytes) const {
  const std::string hex = hex_encode(sha256(bytes));
  m_blobs->put(hex, bytes);
  return hex;
}

std::string ArtifactStore::get_blob(const std::string& hex) const {
  check_artifact_id(hex);
  auto bytes = m_blobs->get(hex);
  if (!bytes)
    throw data_error(fmt::format("artifact {} is missing from {}", hex, m_blobs->where()));
  if (hex_encode(sha256(*bytes)) != hex)
    throw data_error(fmt::format("artifact {} is corrupt", hex));
  return std::move(*bytes);
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
