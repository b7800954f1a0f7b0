// Roster files (CSV from the registrar or Gradescope, or JSON): roster::read_roster.
#include "cs351/roster/roster_file.h"
#include "fuzz_common.h"

CS351_FUZZ_TARGET(cs351::roster::read_roster(input, "roster.csv");
                  cs351::roster::read_roster(input, "roster.json"))
