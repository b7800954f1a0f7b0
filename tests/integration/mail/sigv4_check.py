#!/usr/bin/env python3
"""Recomputes the SigV4 Authorization header of every request in a stub log with
botocore (an independent implementation) and fails on any mismatch.

Usage: sigv4_check.py LOG_FILE ACCESS_KEY SECRET_KEY REGION
"""
import json
import sys

from botocore.auth import SigV4Auth
from botocore.awsrequest import AWSRequest
from botocore.credentials import Credentials


def expected_authorization(entry, credentials, region):
    headers = entry["headers"]
    auth = headers["Authorization"]
    signed = auth.split("SignedHeaders=")[1].split(",")[0].split(";")
    lower = {k.lower(): v for k, v in headers.items()}
    host = lower["host"]
    request = AWSRequest(method=entry["method"], url=f"http://{host}{entry['path']}",
                         headers={name: lower[name] for name in signed}, data=entry["body"].encode())
    request.context["timestamp"] = lower["x-amz-date"]
    signer = SigV4Auth(credentials, "ses", region)
    canonical = signer.canonical_request(request)
    signature = signer.signature(signer.string_to_sign(request, canonical), request)
    scope = f"{lower['x-amz-date'][:8]}/{region}/ses/aws4_request"
    return (f"AWS4-HMAC-SHA256 Credential={credentials.access_key}/{scope}, "
            f"SignedHeaders={';'.join(signed)}, Signature={signature}")


def main():
    log_file, access_key, secret_key, region = sys.argv[1:5]
    credentials = Credentials(access_key, secret_key)
    checked = 0
    with open(log_file, encoding="utf-8") as f:
        for line in f:
            entry = json.loads(line)
            if "Authorization" not in entry["headers"]:
                continue
            want = expected_authorization(entry, credentials, region)
            got = entry["headers"]["Authorization"]
            if got != want:
                print(f"signature mismatch for {entry['method']} {entry['path']}:\n got  {got}\n want {want}")
                sys.exit(1)
            checked += 1
    if checked == 0:
        print("no signed requests in the log")
        sys.exit(1)
    print(f"{checked} signatures match botocore")


if __name__ == "__main__":
    main()
