#pragma once
// Reading class lists: Gradescope roster exports, registrar/LMS CSVs with other
// header spellings, and our own CSV/JSON exports. Pure: bytes in, rows out.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace cs351::roster {

struct RosterRow {
  std::size_t line = 0;  // CSV line (or JSON record number) where the row starts
  std::string email, name, first_name, last_name, sid;
  std::optional<std::string> role;  // normalised: student|ta|instructor|reader
  std::vector<std::string> sections;
  std::optional<std::string> status;  // enrolled|dropped
  std::string lms_id;                 // the LMS's own user id (Canvas `ID`), never the SID
};

struct RosterFile {
  std::vector<RosterRow> rows;
  std::vector<std::string> problems;         // "name:line: what is wrong", all of them
  std::vector<std::string> ignored_columns;  // headers no alias matched
  std::vector<std::string> skipped;  // "line 2: Points Possible": LMS rows that are no person
};

struct ReadOptions {
  // For LMS exports whose login is not an address (Canvas `SIS Login ID`): login@domain.
  std::string email_domain;
  // How the caller's user gives that domain, for the problem of a login without one
  // ("...: {give_domain} to use login@DOMAIN"); cli/ names its flag.
  std::string give_domain = "give the email domain DOMAIN";
};

// Parses and validates every row (email present and valid, no duplicate email
// within the file, known role/status). Never throws for bad rows: they are
// collected in `problems`. Throws a data Error only when the bytes are not text.
// A Canvas gradebook export is recognised by its header (canvas_gradebook.h).
RosterFile read_roster(std::string_view bytes, const std::string& name,
                       const ReadOptions& options = {});

// "TA", "Teaching Assistant" -> "ta"; nullopt when unknown.
std::optional<std::string> normalize_role(std::string_view raw);

// The header alias table, for docs and `--help`: field -> accepted spellings.
const std::vector<std::pair<std::string, std::vector<std::string>>>& header_aliases();

}  // namespace cs351::roster
