#pragma once
// Files and directories that hold the store, its config and its secrets are
// created owner-only: the store holds every student's data and the config the
// bridge token. Existing paths are never widened or narrowed.

#include <filesystem>
#include <string_view>

namespace cs351 {

// Creates `dir` and each missing parent with mode 0700; an Error (exit 1) on failure.
void create_private_directories(const std::filesystem::path& dir);

// Creates `file` empty with mode 0600 unless it exists (so SQLite, which
// gives its -wal and -shm files the store's mode, never makes them 0644).
void create_private_file(const std::filesystem::path& file);

// Replaces `file` with `bytes` so that a reader sees the old file or the new one, never
// part of either: a temp file (mode 0600) in the same folder, written in full, given
// `mode`, fsynced, renamed over `file`. On failure `file` is untouched and the temp file
// gone; core's cannot_write names `file` and the system's reason (exit 1).
void write_file_atomically(const std::filesystem::path& file, std::string_view bytes,
                           std::filesystem::perms mode = std::filesystem::perms::owner_read |
                                                         std::filesystem::perms::owner_write);

}  // namespace cs351
