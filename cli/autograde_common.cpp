#include "cli/autograde_common.h"

namespace cs351::cli {

const OutputFormats k_object_formats{{"json", "table"}, "json", "json"};

}  // namespace cs351::cli
