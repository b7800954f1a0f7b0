#pragma once
// A seeded random source whose draws are the same on every platform and
// standard library (std::uniform_*_distribution is implementation-defined),
// so `--seed S` gives byte-identical reports everywhere.

#include <cstdint>
#include <random>

namespace cs351::analytics {

class Random {
 public:
  explicit Random(std::uint64_t seed) : m_engine(seed) {}
  // Uniform in [0, 1) with 53 random bits.
  double uniform() { return static_cast<double>(m_engine() >> 11) * 0x1.0p-53; }
  // Uniform integer in [0, n), n > 0 (rejection sampling: no modulo bias).
  std::uint64_t below(std::uint64_t n);
  // A seed for a sub-stream (one per restart), drawn from this stream.
  std::uint64_t next_seed() { return m_engine(); }

 private:
  std::mt19937_64 m_engine;
};

}  // namespace cs351::analytics
