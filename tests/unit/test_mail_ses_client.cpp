#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include "cs351/mail/ses_client.h"
#include "mail_test_support.h"

using cs351::test::FakeHttp;
using cs351::test::json_response;
using nlohmann::json;

namespace {

struct Fixture {
  FakeHttp http;
  cs351::ManualClock clock{cs351::test::test_epoch()};
  cs351::mail::SesClient ses{http, {"http://127.0.0.1:9", "us-east-1", {"AK", "SK", ""}}, clock};
};

cs351::mail::SesError error_for(const cs351::HttpResponse& r) {
  return cs351::mail::parse_ses_error(r);
}

}  // namespace

TEST_SUITE_BEGIN("mail/ses_client");

TEST_CASE("SendEmail posts the v2 JSON body, signed for service ses, and returns the MessageId") {
  Fixture f;
  f.http.script.push_back(
      [](const cs351::HttpRequest&) { return json_response(200, R"({"MessageId":"abc-1"})"); });
  cs351::mail::EmailMessage m{"staff@x.edu", "ada@x.edu",           "Hi ✓", "text", "<p>html</p>",
                              "course-set",  {{"purpose", "login"}}};
  CHECK(f.ses.send_email(m) == "abc-1");
  REQUIRE(f.http.requests.size() == 1);
  const auto& r = f.http.requests[0];
  CHECK(r.method == "POST");
  CHECK(r.url == "http://127.0.0.1:9/v2/email/outbound-emails");
  const auto body = json::parse(r.body);
  CHECK(body["FromEmailAddress"] == "staff@x.edu");
  CHECK(body["Destination"]["ToAddresses"] == json::array({"ada@x.edu"}));
  CHECK(body["Content"]["Simple"]["Subject"]["Data"] == "Hi ✓");
  CHECK(body["Content"]["Simple"]["Body"]["Text"]["Data"] == "text");
  CHECK(body["Content"]["Simple"]["Body"]["Html"]["Data"] == "<p>html</p>");
  CHECK(body["ConfigurationSetName"] == "course-set");
  CHECK(body["EmailTags"][0] == json{{"Name", "purpose"}, {"Value", "login"}});
  bool signed_for_ses = false;
  for (const auto& [k, v] : r.headers) {
    if (k == "Authorization")
      signed_for_ses = v.find("/us-east-1/ses/aws4_request") != std::string::npos;
  }
  CHECK(signed_for_ses);
}

TEST_CASE("errors are classified: throttling, 5xx, permanent; type from header or body") {
  using cs351::mail::SesFailure;
  const auto throttled =
      error_for(json_response(429, R"({"message":"Too many"})",
                              {{"x-amzn-errortype", "TooManyRequestsException:http://x"}}));
  CHECK(throttled.kind() == SesFailure::throttled);
  CHECK(throttled.type() == "TooManyRequestsException");
  CHECK(throttled.code() == cs351::ExitCode::temporary);

  const auto rate = error_for(
      json_response(400, R"({"code":"Throttling","message":"Maximum sending rate exceeded."})"));
  CHECK(rate.kind() == SesFailure::throttled);

  const auto rejected = error_for(json_response(
      400, R"({"__type":"MessageRejected","message":"Email address is not verified. ada@x.edu"})"));
  CHECK(rejected.kind() == SesFailure::permanent);
  CHECK(rejected.type() == "MessageRejected");
  CHECK(std::string(rejected.what()).find("Email address is not verified") != std::string::npos);

  const auto outage = error_for(json_response(503, "<html>bad gateway</html>"));
  CHECK(outage.kind() == SesFailure::transient);
  CHECK(outage.code() == cs351::ExitCode::unavailable);

  const auto denied = error_for(json_response(403, R"({"Message":"signature does not match"})"));
  CHECK(denied.kind() == SesFailure::permanent);
  CHECK(denied.code() == cs351::ExitCode::no_perm);
}

TEST_CASE("GetAccount reads sandbox state and quota") {
  Fixture f;
  f.http.script.push_back([](const cs351::HttpRequest&) {
    return json_response(
        200,
        R"({"ProductionAccessEnabled":false,"SendingEnabled":true,"EnforcementStatus":"HEALTHY",
      "SendQuota":{"Max24HourSend":200,"MaxSendRate":1,"SentLast24Hours":3}})");
  });
  const auto a = f.ses.get_account();
  CHECK_FALSE(a.production_access);
  CHECK(a.sending_enabled);
  CHECK(a.max_send_rate == 1);
  CHECK(a.max_24_hour_send == 200);
  CHECK(a.sent_last_24_hours == 3);
  CHECK(f.http.requests[0].method == "GET");
  CHECK(f.http.requests[0].url.ends_with("/v2/email/account"));
}

TEST_CASE("ListEmailIdentities follows NextToken; a bare 404 means no identities API") {
  Fixture f;
  f.http.script.push_back([](const cs351::HttpRequest&) {
    return json_response(
        200, R"({"EmailIdentities":[{"IdentityName":"a@x.edu","IdentityType":"EMAIL_ADDRESS",
      "VerificationStatus":"SUCCESS","SendingEnabled":true}],"NextToken":"n/2+"})");
  });
  f.http.script.push_back([](const cs351::HttpRequest&) {
    return json_response(
        200,
        R"({"EmailIdentities":[{"IdentityName":"x.edu","IdentityType":"DOMAIN","VerificationStatus":"PENDING"}]})");
  });
  const auto ids = f.ses.list_identities();
  REQUIRE(ids);
  REQUIRE(ids->size() == 2);
  CHECK((*ids)[1].verification_status == "PENDING");
  CHECK(f.http.requests[1].url.ends_with("/v2/email/identities?NextToken=n%2F2%2B&PageSize=1000"));

  cs351::HttpResponse missing;
  missing.status = 404;
  missing.body = "Not Found";
  f.http.script.push_back([missing](const cs351::HttpRequest&) { return missing; });
  CHECK_FALSE(f.ses.list_identities());
}

TEST_CASE("CreateEmailIdentity: created, already there, or an error") {
  Fixture f;
  f.http.script.push_back([](const cs351::HttpRequest&) {
    return json_response(200, R"({"IdentityType":"EMAIL_ADDRESS"})");
  });
  f.http.script.push_back([](const cs351::HttpRequest&) {
    return json_response(400, R"({"message":"exists"})",
                         {{"x-amzn-errortype", "AlreadyExistsException"}});
  });
  f.http.script.push_back([](const cs351::HttpRequest&) {
    return json_response(400, R"({"code":"BadRequestException","message":"bad"})");
  });
  CHECK(f.ses.create_email_identity("a@x.edu"));
  CHECK(json::parse(f.http.requests[0].body) == json{{"EmailIdentity", "a@x.edu"}});
  CHECK_FALSE(f.ses.create_email_identity("a@x.edu"));
  CHECK_THROWS_AS(f.ses.create_email_identity("a@x.edu"), cs351::mail::SesError);
}

TEST_CASE("a 200 without a MessageId is not taken as sent") {
  Fixture f;
  f.http.script.push_back([](const cs351::HttpRequest&) { return json_response(200, "{}"); });
  CHECK_THROWS_AS(f.ses.send_email({"a@x", "b@x", "s", "t", "", "", {}}), cs351::Error);
}

TEST_SUITE_END();
