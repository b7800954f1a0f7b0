#include "cs351/autograde/student_client.h"

#include <fmt/format.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "cs351/core/error.h"

namespace cs351::autograde {
namespace {

[[noreturn]] void unavailable(const std::string& what) {
  throw Error(ExitCode::unavailable,
              fmt::format("run-student: {}: {}", what, std::strerror(errno)));
}

int connect_to(const std::filesystem::path& socket_path) {
  const int fd = ::socket(AF_UNIX, SOCK_SEQPACKET | SOCK_CLOEXEC, 0);
  if (fd < 0) unavailable("socket");
  sockaddr_un addr{};
  addr.sun_family = AF_UNIX;
  std::strncpy(addr.sun_path, socket_path.c_str(), sizeof addr.sun_path - 1);
  if (::connect(fd, reinterpret_cast<const sockaddr*>(&addr), sizeof addr) != 0) {
    ::close(fd);
    unavailable(fmt::format("cannot reach the worker at {}", socket_path.string()));
  }
  return fd;
}

// The request, with this process's three standard streams attached.
void send_request(int fd, const std::string& payload) {
  int streams[3] = {STDIN_FILENO, STDOUT_FILENO, STDERR_FILENO};
  alignas(cmsghdr) char control[CMSG_SPACE(sizeof streams)] = {};
  iovec iov{const_cast<char*>(payload.data()), payload.size()};
  msghdr msg{};
  msg.msg_iov = &iov;
  msg.msg_iovlen = 1;
  msg.msg_control = control;
  msg.msg_controllen = sizeof control;
  cmsghdr* cm = CMSG_FIRSTHDR(&msg);
  cm->cmsg_level = SOL_SOCKET;
  cm->cmsg_type = SCM_RIGHTS;
  cm->cmsg_len = CMSG_LEN(sizeof streams);
  std::memcpy(CMSG_DATA(cm), streams, sizeof streams);
  if (::sendmsg(fd, &msg, MSG_NOSIGNAL) < 0) unavailable("send");
}

}  // namespace

StudentOutcome run_as_student(const std::filesystem::path& socket, const StudentRequest& request) {
  const int fd = connect_to(socket);
  send_request(fd, encode_request(request));
  char reply[4096];
  ssize_t n = 0;
  while ((n = ::recv(fd, reply, sizeof reply, 0)) < 0 && errno == EINTR) {
  }
  ::close(fd);
  if (n <= 0) {
    if (n == 0) errno = ECONNRESET;
    unavailable("no answer from the worker");
  }
  return decode_outcome(std::string(reply, static_cast<std::size_t>(n)));
}

}  // namespace cs351::autograde
