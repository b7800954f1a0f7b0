#include "cs351/gradescope/pages/extensions_page.h"

#include "cs351/gradescope/pages/html.h"
#include "cs351/gradescope/pages/react_props.h"

namespace cs351::gradescope {

std::string parse_extensions_timezone(std::string_view bytes, const std::string& page) {
  html::Document doc(bytes);
  using json = nlohmann::json;
  const json props = react_props(doc, "EditExtension", page);
  const json& zone =
      require_key(props, "timezone", json::value_t::object, "EditExtension props", page);
  return require_key(zone, "identifier", json::value_t::string, "EditExtension props timezone",
                     page)
      .get<std::string>();
}

}  // namespace cs351::gradescope
