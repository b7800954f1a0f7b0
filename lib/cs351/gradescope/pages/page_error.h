#pragma once
// The one way a parser says "Gradescope changed": which page, and what was
// expected there and not found (a selector, a React class, a JSON key, a CSV header).

#include <string>

#include "cs351/core/error.h"

namespace cs351::gradescope {

class PageStructureError : public Error {
 public:
  PageStructureError(std::string page, std::string expected);
  const std::string& page() const { return m_page; }
  const std::string& expected() const { return m_expected; }

 private:
  std::string m_page;
  std::string m_expected;
};

}  // namespace cs351::gradescope
