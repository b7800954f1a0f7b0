// Gradescope's submission_metadata.json, as the bridge and `autograde submit` read it.
#include "cs351/autograde/gradescope_metadata.h"
#include "fuzz_common.h"

CS351_FUZZ_TARGET(cs351::autograde::parse_submission_metadata(input))
