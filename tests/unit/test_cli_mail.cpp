// mail log and cancel (the outbox in the store), in process: no SES needed.
#include <doctest/doctest.h>

#include "cli_harness.h"

using namespace cs351;

TEST_CASE("mail log of an empty outbox: a header piped, [] as JSON") {
  test::CliHarness cli;
  cli.init();
  CHECK(test::lines_of(cli.ok({"mail", "log"}).out) ==
        std::vector<std::string>{
            "id,batch,queued_at,recipient,status,subject,message_id,attempts,error"});
  CHECK(cli.ok({"mail", "log", "--format", "json"}).json().empty());
}

TEST_CASE("mail cancel --dry-run: what it would drop, and the dry-run summary") {
  test::CliHarness cli;
  cli.init();
  const auto r = cli.ok({"mail", "cancel", "--course", "CS351-S26", "--dry-run"});
  CHECK(r.out == "id,batch,recipient,status,queued_at\r\n");
  CHECK(r.err.find("dry run, nothing written: would have cancelled 0") != std::string::npos);
  CHECK(cli.ok({"mail", "cancel", "--course", "CS351-S26", "--dry-run", "-q"}).err.empty());
}
