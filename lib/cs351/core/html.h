#pragma once
// Escaping text from outside before it goes into HTML (reports, emails).

#include <string>
#include <string_view>

namespace cs351 {

// & < > " ' as entities: safe in element content and in quoted attributes.
std::string html_escape(std::string_view text);

}  // namespace cs351
