#!/bin/sh
# Gradescope runs this once, as root, when it builds the autograder image.
# cs351's client needs nothing but python3 (3.6 or newer, standard library),
# which every Gradescope base image has: nothing is installed here.
set -e
cd "$(dirname "$0")"
if ! command -v python3 >/dev/null 2>&1; then
  echo "cs351: this autograder needs python3 (3.6 or newer); pick a base image that has it" >&2
  exit 1
fi
python3 -c 'import sys; sys.exit(0 if sys.version_info >= (3, 6) else 1)' || {
  echo "cs351: this autograder needs python3 3.6 or newer, not $(python3 -V 2>&1)" >&2
  exit 1
}
chmod 0755 run_autograder cs351_client.py
chmod 0600 cs351_connection.json
