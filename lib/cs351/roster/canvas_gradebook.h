#pragma once
// Canvas's gradebook export as a class list: `Student,ID,SIS User ID,SIS Login ID,Section,...`
// then one column per assignment. Canvas adds rows that are no person (`Points Possible`,
// a `Muted` / `Manual Posting` label row, its `Test Student`) and names people
// "Last, First". Pure helpers; roster_file.cpp turns the rows into RosterRows.

#include <optional>
#include <string>
#include <vector>

namespace cs351::roster {

// Column positions of a gradebook export's identity columns.
struct CanvasColumns {
  std::size_t student = 0, id = 0, sis_user_id = 0, sis_login_id = 0;
  std::optional<std::size_t> section;
};

// The columns when `header` (normalised header names: lower case, single spaces) has
// Student, ID, SIS User ID and SIS Login ID; nullopt for any other layout.
std::optional<CanvasColumns> canvas_columns(const std::vector<std::string>& header);

// What a row that is no person is ("Points Possible", "Muted", "Test Student"); empty
// for a person's row.
std::string canvas_placeholder(const std::vector<std::string>& fields, const CanvasColumns& c);

// The address for a SIS Login ID: the login itself when it is an address, else
// login@email_domain when a domain is given; empty when neither.
std::string canvas_email(const std::string& login, const std::string& email_domain);

// Canvas joins a student's sections with " and ".
std::vector<std::string> canvas_sections(const std::string& cell);

}  // namespace cs351::roster
