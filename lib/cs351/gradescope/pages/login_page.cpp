#include "cs351/gradescope/pages/login_page.h"

#include "cs351/core/text.h"
#include "cs351/gradescope/pages/html.h"
#include "cs351/gradescope/pages/page_error.h"

namespace cs351::gradescope {
namespace {

bool is_login_form(html::Node n) {
  if (!html::is_tag(n, "form")) return false;
  const auto action = html::attr(n, "action").value_or("");
  return action == "/login" || action.ends_with("/login");
}

}  // namespace

std::string parse_login_token(std::string_view bytes, const std::string& page) {
  html::Document doc(bytes);
  if (html::Node form = html::find_first(doc.root(), is_login_form)) {
    if (html::Node input =
            html::find_first(form, html::with_attr("input", "name", "authenticity_token"))) {
      if (auto v = html::attr(input, "value"); v && !v->empty()) return *v;
    }
  }
  if (html::Node meta =
          html::find_first(doc.root(), html::with_attr("meta", "name", "csrf-token"))) {
    if (auto v = html::attr(meta, "content"); v && !v->empty()) return *v;
  }
  throw PageStructureError(page, "form[action=\"/login\"] input[name=\"authenticity_token\"]");
}

bool is_logged_out_page(std::string_view bytes) {
  html::Document doc(bytes);
  const auto logout_link = [](html::Node n) {
    return html::is_tag(n, "a") && html::attr(n, "href").value_or("").starts_with("/logout");
  };
  return html::find_first(doc.root(), is_login_form) != nullptr &&
         html::find_first(doc.root(), logout_link) == nullptr;
}

bool mentions_throttling(std::string_view bytes) {
  const auto lower = to_lower_ascii(bytes);
  return lower.find("too many") != std::string::npos;
}

}  // namespace cs351::gradescope
