#!/usr/bin/env python3
"""Runs a command on a pseudo-terminal, as a person at a terminal would meet it.

usage: pty_run.py [--cols N] [--answer PROMPT=TEXT] [--interrupt-after REGEX]
                  [--timeout S] -- CMD...

stdout and stderr both go to the terminal; everything it showed is printed (carriage
returns and escapes kept, so tests can see progress redraws). --answer types TEXT and
Enter once PROMPT has appeared; --interrupt-after sends SIGINT (what Ctrl-C does) once
REGEX has matched. Exits with the command's exit code (128+N when killed by signal N).
"""
import argparse
import fcntl
import os
import re
import select
import signal
import struct
import subprocess
import sys
import termios
import time


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--cols", type=int, default=80)
    parser.add_argument("--answer")
    parser.add_argument("--interrupt-after")
    parser.add_argument("--timeout", type=float, default=60)
    parser.add_argument("cmd", nargs=argparse.REMAINDER)
    args = parser.parse_args()
    cmd = args.cmd[1:] if args.cmd[:1] == ["--"] else args.cmd

    master, slave = os.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 24, args.cols, 0, 0))
    env = dict(os.environ, TERM="xterm")
    env.pop("COLUMNS", None)
    proc = subprocess.Popen(cmd, stdin=slave, stdout=slave, stderr=slave, env=env,
                            start_new_session=True)
    os.close(slave)

    prompt, _, answer = (args.answer or "").partition("=")
    answered = interrupted = False
    seen = b""
    deadline = time.monotonic() + args.timeout
    while time.monotonic() < deadline:
        ready, _, _ = select.select([master], [], [], 0.05)
        if ready:
            try:
                chunk = os.read(master, 65536)
            except OSError:  # EIO: the command closed the terminal
                chunk = b""
            if not chunk and proc.poll() is not None:
                break
            seen += chunk
        elif proc.poll() is not None:
            break
        text = seen.decode("utf-8", "replace")
        if args.answer and not answered and prompt in text:
            os.write(master, (answer + "\r").encode())
            answered = True
        if args.interrupt_after and not interrupted and re.search(args.interrupt_after, text):
            proc.send_signal(signal.SIGINT)
            interrupted = True
    else:
        proc.kill()
        sys.stdout.write(seen.decode("utf-8", "replace"))
        sys.exit("pty_run: timed out after %s s" % args.timeout)
    code = proc.wait()
    sys.stdout.write(seen.decode("utf-8", "replace"))
    sys.exit(code if code >= 0 else 128 - code)


if __name__ == "__main__":
    main()
