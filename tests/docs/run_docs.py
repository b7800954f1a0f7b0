#!/usr/bin/env python3
"""Runs every command example in README.md and docs/*.md, so a pasted example never fails.

What runs (in file order, one bash shell per file, so `cd`, variables and files carry over):

- a fenced block with lines starting `$ ` is a transcript: each `$ ` line is a command
  (a trailing `\\` continues it; a heredoc runs to its terminator), the lines after it are
  its output. The command must exit 0, unless its output shows `cs351: error:` — then it
  must fail, with an error that starts with the same three words (a command that prints
  `$?` itself must exit 0). Other output is not
  compared (times and ids differ from run to run).
- a ```sh or ```bash block without `$ ` prompts is a script: every command in it must
  exit 0.
- any other block (synopses, output, JSON) is text and does not run.
- a ```toml block is a config snippet: appended to the config a fresh `cs351 init` wrote,
  `cs351 config show` must accept it (exit 0, no unknown setting), so a snippet staff
  paste with `cat >>` never redefines a table.

Markers are HTML comments (invisible on GitHub), on the lines before a fence:

    <!-- docs-test: skip REASON -->       the next block does not run (a reason is required)
    <!-- docs-test: setup COMMAND -->     a hidden command, run at this point (expected to pass)
    <!-- docs-test: setup                 the same, several lines
    COMMANDS
    -->

Each file runs in its own sandbox: a temp HOME (so ~/.config/cs351 and ~/.local/share/cs351
are fresh), cwd a temp directory holding links `fixtures` (the source tree's) and `build`
(the build tree the tested binary comes from), `cs351` on PATH, and the test doubles: the fake Gradescope (course 1001; GRADESCOPE_PASSWORD
and $PW hold its password) and the SES emulator from /opt/cs351-test-tools (AWS test keys,
CS351_SES_ENDPOINT), each file its own (started when its commands mention gradescope,
or magic-link/staff/mail). Shell functions: `docs_token EMAIL` prints the token of the last
magic link mailed to EMAIL; `docs_gradescope KEY=VALUE` changes the fake Gradescope's
behaviour (its CONTROLS: `break=scores.csv` serves a changed page, `break=` restores it);
$CS351_SOURCE_DIR is the source tree (for test generators).

Usage: run_docs.py --source DIR --build DIR --cs351 BINARY [FILE...]   (default: README.md docs/*.md)
"""
import argparse
import concurrent.futures
import os
import re
import shlex
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field

FENCE = re.compile(r"^(```+|~~~+)\s*([\w+-]*)")
HEREDOC = re.compile(r"<<-?\s*(['\"]?)(\w+)\1")
MARKER = re.compile(r"^<!--\s*docs-test:\s*(\w+)\s*(.*?)\s*(-->)?\s*$")
FILE_TIMEOUT_S = 50
GS_PASSWORD = "correct horse battery staple"


@dataclass
class Step:
    line: int  # 1-based line of the command in the file
    command: str
    expect_failure: bool = False
    hidden: bool = False
    shown_error: str = ""  # the first `cs351: error:` line the docs show for it


@dataclass
class DocFile:
    path: str
    steps: list = field(default_factory=list)
    skipped: list = field(default_factory=list)  # (line, reason)
    toml: list = field(default_factory=list)  # (line, text) of each ```toml block
    problems: list = field(default_factory=list)  # malformed markers


def join_command(lines, i):
    """The command starting at lines[i] (prompt removed): continuations and heredoc bodies
    included. Returns (text, index after it)."""
    first = lines[i][2:] if lines[i].startswith("$ ") else lines[i]
    parts = [first]
    i += 1
    while parts[-1].endswith("\\") and i < len(lines):
        parts.append(lines[i])
        i += 1
    for match in HEREDOC.finditer("\n".join(parts)):
        while i < len(lines):
            parts.append(lines[i])
            i += 1
            if lines[i - 1].strip() == match.group(2):
                break
    return "\n".join(parts), i


def transcript_steps(block, first_line):
    steps, i = [], 0
    while i < len(block):
        if not block[i].startswith("$ "):
            i += 1
            continue
        start = i
        command, i = join_command(block, i)
        output = []
        while i < len(block) and not block[i].startswith("$ "):
            output.append(block[i])
            i += 1
        errors = [l for l in output if l.startswith("cs351: error:")]
        # A command that reads $? itself (`...; echo "exit $?"`) shows its own status.
        failing = "$?" not in command and bool(errors)
        steps.append(Step(first_line + start, command, failing, shown_error=(errors or [""])[0]))
    return steps


