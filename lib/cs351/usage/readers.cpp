#include <cctype>

#include "cs351/usage/json_fields.h"
#include "cs351/usage/transcript.h"

namespace cs351::usage {

// Defined beside each reader; adding an agent adds one file and one case here.
std::unique_ptr<TranscriptReader> make_claude_reader();
std::unique_ptr<TranscriptReader> make_codex_reader();

std::unique_ptr<TranscriptReader> make_reader(Agent agent) {
  switch (agent) {
    case Agent::claude:
      return make_claude_reader();
    case Agent::codex:
      return make_codex_reader();
  }
  return make_claude_reader();
}

std::string first_word(const std::string& command) {
  std::size_t b = 0;
  while (b < command.size() && std::isspace(static_cast<unsigned char>(command[b]))) ++b;
  std::size_t e = b;
  while (e < command.size() && !std::isspace(static_cast<unsigned char>(command[e]))) ++e;
  return command.substr(b, e - b);
}

}  // namespace cs351::usage
