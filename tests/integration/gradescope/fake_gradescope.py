#!/usr/bin/env python3
"""A fake Gradescope for the integration tests and the sync benchmark.

Implements the login flow (token from the form, form-encoded POST, 302 to
/account, a session cookie) and serves the fixture pages of course 1001; with
--synthetic S,A it also serves a generated course 2002 (S students, A
assignments) in the same page formats. Behaviour can be changed while it runs:
GET /__control?key=value (see CONTROLS); GET /__stats returns counters as JSON.
Every request line and its headers (never bodies) are appended to --log.
"""
import argparse
import html
import json
import os
import re
import secrets
import sys
import threading
import urllib.parse
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

LOGIN_TOKEN = "FAKE_LOGIN_TOKEN_123"
CONTROLS = {
    "throttle": "",       # "429": logins get 429 + Retry-After; "page": a 200 "too many attempts" page
    "expire": "",         # "1": forget every session now (next request is redirected to /login)
    "break": "",          # path substring: serve a changed layout for matching paths
    "drop": "",           # path substring: close the connection without answering
    "fail": "",           # path substring: answer 503
    "login_redirect": "",  # a path: successful logins redirect there instead of /account
    "reject_csrf": "",     # "1": every login POST gets 422 (CSRF token refused)
    "hold": "",            # path substring: matching requests wait until hold is cleared
    "account": "",         # "boxes": /account in the newer course-box markup (no div.courseList)
}


class State:
    def __init__(self, args):
        self.lock = threading.Lock()
        self.args = args
        self.sessions = set()
        self.controls = dict(CONTROLS)
        self.stats = {"requests": 0, "logins": 0, "failed_logins": 0, "held": 0, "by_kind": {}, "by_path": {}}
        self.released = threading.Condition(self.lock)
        self.synthetic = None
        if args.synthetic:
            students, assignments = (int(x) for x in args.synthetic.split(","))
            self.synthetic = Synthetic(students, assignments)

    def fixture(self, name):
        with open(os.path.join(self.args.fixtures, name), "rb") as f:
            return f.read()


class Synthetic:
    """Course 2002: generated pages in the fixtures' formats."""

    def __init__(self, students, assignments):
        self.students = [(f"student{i}@example.edu", f"Student Nümber{i}", f"{100000 + i}", 700000 + i, 800000 + i)
                         for i in range(students)]
        self.assignments = [9000000 + i for i in range(assignments)]

    def assignments_page(self):
        rows = [{"id": "section_1", "type": "section", "title": "All"}]
        for n, aid in enumerate(self.assignments):
            rows.append({"id": f"assignment_{aid}", "type": "assignment", "title": f"Assignment {n + 1}",
                         "total_points": "100.0", "is_published": True,
                         "submission_window": {"release_date": "2026-01-10T09:00", "due_date": f"2026-02-{1 + n % 27:02d}T23:59",
                                               "hard_due_date": None, "time_limit": None}})
        props = html.escape(json.dumps({"table_data": rows}), quote=True)
        return f'<html><body><a href="/logout">Log Out</a><div data-react-class="AssignmentsTable" data-react-props="{props}"></div></body></html>'.encode()

    def roster_page(self):
        out = ['<html><body><a href="/logout">Log Out</a><table class="js-rosterTable"><thead><tr><th>Name</th><th>Email</th><th>Sections</th></tr></thead><tbody>']
        for email, name, sid, uid, mid in self.students:
            cm = html.escape(json.dumps({"full_name": name, "first_name": name.split()[0], "last_name": name.split()[1], "sid": sid}), quote=True)
            sec = html.escape(json.dumps([{"name": "L01"}]), quote=True)
            out.append(f'<tr class="rosterRow"><td><button class="rosterCell--editIcon" data-cm="{cm}" data-email="{email}" data-role="0" '
                       f'data-sections="{sec}" data-id="{mid}"></button><button class="js-rosterName" data-url="/courses/2002/gradebook.json?user_id={uid}">'
                       f'{html.escape(name)}</button></td><td>{email}</td><td>L01</td></tr>')
        out.append("</tbody></table></body></html>")
        return "\n".join(out).encode()

    def scores_csv(self, aid):
        lines = ["First Name,Last Name,SID,Email,Sections,Total Score,Max Points,Status,Submission ID,Submission Time,Lateness (H:M:S),View Count,Submission Count"]
        for i, (email, name, sid, _, _) in enumerate(self.students):
            first, last = name.split()
            lines.append(f"{first},{last},{sid},{email},L01,{(i * 7 + aid) % 101}.0,100.0,Graded,{aid % 100000 * 1000 + i},"
                         f"2026-02-01 12:{i % 60:02d}:00 -0500,00:00:00,1,1")
        return ("\n".join(lines) + "\n").encode()


