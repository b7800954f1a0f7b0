// Sends N messages through cs351's SES client (SigV4, libcurl, rate limiter) to an
// endpoint, one after another, and prints one JSON line: messages, seconds,
// messages_per_second, peak_rss_kb. With --timestamps FILE, writes the time (s,
// steady clock) at which each request was released by the rate limiter.
// Driven by tests/bench/mail_send.py; see docs/benchmarks.md.

#include <sys/resource.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <string>
#include <vector>

#include "cs351/core/http_client.h"
#include "cs351/mail/rate_limiter.h"
#include "cs351/mail/ses_client.h"

namespace {

struct Args {
  std::string endpoint;
  int count = 1000;
  double rate = 0;
  std::string timestamps;
};

Args parse(int argc, char** argv) {
  Args a;
  for (int i = 1; i + 1 < argc; i += 2) {
    const std::string flag = argv[i];
    const std::string value = argv[i + 1];
    if (flag == "--endpoint") a.endpoint = value;
    if (flag == "--count") a.count = std::stoi(value);
    if (flag == "--rate") a.rate = std::stod(value);
    if (flag == "--timestamps") a.timestamps = value;
  }
  if (a.endpoint.empty()) {
    std::cerr
        << "usage: bench_mail_send --endpoint URL [--count N] [--rate R] [--timestamps FILE]\n";
    std::exit(2);
  }
  return a;
}

}  // namespace

int main(int argc, char** argv) {
  const auto args = parse(argc, argv);
  auto http = cs351::make_curl_client("cs351-bench");
  cs351::mail::SesClient ses(*http,
                             {args.endpoint, "us-east-1", {"AKIDBENCH", "bench-secret", ""}});
  cs351::mail::RateLimiter limiter(args.rate, cs351::system_clock(), cs351::real_sleeper());
  std::vector<double> released;
  released.reserve(args.count);
  const auto start = std::chrono::steady_clock::now();
  for (int i = 0; i < args.count; ++i) {
    cs351::mail::EmailMessage m{
        "staff@cs351.test",
        "student" + std::to_string(i) + "@example.edu",
        "Your CS351 login link",
        "Hello,\n\nhttps://cs351.test/login?token=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA\n",
        "<p>Hello,</p><p><a href=\"https://cs351.test/login?token=AAAA\">Log in</a></p>",
        "",
        {{"purpose", "login"}}};
    limiter.acquire();
    released.push_back(
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count());
    ses.send_email(m);
  }
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  if (!args.timestamps.empty()) {
    std::ofstream out(args.timestamps);
    for (double t : released) out << t << '\n';
  }
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  std::printf(
      "{\"messages\": %d, \"seconds\": %.3f, \"messages_per_second\": %.1f, \"peak_rss_kb\": "
      "%ld}\n",
      args.count, seconds, args.count / seconds, usage.ru_maxrss);
  return 0;
}
