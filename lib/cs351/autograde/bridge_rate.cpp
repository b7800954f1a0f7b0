#include "cs351/autograde/bridge_rate.h"

#include <arpa/inet.h>
#include <netinet/in.h>

#include <algorithm>
#include <cstring>

namespace cs351::autograde {
namespace {

// Beyond this many buckets, full ones (clients that are quiet again) are dropped, so a flood
// from many networks cannot grow the map without bound.
constexpr std::size_t k_max_buckets = 10'000;

std::string ipv4_network(const unsigned char* bytes) {
  in_addr net{};
  unsigned char masked[4] = {bytes[0], bytes[1], bytes[2], 0};
  std::memcpy(&net, masked, sizeof masked);
  char text[INET_ADDRSTRLEN] = {};
  inet_ntop(AF_INET, &net, text, sizeof text);
  return std::string(text) + "/24";
}

}  // namespace

RequestRate::Bucket& RequestRate::refill(const std::string& key, Clock::time_point now) {
  if (m_buckets.size() > k_max_buckets) forget_full(now);
  auto [it, added] = m_buckets.try_emplace(key, Bucket{m_burst, now});
  Bucket& b = it->second;
  const std::chrono::duration<double> elapsed = now - b.updated;
  b.tokens = std::min(m_burst, b.tokens + elapsed.count() * m_rate);
  b.updated = now;
  return b;
}

void RequestRate::forget_full(Clock::time_point now) {
  std::erase_if(m_buckets, [&](const auto& entry) {
    const std::chrono::duration<double> elapsed = now - entry.second.updated;
    return entry.second.tokens + elapsed.count() * m_rate >= m_burst;
  });
}

bool RequestRate::admit(const std::string& key, Clock::time_point now) {
  std::lock_guard lock(m_mutex);
  Bucket& b = refill(key, now);
  if (b.tokens < 1.0) return false;
  b.tokens -= 1.0;
  return true;
}

RequestRate::Clock::duration RequestRate::wait(const std::string& key, Clock::time_point now) {
  std::lock_guard lock(m_mutex);
  const Bucket& b = refill(key, now);
  if (b.tokens >= 1.0) return Clock::duration::zero();
  return std::chrono::duration_cast<Clock::duration>(
      std::chrono::duration<double>((1.0 - b.tokens) / m_rate));
}

std::string client_network(const sockaddr* address) {
  if (address == nullptr) return "";
  if (address->sa_family == AF_INET) {
    const auto* v4 = reinterpret_cast<const sockaddr_in*>(address);
    return ipv4_network(reinterpret_cast<const unsigned char*>(&v4->sin_addr));
  }
  if (address->sa_family != AF_INET6) return "";
  const auto* v6 = reinterpret_cast<const sockaddr_in6*>(address);
  if (IN6_IS_ADDR_V4MAPPED(&v6->sin6_addr)) return ipv4_network(v6->sin6_addr.s6_addr + 12);
  in6_addr net{};
  std::memcpy(&net, &v6->sin6_addr, 8);
  char text[INET6_ADDRSTRLEN] = {};
  inet_ntop(AF_INET6, &net, text, sizeof text);
  return std::string(text) + "/64";
}

std::optional<std::string> forwarded_network(std::string_view forwarded_for) {
  const auto comma = forwarded_for.rfind(',');
  std::string_view last =
      comma == std::string_view::npos ? forwarded_for : forwarded_for.substr(comma + 1);
  while (!last.empty() && last.front() == ' ') last.remove_prefix(1);
  while (!last.empty() && last.back() == ' ') last.remove_suffix(1);
  const std::string text(last);
  sockaddr_in v4{};
  sockaddr_in6 v6{};
  if (inet_pton(AF_INET, text.c_str(), &v4.sin_addr) == 1) {
    v4.sin_family = AF_INET;
    return client_network(reinterpret_cast<const sockaddr*>(&v4));
  }
  if (inet_pton(AF_INET6, text.c_str(), &v6.sin6_addr) == 1) {
    v6.sin6_family = AF_INET6;
    return client_network(reinterpret_cast<const sockaddr*>(&v6));
  }
  return std::nullopt;
}

}  // namespace cs351::autograde
