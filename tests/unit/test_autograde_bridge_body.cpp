#include <doctest/doctest.h>
#include <zlib.h>

#include <string>

#include "cs351/autograde/bridge_body.h"
#include "cs351/autograde/bridge_rate.h"

using cs351::autograde::BoundedBody;
using State = BoundedBody::State;

namespace {
std::string gzip(const std::string& text) {
  z_stream z{};
  deflateInit2(&z, 9, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY);
  std::string out(deflateBound(&z, text.size()), '\0');
  z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(text.data()));
  z.avail_in = static_cast<uInt>(text.size());
  z.next_out = reinterpret_cast<Bytef*>(out.data());
  z.avail_out = static_cast<uInt>(out.size());
  deflate(&z, Z_FINISH);
  out.resize(z.total_out);
  deflateEnd(&z);
  return out;
}
}  // namespace

TEST_SUITE_BEGIN("autograde/bridge_body");

TEST_CASE("keeps a body up to the limit, chunk by chunk") {
  BoundedBody body(10, false);
  body.append("hello");
  body.append("world");
  body.finish();
  CHECK(body.state() == State::open);
  CHECK(body.text() == "helloworld");
  BoundedBody over(10, false);
  over.append("hello");
  over.append("world!");
  CHECK(over.state() == State::too_large);
  CHECK(over.text().empty());  // what it held is released
}

TEST_CASE("inflates gzip and stops at the limit of the inflated size") {
  const std::string packed = gzip(std::string(1 << 20, 'x'));
  BoundedBody ok(1 << 20, true);
  for (std::size_t i = 0; i < packed.size(); i += 7)
    ok.append(std::string_view(packed).substr(i, 7));
  ok.finish();
  CHECK(ok.state() == State::open);
  CHECK(ok.text().size() == 1 << 20);
  const std::string bomb = gzip(std::string(64 << 20, '\0'));
  CHECK(bomb.size() < 100'000);
  BoundedBody small(1 << 20, true);
  small.append(bomb);
  CHECK(small.state() == State::too_large);
  CHECK(small.text().capacity() < (2 << 20));
}

TEST_CASE("broken, truncated or trailing gzip is corrupt") {
  BoundedBody plain(100, true);
  plain.append("not gzip");
  CHECK(plain.state() == State::corrupt);
  const std::string packed = gzip("hello");
  BoundedBody cut(100, true);
  cut.append(std::string_view(packed).substr(0, packed.size() - 4));
  cut.finish();
  CHECK(cut.state() == State::corrupt);
  BoundedBody trailing(100, true);
  trailing.append(packed + "junk");
  CHECK(trailing.state() == State::corrupt);
}

TEST_CASE("the rate limit admits one second's worth, then refills") {
  using namespace std::chrono_literals;
  cs351::autograde::RequestRate rate(5);
  const auto t0 = cs351::autograde::RequestRate::Clock::time_point{} + 1h;
  int admitted = 0;
  for (int i = 0; i < 20; ++i) admitted += rate.admit("token", t0);
  CHECK(admitted == 5);
  CHECK(rate.admit("other", t0));  // buckets are per token
  CHECK_FALSE(rate.admit("token", t0 + 100ms));
  CHECK(rate.admit("token", t0 + 200ms));
}

TEST_SUITE_END();
