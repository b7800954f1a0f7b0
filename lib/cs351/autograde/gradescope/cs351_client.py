#!/usr/bin/env python3
# cs351's client for Gradescope's autograder container (shipped in the zip that
# `cs351 autograde package` writes). It speaks the bridge protocol exactly as
# `cs351 autograde submit` does (lib/cs351/autograde/bridge_client.cpp): one tar
# of submission_metadata.json and submission/, a bearer token, HTTPS with
# certificate checks, retries until the deadline, and ALWAYS a results.json.
# Python 3.6 standard library only: Ubuntu 18.04 images have nothing newer.
import argparse
import gzip
import http.client
import io
import json
import os
import ssl
import sys
import tarfile
import time
import urllib.parse

HERE = os.path.dirname(os.path.abspath(__file__))
FIRST_PAUSE = 0.25
MAX_PAUSE = 5.0
MAX_POLL_PAUSE = 1.0  # polls ask the server to hold them (?wait=20): keep our own pause short
LONG_POLL_SECONDS = 20  # near the deadline the server is asked to answer 2 s before it
MAX_REQUEST = 30.0
INVALID_RESULTS = "invalid results.json"

# Exit codes, the same as `cs351 autograde submit`'s.
OK, FAILURE, DATA, UNAVAILABLE, TEMPORARY, NO_PERM, CONFIG = 0, 1, 65, 69, 75, 77, 78


class Outcome(Exception):
    """How the submission ended when it ended without the grader's result."""

    def __init__(self, code, message, results):
        super().__init__(message)
        self.code = code
        self.message = message
        self.results = results


def zero_score(output, message):
    return {"score": 0, "output": output, "extra_data": {"cs351_error": message}}


# The words of results.cpp (failure_results, refused_results): the contract
# test checks both clients write the same page.
def failure(code, message):
    if message.startswith(INVALID_RESULTS):
        output = ("The course's autograder wrote a result that cannot be used ({}). This is "
                  "a fault in the autograder, not in your submission, and resubmitting will "
                  "not help: the course staff have to fix the autograder. Please tell them."
                  .format(message))
    else:
        output = ("The grader could not produce a result: {}. Please resubmit; if this "
                  "happens again, contact the course staff.".format(message))
    return Outcome(code, message, zero_score(output, message))


def refusal(code, message, fault):
    if fault == "staff":
        output = ("The course staff must fix the autograder configuration: {}. This is not a "
                  "fault in your submission, and resubmitting will not help until they do: "
                  "please tell them.".format(message))
    else:
        output = ("The grading server did not accept your submission: {}. Change your "
                  "submission and submit again.".format(message))
    return Outcome(code, message, zero_score(output, message))


