#include "cs351/core/sleeper.h"

#include <thread>

namespace cs351 {

Sleeper real_sleeper() {
  return [](std::chrono::milliseconds d) { std::this_thread::sleep_for(d); };
}

}  // namespace cs351
