#pragma once
// Replacing every name, email, SID, user id, submission id and token in
// captured pages by stable fakes, so staff can turn live pages into fixtures.
// The scrubber learns the originals from the parsed pages, then replaces them
// in every spelling a page may use (raw, HTML-escaped, JSON \u-escaped).

#include <map>
#include <set>
#include <string>
#include <string_view>
#include <vector>

namespace cs351::gradescope {

struct PersonValues {
  std::string email, name, first_name, last_name, sid, user_id, membership_id;
};

class Scrubber {
 public:
  // Values that must never be replaced (course and assignment ids appear in URLs).
  void protect(const std::string& value) { m_protected.insert(value); }
  // The same email always gets the same fake person ("person001@example.edu").
  void add_person(const PersonValues& p);
  void add_id(const std::string& id);  // a submission id, a user id: a fake number of the same use
  // Learns what the parsers can see on a page of `kind` (account, memberships,
  // scores.csv, submissions, submission history, extensions); unparseable pages teach nothing.
  void learn(const std::string& kind, std::string_view body);

  std::string scrub(std::string_view text) const;
  // Originals still present in `text` (empty after a good scrub).
  std::vector<std::string> survivors(std::string_view text) const;
  std::size_t people() const { return m_fake_index.size(); }

 private:
  std::string fake_number(const std::string& original, const char* prefix);
  void add_text(const std::string& original, const std::string& fake);

  std::map<std::string, int> m_fake_index;       // email -> person number
  std::map<std::string, std::string> m_emails;   // lower-case email -> fake email
  std::map<std::string, std::string> m_text;     // original name/SID text -> fake
  std::map<std::string, std::string> m_numbers;  // original digits -> fake digits
  std::set<std::string> m_protected;
};

}  // namespace cs351::gradescope
