#include "cs351/gradescope/pages/html.h"

namespace cs351::gradescope::html {

Document::Document(std::string_view bytes)
    : m_output(gumbo_parse_with_options(&kGumboDefaultOptions, bytes.data(), bytes.size())) {}

Document::~Document() {
  gumbo_destroy_output(&kGumboDefaultOptions, m_output);
}

bool is_element(Node n) {
  return n != nullptr && (n->type == GUMBO_NODE_ELEMENT || n->type == GUMBO_NODE_TEMPLATE);
}

bool is_tag(Node n, std::string_view tag) {
  if (!is_element(n)) return false;
  if (n->v.element.tag != GUMBO_TAG_UNKNOWN)
    return tag == gumbo_normalized_tagname(n->v.element.tag);
  return false;
}

std::optional<std::string> attr(Node n, std::string_view name) {
  if (!is_element(n)) return std::nullopt;
  const GumboVector& attrs = n->v.element.attributes;
  for (unsigned i = 0; i < attrs.length; ++i) {
    const auto* a = static_cast<const GumboAttribute*>(attrs.data[i]);
    if (name == a->name) return std::string(a->value);
  }
  return std::nullopt;
}

bool has_class(Node n, std::string_view cls) {
  if (!is_element(n)) return false;
  const GumboAttribute* a = gumbo_get_attribute(&n->v.element.attributes, "class");
  if (a == nullptr) return false;
  std::string_view rest(a->value);
  while (!rest.empty()) {
    const auto start = rest.find_first_not_of(" \t\n\r\f");
    if (start == std::string_view::npos) break;
    rest.remove_prefix(start);
    const auto end = rest.find_first_of(" \t\n\r\f");
    if (rest.substr(0, end) == cls) return true;
    if (end == std::string_view::npos) break;
    rest.remove_prefix(end);
  }
  return false;
}

std::vector<Node> children(Node n) {
  std::vector<Node> out;
  if (!is_element(n)) return out;
  const GumboVector& kids = n->v.element.children;
  for (unsigned i = 0; i < kids.length; ++i) {
    const auto* child = static_cast<Node>(kids.data[i]);
    if (is_element(child)) out.push_back(child);
  }
  return out;
}

std::vector<Node> find_all(Node from, const std::function<bool(Node)>& match) {
  // An explicit stack: hostile pages may nest deeper than the call stack allows.
  std::vector<Node> out, stack{from};
  while (!stack.empty()) {
    Node n = stack.back();
    stack.pop_back();
    if (!is_element(n)) continue;
    if (match(n)) out.push_back(n);
    const GumboVector& kids = n->v.element.children;
    for (unsigned i = kids.length; i > 0; --i) stack.push_back(static_cast<Node>(kids.data[i - 1]));
  }
  return out;
}

Node find_first(Node from, const std::function<bool(Node)>& match) {
  std::vector<Node> stack{from};
  while (!stack.empty()) {
    Node n = stack.back();
    stack.pop_back();
    if (!is_element(n)) continue;
    if (match(n)) return n;
    const GumboVector& kids = n->v.element.children;
    for (unsigned i = kids.length; i > 0; --i) stack.push_back(static_cast<Node>(kids.data[i - 1]));
  }
  return nullptr;
}

std::string text(Node n) {
  std::string raw;
  std::vector<Node> stack{n};
  while (!stack.empty()) {
    Node cur = stack.back();
    stack.pop_back();
    if (cur == nullptr) continue;
    if (cur->type == GUMBO_NODE_TEXT || cur->type == GUMBO_NODE_WHITESPACE ||
        cur->type == GUMBO_NODE_CDATA) {
      raw += cur->v.text.text;
      raw += ' ';
    } else if (is_element(cur)) {
      const GumboVector& kids = cur->v.element.children;
      for (unsigned i = kids.length; i > 0; --i)
        stack.push_back(static_cast<Node>(kids.data[i - 1]));
    }
  }
  std::string out;
  bool space = false;
  for (char c : raw) {
    if (c == ' ' || c == '\n' || c == '\t' || c == '\r' || c == '\f') {
      space = !out.empty();
    } else {
      if (space) out += ' ';
      space = false;
      out += c;
    }
  }
  return out;
}

std::function<bool(Node)> with_class(std::string tag, std::string cls) {
  return [tag = std::move(tag), cls = std::move(cls)](Node n) {
    return (tag.empty() || is_tag(n, tag)) && has_class(n, cls);
  };
}

std::function<bool(Node)> with_attr(std::string tag, std::string name, std::string value) {
  return [tag = std::move(tag), name = std::move(name), value = std::move(value)](Node n) {
    if (!tag.empty() && !is_tag(n, tag)) return false;
    const auto v = attr(n, name);
    return v && *v == value;
  };
}

}  // namespace cs351::gradescope::html
