#include "cs351/gradescope/pages/submissions_page.h"
#include "cs351/core/json.h"

#include <fmt/format.h>

#include "cs351/core/error.h"
#include "cs351/core/text.h"
#include "cs351/core/time_format.h"
#include "cs351/gradescope/pages/html.h"
#include "cs351/gradescope/pages/page_error.h"
#include "cs351/gradescope/pages/react_props.h"

namespace cs351::gradescope {

using json = nlohmann::json;

SubmissionOwners parse_submissions_manager(std::string_view bytes, const std::string& page) {
  html::Document doc(bytes);
  const json props = react_props(doc, "SubmissionsManager", page);
  const json& students =
      require_key(props, "students", json::value_t::array, "SubmissionsManager props", page);
  const json& submissions =
      require_key(props, "submissions", json::value_t::object, "SubmissionsManager props", page);
  std::map<std::string, std::string> email_of;
  for (const auto& s : students) {
    auto id = json_text_field(s, "id");
    auto email = json_text_field(s, "email");
    if (id && email) email_of[*id] = to_lower_ascii(*email);
  }
  SubmissionOwners out;
  for (const auto& [key, sub] : submissions.items()) {
    const auto users = sub.is_object() ? sub.find("active_user_ids") : sub.end();
    if (!sub.is_object() || users == sub.end() || !users->is_array()) {
      throw PageStructureError(
          page, fmt::format("SubmissionsManager submissions[\"{}\"] key \"active_user_ids\"", key));
    }
    auto& owners = out[json_text_field(sub, "id").value_or(key)];
    for (const auto& uid : *users) {
      const auto id = uid.is_string()           ? uid.get<std::string>()
                      : uid.is_number_integer() ? std::to_string(uid.get<std::int64_t>())
                                                : "";
      if (auto it = email_of.find(id); it != email_of.end()) owners.push_back(it->second);
    }
  }
  return out;
}

std::vector<PastSubmission> parse_past_submissions(std::string_view bytes,
                                                   const std::string& page) {
  const json doc = parse_json(bytes);
  if (doc.is_discarded() || !doc.is_object()) throw PageStructureError(page, "a JSON object");
  const json& past =
      require_key(doc, "past_submissions", json::value_t::array, "submission JSON", page);
  std::vector<PastSubmission> out;
  for (std::size_t i = 0; i < past.size(); ++i) {
    const auto id = json_text_field(past[i], "id");
    const auto created = json_text_field(past[i], "created_at");
    if (!id || !created)
      throw PageStructureError(
          page, fmt::format("past_submissions[{}] keys \"id\" and \"created_at\"", i));
    // Present but unreadable is not "missing": say what the value was.
    const auto at = parse_time(*created);
    if (!at) {
      throw data_error(fmt::format("{}: past_submissions[{}].created_at: cannot parse \"{}\"", page,
                                   i, *created));
    }
    PastSubmission p{*id, *at, {}};
    if (auto score = past[i].find("score"); score != past[i].end() && score->is_number())
      p.score = score->get<double>();
    if (auto score = json_text_field(past[i], "score"); score && !p.score) {
      try {
        p.score = std::stod(*score);
      } catch (const std::exception&) {
        // A non-numeric score ("ungraded") is no score.
      }
    }
    out.push_back(std::move(p));
  }
  return out;
}

}  // namespace cs351::gradescope
