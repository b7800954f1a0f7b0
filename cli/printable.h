#pragma once
// Terminal-bound text made harmless (defined in output.cpp, where tables use it).

#include <string>

namespace cs351::cli {

// Every C0/C1 control character and DEL shown as an escape ("\x1b", "\u009b");
// `keep_lines` leaves newlines and tabs as they are.
std::string printable(const std::string& text, bool keep_lines);

}  // namespace cs351::cli