def make_handler(state):
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, fmt, *args):  # the request log below replaces stderr noise
            pass

        def record(self):
            if self.path.startswith("/__"):
                return
            with state.lock:
                state.stats["requests"] += 1
                kind = re.sub(r"\d+", "N", urllib.parse.urlsplit(self.path).path)
                state.stats["by_kind"][kind] = state.stats["by_kind"].get(kind, 0) + 1
                state.stats["by_path"][self.path] = state.stats["by_path"].get(self.path, 0) + 1
                if state.args.log:
                    with open(state.args.log, "a", encoding="utf-8") as f:
                        f.write(self.requestline + "\n" + "".join(f"  {k}: {v}\n" for k, v in self.headers.items()))

        def send(self, status, body=b"", ctype="text/html; charset=utf-8", headers=()):
            self.send_response(status)
            self.send_header("Content-Type", ctype)
            self.send_header("Content-Length", str(len(body)))
            for k, v in headers:
                self.send_header(k, v)
            self.end_headers()
            self.wfile.write(body)

        def redirect(self, location, headers=()):
            self.send(302, b"", headers=[("Location", location), *headers])

        def cookies(self):
            out = {}
            for part in self.headers.get("Cookie", "").split(";"):
                if "=" in part:
                    k, v = part.strip().split("=", 1)
                    out[k] = v
            return out

        def logged_in(self):
            with state.lock:
                return self.cookies().get("_gradescope_session") in state.sessions

        def control(self, path):
            if path == "/__stats":
                with state.lock:
                    return self.send(200, json.dumps(state.stats).encode(), "application/json")
            query = urllib.parse.parse_qs(urllib.parse.urlsplit(self.path).query, keep_blank_values=True)
            with state.lock:
                for k, v in query.items():
                    if k not in CONTROLS:
                        return self.send(400, f"unknown control {k}".encode())
                    state.controls[k] = v[0]
                state.released.notify_all()
                if state.controls["expire"]:
                    state.sessions.clear()
                    state.controls["expire"] = ""
            self.send(200, b"ok")

        def matches(self, key):
            value = state.controls[key]
            return value and value in self.path

        def wait_while_held(self):
            with state.lock:
                if not self.matches("hold"):
                    return
                state.stats["held"] += 1
                state.released.wait_for(lambda: not self.matches("hold"), timeout=60)

        def do_GET(self):
            path = urllib.parse.urlsplit(self.path).path
            if path.startswith("/__"):
                return self.control(path)
            self.record()
            self.wait_while_held()
            if self.matches("drop"):
                self.close_connection = True
                self.connection.shutdown(2)
                return
            if self.matches("fail"):
                return self.send(503, b"<html>Service Unavailable</html>")
            if path == "/login":
                return self.send(200, state.fixture("login.html"), headers=[("Set-Cookie", "_gradescope_session=anon; path=/; HttpOnly")])
            if not self.logged_in():
                return self.redirect("/login")
            body, ctype = self.page(path)
            if body is None:
                return self.send(404, b'{"error":"not found"}', "application/json")
            self.send(200, body, ctype)

        def page(self, path):
            broken = self.matches("break")
            m = re.fullmatch(r"/courses/(\d+)(/.*)?", path)
            if path == "/account":
                if broken:
                    return state.fixture("account_broken_no_boxes.html"), "text/html"
                boxes = state.controls["account"] == "boxes"
                return state.fixture("account_course_boxes.html" if boxes else "account_instructor.html"), "text/html"
            if not m:
                return None, None
            course, rest = m.group(1), m.group(2) or ""
            if course == "2002" and state.synthetic:
                return self.synthetic_page(rest)
            if course != "1001":
                return None, None
            pages = {
                "/assignments": "assignments_broken_renamed_component.html" if broken else "assignments_single_quoted.html",
                "/memberships": "memberships_broken_no_table.html" if broken else "memberships_sections.html",
            }
            if rest in pages:
                return state.fixture(pages[rest]), "text/html"
            a = re.fullmatch(r"/assignments/(8255863|8255864)(/.*)", rest)
            if not a:
                return None, None
            tail = a.group(2)
            if tail == "/scores.csv":
                return state.fixture("scores_broken_header.csv" if broken else "scores_current.csv"), "text/csv"
            if tail == "/extensions":
                return state.fixture("extensions.html"), "text/html"
            if tail == "/submissions":
                return state.fixture("submissions.html"), "text/html"
            if re.fullmatch(r"/submissions/\d+\.json", tail):
                return state.fixture("submission_history.json"), "application/json"
            return None, None

        def synthetic_page(self, rest):
            s = state.synthetic
            if rest == "/assignments":
                return s.assignments_page(), "text/html"
            if rest == "/memberships":
                return s.roster_page(), "text/html"
            a = re.fullmatch(r"/assignments/(\d+)/scores.csv", rest)
            if a and int(a.group(1)) in s.assignments:
                return s.scores_csv(int(a.group(1))), "text/csv"
            return None, None

        def do_POST(self):
            self.record()
            length = int(self.headers.get("Content-Length", "0"))
            form = urllib.parse.parse_qs(self.rfile.read(length).decode("utf-8"), keep_blank_values=True)
            if urllib.parse.urlsplit(self.path).path != "/login":
                return self.send(404, b"")
            field = lambda k: form.get(k, [""])[0]
            throttle = state.controls["throttle"]
            if throttle == "429":
                return self.send(429, b"<html>Too many requests</html>", headers=[("Retry-After", "7")])
            if throttle == "page":
                return self.send(200, b"<html><p>Too many login attempts. Please try again later.</p></html>")
            if state.controls["reject_csrf"] or field("authenticity_token") != LOGIN_TOKEN or self.cookies().get("_gradescope_session") != "anon":
                return self.send(422, b"<html>The change you wanted was rejected.</html>")
            if field("session[email]") != state.args.email or field("session[password]") != state.args.password or field("utf8") != "\u2713":
                with state.lock:
                    state.stats["failed_logins"] += 1
                return self.redirect("/login")
            token = "sess-" + secrets.token_hex(8)
            with state.lock:
                state.sessions.add(token)
                state.stats["logins"] += 1
            host = self.headers.get("Host", "localhost")
            target = state.controls["login_redirect"] or "/account"
            self.redirect(f"http://{host}{target}", headers=[("Set-Cookie", f"_gradescope_session={token}; path=/; HttpOnly"),
                                                              ("Set-Cookie", "signed_token=abc; path=/")])

    return Handler


def main():
    p = argparse.ArgumentParser(description=__doc__)
    p.add_argument("--fixtures", required=True)
    p.add_argument("--port-file", required=True, help="the chosen port is written here once listening")
    p.add_argument("--email", default="ta@example.edu")
    p.add_argument("--password", default="correct horse battery staple")
    p.add_argument("--log", help="append request lines and headers here")
    p.add_argument("--synthetic", help="STUDENTS,ASSIGNMENTS for course 2002")
    args = p.parse_args()
    server = ThreadingHTTPServer(("127.0.0.1", 0), make_handler(State(args)))
    server.daemon_threads = True
    tmp = args.port_file + ".tmp"
    with open(tmp, "w") as f:
        f.write(str(server.server_address[1]))
    os.rename(tmp, args.port_file)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    sys.exit(0)


if __name__ == "__main__":
    main()
