#pragma once
// Files and directories that hold the store, its config and its secrets are
// created owner-only: the store holds every student's data and the config the
// bridge token. Existing paths are never widened or narrowed.

#include <filesystem>

namespace cs351 {

// Creates `dir` and each missing parent with mode 0700; an Error (exit 1) on failure.
void create_private_directories(const std::filesystem::path& dir);

// Creates `file` empty with mode 0600 unless it exists (so SQLite, which
// gives its -wal and -shm files the store's mode, never makes them 0644).
void create_private_file(const std::filesystem::path& file);

}  // namespace cs351
