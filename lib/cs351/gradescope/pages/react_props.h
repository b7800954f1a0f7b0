#pragma once
// Gradescope renders most instructor pages as React components whose data sit
// as JSON in `data-react-props` on `[data-react-class="Name"]`.

#include <nlohmann/json.hpp>

#include <string>

#include "cs351/gradescope/pages/html.h"

namespace cs351::gradescope {

// The props of the first element with data-react-class == `component`.
// Throws PageStructureError naming the selector, or "props (invalid JSON)".
nlohmann::json react_props(const html::Document& doc, const std::string& component,
                           const std::string& page);

// `object[key]` when present and of the wanted kind, else PageStructureError
// naming the component and the key.
const nlohmann::json& require_key(const nlohmann::json& object, const std::string& key,
                                  nlohmann::json::value_t kind, const std::string& where,
                                  const std::string& page);

// A JSON string or number as text ("100.0", 8255863 -> "8255863"); nullopt for null/absent.
std::optional<std::string> json_text_field(const nlohmann::json& object, const std::string& key);

}  // namespace cs351::gradescope
