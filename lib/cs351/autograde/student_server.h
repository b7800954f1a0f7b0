#pragma once
// The worker's side of `$CS351_RUN_STUDENT`. For the length of one grader
// run it listens on a Unix socket that only the grader's sandbox can reach;
// each request starts the student's command in a sandbox of its own: another
// uid, its own pid namespace (when the command ends, everything it started
// dies with it), the submission folder as its working directory and its only
// view of the run, the run's cgroup and system-call filter, and none of the
// grader's folder, the results folder or the grader's environment. The
// command gets the grader's stdin, stdout and stderr; the reply says how it
// ended. In process-group mode the command runs unconfined as the grader does
// (the control case: it can then cheat).

#include <sys/types.h>

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <mutex>
#include <optional>
#include <thread>
#include <vector>

#include "cs351/autograde/sandbox.h"
#include "cs351/autograde/student_protocol.h"

namespace cs351::autograde {

struct StudentLaunch {
  bool sandboxed = true;
  std::filesystem::path submission_dir;  // on the host
  std::optional<std::uint32_t> uid;      // root workers: the student's own uid
  std::optional<std::uint32_t> gid;      // and the grader's gid, to share the submission
  bool network = false;
  EnvList env;  // the command's whole environment
  Limits limits;
  std::uint64_t tmp_bytes = 1ULL << 30;
  std::optional<std::filesystem::path> tmp_dir;    // its /tmp, in the run's filesystem
  std::chrono::steady_clock::time_point deadline;  // the grader's own end
  std::vector<int> cgroup_procs;                   // the run's cgroup (borrowed)
  int seccomp_fd = -1;                             // the run's filter (borrowed)
};

class StudentServer {
 public:
  // Listens at `socket_path`, owned by `grader_uid` when set; throws Error on failure.
  StudentServer(std::filesystem::path socket_path, std::optional<std::uint32_t> grader_uid,
                StudentLaunch launch);
  // Kills every student command still running and removes the socket.
  ~StudentServer();
  // The grader's end, once it is known (a grader waiting for a slot has not started).
  void set_deadline(std::chrono::steady_clock::time_point deadline);
  StudentServer(const StudentServer&) = delete;
  StudentServer& operator=(const StudentServer&) = delete;

 private:
  void serve();
  void handle(int connection);
  StudentOutcome run(const StudentRequest& request, const int streams[3], int connection);
  bool stopping();

  std::filesystem::path m_socket_path;
  StudentLaunch m_launch;
  int m_listen = -1;
  int m_wake[2] = {-1, -1};  // written once to stop the accept loop
  std::mutex m_mutex;
  bool m_stopping = false;
  std::vector<pid_t> m_live;
  std::vector<std::thread> m_handlers;
  std::thread m_thread;
};

}  // namespace cs351::autograde