def script_steps(block, first_line):
    steps, i = [], 0
    while i < len(block):
        stripped = block[i].strip()
        if not stripped or stripped.startswith("#"):
            i += 1
            continue
        start = i
        command, i = join_command(block, i)
        steps.append(Step(first_line + start, command))
    return steps


def parse(path, text):
    doc = DocFile(path)
    lines = text.split("\n")
    i, skip, setup = 0, None, None
    while i < len(lines):
        line = lines[i]
        if setup is not None:  # inside a multi-line setup comment
            if line.strip() == "-->":
                hidden = script_steps(setup[1], setup[0])
                for step in hidden:
                    step.hidden = True
                doc.steps.extend(hidden)
                setup = None
            else:
                setup[1].append(line)
            i += 1
            continue
        marker = MARKER.match(line)
        if marker:
            kind, rest, closed = marker.groups()
            if kind == "skip" and rest and closed:
                skip = (i + 1, rest)
            elif kind == "setup" and closed and rest:
                doc.steps.append(Step(i + 1, rest, hidden=True))
            elif kind == "setup" and not closed and not rest:
                setup = (i + 2, [])
            else:
                doc.problems.append(f"{path}:{i + 1}: unknown or malformed docs-test marker")
            i += 1
            continue
        fence = FENCE.match(line)
        if not fence:
            i += 1
            continue
        close = i + 1
        while close < len(lines) and not lines[close].startswith(fence.group(1)):
            close += 1
        block, lang = lines[i + 1:close], fence.group(2)
        if lang == "toml":
            doc.toml.append((i + 2, "\n".join(block) + "\n"))
        if any(b.startswith("$ ") for b in block):
            steps = transcript_steps(block, i + 2)
        elif lang in ("sh", "bash", "shell", "console"):
            steps = script_steps(block, i + 2)
        else:
            steps = []
        if skip and steps:
            doc.skipped.append((i + 1, skip[1]))
        elif steps:
            doc.steps.extend(steps)
        skip = None
        i = close + 1
    if setup is not None:
        doc.problems.append(f"{path}:{setup[0] - 1}: docs-test setup comment never closed")
    return doc


def shell_script(doc, report_dir):
    """One bash script for the file: each step's output goes to a file, and a step that
    exits the wrong way is reported with its line."""
    out = [
        "set +e",
        f"__report={shlex.quote(report_dir)}",
        'docs_token() { python3 "$DOCS_TEST_DIR/ses_token.py" "$CS351_SES_ENDPOINT" "$1"; }',
        'docs_gradescope() { curl -sf "$CS351_GRADESCOPE_BASE_URL/__control?$1" >/dev/null; }',
    ]
    for n, step in enumerate(doc.steps):
        expect = "fail" if step.expect_failure else "pass"
        out.append(f"echo {n} > \"$__report/current\"")
        out.append(f"{{\n{step.command}\n}} >\"$__report/{n}.out\" 2>&1 </dev/null")
        out.append(f"__rc=$?; echo \"$__rc\" > \"$__report/{n}.rc\"  # {expect}")
    return "\n".join(out) + "\n"


def error_start(line):
    """The part of an error line the run must repeat: `cs351: error:` and three words (the
    rest may name ports, paths and times of the run the docs were pasted from)."""
    return " ".join(line.split()[:5])


def wait_for(predicate, what, deadline_s=20):
    deadline = time.monotonic() + deadline_s
    while not predicate():
        if time.monotonic() > deadline:
            raise RuntimeError(f"timed out waiting for {what}")
        time.sleep(0.05)


