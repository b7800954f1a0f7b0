// Submission-history CSV for reports: analytics::parse_submissions_csv.
#include "cs351/analytics/submissions_import.h"
#include "fuzz_common.h"

CS351_FUZZ_TARGET(cs351::analytics::parse_submissions_csv(input, "history.csv",
                                                          "America/Indiana/Indianapolis"))
