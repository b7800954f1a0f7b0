#pragma once
// The bridge's rate limits: token buckets keyed by a bearer token (requests per second) or by a
// client's network (wrong tokens), and the network a client address counts under, so that one
// host cannot multiply its allowance by using every address of its subnet.

#include <sys/socket.h>

#include <chrono>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>

namespace cs351::autograde {

class RequestRate {
 public:
  using Clock = std::chrono::steady_clock;
  // Refilled at `per_second`, holding at most `burst` (default: one second's worth).
  explicit RequestRate(double per_second, double burst = 0)
      : m_rate(per_second), m_burst(burst > 0 ? burst : per_second) {}

  // True when a request under `key` may go ahead now (and counts it).
  bool admit(const std::string& key, Clock::time_point now = Clock::now());
  // How long until `key` may go ahead again (zero when it may now); counts nothing.
  Clock::duration wait(const std::string& key, Clock::time_point now = Clock::now());

 private:
  struct Bucket {
    double tokens;
    Clock::time_point updated;
  };
  Bucket& refill(const std::string& key, Clock::time_point now);
  void forget_full(Clock::time_point now);

  double m_rate, m_burst;
  std::mutex m_mutex;
  std::map<std::string, Bucket> m_buckets;
};

// The network an address counts under: "203.0.113.0/24" for IPv4 (and IPv4-mapped IPv6),
// "2001:db8:1:2::/64" for IPv6; "" for any other family.
std::string client_network(const sockaddr* address);

// The network of the client a reverse proxy on this host names: the last address of an
// X-Forwarded-For header (the one the proxy added). Nullopt when that is not an IP address.
std::optional<std::string> forwarded_network(std::string_view forwarded_for);

}  // namespace cs351::autograde
