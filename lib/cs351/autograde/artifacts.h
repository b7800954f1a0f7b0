#pragma once
// Content-addressed submissions: every file is a blob named by its SHA-256,
// and a submission is a manifest blob listing its files. A run keeps only the
// manifest's id, so the submitter's directory may vanish. Blobs live in a
// directory beside the store (SQLite queue) or in the database every worker
// host reads (PostgreSQL queue).

#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "cs351/autograde/submission.h"

namespace cs351::autograde {

// Where blobs are kept. `put` stores bytes under their hex SHA-256 `id` (a
// no-op when present); `get` returns nullopt for an unknown id.
class BlobStore {
 public:
  virtual ~BlobStore() = default;
  virtual void put(const std::string& id, const std::string& bytes) const = 0;
  virtual std::optional<std::string> get(const std::string& id) const = 0;
  virtual std::string where() const = 0;  // for messages: a directory, "the PostgreSQL queue"
};

class ArtifactStore {
 public:
  // Blobs in files under `root`, created on first write (usually <store data dir>/artifacts).
  explicit ArtifactStore(std::filesystem::path root);
  explicit ArtifactStore(std::shared_ptr<const BlobStore> blobs) : m_blobs(std::move(blobs)) {}

  // Stores `files` and returns the submission id (hex SHA-256 of its manifest).
  // Identical submissions share one id and one copy of each file.
  std::string put_submission(const std::vector<SubmissionFile>& files) const;

  // The files of submission `id`; a data Error when it or one of its blobs is missing or altered.
  std::vector<SubmissionFile> get_submission(const std::string& id) const;

 private:
  std::string put_blob(const std::string& bytes) const;
  std::string get_blob(const std::string& hex) const;

  std::shared_ptr<const BlobStore> m_blobs;
};

// "must be 64 lower-case hex digits": a data Error otherwise.
void check_artifact_id(const std::string& hex);

}  // namespace cs351::autograde
