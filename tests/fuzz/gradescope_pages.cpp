// Every Gradescope page parser over the same bytes (HTML, CSV and JSON pages alike).
#include "cs351/gradescope/pages/account_page.h"
#include "cs351/gradescope/pages/assignments_page.h"
#include "cs351/gradescope/pages/extensions_page.h"
#include "cs351/gradescope/pages/login_page.h"
#include "cs351/gradescope/pages/roster_page.h"
#include "cs351/gradescope/pages/scores_csv.h"
#include "cs351/gradescope/pages/submissions_page.h"
#include "fuzz_common.h"

namespace gs = cs351::gradescope;

namespace {
template <typename Parse>
void attempt(Parse parse) {
  try {
    parse();
  } catch (const cs351::Error&) {
  }
}
}  // namespace

CS351_FUZZ_TARGET(attempt([&] { gs::parse_account(input); });
                  attempt([&] { gs::parse_assignments(input, "p"); });
                  attempt([&] { gs::parse_extensions_timezone(input, "p"); });
                  attempt([&] { gs::parse_login_token(input); });
                  attempt([&] { gs::is_logged_out_page(input); });
                  attempt([&] { gs::parse_memberships(input, "p"); });
                  attempt([&] { gs::parse_scores_csv(input, "p"); });
                  attempt([&] { gs::parse_submissions_manager(input, "p"); });
                  gs::parse_past_submissions(input, "p"))
