#include "cli/terminal.h"

#include <fcntl.h>
#include <sys/ioctl.h>
#include <termios.h>
#include <unistd.h>

#include <cstdlib>
#include <iostream>

#include "cs351/core/error.h"

namespace cs351::cli {
namespace {

std::size_t stdout_width() {
  winsize size{};
  if (ioctl(STDOUT_FILENO, TIOCGWINSZ, &size) == 0 && size.ws_col > 0) return size.ws_col;
  if (const char* columns = std::getenv("COLUMNS")) return std::strtoul(columns, nullptr, 10);
  return 0;
}

TerminalTraits detect_traits() {
  TerminalTraits t;
  t.stdin_tty = isatty(STDIN_FILENO) == 1;
  t.stdout_tty = isatty(STDOUT_FILENO) == 1;
  t.stderr_tty = isatty(STDERR_FILENO) == 1;
  t.width = stdout_width();
  const char* term = std::getenv("TERM");
  t.color_auto = std::getenv("NO_COLOR") == nullptr && t.stderr_tty && term != nullptr &&
                 std::string(term) != "dumb";
  return t;
}

// The controlling terminal, echo off while the answer is typed.
std::string ask_on_dev_tty(const std::string& prompt) {
  const int fd = ::open("/dev/tty", O_RDWR | O_CLOEXEC);
  if (fd < 0)
    throw usage_error(
        "no terminal to ask for the password; use --password-stdin or GRADESCOPE_PASSWORD");
  termios old{};
  const bool is_tty = ::tcgetattr(fd, &old) == 0;
  if (is_tty) {
    termios quiet = old;
    quiet.c_lflag &= ~static_cast<tcflag_t>(ECHO);
    ::tcsetattr(fd, TCSAFLUSH, &quiet);
  }
  (void)!::write(fd, prompt.data(), prompt.size());
  std::string line;
  char c;
  while (::read(fd, &c, 1) == 1 && c != '\n') line += c;
  if (is_tty) ::tcsetattr(fd, TCSAFLUSH, &old);
  (void)!::write(fd, "\n", 1);
  ::close(fd);
  return line;
}

}  // namespace

Terminal& Terminal::system() {
  static Terminal terminal(std::cin, std::cout, std::cerr, detect_traits());
  return terminal;
}

Terminal::Terminal(std::istream& in, std::ostream& out, std::ostream& err, TerminalTraits traits)
    : m_in(in), m_out(out), m_err(err), m_traits(traits) {}

bool Terminal::color_stderr(const std::string& when) const {
  if (when == "always") return true;
  if (when == "never") return false;
  return m_traits.color_auto;
}

std::string Terminal::ask_hidden(const std::string& prompt) {
  return ask_on_dev_tty(prompt);
}

std::string Terminal::prompt_secret(const std::string& prompt) {
  auto line = ask_hidden(prompt);
  if (line.empty()) throw usage_error("no password given");
  return line;
}

std::string Terminal::read_secret_line(const std::string& what) {
  std::string line;
  std::getline(m_in, line);
  while (!line.empty() && (line.back() == '\r' || line.back() == '\n')) line.pop_back();
  if (line.empty()) throw usage_error(what + " expected on stdin, got nothing");
  return line;
}

TestTerminal::TestTerminal(TerminalTraits traits, const std::string& input)
    : TestStreams{std::istringstream(input), {}, {}},
      Terminal(in_buffer, out_buffer, err_buffer, traits) {}

std::string TestTerminal::ask_hidden(const std::string& prompt) {
  err() << prompt;
  std::string line;
  std::getline(in(), line);
  return line;
}

}  // namespace cs351::cli
