#pragma once
// The command-line front end: builds the command tree, parses, runs the chosen
// command, and maps every error to a documented exit code.

namespace cs351::cli {

int run(int argc, char** argv);

}  // namespace cs351::cli
