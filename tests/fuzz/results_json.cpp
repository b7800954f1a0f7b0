// A grader's results.json, as the worker and `autograde submit` read it.
#include "cs351/autograde/results.h"
#include "fuzz_common.h"

CS351_FUZZ_TARGET(cs351::autograde::validate_results(input))
