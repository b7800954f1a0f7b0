#include "cli/commands.h"

namespace cs351::cli {

void register_roster(CLI::App& /*app*/, Context& /*ctx*/) {}

}  // namespace cs351::cli
