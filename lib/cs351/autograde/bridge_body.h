#pragma once
// A request body collected while it streams in, never held past its limit: the bridge feeds
// it chunk by chunk and stops keeping bytes the moment the (decompressed) size passes the
// limit, so neither a 200 MB chunked body nor a gzip bomb can grow the server.

#include <cstddef>
#include <memory>
#include <string>
#include <string_view>

namespace cs351::autograde {

class BoundedBody {
 public:
  enum class State { open, too_large, corrupt };

  // `gzip`: the body arrives with Content-Encoding: gzip and is inflated as it streams.
  BoundedBody(std::size_t limit, bool gzip);
  ~BoundedBody();
  BoundedBody(const BoundedBody&) = delete;
  BoundedBody& operator=(const BoundedBody&) = delete;

  // Takes the next chunk; once the state is not `open`, further chunks are dropped unread.
  void append(std::string_view chunk);
  // After the last chunk: a gzip stream that stopped early is corrupt.
  void finish();
  State state() const { return m_state; }
  std::string& text() { return m_text; }

 private:
  void keep(std::string_view bytes);
  void inflate(std::string_view chunk);

  std::size_t m_limit;
  State m_state = State::open;
  std::string m_text;
  struct Inflater;
  std::unique_ptr<Inflater> m_inflater;
};

}  // namespace cs351::autograde
