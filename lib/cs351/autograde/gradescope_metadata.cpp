#include "cs351/autograde/gradescope_metadata.h"
#include "cs351/core/json.h"

#include <fmt/format.h>

#include <nlohmann/json.hpp>

#include "cs351/core/error.h"
#include "cs351/core/time_format.h"

namespace cs351::autograde {
namespace {

// Gradescope writes ids as numbers; accept strings too.
std::string id_text(const nlohmann::json& v) {
  if (v.is_number_integer()) return std::to_string(v.get<std::int64_t>());
  if (v.is_string()) return v.get<std::string>();
  return "";
}

}  // namespace

SubmissionMetadata parse_submission_metadata(std::string_view json_text) {
  const auto doc = parse_json(json_text);
  if (doc.is_discarded() || !doc.is_object())
    throw data_error("submission_metadata.json is not a JSON object");
  SubmissionMetadata m;
  if (doc.contains("id")) m.submission_id = id_text(doc["id"]);
  if (doc.contains("created_at") && doc["created_at"].is_string()) {
    const auto text = doc["created_at"].get<std::string>();
    m.created_at = parse_time(text);
    if (!m.created_at) {
      throw data_error(
          fmt::format("submission_metadata.json: created_at: cannot parse \"{}\"", text));
    }
  }
  const auto& a = doc.contains("assignment") ? doc["assignment"] : nlohmann::json();
  if (!a.is_object())
    throw data_error("submission_metadata.json: \"assignment\" must be an object");
  m.course_id = a.contains("course_id") ? id_text(a["course_id"]) : "";
  m.assignment_id = a.contains("id") ? id_text(a["id"]) : "";
  if (a.contains("title") && a["title"].is_string())
    m.assignment_title = a["title"].get<std::string>();
  if (m.assignment_title.empty() && m.assignment_id.empty()) {
    throw data_error("submission_metadata.json: assignment.title and assignment.id are missing");
  }
  if (!doc.contains("users") || !doc["users"].is_array() || doc["users"].empty()) {
    throw data_error("submission_metadata.json: \"users\" must be a non-empty array");
  }
  for (std::size_t i = 0; i < doc["users"].size(); ++i) {
    const auto& u = doc["users"][i];
    if (!u.is_object() || !u.contains("email") || !u["email"].is_string()) {
      throw data_error(fmt::format("submission_metadata.json: users[{}].email is missing", i));
    }
    m.emails.push_back(u["email"].get<std::string>());
  }
  return m;
}

}  // namespace cs351::autograde
