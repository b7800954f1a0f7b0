#pragma once
// Waiting behind an interface, beside Clock: production code sleeps, unit tests
// pass a sleeper that advances a ManualClock (and records the waits).

#include <chrono>
#include <functional>

namespace cs351 {

using Sleeper = std::function<void(std::chrono::milliseconds)>;

// std::this_thread::sleep_for.
Sleeper real_sleeper();

}  // namespace cs351