class Services:
    """The test doubles one file's sandbox points at (its own, so a fault injected or a mail
    sent by one file is never seen by another)."""

    def __init__(self, source, scratch, commands):
        self.procs = []
        self.env = {}
        if "gradescope" in commands:
            self.start_gradescope(source, scratch)
        if any(word in commands for word in ("magic-link", "staff", "mail ", "docs_token")):
            self.start_ses(scratch)

    def start_gradescope(self, source, scratch):
        port_file = os.path.join(scratch, "gs.port")
        self.procs.append(subprocess.Popen(
            [sys.executable, os.path.join(source, "tests/integration/gradescope/fake_gradescope.py"),
             "--fixtures", os.path.join(source, "fixtures/gradescope"), "--port-file", port_file,
             "--email", "ta@example.edu", "--password", GS_PASSWORD,
             "--log", os.path.join(scratch, "gs.log")], stdout=subprocess.DEVNULL))
        wait_for(lambda: os.path.exists(port_file) and open(port_file).read().strip(), "fake Gradescope")
        self.env.update({
            "CS351_GRADESCOPE_BASE_URL": f"http://127.0.0.1:{open(port_file).read().strip()}",
            "CS351_GRADESCOPE_MIN_INTERVAL_MS": "0",
            "GRADESCOPE_PASSWORD": GS_PASSWORD, "PW": GS_PASSWORD,
        })

    def start_ses(self, scratch):
        emulator = os.environ.get("CS351_SES_EMULATOR",
                                  "/opt/cs351-test-tools/node_modules/.bin/aws-ses-v2-local")
        # Port 0: the emulator binds a port of its own and says which (a port picked here and
        # bound later could be taken in between by another test).
        log = open(os.path.join(scratch, "ses.log"), "w")
        self.procs.append(subprocess.Popen([emulator, "--host", "127.0.0.1", "--port", "0"],
                                           stdout=log, stderr=subprocess.STDOUT))
        running = re.compile(r"server running at http://[^:/]+:([0-9]+)")
        wait_for(lambda: running.search(open(log.name).read()), "the SES emulator")
        port = running.search(open(log.name).read()).group(1)
        self.env.update({
            "CS351_SES_ENDPOINT": f"http://127.0.0.1:{port}",
            "AWS_ACCESS_KEY_ID": "AKIDCS351TEST", "AWS_SECRET_ACCESS_KEY": "cs351-test-secret-key",
            "AWS_REGION": "us-east-1", "CS351_SES_MAX_SEND_RATE": "0",
        })

    def stop(self):
        for proc in self.procs:
            proc.terminate()
        for proc in self.procs:
            proc.wait()


def sandbox_env(base, home, bindir, services_env, docs_test_dir):
    env = {k: v for k, v in base.items() if not k.startswith(("CS351_", "AWS_", "XDG_"))}
    env.pop("GRADESCOPE_PASSWORD", None)
    env.update(services_env)
    env.update({
        "HOME": home, "PATH": f"{bindir}:{base.get('PATH', '/usr/bin:/bin')}", "LC_ALL": "C.UTF-8",
        "TZ": "UTC", "NO_COLOR": "1", "DOCS_TEST_DIR": docs_test_dir,
        "CS351_SOURCE_DIR": os.path.dirname(os.path.dirname(docs_test_dir)),
    })
    return env


def run_file(doc, args, scratch):
    """Runs one file's steps in a fresh sandbox; returns failure messages."""
    root = tempfile.mkdtemp(prefix="docs-", dir=scratch)
    if not doc.steps:
        return []
    # Only the doubles the file's commands talk to (each costs a process start).
    services = Services(os.path.abspath(args.source), root, "\n".join(s.command for s in doc.steps))
    try:
        return run_steps(doc, args, services.env, root)
    finally:
        services.stop()


def check_config_snippet(path, line, snippet, cs351, scratch):
    """Appends one ```toml block to an init-made config; returns a failure message or None."""
    root = tempfile.mkdtemp(prefix="toml-", dir=scratch)
    env = {k: v for k, v in os.environ.items() if not k.startswith(("CS351_", "XDG_"))}
    env.update({"HOME": root, "LC_ALL": "C.UTF-8"})
    init = subprocess.run([cs351, "init"], env=env, capture_output=True, text=True)
    if init.returncode != 0:
        return f"{path}:{line}: cs351 init failed: {init.stderr.strip()}"
    with open(os.path.join(root, ".config", "cs351", "config.toml"), "a", encoding="utf-8") as config:
        config.write(snippet)
    show = subprocess.run([cs351, "config", "show"], env=env, capture_output=True, text=True)
    if show.returncode != 0 or "unknown setting" in show.stderr:
        return (f"{path}:{line}: this config snippet, appended to the file cs351 init wrote, "
                f"is refused (exit {show.returncode}): {show.stderr.strip()}")
    shutil.rmtree(root, ignore_errors=True)
    return None


