#include "cs351/gradescope/pages/page_error.h"

#include <fmt/format.h>

namespace cs351::gradescope {

PageStructureError::PageStructureError(std::string page, std::string expected)
    : Error(ExitCode::data,
            fmt::format("{} not found on {} (has Gradescope changed? run: cs351 gradescope check)",
                        expected, page)),
      m_page(std::move(page)),
      m_expected(std::move(expected)) {}

}  // namespace cs351::gradescope
