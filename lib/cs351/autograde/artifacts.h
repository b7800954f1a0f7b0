#pragma once
// The content-addressed artifact area beside the store: every file is a blob
// named by its SHA-256, and a submission is a manifest blob listing its files.
// A run keeps only the manifest's id, so the submitter's directory may vanish.

#include <filesystem>
#include <string>
#include <vector>

#include "cs351/autograde/submission.h"

namespace cs351::autograde {

class ArtifactStore {
 public:
  // `root` is created on first write (usually <store data dir>/artifacts).
  explicit ArtifactStore(std::filesystem::path root) : m_root(std::move(root)) {}

  // Stores `files` and returns the submission id (hex SHA-256 of its manifest).
  // Identical submissions share one id and one copy of each file.
  std::string put_submission(const std::vector<SubmissionFile>& files) const;

  // The files of submission `id`; a data Error when it or one of its blobs is missing or altered.
  std::vector<SubmissionFile> get_submission(const std::string& id) const;

 private:
  std::string put_blob(const std::string& bytes) const;
  std::string get_blob(const std::string& hex) const;
  std::filesystem::path blob_path(const std::string& hex) const;

  std::filesystem::path m_root;
};

}  // namespace cs351::autograde
