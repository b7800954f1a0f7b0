#include <arpa/inet.h>
#include <doctest/doctest.h>
#include <netinet/in.h>

#include <string>

#include "cs351/autograde/bridge_rate.h"

using cs351::autograde::client_network;
using cs351::autograde::RequestRate;

namespace {
std::string network_of(const char* text) {
  sockaddr_in v4{};
  sockaddr_in6 v6{};
  if (inet_pton(AF_INET, text, &v4.sin_addr) == 1) {
    v4.sin_family = AF_INET;
    return client_network(reinterpret_cast<const sockaddr*>(&v4));
  }
  REQUIRE(inet_pton(AF_INET6, text, &v6.sin6_addr) == 1);
  v6.sin6_family = AF_INET6;
  return client_network(reinterpret_cast<const sockaddr*>(&v6));
}
}  // namespace

TEST_SUITE_BEGIN("autograde");

TEST_CASE("clients count per /24 (IPv4) and per /64 (IPv6)") {
  CHECK(network_of("203.0.113.7") == "203.0.113.0/24");
  CHECK(network_of("203.0.113.250") == "203.0.113.0/24");
  CHECK(network_of("203.0.114.7") == "203.0.114.0/24");
  CHECK(network_of("127.0.0.9") == "127.0.0.0/24");
  CHECK(network_of("::ffff:198.51.100.3") == "198.51.100.0/24");
  CHECK(network_of("2001:db8:1:2:aaaa:bbbb:cccc:dddd") == "2001:db8:1:2::/64");
  CHECK(network_of("2001:db8:1:2::1") == "2001:db8:1:2::/64");
  CHECK(network_of("2001:db8:1:3::1") == "2001:db8:1:3::/64");
  CHECK(network_of("::1") == "::/64");
  CHECK(client_network(nullptr).empty());
}

TEST_CASE("behind a proxy, the client is the last X-Forwarded-For address") {
  using cs351::autograde::forwarded_network;
  CHECK(forwarded_network("198.51.100.7") == "198.51.100.0/24");
  CHECK(forwarded_network("10.0.0.1, 198.51.100.7") == "198.51.100.0/24");  // the proxy's own
  CHECK(forwarded_network(" 2001:db8::5 ") == "2001:db8::/64");
  CHECK_FALSE(forwarded_network(""));
  CHECK_FALSE(forwarded_network("unknown"));
  CHECK_FALSE(forwarded_network("198.51.100.7, evil"));
}

TEST_CASE("a bucket with its own burst tells how long until the next request may go") {
  using namespace std::chrono_literals;
  RequestRate wrong(0.5, 3);  // 3 at once, then one every 2 s
  const auto t0 = RequestRate::Clock::time_point{} + 1h;
  CHECK(wrong.wait("net", t0) == 0s);
  int admitted = 0;
  for (int i = 0; i < 10; ++i) admitted += wrong.admit("net", t0);
  CHECK(admitted == 3);
  CHECK(wrong.wait("net", t0) == 2s);
  CHECK(wrong.wait("net", t0 + 1500ms) == 500ms);
  CHECK(wrong.wait("net", t0 + 2s) == 0s);
  CHECK(wrong.wait("other", t0) == 0s);  // counted per key
}

TEST_SUITE_END();
