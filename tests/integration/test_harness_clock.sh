# The harness's deadlines count on a clock the wall clock's steps do not move: a wait that the
# wall clock says has lasted an hour goes on until its condition holds, and a wait whose
# condition never holds still gives up (after its 20 s, which this test does not spend).
source "$(dirname "$0")/lib.sh"

# Each look sets bash's wall-clock SECONDS an hour on, as a clock step or a resumed virtual
# machine would; the condition holds at the third look.
looks=0
leap_then_hold() {
  SECONDS=$((SECONDS + 3600))
  looks=$((looks + 1))
  [ $looks -ge 3 ]
}
wait_for leap_then_hold
expect_eq "$looks" 3 "looks until the condition held"

# now_s counts whole seconds that only go forward, whatever SECONDS says.
now_s
before=$NOW_S
SECONDS=-100000
now_s
[ "$NOW_S" -ge "$before" ] || fail "now_s went back from $before to $NOW_S"
