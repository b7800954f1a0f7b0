#pragma once
// GET /courses/{c}/assignments/{a}/extensions: we read the course time zone
// Gradescope shows there (the assignment dates are wall times in it).

#include <string>
#include <string_view>

namespace cs351::gradescope {

// EditExtension props `timezone.identifier` ("America/New_York"). Throws
// PageStructureError when the component or the key is missing.
std::string parse_extensions_timezone(std::string_view html, const std::string& page);

}  // namespace cs351::gradescope
