#pragma once
// Ctrl-C. By default it ends cs351 at once with exit 130 (an open SQLite transaction
// rolls back, so nothing is half-written). Long work that can stop cleanly between
// items holds a StopOnInterrupt instead: the first Ctrl-C asks it to stop, so it can
// say what is left and how to resume; a second one ends the program as usual.

#include <atomic>

namespace cs351::cli {

// Installs the default: say "interrupted" and exit 130.
void exit_on_interrupt();

class StopOnInterrupt {
 public:
  StopOnInterrupt();
  ~StopOnInterrupt();  // back to exit_on_interrupt()
  StopOnInterrupt(const StopOnInterrupt&) = delete;
  StopOnInterrupt& operator=(const StopOnInterrupt&) = delete;

  bool requested() const;
};

}  // namespace cs351::cli
