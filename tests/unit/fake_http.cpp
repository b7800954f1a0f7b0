#include "fake_http.h"

#include <doctest/doctest.h>

namespace cs351::test {
namespace {

// "https://host/a/b?c" -> "/a/b?c".
std::string path_of(const std::string& url) {
  const auto scheme = url.find("://");
  const auto slash = url.find('/', scheme == std::string::npos ? 0 : scheme + 3);
  return slash == std::string::npos ? "/" : url.substr(slash);
}

}  // namespace

void FakeHttp::queue(std::initializer_list<HttpResponse> answers) {
  for (const auto& a : answers) {
    script.push_back([a](const HttpRequest&) {
      if (a.status == 0) throw HttpTransportError("connection refused", false);
      return a;
    });
  }
}

HttpResponse FakeHttp::send(const HttpRequest& request) {
  requests.push_back(request);
  if (!script.empty()) {
    auto next = std::move(script.front());
    script.pop_front();
    return next(request);
  }
  const auto route = routes.find(request.method + " " + path_of(request.url));
  if (route != routes.end() && !route->second.empty()) {
    HttpResponse r = route->second.front();
    if (route->second.size() > 1) route->second.pop_front();
    return r;
  }
  if (fallback) return fallback(request);
  FAIL_CHECK("unexpected request " << request.method << " " << request.url);
  return json_response(500, R"({"message":"no scripted answer"})");
}

HttpResponse json_response(long status, const std::string& body, const HttpHeaders& headers) {
  HttpResponse r;
  r.status = status;
  r.body = body;
  r.headers = headers;
  r.headers.emplace_back("content-type", "application/json");
  return r;
}

}  // namespace cs351::test
