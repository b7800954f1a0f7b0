#include <fmt/format.h>

#include <ostream>

#include "cli/commands.h"
#include "cli/output.h"
#include "cs351/gradescope/connection.h"
#include "cs351/gradescope/cookie_jar.h"

namespace cs351::cli {
namespace {

struct LoginFlags {
  std::string email;
  bool password_stdin = false;
  bool cookie_stdin = false;
};

std::string password_for_login(Context& ctx, const LoginFlags& o) {
  if (o.password_stdin) return ctx.terminal().read_secret_line("a password");
  if (auto p = gradescope::password_from_env_or_command(ctx.config())) return *p;
  if (!ctx.stdin_is_tty()) {
    throw usage_error(
        "no password: use --password-stdin, GRADESCOPE_PASSWORD, gradescope.password_command, or "
        "run on a terminal");
  }
  return ctx.terminal().prompt_secret("Gradescope password: ");
}

Listing courses_listing(const gradescope::AccountPage& account) {
  Listing listing{{"id", "short_name", "name", "term", "role", "assignments"}};
  for (const auto& c : account.courses) {
    listing.rows.push_back(
        {{"id", c.id},
         {"short_name", c.short_name},
         {"name", c.name},
         {"term", c.term},
         {"role", c.role},
         {"assignments", c.assignments ? nlohmann::json(*c.assignments) : nlohmann::json()}});
  }
  return listing;
}

void add_login(CLI::App& grp, Context& ctx) {
  auto* cmd = grp.add_subcommand(
      "login", "Log in to Gradescope and keep the session cookie (0600) next to the store");
  auto o = std::make_shared<LoginFlags>();
  cmd->add_option("--email", o->email, "account email (default: gradescope.email)");
  auto* pw = cmd->add_flag("--password-stdin", o->password_stdin,
                           "read the password from the first line of stdin");
  cmd->add_flag("--cookie-stdin", o->cookie_stdin,
                "SSO accounts: read a browser Cookie header (_gradescope_session=...) from stdin")
      ->excludes(pw);
  cmd->footer(
      "The password is never a flag value: it comes from a no-echo prompt, --password-stdin,\n"
      "GRADESCOPE_PASSWORD or gradescope.password_command, and is never stored.\n\n"
      "Examples:\n  cs351 gradescope login --email ta@example.edu\n"
      "  pass show gradescope | cs351 gradescope login --email ta@example.edu --password-stdin\n"
      "  echo '_gradescope_session=...' | cs351 gradescope login --email ta@example.edu "
      "--cookie-stdin");
  ctx.on_run(cmd, [&ctx, o] {
    gradescope::Connection conn(ctx.config(), ctx.data_dir());
    const std::string email = o->email.empty() ? conn.email() : o->email;
    if (email.empty()) throw usage_error("which account? pass --email or set gradescope.email");
    const auto read =
        o->cookie_stdin
            ? conn.login_with_cookie(email, ctx.terminal().read_secret_line("a Cookie header"))
            : conn.login(email, password_for_login(ctx, *o));
    if (!read.account) {
      ctx.warn(
          fmt::format("the course list did not parse ({}): courses unknown; "
                      "`cs351 gradescope check` says which pages still work",
                      read.unreadable));
    }
    const auto courses =
        read.account ? fmt::format("{} courses", read.account->courses.size()) : "courses unknown";
    ctx.info(fmt::format("logged in to {} as {} ({}); session kept in {}",
                         conn.session().base_url(), email, courses, conn.file().string()));
  });
}

void add_whoami(CLI::App& grp, Context& ctx) {
  auto* cmd =
      grp.add_subcommand("whoami", "Check the saved session against Gradescope and say who it is");
  cmd->footer("Example:\n  cs351 gradescope whoami --format json");
  ctx.formats(cmd, {{"table", "csv", "json"}, "json"});
  ctx.on_run(cmd, [&ctx] {
    gradescope::Connection conn(ctx.config(), ctx.data_dir());
    if (!conn.has_saved_session())
      throw auth_error("not logged in to Gradescope; run: cs351 gradescope login");
    const auto account = conn.account();
    write_object(ctx.out(),
                 {{"email", conn.email()},
                  {"base_url", conn.session().base_url()},
                  {"courses", account.courses.size()},
                  {"staff", account.staff}},
                 ctx.output());
  });
}

void add_logout(CLI::App& grp, Context& ctx) {
  auto* cmd = grp.add_subcommand("logout", "Forget the saved Gradescope session");
  cmd->footer(
      "Deletes the local session file; log in again with `cs351 gradescope login`.\n\nExample:\n  "
      "cs351 gradescope logout");
  ctx.on_run(cmd, [&ctx] {
    // No Connection: a damaged session file must not stand in the way of removing it.
    const bool removed = gradescope::remove_session(gradescope::session_file(ctx.data_dir()));
    ctx.info(removed ? "logged out (session file removed)" : "not logged in");
  });
}

void add_courses(CLI::App& grp, Context& ctx) {
  auto* cmd = grp.add_subcommand(
      "courses", "List the courses on the Gradescope account (id, short name, name, term, role)");
  cmd->footer(
      "Example:\n  cs351 gradescope courses --format json\n  cs351 course link CS351-S26 1001");
  ctx.formats(cmd, {{"table", "csv", "json"}});
  ctx.column_roles(cmd, {column::key("id"), column::key("short_name"), column::text("name"),
                         column::number("assignments")});
  ctx.on_run(cmd, [&ctx] {
    gradescope::Connection conn(ctx.config(), ctx.data_dir());
    conn.enable_relogin(ctx.config());
    const auto account = conn.account();
    write_listing(ctx.out(), courses_listing(account), ctx.output());
  });
}

}  // namespace

void add_gradescope_account_verbs(CLI::App& gradescope, Context& ctx) {
  add_login(gradescope, ctx);
  add_whoami(gradescope, ctx);
  add_logout(gradescope, ctx);
  add_courses(gradescope, ctx);
}

}  // namespace cs351::cli
