#!/usr/bin/env python3
"""Prints the token of the last magic link the SES emulator holds for an address, as a reader
of the docs would copy it from the email (`docs_token EMAIL` in run_docs.py's sandbox).

Usage: ses_token.py EMULATOR_URL EMAIL"""
import json
import re
import sys
import urllib.request

url, email = sys.argv[1], sys.argv[2].lower()
store = json.load(urllib.request.urlopen(url + "/store"))
for message in reversed(store["emails"]):
    if email in (a.lower() for a in message["destination"]["to"]):
        body = message["body"].get("text") or message["body"].get("html") or ""
        match = re.search(r"token=([A-Za-z0-9_-]{43})", body)
        if match:
            print(match.group(1))
            sys.exit(0)
sys.exit(f"no magic link mailed to {email}")
