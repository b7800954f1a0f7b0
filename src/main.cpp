#include "cli/app.h"

int main(int argc, char** argv) {
  return cs351::cli::run(argc, argv);
}
