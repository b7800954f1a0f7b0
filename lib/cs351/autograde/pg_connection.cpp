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

// A statement's parameters as libpq takes them (pointers into `params`).
struct Bound {
  std::vector<const char*> values;
  std::vector<int> lengths, formats;
  explicit Bound(const std::vector<PgParam>& params) {
    for (const auto& p : params) {
      values.push_back(p.value ? p.value->data() : nullptr);
      lengths.push_back(p.value ? static_cast<int>(p.value->size()) : 0);
      formats.push_back(p.binary ? 1 : 0);
    }
  }
  int count() const { return static_cast<int>(values.size()); }
};

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
bool PgResult::ok() const {
  const auto status = PQresultStatus(m_result);
  return status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK;
}
void PgResult::check() const {
  if (ok()) return;
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
  m_prepared.clear();  // a new session has none
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

void PgConnection::check_connected() {
  if (PQstatus(m_conn) != CONNECTION_OK) fail(trimmed(PQerrorMessage(m_conn)));
}

std::pair<std::string, bool> PgConnection::statement_name(const std::string& sql) {
  const auto found = m_prepared.find(sql);
  if (found != m_prepared.end()) return {found->second, false};
  const std::string name = fmt::format("cs351_{}", m_prepared.size());
  m_prepared.emplace(sql, name);
  return {name, true};
}

PgResult PgConnection::exec(std::string_view sql, const std::vector<PgParam>& params,
                            bool binary_result) {
  ensure_connected();
  const std::string text(sql);
  // Without parameters, PQexec: it also runs several statements at once (migrations).
  if (params.empty() && !binary_result) {
    PgResult result(PQexec(m_conn, text.c_str()));
    check_connected();
    result.check();
    return result;
  }
  const Bound bound(params);
  const auto [name, unprepared] = statement_name(text);
  if (unprepared) {
    PgResult prepared(PQprepare(m_conn, name.c_str(), text.c_str(), bound.count(), nullptr));
    check_connected();
    if (!prepared.ok()) m_prepared.erase(text);
    prepared.check();
  }
  PgResult result(PQexecPrepared(m_conn, name.c_str(), bound.count(), bound.values.data(),
                                 bound.lengths.data(), bound.formats.data(),
                                 binary_result ? 1 : 0));
  check_connected();
  result.check();
  return result;
}

std::vector<PgResult> PgConnection::exec_all(const std::vector<PgStatement>& statements) {
  ensure_connected();
  if (PQenterPipelineMode(m_conn) != 1) fail(trimmed(PQerrorMessage(m_conn)));
  std::vector<bool> preparing;  // per statement: a Parse result comes before its own
  for (const auto& s : statements) {
    const Bound bound(s.params);
    if (s.params.empty()) {  // BEGIN, COMMIT...: nothing worth preparing
      preparing.push_back(false);
      if (PQsendQueryParams(m_conn, s.sql.c_str(), 0, nullptr, nullptr, nullptr, nullptr, 0) != 1)
        fail(trimmed(PQerrorMessage(m_conn)));
      continue;
    }
    const auto [name, unprepared] = statement_name(s.sql);
    preparing.push_back(unprepared);
    if (unprepared &&
        PQsendPrepare(m_conn, name.c_str(), s.sql.c_str(), bound.count(), nullptr) != 1)
      fail(trimmed(PQerrorMessage(m_conn)));
    if (PQsendQueryPrepared(m_conn, name.c_str(), bound.count(), bound.values.data(),
                            bound.lengths.data(), bound.formats.data(), 0) != 1)
      fail(trimmed(PQerrorMessage(m_conn)));
  }
  if (PQpipelineSync(m_conn) != 1) fail(trimmed(PQerrorMessage(m_conn)));
  const auto next = [this] {
    PgResult r(PQgetResult(m_conn));
    while (PGresult* end = PQgetResult(m_conn)) PQclear(end);  // each result ends in a NULL
    check_connected();
    return r;
  };
  std::vector<PgResult> results;
  for (std::size_t i = 0; i < statements.size(); ++i) {
    // A Parse the server skipped after an earlier error left nothing prepared.
    if (preparing[i] && !next().ok()) m_prepared.erase(statements[i].sql);
    results.push_back(next());
  }
  PgResult sync(PQgetResult(m_conn));  // PGRES_PIPELINE_SYNC
  check_connected();
  PQexitPipelineMode(m_conn);
  for (const auto& r : results) r.check();  // the first error is the cause, the rest "aborted"
  return results;
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

PgTransaction::PgTransaction(PgConnection& conn, const std::vector<PgStatement>& first)
    : m_conn(conn) {
  if (first.empty()) {
    m_conn.exec("BEGIN");
    return;
  }
  std::vector<PgStatement> all{{"BEGIN", {}}};
  all.insert(all.end(), first.begin(), first.end());
  try {
    auto results = m_conn.exec_all(all);
    for (std::size_t i = 1; i < results.size(); ++i) m_first.push_back(std::move(results[i]));
  } catch (const std::exception&) {
    rollback();  // the destructor does not run for a constructor that throws
    throw;
  }
}

PgTransaction::~PgTransaction() {
  if (!m_done) rollback();
}

void PgTransaction::rollback() {
  try {
    m_conn.exec("ROLLBACK");
  } catch (const std::exception&) {
    // A lost connection rolled the transaction back already.
  }
}

std::vector<PgResult> PgTransaction::commit(const std::vector<PgStatement>& last) {
  std::vector<PgStatement> all(last);
  all.push_back({"COMMIT", {}});
  auto results = m_conn.exec_all(all);
  m_done = true;
  results.pop_back();
  return results;
}

}  // namespace cs351::autograde
