#!/bin/sh
# A grader whose output needs care to show: several lines, UTF-8, a tab, terminal
# escapes (colour, clear screen, window title) and a line on stderr.
set -eu
printf 'test 1: passed\n'
printf 'Zo\303\253 \342\234\223 na\303\257ve\n'
printf '\033[31mred\033[0m\tafter a tab\n'
printf '\033]0;retitled\007\033[2Jcleared\n'
echo 'warning: on stderr' >&2
echo '{"score": 7}' > "$CS351_RESULTS_PATH"
