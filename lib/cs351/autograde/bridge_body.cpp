#include "cs351/autograde/bridge_body.h"

#include <zlib.h>

#include <array>

namespace cs351::autograde {

struct BoundedBody::Inflater {
  z_stream stream{};
  bool ended = false;
  Inflater() {
    // 15 + 16: a gzip wrapper, the largest window.
    if (inflateInit2(&stream, 15 + 16) != Z_OK) throw std::bad_alloc();
  }
  ~Inflater() { inflateEnd(&stream); }
};

BoundedBody::BoundedBody(std::size_t limit, bool gzip)
    : m_limit(limit), m_inflater(gzip ? std::make_unique<Inflater>() : nullptr) {}

BoundedBody::~BoundedBody() = default;

void BoundedBody::append(std::string_view chunk) {
  if (m_state != State::open || chunk.empty()) return;
  if (m_inflater) return inflate(chunk);
  keep(chunk);
}

void BoundedBody::finish() {
  if (m_state == State::open && m_inflater && !m_inflater->ended) m_state = State::corrupt;
}

void BoundedBody::keep(std::string_view bytes) {
  if (bytes.size() > m_limit - m_text.size()) {
    m_state = State::too_large;
    std::string().swap(m_text);
    return;
  }
  m_text.append(bytes);
}

// Inflates in small steps so the limit is checked after every 64 KiB of output.
void BoundedBody::inflate(std::string_view chunk) {
  auto& z = m_inflater->stream;
  z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(chunk.data()));
  z.avail_in = static_cast<uInt>(chunk.size());
  std::array<char, 1 << 16> out;
  while (m_state == State::open && z.avail_in > 0 && !m_inflater->ended) {
    z.next_out = reinterpret_cast<Bytef*>(out.data());
    z.avail_out = out.size();
    const int rc = ::inflate(&z, Z_NO_FLUSH);
    if (rc != Z_OK && rc != Z_STREAM_END) {
      m_state = State::corrupt;
      return;
    }
    keep(std::string_view(out.data(), out.size() - z.avail_out));
    m_inflater->ended = rc == Z_STREAM_END;
  }
  // Bytes after the end of the gzip stream are not part of any body.
  if (m_state == State::open && m_inflater->ended && z.avail_in > 0) m_state = State::corrupt;
}

}  // namespace cs351::autograde
