#include "cs351/autograde/pg_connection.h"

#include <fmt/format.h>
#include <libpq-fe.h>
#include <poll.h>

#include <regex>

namespace cs351::autograde {
namespace {

// Whatever connects over a network must notice a dead peer in seconds, not at
// the kernel's default of hours: keepalives and a send timeout, before the URL
// (so the URL's own values win), and the password after it.
constexpr std::pair<const char*, const char*> k_defaults[] = {
    {"application_name", "cs351"}, {"connect_timeout", "5"},     {"keepalives", "1"},
    {"keepalives_idle", "5"},      {"keepalives_interval", "2"}, {"keepalives_count", "3"},
    {"tcp_user_timeout", "10000"},
};

// libpq's message on one line: "...failed: Connection refused\n\tIs the server running..."
std::string trimmed(const char* message) {
  std::string s;
  for (const char* p = message ? message : ""; *p; ++p) {
    if (*p != '\n' && *p != '\t') {
      s += *p;
    } else if (!s.empty() && s.back() != ' ') {
      s += ' ';
    }
  }
  while (!s.empty() && s.back() == ' ') s.pop_back();
  return s;
}

}  // namespace

std::string redact_url(const std::string& url) {
  static const std::regex userinfo_password(R"(^([a-z]+://[^:/?#@]*):[^@/?#]*@)");
  static const std::regex password_param(R"((^|[?&\s])password=[^&\s]*&?)");
  std::string out = std::regex_replace(url, userinfo_password, "$1@");
  out = std::regex_replace(out, password_param, "$1");
  while (!out.empty() && (out.back() == '?' || out.back() == '&')) out.pop_back();
  return out;
}

PgResult::~PgResult() {
  if (m_result) PQclear(m_result);
}
void PgResult::check() const {
  const auto status = PQresultStatus(m_result);
  if (status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK) return;
  const char* state = PQresultErrorField(m_result, PG_DIAG_SQLSTATE);
  throw PgError(state ? state : "", "PostgreSQL: " + trimmed(PQresultErrorMessage(m_result)));
}
int PgResult::rows() const {
  return PQntuples(m_result);
}
int PgResult::affected() const {
  const char* n = PQcmdTuples(m_result);
  return n && *n ? std::atoi(n) : 0;
}
bool PgResult::is_null(int row, int col) const {
  return PQgetisnull(m_result, row, col) == 1;
}
std::string PgResult::text(int row, int col) const {
  return std::string(PQgetvalue(m_result, row, col),
                     static_cast<std::size_t>(PQgetlength(m_result, row, col)));
}
std::optional<std::string> PgResult::optional_text(int row, int col) const {
  if (is_null(row, col)) return std::nullopt;
  return text(row, col);
}
std::int64_t PgResult::int64(int row, int col) const {
  return std::stoll(text(row, col));
}
double PgResult::number(int row, int col) const {
  return std::stod(text(row, col));
}

PgConnection::PgConnection(PgTarget target)
    : m_target(std::move(target)), m_shown_url(redact_url(m_target.url)) {
  connect();
}

PgConnection::~PgConnection() {
  if (m_conn) PQfinish(m_conn);
}

void PgConnection::connect() {
  std::vector<const char*> keys, values;
  for (const auto& [k, v] : k_defaults) {
    keys.push_back(k);
    values.push_back(v);
  }
  keys.push_back("dbname");
  values.push_back(m_target.url.c_str());
  if (m_target.application_name) {
    keys.push_back("application_name");
    values.push_back(m_target.application_name->c_str());
  }
  if (m_target.password) {
    keys.push_back("password");
    values.push_back(m_target.password->c_str());
  }
  keys.push_back(nullptr);
  values.push_back(nullptr);
  if (m_conn) PQfinish(m_conn);
  m_conn = PQconnectdbParams(keys.data(), values.data(), 1);
  if (PQstatus(m_conn) != CONNECTION_OK) {
    const std::string why = trimmed(PQerrorMessage(m_conn));
    PQfinish(m_conn);
    m_conn = nullptr;
    throw unavailable_error(
        fmt::format("cannot connect to the PostgreSQL queue at {}: {}", m_shown_url, why));
  }
  PQsetNoticeProcessor(
      m_conn, [](void*, const char*) {}, nullptr);  // NOTICEs are not for users
  for (const auto& channel : m_channels) exec(fmt::format("LISTEN \"{}\"", channel));
}

bool PgConnection::connected() const {
  return m_conn != nullptr && PQstatus(m_conn) == CONNECTION_OK;
}

void PgConnection::ensure_connected() {
  if (m_conn == nullptr || PQstatus(m_conn) != CONNECTION_OK) connect();
}

void PgConnection::fail(const std::string& what) {
  throw unavailable_error(
      fmt::format("lost the connection to the PostgreSQL queue at {}: {}", m_shown_url, what));
}

PgResult PgConnection::exec(std::string_view sql, const std::vector<PgParam>& params,
                            bool binary_result) {
  ensure_connected();
  std::vector<const char*> values;
  std::vector<int> lengths, formats;
  for (const auto& p : params) {
    values.push_back(p.value ? p.value->data() : nullptr);
    lengths.push_back(p.value ? static_cast<int>(p.value->size()) : 0);
    formats.push_back(p.binary ? 1 : 0);
  }
  const std::string text(sql);
  // Without parameters, PQexec: it also runs several statements at once (migrations).
  PgResult result(params.empty() && !binary_result
                      ? PQexec(m_conn, text.c_str())
                      : PQexecParams(m_conn, text.c_str(), static_cast<int>(params.size()), nullptr,
                                     values.data(), lengths.data(), formats.data(),
                                     binary_result ? 1 : 0));
  if (PQstatus(m_conn) != CONNECTION_OK) fail(trimmed(PQerrorMessage(m_conn)));
  result.check();
  return result;
}

void PgConnection::listen(const std::string& channel) {
  for (const auto& c : m_channels)
    if (c == channel) return;
  m_channels.push_back(channel);
  exec(fmt::format("LISTEN \"{}\"", channel));
}

bool PgConnection::wait_for_notification(std::chrono::milliseconds timeout) {
  if (m_conn == nullptr || PQstatus(m_conn) != CONNECTION_OK) return false;
  auto take = [this] {
    bool any = false;
    while (PGnotify* n = PQnotifies(m_conn)) {
      any = true;
      PQfreemem(n);
    }
    return any;
  };
  if (PQconsumeInput(m_conn) == 1 && take()) return true;
  pollfd pfd{PQsocket(m_conn), POLLIN, 0};
  if (pfd.fd < 0 || ::poll(&pfd, 1, static_cast<int>(timeout.count())) <= 0) return false;
  return PQconsumeInput(m_conn) == 1 && take();
}

PgTransaction::PgTransaction(PgConnection& conn) : m_conn(conn) {
  m_conn.exec("BEGIN");
}

PgTransaction::~PgTransaction() {
  if (m_done) return;
  try {
    m_conn.exec("ROLLBACK");
  } catch (const std::exception&) {
    // A lost connection rolled the transaction back already.
  }
}

void PgTransaction::commit() {
  m_conn.exec("COMMIT");
  m_done = true;
}

}  // namespace cs351::autograde
