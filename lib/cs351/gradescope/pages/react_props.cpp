#include "cs351/gradescope/pages/react_props.h"
#include "cs351/core/json.h"

#include <fmt/format.h>

#include "cs351/gradescope/pages/page_error.h"

namespace cs351::gradescope {

nlohmann::json react_props(const html::Document& doc, const std::string& component,
                           const std::string& page) {
  const std::string selector = fmt::format("[data-react-class=\"{}\"]", component);
  html::Node node =
      html::find_first(doc.root(), html::with_attr("", "data-react-class", component));
  if (node == nullptr) throw PageStructureError(page, selector);
  const auto props = html::attr(node, "data-react-props");
  if (!props) throw PageStructureError(page, selector + "@data-react-props");
  auto parsed = parse_json(*props);
  if (parsed.is_discarded() || !parsed.is_object())
    throw PageStructureError(page, component + " props (valid JSON object)");
  return parsed;
}

const nlohmann::json& require_key(const nlohmann::json& object, const std::string& key,
                                  nlohmann::json::value_t kind, const std::string& where,
                                  const std::string& page) {
  const auto it = object.find(key);
  if (!object.is_object() || it == object.end() || it->type() != kind) {
    throw PageStructureError(page, fmt::format("{} key \"{}\"", where, key));
  }
  return *it;
}

std::optional<std::string> json_text_field(const nlohmann::json& object, const std::string& key) {
  if (!object.is_object()) return std::nullopt;
  const auto it = object.find(key);
  if (it == object.end()) return std::nullopt;
  if (it->is_string()) return it->get<std::string>();
  if (it->is_number_integer()) return std::to_string(it->get<std::int64_t>());
  if (it->is_number()) return fmt::format("{}", it->get<double>());
  return std::nullopt;
}

}  // namespace cs351::gradescope