def format_duration(seconds):
    """As cs351's format_duration: the largest unit that divides exactly."""
    ms = int(round(seconds * 1000))
    if ms == 0:
        return "0s"
    for unit, size in (("d", 86400000), ("h", 3600000), ("m", 60000), ("s", 1000)):
        if ms % size == 0:
            return "{}{}".format(ms // size, unit)
    return "{}ms".format(ms)


def parse_duration(text):
    units = {"ms": 0.001, "s": 1, "m": 60, "h": 3600}
    for suffix in ("ms", "s", "m", "h"):
        number = text[:-len(suffix)]
        if text.endswith(suffix) and number.isdigit():
            return int(number) * units[suffix]
    raise ValueError("bad duration '{}' (e.g. 90s, 9m)".format(text))


def insecure_server(server):
    """Why `server` must not carry the token (as bridge_client.cpp's insecure_server)."""
    if server.startswith("https://"):
        return None
    if not server.startswith("http://"):
        return "the grading server URL '{}' must start with https://".format(server)
    rest = server[len("http://"):]
    if rest.startswith("["):
        host = rest[:rest.find("]") + 1]
    else:
        cut = [i for i in (rest.find(":"), rest.find("/")) if i >= 0]
        host = rest[:min(cut)] if cut else rest
    digits = host.startswith("127.") and all(c in "0123456789." for c in host)
    if host in ("localhost", "[::1]") or digits:
        return None
    return ("the grading server URL '{}' is plain http:// to a host that is not loopback: the "
            "bridge token would cross the network unencrypted; use https://".format(server))


def server_error(status, body):
    try:
        doc = json.loads(body.decode("utf-8"))
    except ValueError:
        doc = None
    if isinstance(doc, dict) and isinstance(doc.get("error"), str):
        return "HTTP {}: {}".format(status, doc["error"])
    return "HTTP {}".format(status)


def fault_of(status, body):
    """The server's "fault" when it says, else by status (older servers)."""
    try:
        doc = json.loads(body.decode("utf-8"))
    except ValueError:
        doc = None
    if isinstance(doc, dict) and doc.get("fault") in ("staff", "student"):
        return doc["fault"]
    return "student" if status in (400, 413, 415) else "staff"


def retryable(status):
    return status >= 500 or status in (408, 429)


def retry_after(headers):
    value = headers.get("Retry-After", "")
    return int(value) if value.isdigit() and len(value) <= 6 else None


def clean_entry(info):
    """No owner names from the container in the archive."""
    info.uid = info.gid = 0
    info.uname = info.gname = ""
    return info


def build_archive(metadata, submission_dir):
    """submission_metadata.json + submission/, symlinks stored as links (never followed)."""
    if not os.path.isdir(submission_dir):
        raise OSError("{}: not a directory".format(submission_dir))
    raw = io.BytesIO()
    with tarfile.open(fileobj=raw, mode="w", format=tarfile.GNU_FORMAT) as tar:
        tar.add(metadata, arcname="submission_metadata.json", filter=clean_entry)
        for folder, dirs, files in os.walk(submission_dir, onerror=raise_error):
            dirs.sort()
            for name in sorted(files) + [d for d in dirs if os.path.islink(os.path.join(folder, d))]:
                path = os.path.join(folder, name)
                arcname = "submission/" + os.path.relpath(path, submission_dir).replace(os.sep, "/")
                tar.add(path, arcname=arcname, recursive=False, filter=clean_entry)
    return gzip.compress(raw.getvalue())


def raise_error(error):
    raise error


class Bridge:
    """One submission's conversation with the bridge, bounded by the deadline."""

    def __init__(self, server, token, ca_cert, deadline):
        self.server = server
        self.url = urllib.parse.urlsplit(server)
        self.token = token
        self.deadline_seconds = deadline
        self.deadline = time.monotonic() + deadline
        self.reached = False
        self.context = ssl.create_default_context()
        if ca_cert:
            self.context.load_verify_locations(cadata=ca_cert)
        self.conn = None  # kept alive between requests: one TLS handshake, not one per poll

    def remaining(self):
        return self.deadline - time.monotonic()

    def connection(self, timeout):
        if self.conn is None:
            if self.url.scheme == "https":
                self.conn = http.client.HTTPSConnection(self.url.hostname, self.url.port,
                                                        timeout=timeout, context=self.context)
            else:
                self.conn = http.client.HTTPConnection(self.url.hostname, self.url.port,
                                                       timeout=timeout)
        else:
            self.conn.timeout = timeout
            if self.conn.sock is not None:
                self.conn.sock.settimeout(timeout)
        return self.conn

    def send_once(self, method, path, body, headers):
        """One request. A kept-alive connection the server has closed meanwhile is
        replaced once at once; any other failure drops it (the retry connects anew)."""
        for fresh in (self.conn is None, True):
            timeout = min(max(self.remaining(), 0.001), MAX_REQUEST)
            conn = self.connection(timeout)
            try:
                conn.request(method, self.url.path.rstrip("/") + path, body=body, headers=headers)
                response = conn.getresponse()
                answer = response.read()
                if response.will_close:
                    self.close()
                return response.status, response.headers, answer
            except (http.client.RemoteDisconnected, BrokenPipeError, ConnectionResetError):
                self.close()
                if fresh:
                    raise
            except BaseException:
                self.close()
                raise

    def close(self):
        if self.conn is not None:
            self.conn.close()
            self.conn = None

    def send(self, method, path, body=None, extra=None):
        """Retries transport errors, 5xx, 408 and 429 until the deadline."""
        headers = {"Authorization": "Bearer " + self.token, "Accept": "application/json",
                   "User-Agent": "cs351-gradescope-client"}
        headers.update(extra or {})
        problem = "no time left"
        attempt = 1
        while self.remaining() > 0:
            pause = min(MAX_PAUSE, FIRST_PAUSE * 2 ** min(attempt - 1, 20))
            try:
                status, answer_headers, answer = self.send_once(method, path, body, headers)
                self.reached = True
                if not retryable(status):
                    return status, answer
                problem = server_error(status, answer)
                pause = retry_after(answer_headers) or pause
            except (OSError, http.client.HTTPException, ssl.CertificateError) as e:
                # (On Python 3.6 a certificate for another host is a ValueError, not an OSError.)
                problem = "{} {}{}: {}".format(method, self.server, path, e)
            if not self.wait(pause):
                break
            attempt += 1
        if self.reached:
            raise failure(TEMPORARY, "the grading server did not answer within {} (last: {})"
                          .format(format_duration(self.deadline_seconds), problem))
        raise failure(UNAVAILABLE, "could not reach the grading server at {}: {}"
                      .format(self.server, problem))

    def wait(self, pause):
        left = self.remaining()
        if left <= 0:
            return False
        time.sleep(min(pause, left))
        return True

    def post(self, archive):
        status, body = self.send("POST", "/v1/runs", archive,
                                 {"Content-Type": "application/x-tar",
                                  "Content-Encoding": "gzip"})
        if status >= 400:
            fault = fault_of(status, body)
            code = NO_PERM if status == 401 else CONFIG if fault == "staff" else DATA
            raise refusal(code, server_error(status, body), fault)
        try:
            created = json.loads(body.decode("utf-8"))
        except ValueError:
            created = None
        if (status not in (200, 201) or not isinstance(created, dict)
                or not isinstance(created.get("results_url"), str)):
            raise failure(DATA, "the grading server sent an unusable answer: {}"
                          .format(server_error(status, body)))
        return created

    def poll(self, created):
        run = created.get("run_id", 0)
        url = created["results_url"]
        pause = FIRST_PAUSE
        while True:
            if self.remaining() <= 0:
                raise self.too_slow(run)
            wait = min(max(int(self.remaining()) - 2, 0), LONG_POLL_SECONDS)
            status, body = self.send("GET", "{}{}wait={}".format(url, "&" if "?" in url else "?", wait))
            if status == 200:
                return run, body
            if status != 202:
                raise failure(DATA, "the grading server lost run {}: {}"
                              .format(run, server_error(status, body)))
            if not self.wait(pause):
                raise self.too_slow(run)
            pause = min(pause * 1.5, MAX_POLL_PAUSE)

    def too_slow(self, run):
        return failure(TEMPORARY, "run {} did not finish within {}"
                       .format(run, format_duration(self.deadline_seconds)))


def grader_result(run, body, results_path):
    """The grader's results.json as the server sent it, and the exit code it means."""
    try:
        results = json.loads(body.decode("utf-8"))
    except ValueError as e:
        raise failure(DATA, "the grading server sent unusable results: {}".format(e))
    if not isinstance(results, dict):
        raise failure(DATA, "the grading server sent unusable results: not a JSON object")
    error = results.get("extra_data", {}).get("cs351_error") \
        if isinstance(results.get("extra_data"), dict) else None
    if isinstance(error, str):
        code = DATA if error.startswith(INVALID_RESULTS) else FAILURE
        return results, code, "run {} failed: {}".format(run, error)
    return results, OK, "run {}: results written to {}".format(run, results_path)


def write_results(path, results):
    """Through a temp file and a rename, so Gradescope never reads half a file."""
    os.makedirs(os.path.dirname(os.path.abspath(path)), exist_ok=True)
    temp = path + ".tmp"
    with open(temp, "w", encoding="utf-8") as out:
        json.dump(results, out, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    os.replace(temp, path)


def submit(connection, metadata, submission_dir, results_path):
    """The results to write, the exit code and one line for the log."""
    server = connection.get("server", "").rstrip("/")
    token = connection.get("token", "")
    if not token:
        raise refusal(CONFIG, "autograde.token is not set (env CS351_AUTOGRADE_TOKEN)", "staff")
    problem = insecure_server(server)
    if problem:
        raise refusal(CONFIG, problem, "staff")
    try:
        urllib.parse.urlsplit(server).port
    except ValueError as e:
        raise refusal(CONFIG, "the grading server URL '{}' is not usable: {}".format(server, e),
                      "staff")
    try:
        archive = build_archive(metadata, submission_dir)
    except OSError as e:
        raise refusal(DATA, "cannot read the submission: {}".format(e), "student")
    bridge = Bridge(server, token, connection.get("ca_cert"), connection["deadline_seconds"])
    try:
        created = bridge.post(archive)
        run, body = bridge.poll(created)
    finally:
        bridge.close()
    results, code, line = grader_result(run, body, results_path)
    if created.get("deduplicated"):
        line += " (same run as an earlier submission)"
    return results, code, line


def arguments():
    parser = argparse.ArgumentParser(description="Send this Gradescope submission to cs351's "
                                     "grading server and write results.json.")
    parser.add_argument("--connection", default=os.path.join(HERE, "cs351_connection.json"),
                        help="server URL, token, CA certificate and deadline")
    parser.add_argument("--metadata", default="/autograder/submission_metadata.json")
    parser.add_argument("--submission", default="/autograder/submission")
    parser.add_argument("--results", default="/autograder/results/results.json")
    parser.add_argument("--deadline", help="overrides the connection file's deadline, e.g. 90s")
    return parser.parse_args()


def main():
    args = arguments()
    try:
        try:
            with open(args.connection, encoding="utf-8") as f:
                connection = json.load(f)
            deadline = args.deadline or connection.get("deadline", "9m")
            connection["deadline_seconds"] = parse_duration(deadline)
        except (OSError, ValueError, AttributeError, TypeError, KeyError) as e:
            raise refusal(CONFIG, "cannot read the connection file: {}".format(e), "staff")
        results, code, line = submit(connection, args.metadata, args.submission, args.results)
    except Outcome as outcome:
        results, code, line = outcome.results, outcome.code, outcome.message
        line += " (a failure results.json was written)"
    except Exception as e:  # a bug here must still leave the student a page that says so
        outcome = refusal(FAILURE, "the autograder's client failed: {!r}".format(e), "staff")
        results, code, line = outcome.results, outcome.code, outcome.message
    write_results(args.results, results)
    print("cs351: " + line, file=sys.stderr)
    return code


if __name__ == "__main__":
    sys.exit(main())
