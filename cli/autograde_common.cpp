#include "cli/autograde_common.h"

namespace cs351::cli {

std::string object_format(Context& ctx) {
  return ctx.options.format.empty() ? "json" : ctx.format({"json", "table"});
}

}  // namespace cs351::cli
