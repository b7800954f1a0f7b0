#pragma once
// A parsed HTML document (Gumbo) and the few queries the page parsers need:
// walk, match by tag/class/attribute, collect text. Attribute values come back
// with character references already decoded.

#include <gumbo.h>

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace cs351::gradescope::html {

using Node = const GumboNode*;

class Document {
 public:
  explicit Document(std::string_view bytes);
  ~Document();
  Document(const Document&) = delete;
  Document& operator=(const Document&) = delete;
  Node root() const { return m_output->root; }

 private:
  GumboOutput* m_output;
};

bool is_element(Node n);
bool is_tag(Node n, std::string_view tag);
std::optional<std::string> attr(Node n, std::string_view name);
bool has_class(Node n, std::string_view cls);

// Elements under `from` (itself included), in document order.
std::vector<Node> find_all(Node from, const std::function<bool(Node)>& match);
Node find_first(Node from, const std::function<bool(Node)>& match);

// Element children of `n`, in order.
std::vector<Node> children(Node n);

// The text under `n`, runs of white space collapsed to one space, trimmed.
std::string text(Node n);

// Matchers for find_all / find_first.
std::function<bool(Node)> with_class(std::string tag, std::string cls);
std::function<bool(Node)> with_attr(std::string tag, std::string name, std::string value);

}  // namespace cs351::gradescope::html