def check_config_snippets(docs, cs351, scratch):
    return [f for d in docs for line, snippet in d.toml
            for f in [check_config_snippet(d.path, line, snippet, cs351, scratch)] if f]


def run_steps(doc, args, services_env, root):
    home, work, bindir, report = (os.path.join(root, d) for d in ("home", "work", "bin", "report"))
    for d in (home, work, bindir, report):
        os.makedirs(d)
    os.symlink(os.path.join(os.path.abspath(args.source), "fixtures"), os.path.join(work, "fixtures"))
    os.symlink(os.path.abspath(args.build), os.path.join(work, "build"))
    os.symlink(os.path.abspath(args.cs351), os.path.join(bindir, "cs351"))
    env = sandbox_env(os.environ, home, bindir, services_env, os.path.dirname(os.path.abspath(__file__)))
    proc = subprocess.Popen(["bash", "-c", shell_script(doc, report)], cwd=work, env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    try:
        proc.wait(timeout=FILE_TIMEOUT_S)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait()
    failures = []
    for n, step in enumerate(doc.steps):
        where = f"{doc.path}:{step.line}{' (docs-test setup)' if step.hidden else ''}"
        rc_file = os.path.join(report, f"{n}.rc")
        output = ""
        if os.path.exists(os.path.join(report, f"{n}.out")):
            output = open(os.path.join(report, f"{n}.out"), errors="replace").read()
        shown = "\n".join("    " + l for l in output.rstrip().split("\n")[:15])
        if not os.path.exists(rc_file):
            failures.append(f"{where}: did not finish within {FILE_TIMEOUT_S} s: {step.command}\n{shown}")
            break
        rc = int(open(rc_file).read())
        if step.expect_failure and rc == 0:
            failures.append(f"{where}: the docs show an error, but it exited 0: {step.command}\n{shown}")
        elif not step.expect_failure and rc != 0:
            failures.append(f"{where}: exit {rc}: {step.command}\n{shown}")
        elif step.shown_error and error_start(step.shown_error) not in output:
            failures.append(f"{where}: the docs show '{step.shown_error}', it said:\n{shown}")
    if failures:
        print(f"{doc.path}: sandbox kept in {root}", file=sys.stderr)
    else:
        shutil.rmtree(root, ignore_errors=True)
    return failures


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--source", required=True)
    parser.add_argument("--build", required=True)
    parser.add_argument("--cs351", required=True)
    parser.add_argument("--list", action="store_true", help="print the steps, run nothing")
    parser.add_argument("files", nargs="*")
    args = parser.parse_args()
    source = os.path.abspath(args.source)
    files = args.files or ["README.md"] + sorted(
        os.path.join("docs", f) for f in os.listdir(os.path.join(source, "docs")) if f.endswith(".md"))
    docs = [parse(f, open(os.path.join(source, f), encoding="utf-8").read()) for f in files]
    problems = [p for d in docs for p in d.problems]
    if args.list:
        for d in docs:
            for s in d.steps:
                print(f"{d.path}:{s.line}: {'fail' if s.expect_failure else 'pass'}"
                      f"{' hidden' if s.hidden else ''}: {s.command}")
            for line, reason in d.skipped:
                print(f"{d.path}:{line}: skipped: {reason}")
        return 1 if problems else 0
    scratch = tempfile.mkdtemp(prefix="cs351-docs-")
    with concurrent.futures.ThreadPoolExecutor(max_workers=3) as pool:
        results = list(pool.map(lambda d: run_file(d, args, scratch), docs))
    failures = problems + [f for r in results for f in r]
    failures += check_config_snippets(docs, os.path.abspath(args.cs351), scratch)
    steps = sum(len(d.steps) for d in docs)
    skipped = sum(len(d.skipped) for d in docs)
    for f in failures:
        print(f, file=sys.stderr)
    snippets = sum(len(d.toml) for d in docs)
    print(f"{len(docs)} files, {steps} commands run, {snippets} config snippets appended, "
          f"{skipped} blocks skipped (with reasons), {len(failures)} problems")
    if not failures:
        shutil.rmtree(scratch, ignore_errors=True)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
