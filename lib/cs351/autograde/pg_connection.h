#pragma once
// One connection to PostgreSQL on libpq, for the queue backend. It reconnects
// by itself: after the server restarts or the network drops, the call that
// finds the connection broken fails (Error 69), and the next one reconnects
// (and listens again on the channels it listened on). The password never
// appears in a message: URLs are shown with it removed, and a password from
// autograde.password_command travels as a libpq parameter, never in argv.

#include <chrono>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "cs351/core/error.h"

struct pg_conn;
struct pg_result;

namespace cs351::autograde {

struct PgTarget {
  std::string url;  // postgresql://user@host:port/db?...
  std::optional<std::string>
      password;  // from password_command; else libpq's own (PGPASSWORD, ~/.pgpass)
  // The connection's application_name, over the URL's own: how a worker's
  // connections say who they are. Nullopt: the URL's, else "cs351".
  std::optional<std::string> application_name{};
};

// `url` with any password removed (user:secret@ -> user@, password=... dropped).
std::string redact_url(const std::string& url);

// An error the server reported for a statement (constraint, syntax...), with its SQLSTATE.
class PgError : public Error {
 public:
  PgError(std::string sqlstate, const std::string& message)
      : Error(ExitCode::failure, message), m_sqlstate(std::move(sqlstate)) {}
  const std::string& sqlstate() const { return m_sqlstate; }

 private:
  std::string m_sqlstate;
};

// A statement parameter: text, NULL, or raw bytes (bytea).
struct PgParam {
  std::optional<std::string> value;
  bool binary = false;
  PgParam() = default;
  PgParam(std::nullopt_t) {}
  PgParam(std::string v) : value(std::move(v)) {}
  PgParam(const char* v) : value(v) {}
  PgParam(std::int64_t v) : value(std::to_string(v)) {}
  PgParam(int v) : value(std::to_string(v)) {}
  PgParam(std::optional<std::string> v) : value(std::move(v)) {}
  static PgParam bytes(std::string v) {
    PgParam p(std::move(v));
    p.binary = true;
    return p;
  }
};

// One statement and its parameters, for PgConnection::exec_all.
struct PgStatement {
  std::string sql;
  std::vector<PgParam> params;
};

class PgResult {
 public:
  explicit PgResult(pg_result* result) : m_result(result) {}
  ~PgResult();
  PgResult(PgResult&& other) noexcept : m_result(other.m_result) { other.m_result = nullptr; }
  PgResult(const PgResult&) = delete;
  PgResult& operator=(const PgResult&) = delete;

  bool ok() const;  // the statement succeeded
  // PgError (with the SQLSTATE) unless the statement succeeded.
  void check() const;
  int rows() const;
  int affected() const;  // rows an UPDATE/INSERT/DELETE touched
  bool is_null(int row, int col) const;
  std::string text(int row, int col) const;
  std::optional<std::string> optional_text(int row, int col) const;
  std::int64_t int64(int row, int col) const;
  double number(int row, int col) const;

 private:
  pg_result* m_result;
};

class PgConnection {
 public:
  // Connects; Error 69 naming the (redacted) URL when the server cannot be reached.
  explicit PgConnection(PgTarget target);
  ~PgConnection();
  PgConnection(const PgConnection&) = delete;
  PgConnection& operator=(const PgConnection&) = delete;

  // Runs one statement with $1.. parameters (prepared the first time this session
  // runs it, so the server plans it once). PgError for what the server refused;
  // Error 69 when the connection is lost (the next call reconnects).
  PgResult exec(std::string_view sql, const std::vector<PgParam>& params = {},
                bool binary_result = false);

  // Runs `statements` in order in one round trip (libpq's pipeline mode); their
  // results, in order. Errors as exec's, for the first statement that failed (the
  // server skips the rest; outside a transaction block, all of them are one transaction).
  std::vector<PgResult> exec_all(const std::vector<PgStatement>& statements);

  // LISTEN on `channel` (kept across reconnects).
  void listen(const std::string& channel);
  // Waits up to `timeout` for a notification on a listened channel; true when one came.
  // False at once when the connection is broken.
  bool wait_for_notification(std::chrono::milliseconds timeout);

  bool connected() const;
  const std::string& shown_url() const { return m_shown_url; }

 private:
  void connect();
  // After a statement: Error 69 when the connection broke meanwhile.
  void check_connected();
  // The name `sql` is prepared under this session, and whether it must be prepared first.
  std::pair<std::string, bool> statement_name(const std::string& sql);
  void ensure_connected();
  [[noreturn]] void fail(const std::string& what);

  PgTarget m_target;
  std::string m_shown_url;
  pg_conn* m_conn = nullptr;
  std::vector<std::string> m_channels;
  // Statements with parameters are prepared once per session: text -> name.
  std::unordered_map<std::string, std::string> m_prepared;
};

// BEGIN on construction; ROLLBACK unless commit() was called. Statements given to
// the constructor travel with the BEGIN, and those given to commit() with the
// COMMIT, each group in one round trip.
class PgTransaction {
 public:
  explicit PgTransaction(PgConnection& conn, const std::vector<PgStatement>& first = {});
  ~PgTransaction();
  PgTransaction(const PgTransaction&) = delete;
  PgTransaction& operator=(const PgTransaction&) = delete;
  // The results of the constructor's `first` statements, in order.
  const std::vector<PgResult>& first() const { return m_first; }
  // Runs `last`, then COMMIT; the results of `last`, in order.
  std::vector<PgResult> commit(const std::vector<PgStatement>& last = {});

 private:
  void rollback();

  PgConnection& m_conn;
  std::vector<PgResult> m_first;
  bool m_done = false;
};

}  // namespace cs351::autograde
