#pragma once
// One line of progress on stderr for long work — "[120/1500] 8%  1.0/s  ETA 23m  sending" —
// redrawn in place, only when stderr is a terminal and -q is not given (never in cron
// mail or a pipe). Cleared when the work ends.

#include <chrono>
#include <ostream>
#include <string>

#include "cli/context.h"

namespace cs351::cli {

class Progress {
 public:
  explicit Progress(const Context& ctx);
  ~Progress();
  Progress(const Progress&) = delete;
  Progress& operator=(const Progress&) = delete;

  bool enabled() const { return m_enabled; }
  // `done` of `total` finished; `step` names what is under way. Redraws at most ten
  // times a second, and always for a new step and for the last item.
  void update(long done, long total, const std::string& step = "");
  // A line of live state without a total (e.g. the worker's queue).
  void status(const std::string& line);
  // Erases the line (before other output, and at the end).
  void clear();

 private:
  std::ostream& m_err;
  bool m_enabled;
  bool m_shown = false;
  std::string m_step;  // the last step drawn: a new step is always drawn
  std::chrono::steady_clock::time_point m_start, m_last_draw;
};

// "[120/1500] 8%  1.0/s  ETA 23m": the rate since the start and the time the rest would take.
std::string progress_line(long done, long total, double seconds);

}  // namespace cs351::cli
