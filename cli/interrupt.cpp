#include "cli/interrupt.h"

#include <unistd.h>

#include <csignal>

#include "cs351/core/error.h"

namespace cs351::cli {
namespace {

std::atomic<bool> g_stop_requested{false};

extern "C" void on_interrupt(int) {
  constexpr char k_message[] = "\ncs351: interrupted\n";
  (void)!write(STDERR_FILENO, k_message, sizeof k_message - 1);
  _exit(static_cast<int>(ExitCode::interrupted));
}

extern "C" void on_stop_request(int) {
  constexpr char k_message[] =
      "\ncs351: stopping after the current item (Ctrl-C again to quit now)\n";
  (void)!write(STDERR_FILENO, k_message, sizeof k_message - 1);
  g_stop_requested = true;
  std::signal(SIGINT, on_interrupt);
}

}  // namespace

void exit_on_interrupt() {
  std::signal(SIGINT, on_interrupt);
}

StopOnInterrupt::StopOnInterrupt() {
  g_stop_requested = false;
  std::signal(SIGINT, on_stop_request);
}

StopOnInterrupt::~StopOnInterrupt() {
  exit_on_interrupt();
}

bool StopOnInterrupt::requested() const {
  return g_stop_requested;
}

}  // namespace cs351::cli
