#include "cli/commands.h"

namespace cs351::cli {

void register_mail(CLI::App& /*app*/, Context& /*ctx*/) {}

}  // namespace cs351::cli
