#pragma once
// The login form and the signs of a page served to a logged-out visitor.

#include <string>
#include <string_view>

namespace cs351::gradescope {

// The CSRF token: form[action="/login"] input[name="authenticity_token"]@value,
// else meta[name="csrf-token"]@content. Throws PageStructureError when neither is there.
std::string parse_login_token(std::string_view html, const std::string& page = "/login");

// A page that offers form[action="/login"] and no /logout link: the session is gone.
bool is_logged_out_page(std::string_view html);

// Gradescope's "too many attempts" page (after repeated failed logins).
bool mentions_throttling(std::string_view html);

}  // namespace cs351::gradescope
