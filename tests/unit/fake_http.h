#pragma once
// The one fake HttpClient of the unit tests. It answers from `script` (in order),
// then from `routes` (per "METHOD /path", the last answer repeating), then with
// `fallback`, and remembers every request. A request nothing answers fails the test.

#include <deque>
#include <functional>
#include <initializer_list>
#include <map>
#include <string>
#include <vector>

#include "cs351/core/http_client.h"

namespace cs351::test {

class FakeHttp : public HttpClient {
 public:
  using Answer = std::function<HttpResponse(const HttpRequest&)>;

  std::deque<Answer> script;
  std::map<std::string, std::deque<HttpResponse>> routes;
  Answer fallback;
  std::vector<HttpRequest> requests;

  // Appends canned answers to `script`; status 0 stands for a transport error
  // (connection refused).
  void queue(std::initializer_list<HttpResponse> answers);

  HttpResponse send(const HttpRequest& request) override;
};

// A response with a JSON content type.
HttpResponse json_response(long status, const std::string& body, const HttpHeaders& headers = {});

}  // namespace cs351::test
