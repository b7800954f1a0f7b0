#include "cs351/core/http_client.h"

#include <curl/curl.h>
#include <fmt/format.h>

#include <mutex>

#include "cs351/core/text.h"

namespace cs351 {
namespace {

void global_init_once() {
  static std::once_flag once;
  std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
}

std::size_t on_body(char* data, std::size_t size, std::size_t n, void* user) {
  static_cast<std::string*>(user)->append(data, size * n);
  return size * n;
}

std::size_t on_header(char* data, std::size_t size, std::size_t n, void* user) {
  auto* headers = static_cast<HttpHeaders*>(user);
  std::string_view line(data, size * n);
  if (line.starts_with("HTTP/")) headers->clear();  // a new response (after 100-continue)
  auto colon = line.find(':');
  if (colon != std::string_view::npos) {
    headers->emplace_back(to_lower_ascii(trim(line.substr(0, colon))),
                          std::string(trim(line.substr(colon + 1))));
  }
  return size * n;
}

class CurlHttpClient : public HttpClient {
 public:
  explicit CurlHttpClient(std::string user_agent) : m_user_agent(std::move(user_agent)) {
    global_init_once();
    m_curl = curl_easy_init();
    if (m_curl == nullptr) throw Error(ExitCode::failure, "cannot initialise libcurl");
  }
  ~CurlHttpClient() override { curl_easy_cleanup(m_curl); }
  CurlHttpClient(const CurlHttpClient&) = delete;
  CurlHttpClient& operator=(const CurlHttpClient&) = delete;

  HttpResponse send(const HttpRequest& request) override {
    HttpResponse response;
    curl_slist* headers = nullptr;
    for (const auto& [k, v] : request.headers)
      headers = curl_slist_append(headers, (k + ": " + v).c_str());
    // libcurl adds "Expect: 100-continue" to large POSTs; it only adds a round trip here.
    headers = curl_slist_append(headers, "Expect:");
    curl_easy_reset(m_curl);
    curl_easy_setopt(m_curl, CURLOPT_URL, request.url.c_str());
    curl_easy_setopt(m_curl, CURLOPT_USERAGENT, m_user_agent.c_str());
    curl_easy_setopt(m_curl, CURLOPT_HTTPHEADER, headers);
    curl_easy_setopt(m_curl, CURLOPT_TIMEOUT_MS, static_cast<long>(request.timeout.count()));
    curl_easy_setopt(m_curl, CURLOPT_CONNECTTIMEOUT_MS, 10'000L);
    curl_easy_setopt(m_curl, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(m_curl, CURLOPT_ACCEPT_ENCODING, "");
    curl_easy_setopt(m_curl, CURLOPT_WRITEFUNCTION, on_body);
    curl_easy_setopt(m_curl, CURLOPT_WRITEDATA, &response.body);
    curl_easy_setopt(m_curl, CURLOPT_HEADERFUNCTION, on_header);
    curl_easy_setopt(m_curl, CURLOPT_HEADERDATA, &response.headers);
    if (request.method == "GET") {
      curl_easy_setopt(m_curl, CURLOPT_HTTPGET, 1L);
    } else {
      curl_easy_setopt(m_curl, CURLOPT_CUSTOMREQUEST, request.method.c_str());
      curl_easy_setopt(m_curl, CURLOPT_POSTFIELDS, request.body.data());
      curl_easy_setopt(m_curl, CURLOPT_POSTFIELDSIZE_LARGE,
                       static_cast<curl_off_t>(request.body.size()));
    }
    const CURLcode rc = curl_easy_perform(m_curl);
    curl_slist_free_all(headers);
    if (rc != CURLE_OK) {
      throw HttpTransportError(fmt::format("{} {}: {}", request.method, strip_query(request.url),
                                           curl_easy_strerror(rc)),
                               rc == CURLE_OPERATION_TIMEDOUT);
    }
    curl_easy_getinfo(m_curl, CURLINFO_RESPONSE_CODE, &response.status);
    return response;
  }

 private:
  // Messages never carry a query string: it may hold secrets.
  static std::string strip_query(const std::string& url) { return url.substr(0, url.find('?')); }

  std::string m_user_agent;
  CURL* m_curl;
};

}  // namespace

std::optional<std::string> HttpResponse::header(const std::string& name) const {
  const auto wanted = to_lower_ascii(name);
  for (const auto& [k, v] : headers) {
    if (k == wanted) return v;
  }
  return std::nullopt;
}

std::unique_ptr<HttpClient> make_curl_client(const std::string& user_agent) {
  return std::make_unique<CurlHttpClient>(user_agent);
}

std::string url_encode(const std::string& s) {
  static const char* hex = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : s) {
    if (std::isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~') {
      out += static_cast<char>(c);
    } else {
      out += '%';
      out += hex[c >> 4];
      out += hex[c & 15];
    }
  }
  return out;
}

}  // namespace cs351
