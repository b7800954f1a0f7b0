#!/usr/bin/env python3
"""A scripted stand-in for `cs351 autograde serve`, for the answers a real one
gives only under load or misconfiguration (429, 503, never finishing, refusals
with and without "fault"). Binds 127.0.0.1:0, writes its port to PORT_FILE and
one line per request ("METHOD PATH SECONDS-SINCE-START CLIENT-PORT") to LOG_FILE.

usage: fake_bridge.py SCENARIO PORT_FILE LOG_FILE
"""
import http.server
import json
import os
import sys
import threading
import time

CREATED = {"run_id": 5, "deduplicated": False, "results_url": "/v1/runs/5/results"}
RESULT = {"score": 7, "output": "from the fake"}
# SCENARIO -> the answers to POST /v1/runs in order (the last repeats), and to GET.
SCENARIOS = {
    "rate-limited": ([(429, {"error": "slow down"}, {"Retry-After": "1"}), (201, CREATED, {})],
                     [(200, RESULT, {})]),
    "busy": ([(503, {"error": "busy"}, {}), (502, None, {}), (201, CREATED, {})],
             [(500, {"error": "oops"}, {}), (200, RESULT, {})]),
    "never-done": ([(201, CREATED, {})], [(202, {"status": "queued"}, {})]),
    "staff-fault": ([(422, {"error": "grader folder exposes the store", "fault": "staff"}, {})], []),
    "old-unknown-assignment": ([(404, {"error": "no assignment titled 'Homework 9'"}, {})], []),
    "old-too-large": ([(413, {"error": "upload larger than autograde.max_submission_size"}, {})],
                      []),
}

START = time.monotonic()
LOCK = threading.Lock()


class Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    answers = {}

    def log_message(self, *args):
        pass

    def answer(self, method):
        length = int(self.headers.get("Content-Length", "0"))
        self.rfile.read(length)
        with LOCK:
            with open(sys.argv[3], "a") as log:
                log.write("{} {} {:.3f} {}\n".format(method, self.path, time.monotonic() - START,
                                                     self.client_address[1]))
            queue = self.answers[method]
            status, body, headers = queue.pop(0) if len(queue) > 1 else queue[0]
        data = json.dumps(body).encode() if body is not None else b"<html>bad gateway</html>"
        self.send_response(status)
        for name, value in headers.items():
            self.send_header(name, value)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def do_POST(self):
        self.answer("POST")

    def do_GET(self):
        self.answer("GET")


def main():
    posts, gets = SCENARIOS[sys.argv[1]]
    Handler.answers = {"POST": list(posts), "GET": list(gets)}
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    with open(sys.argv[2] + ".tmp", "w") as f:
        f.write(str(server.server_address[1]))
    os.replace(sys.argv[2] + ".tmp", sys.argv[2])
    server.serve_forever()


if __name__ == "__main__":
    main()
