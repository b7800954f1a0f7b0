#include "cli/progress.h"

#include <fmt/format.h>

#include <cmath>
#include <ostream>

namespace cs351::cli {
namespace {

constexpr auto k_redraw_interval = std::chrono::milliseconds(100);

// "45s", "23m05s", "2h03m": as exact as a glance needs.
std::string eta_text(long seconds) {
  if (seconds < 60) return fmt::format("{}s", seconds);
  if (seconds < 3600) return fmt::format("{}m{:02}s", seconds / 60, seconds % 60);
  return fmt::format("{}h{:02}m", seconds / 3600, seconds % 3600 / 60);
}

}  // namespace

std::string progress_line(long done, long total, double seconds) {
  auto line = fmt::format("[{}/{}]", done, total);
  if (total > 0) line += fmt::format(" {}%", done * 100 / total);
  if (done == 0 || seconds <= 0) return line;
  const double rate = done / seconds;
  line += rate >= 10 ? fmt::format("  {:.0f}/s", rate) : fmt::format("  {:.1f}/s", rate);
  if (done < total) {
    line += "  ETA " + eta_text(std::max(1L, std::lround((total - done) / rate)));
  }
  return line;
}

Progress::Progress(const Context& ctx)
    : m_err(ctx.err()),
      m_enabled(!ctx.options.quiet && ctx.stderr_is_tty()),
      m_start(std::chrono::steady_clock::now()) {}

Progress::~Progress() {
  clear();
}

void Progress::update(long done, long total, const std::string& step) {
  if (!m_enabled) return;
  const auto now = std::chrono::steady_clock::now();
  if (m_shown && done < total && step == m_step && now - m_last_draw < k_redraw_interval) return;
  m_step = step;
  const double seconds = std::chrono::duration<double>(now - m_start).count();
  status(progress_line(done, total, seconds) + (step.empty() ? "" : "  " + step));
}

void Progress::status(const std::string& line) {
  if (!m_enabled) return;
  m_err << "\r\033[K" << line << std::flush;
  m_shown = true;
  m_last_draw = std::chrono::steady_clock::now();
}

void Progress::clear() {
  if (!m_shown) return;
  m_err << "\r\033[K" << std::flush;
  m_shown = false;
}

}  // namespace cs351::cli
