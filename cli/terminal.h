#pragma once
// The terminal seam (in the spirit of gh's IOStreams): the one object that owns stdin,
// stdout and stderr, knows which of them is a terminal, how wide stdout is, whether
// stderr may be coloured, and how to ask for a secret without echo. Every command
// reaches the outside world's terminal through it (Context::terminal()), so a unit
// test swaps in a TestTerminal and runs a command in process. Nothing else in cli/ or
// src/ touches std::cout, std::cerr, std::cin or isatty (the architecture test checks).

#include <cstddef>
#include <iosfwd>
#include <sstream>
#include <string>

namespace cs351::cli {

// What a terminal is, as detected once at start (or chosen by a test).
struct TerminalTraits {
  bool stdin_tty = false;
  bool stdout_tty = false;
  bool stderr_tty = false;
  std::size_t width = 0;  // columns of the terminal on stdout (or COLUMNS); 0: unknown
  bool color_auto =
      false;  // --color auto would colour stderr: a terminal, TERM not dumb, no NO_COLOR
};

class Terminal {
 public:
  // The process's own streams, and what isatty, the window size and the environment say.
  static Terminal& system();

  Terminal(std::istream& in, std::ostream& out, std::ostream& err, TerminalTraits traits);
  virtual ~Terminal() = default;
  Terminal(const Terminal&) = delete;
  Terminal& operator=(const Terminal&) = delete;

  std::istream& in() const { return m_in; }
  std::ostream& out() const { return m_out; }
  std::ostream& err() const { return m_err; }

  bool stdin_is_tty() const { return m_traits.stdin_tty; }
  bool stdout_is_tty() const { return m_traits.stdout_tty; }
  bool stderr_is_tty() const { return m_traits.stderr_tty; }
  std::size_t width() const { return m_traits.width; }
  // Whether stderr gets colour under --color WHEN (auto, always, never).
  bool color_stderr(const std::string& when) const;

  // Asks for a secret with echo off; a usage Error when there is no terminal to ask on
  // or the answer is empty.
  std::string prompt_secret(const std::string& prompt);
  // The first line of stdin (trailing CR/LF removed); a usage Error when empty.
  std::string read_secret_line(const std::string& what);

 protected:
  // The line typed after `prompt`, unechoed: on /dev/tty here, from in() in the double.
  virtual std::string ask_hidden(const std::string& prompt);

 private:
  std::istream& m_in;
  std::ostream& m_out;
  std::ostream& m_err;
  TerminalTraits m_traits;
};

// The in-memory double: stdin from a string, stdout and stderr into strings, the
// terminal flags and width a test chooses. Its secret prompt writes the prompt to
// err() and reads the answer from in(), as a user typing at the terminal would.
// The buffers come first (a base class), so they exist before Terminal binds to them.
struct TestStreams {
  std::istringstream in_buffer;
  std::ostringstream out_buffer;
  std::ostringstream err_buffer;
};

class TestTerminal : private TestStreams, public Terminal {
 public:
  explicit TestTerminal(TerminalTraits traits = {}, const std::string& input = "");

  std::string out_text() const { return out_buffer.str(); }
  std::string err_text() const { return err_buffer.str(); }

 protected:
  std::string ask_hidden(const std::string& prompt) override;
};

}  // namespace cs351::cli
