#!/usr/bin/env python3
"""The reference: the same N SendEmail calls with boto3 (sesv2), one after another.
Prints the same JSON line as bench_mail_send. Usage: mail_send_boto3.py ENDPOINT N"""
import json
import resource
import sys
import time

import boto3


def main():
    endpoint, count = sys.argv[1], int(sys.argv[2])
    client = boto3.client("sesv2", region_name="us-east-1", endpoint_url=endpoint,
                          aws_access_key_id="AKIDBENCH", aws_secret_access_key="bench-secret")
    start = time.monotonic()
    for i in range(count):
        client.send_email(
            FromEmailAddress="staff@cs351.test",
            Destination={"ToAddresses": [f"student{i}@example.edu"]},
            Content={"Simple": {
                "Subject": {"Data": "Your CS351 login link", "Charset": "UTF-8"},
                "Body": {"Text": {"Data": "Hello,\n\nhttps://cs351.test/login?token=" + "A" * 43 + "\n",
                                  "Charset": "UTF-8"},
                         "Html": {"Data": '<p>Hello,</p><p><a href="https://cs351.test/login?token=AAAA">Log in</a></p>',
                                  "Charset": "UTF-8"}}}},
            EmailTags=[{"Name": "purpose", "Value": "login"}])
    seconds = time.monotonic() - start
    print(json.dumps({"messages": count, "seconds": round(seconds, 3),
                      "messages_per_second": round(count / seconds, 1),
                      "peak_rss_kb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss}))


if __name__ == "__main__":
    main()
