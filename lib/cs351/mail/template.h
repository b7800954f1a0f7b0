#pragma once
// Message templates with {{name}} placeholders: subject, text and HTML parts.
// Values are HTML-escaped in the HTML part, never in subject or text.

#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace cs351::mail {

struct MessageTemplate {
  std::string subject;
  std::string text;
  std::string html;
};

using TemplateValues = std::map<std::string, std::string>;


// Placeholder names used in `text`, in order of first use.
std::vector<std::string> placeholders(std::string_view text);

// Throws a config Error naming `source` for a placeholder not in `known`, an
// unterminated "{{", or a subject with a line break (a header injection).
void check_template(const MessageTemplate& t, const std::vector<std::string>& known,
                    const std::string& source);

// The filled-in parts; a placeholder missing from `values` becomes empty.
MessageTemplate render(const MessageTemplate& t, const TemplateValues& values);

}  // namespace cs351::mail
