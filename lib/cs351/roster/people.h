#pragma once
// Reading people and their enrollments: what other modules use to ask
// "who is in this course, in which role".

#include <SQLiteCpp/Database.h>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "cs351/core/clock.h"

namespace cs351::roster {

struct Member {
  std::int64_t person_id = 0;
  std::string email, name, first_name, last_name, sid, role, status;
  std::vector<std::string> sections;
};

std::optional<std::int64_t> find_person_id(SQLite::Database& db, const std::string& email);

struct Person {
  std::int64_t id = 0;
  std::string email;
  std::string name;
};
std::optional<Person> find_person(SQLite::Database& db, const std::string& email);
std::optional<Person> find_person(SQLite::Database& db, std::int64_t id);

struct CourseRole {
  std::string course;  // course code
  std::string role;
};
// The person's enrollments (not dropped) in active courses, by course code.
std::vector<CourseRole> active_enrollments(SQLite::Database& db, std::int64_t person_id);
std::optional<Member> find_member(SQLite::Database& db, std::int64_t course_id,
                                  const std::string& email);
// Sorted by last name, first name, email.
std::vector<Member> list_members(SQLite::Database& db, std::int64_t course_id,
                                 const std::optional<std::string>& role = {},
                                 bool include_dropped = false);

// Removes enrollments (the people stay) in one transaction, with an event for
// each; returns the emails that were enrolled.
std::vector<std::string> remove_members(SQLite::Database& db, const std::string& course_code,
                                        const std::vector<std::string>& emails,
                                        const Clock& clock = system_clock());

}  // namespace cs351::roster
