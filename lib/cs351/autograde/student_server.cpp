#include "cs351/autograde/student_server.h"

#include <fcntl.h>
#include <fmt/format.h>
#include <poll.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>

#include "cs351/autograde/spawn.h"
#include "cs351/core/error.h"

namespace cs351::autograde {
namespace fs = std::filesystem;

namespace {

using Clock = std::chrono::steady_clock;

// How often a handler checks that its grader is still waiting and the run goes on.
constexpr int k_check_ms = 50;
constexpr int k_request_seconds = 5;

int listen_at(const fs::path& path, std::optional<std::uint32_t> owner) {
  const int fd = ::socket(AF_UNIX, SOCK_SEQPACKET | SOCK_CLOEXEC, 0);
  sockaddr_un addr{};
  addr.sun_family = AF_UNIX;
  if (fd < 0 || path.string().size() >= sizeof addr.sun_path) {
    if (fd >= 0) ::close(fd);
    throw Error(ExitCode::failure, fmt::format("student runner socket {}: unusable path or {}",
                                               path.string(), std::strerror(errno)));
  }
  std::strncpy(addr.sun_path, path.c_str(), sizeof addr.sun_path - 1);
  ::unlink(path.c_str());
  if (::bind(fd, reinterpret_cast<const sockaddr*>(&addr), sizeof addr) != 0 ||
      (owner && ::chown(path.c_str(), *owner, *owner) != 0) || ::chmod(path.c_str(), 0600) != 0 ||
      ::listen(fd, 16) != 0) {
    const int err = errno;
    ::close(fd);
    throw Error(ExitCode::failure,
                fmt::format("student runner socket {}: {}", path.string(), std::strerror(err)));
  }
  return fd;
}

// One request and the three descriptors attached to it; false when malformed.
bool receive(int connection, std::string& payload, int streams[3]) {
  std::string buffer(k_max_student_request + 1, '\0');
  alignas(cmsghdr) char control[CMSG_SPACE(3 * sizeof(int))] = {};
  iovec iov{buffer.data(), buffer.size()};
  msghdr msg{};
  msg.msg_iov = &iov;
  msg.msg_iovlen = 1;
  msg.msg_control = control;
  msg.msg_controllen = sizeof control;
  const ssize_t n = ::recvmsg(connection, &msg, MSG_CMSG_CLOEXEC);
  const cmsghdr* cm = CMSG_FIRSTHDR(&msg);
  if (cm != nullptr && cm->cmsg_level == SOL_SOCKET && cm->cmsg_type == SCM_RIGHTS &&
      cm->cmsg_len == CMSG_LEN(3 * sizeof(int))) {
    std::memcpy(streams, CMSG_DATA(cm), 3 * sizeof(int));
  }
  if (n <= 0 || (msg.msg_flags & (MSG_TRUNC | MSG_CTRUNC)) != 0 || streams[2] < 0) return false;
  payload.assign(buffer.data(), static_cast<std::size_t>(n));
  return true;
}

void reply(int connection, const StudentOutcome& outcome) {
  const std::string text = encode_outcome(outcome);
  ::send(connection, text.data(), text.size(), MSG_NOSIGNAL);
}

bool peer_gone(int connection) {
  pollfd p{connection, POLLIN, 0};
  if (::poll(&p, 1, 0) <= 0) return false;
  char byte = 0;
  return (p.revents & (POLLHUP | POLLERR)) != 0 ||
         ::recv(connection, &byte, 1, MSG_DONTWAIT | MSG_PEEK) == 0;
}

std::vector<std::string> environment_of(const EnvList& env) {
  std::vector<std::string> out;
  for (const auto& [k, v] : env) out.push_back(k + "=" + v);
  return out;
}

}  // namespace

StudentServer::StudentServer(fs::path socket_path, std::optional<std::uint32_t> grader_uid,
                             StudentLaunch launch)
    : m_socket_path(std::move(socket_path)), m_launch(std::move(launch)) {
  m_listen = listen_at(m_socket_path, grader_uid);
  if (::pipe2(m_wake, O_CLOEXEC) != 0) {
    ::close(m_listen);
    throw Error(ExitCode::failure, fmt::format("pipe: {}", std::strerror(errno)));
  }
  m_thread = std::thread([this] { serve(); });
}

StudentServer::~StudentServer() {
  {
    std::lock_guard lock(m_mutex);
    m_stopping = true;
    for (const pid_t pid : m_live) ::kill(pid, SIGKILL);
  }
  [[maybe_unused]] const ssize_t n = ::write(m_wake[1], "x", 1);
  m_thread.join();
  for (auto& handler : m_handlers) handler.join();
  for (const int fd : {m_listen, m_wake[0], m_wake[1]}) ::close(fd);
  ::unlink(m_socket_path.c_str());
}

bool StudentServer::stopping() {
  std::lock_guard lock(m_mutex);
  return m_stopping;
}

void StudentServer::serve() {
  while (true) {
    pollfd fds[2] = {{m_listen, POLLIN, 0}, {m_wake[0], POLLIN, 0}};
    if (::poll(fds, 2, -1) < 0 && errno != EINTR) return;
    if ((fds[1].revents & POLLIN) != 0) return;
    if ((fds[0].revents & POLLIN) == 0) continue;
    const int connection = ::accept4(m_listen, nullptr, nullptr, SOCK_CLOEXEC);
    if (connection < 0) continue;
    // A client that connects and never asks must not hold the run's end.
    const timeval patience{k_request_seconds, 0};
    ::setsockopt(connection, SOL_SOCKET, SO_RCVTIMEO, &patience, sizeof patience);
    std::lock_guard lock(m_mutex);
    if (m_stopping) {
      ::close(connection);
      return;
    }
    m_handlers.emplace_back([this, connection] { handle(connection); });
  }
}

void StudentServer::handle(int connection) {
  std::string payload;
  int streams[3] = {-1, -1, -1};
  StudentOutcome outcome;
  try {
    if (!receive(connection, payload, streams))
      throw Error(ExitCode::data, "a request without its command and three streams");
    outcome = run(decode_request(payload), streams, connection);
  } catch (const std::exception& e) {
    outcome.error = e.what();
  }
  for (const int fd : streams) {
    if (fd >= 0) ::close(fd);
  }
  reply(connection, outcome);
  ::close(connection);
}

void StudentServer::set_deadline(Clock::time_point deadline) {
  std::lock_guard lock(m_mutex);
  m_launch.deadline = deadline;
}

StudentOutcome StudentServer::run(const StudentRequest& request, const int streams[3],
                                  int connection) {
  Clock::time_point deadline;
  {
    std::lock_guard lock(m_mutex);
    deadline = m_launch.deadline;
  }
  const auto until =
      request.timeout ? std::min(deadline, Clock::now() + *request.timeout) : deadline;
  const std::chrono::seconds cpu =
      std::chrono::ceil<std::chrono::seconds>(until - Clock::now()) + std::chrono::seconds(1);
  std::vector<std::string> command = prlimit_argv(m_launch.limits, cpu, m_launch.sandboxed);
  command.insert(command.end(), request.argv.begin(), request.argv.end());
  SpawnSpec spec;
  if (m_launch.sandboxed) {
    SandboxPlan plan;
    plan.bwrap = find_bwrap();
    plan.run_dir = m_launch.submission_dir;
    plan.mount_point = std::string(k_sandbox_home) + "/submission";
    plan.network = m_launch.network;
    plan.env = m_launch.env;
    plan.tmp_bytes = m_launch.tmp_bytes;
    plan.tmp_dir = m_launch.tmp_dir;
    plan.drop_to = m_launch.uid;
    plan.drop_group = m_launch.gid;
    plan.command = command;
    spec = sandbox_spawn(plan, m_launch.seccomp_fd);
  } else {
    spec.argv = command;
    spec.envp = environment_of(m_launch.env);
    spec.dir = m_launch.submission_dir.string();
  }
  spec.in = streams[0];
  spec.out = streams[1];
  spec.err = streams[2];
  spec.cgroup_procs = m_launch.cgroup_procs;
  pid_t pid = -1;
  {
    std::lock_guard lock(m_mutex);
    if (!m_stopping) pid = spawn_process(spec);
    if (pid > 0) m_live.push_back(pid);
  }
  for (const int fd : spec.passed) ::close(fd);
  if (pid < 0) throw Error(ExitCode::failure, "the run is ending");
  StudentOutcome outcome;
  int status = 0;
  while (::waitpid(pid, &status, WNOHANG) == 0) {
    if (Clock::now() >= until && !outcome.timed_out) {
      outcome.timed_out = true;
      ::kill(pid, SIGKILL);
      ::killpg(pid, SIGKILL);
    } else if (peer_gone(connection) || stopping()) {
      ::kill(pid, SIGKILL);
      ::killpg(pid, SIGKILL);
    }
    ::poll(nullptr, 0, k_check_ms);
  }
  {
    std::lock_guard lock(m_mutex);
    std::erase(m_live, pid);
  }
  if (!m_launch.sandboxed) ::killpg(pid, SIGKILL);  // what it left in its group
  if (WIFEXITED(status)) outcome.exit_code = WEXITSTATUS(status);
  if (WIFSIGNALED(status)) outcome.signal = WTERMSIG(status);
  return outcome;
}

}  // namespace cs351::autograde
