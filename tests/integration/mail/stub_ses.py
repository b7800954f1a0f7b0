#!/usr/bin/env python3
"""A stub SES v2 endpoint that answers like the real service where the emulator cannot:
throttling, MessageRejected, 5xx, a hang, sandbox accounts and identities.

Usage: stub_ses.py PORT_FILE LOG_FILE
Listens on 127.0.0.1 (a free port, written to PORT_FILE) and appends every request
as one JSON line (method, path, headers, body) to LOG_FILE.

What SendEmail does depends on the recipient's local part:
  reject-*    400 MessageRejected (sandbox: address not verified)
  throttle-*  429 TooManyRequestsException the first 2 times, then 200
  down-*      500 InternalFailure, always
  hang-*      answers nothing for 60 s (the client's timeout must fire)
  anything else: 200 with a MessageId.
POST /control {"mode": "normal"} makes every recipient succeed from then on.
"""
import json
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

STATE = {"mode": "script", "attempts": {}, "count": 0,
         "identities": {"verified@x.edu": "SUCCESS", "cs351.test": "SUCCESS"}}
LOCK = threading.Lock()
LOG = None


def log_request(handler, body):
    with LOCK:
        LOG.write(json.dumps({"method": handler.command, "path": handler.path,
                              "headers": dict(handler.headers.items()),
                              "body": body.decode("utf-8", "replace"), "at": time.time()}) + "\n")
        LOG.flush()


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *args):
        pass

    def answer(self, status, payload, error_type=None):
        data = json.dumps(payload).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        if error_type:
            self.send_header("x-amzn-ErrorType", error_type + ":http://internal.amazon.com/")
        self.end_headers()
        self.wfile.write(data)

    def read_body(self):
        return self.rfile.read(int(self.headers.get("Content-Length") or 0))

    def do_GET(self):
        log_request(self, b"")
        if self.path == "/v2/email/account":
            return self.answer(200, {"ProductionAccessEnabled": False, "SendingEnabled": True,
                                     "EnforcementStatus": "HEALTHY",
                                     "SendQuota": {"Max24HourSend": 200.0, "MaxSendRate": 14.0,
                                                   "SentLast24Hours": float(STATE["count"])}})
        if self.path.startswith("/v2/email/identities"):
            return self.answer(200, {"EmailIdentities": [
                {"IdentityName": name, "IdentityType": "DOMAIN" if "@" not in name else "EMAIL_ADDRESS",
                 "VerificationStatus": status, "SendingEnabled": status == "SUCCESS"}
                for name, status in sorted(STATE["identities"].items())]})
        self.answer(404, {"message": "no such route"}, "NotFoundException")

    def do_POST(self):
        body = self.read_body()
        log_request(self, body)
        if self.path == "/control":
            STATE.update(json.loads(body))
            return self.answer(200, {})
        if not self.headers.get("Authorization", "").startswith("AWS4-HMAC-SHA256 "):
            return self.answer(403, {"message": "Missing Authentication Token"}, "MissingAuthenticationTokenException")
        request = json.loads(body)
        if self.path == "/v2/email/identities":
            name = request["EmailIdentity"]
            if name in STATE["identities"]:
                return self.answer(400, {"message": "exists"}, "AlreadyExistsException")
            STATE["identities"][name] = "PENDING"
            return self.answer(200, {"IdentityType": "EMAIL_ADDRESS", "VerifiedForSendingStatus": False})
        if self.path == "/v2/email/outbound-emails":
            return self.send_email(request)
        self.answer(404, {"message": "no such route"}, "NotFoundException")

    def send_email(self, request):
        to = request["Destination"]["ToAddresses"][0]
        local = to.split("@")[0]
        with LOCK:
            tries = STATE["attempts"][to] = STATE["attempts"].get(to, 0) + 1
        if STATE["mode"] == "script":
            if local.startswith("reject-"):
                return self.answer(400, {"message": f"Email address is not verified. The following identities "
                                                    f"failed the check in region US-EAST-1: {to}"}, "MessageRejected")
            if local.startswith("throttle-") and tries <= 2:
                return self.answer(429, {"message": "Maximum sending rate exceeded."}, "TooManyRequestsException")
            if local.startswith("down-"):
                return self.answer(500, {"message": "Internal failure"}, "InternalFailure")
            if local.startswith("hang-"):
                time.sleep(60)
                return
        with LOCK:
            STATE["count"] += 1
            n = STATE["count"]
        self.answer(200, {"MessageId": f"stub-{n:06d}"})


def main():
    global LOG
    port_file, log_file = sys.argv[1], sys.argv[2]
    LOG = open(log_file, "a", encoding="utf-8")
    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    with open(port_file + ".tmp", "w") as f:
        f.write(str(server.server_address[1]))
    import os
    os.rename(port_file + ".tmp", port_file)
    server.serve_forever()


if __name__ == "__main__":
    main()
