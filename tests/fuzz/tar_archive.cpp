// The bridge's upload: a tar archive, read and then unpacked into a scratch folder as the worker
// would (so names that read but cannot be written are found too).
#include <filesystem>

#include "cs351/autograde/submission.h"
#include "cs351/autograde/tar.h"
#include "fuzz_common.h"

namespace {
const std::filesystem::path& scratch() {
  return fuzz_scratch("cs351-fuzz-tar");
}
}  // namespace

CS351_FUZZ_TARGET(const auto files = cs351::autograde::read_tar(input, 1 << 20);
                  std::filesystem::remove_all(scratch());
                  cs351::autograde::write_submission_dir(files, scratch()))
