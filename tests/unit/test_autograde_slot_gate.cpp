#include <doctest/doctest.h>

#include <atomic>
#include <thread>
#include <vector>

#include "cs351/autograde/slot_gate.h"

using namespace std::chrono_literals;
using namespace cs351::autograde;

TEST_CASE("a gate lets no more than its slots in at once") {
  SlotGate gate(2);
  std::atomic<int> inside{0};
  std::atomic<int> most{0};
  std::vector<std::thread> threads;
  for (int i = 0; i < 6; ++i) {
    threads.emplace_back([&] {
      REQUIRE(gate.enter(nullptr, 5ms));
      SlotTurn turn(gate);
      const int now = ++inside;
      for (int seen = most; seen < now && !most.compare_exchange_weak(seen, now);) {
      }
      std::this_thread::sleep_for(2ms);
      --inside;
    });
  }
  for (auto& t : threads) t.join();
  CHECK(most == 2);
  // Every slot was given back: two more enter without waiting.
  CHECK(gate.enter([] { return false; }, 1ms));
  CHECK(gate.enter([] { return false; }, 1ms));
}

TEST_CASE("a waiter asks keep_going every tick and gives up when it says stop") {
  SlotGate gate(1);
  REQUIRE(gate.enter(nullptr, 1ms));
  int asked = 0;
  CHECK_FALSE(gate.enter([&] { return ++asked < 3; }, 1ms));
  CHECK(asked == 3);
  gate.leave();
  CHECK(gate.enter([] { return false; }, 1ms));  // a free slot is taken without asking
}

TEST_CASE("a turn gives its slot back once, when released or destroyed") {
  SlotGate gate(1);
  {
    REQUIRE(gate.enter(nullptr, 1ms));
    SlotTurn turn(gate);
    turn.release();
    turn.release();
  }
  REQUIRE(gate.enter([] { return false; }, 1ms));
  CHECK_FALSE(gate.enter([] { return false; }, 1ms));  // one slot, not two
}
