#include "cs351/autograde/seccomp_filter.h"

#include <fcntl.h>
#include <fmt/format.h>
#include <sched.h>
#include <seccomp.h>
#include <sys/mman.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "cs351/core/error.h"

namespace cs351::autograde {
namespace {

// Refused with EPERM whatever their arguments. Names this architecture or the
// running libseccomp does not know are skipped.
constexpr const char* k_denied[] = {
    // namespaces and mounting
    "unshare", "setns", "mount", "umount", "umount2", "pivot_root", "chroot", "fsopen", "fsconfig",
    "fsmount", "fspick", "open_tree", "move_mount", "mount_setattr",
    // keyrings
    "add_key", "request_key", "keyctl",
    // the usual start of kernel exploits
    "io_uring_setup", "io_uring_enter", "io_uring_register", "userfaultfd", "bpf",
    "perf_event_open",
    // the machine itself
    "init_module", "finit_module", "delete_module", "create_module", "kexec_load",
    "kexec_file_load", "reboot", "swapon", "swapoff", "acct", "settimeofday", "clock_settime",
    "clock_adjtime", "adjtimex", "stime", "sethostname", "setdomainname", "iopl", "ioperm",
    "quotactl", "quotactl_fd", "nfsservctl", "lookup_dcookie", "syslog", "vhangup", "uselib",
    "ustat", "sysfs", "_sysctl", "get_kernel_syms", "query_module", "vm86", "vm86old",
    // other processes and the host's files
    "process_vm_readv", "process_vm_writev", "kcmp", "open_by_handle_at", "name_to_handle_at",
    "pidfd_getfd", "move_pages", "mbind", "set_mempolicy", "get_mempolicy"};

// The namespace flags clone() takes (CLONE_NEWTIME only works through
// unshare and clone3, both refused whole).
constexpr scmp_datum_t k_namespace_flags[] = {CLONE_NEWNS,  CLONE_NEWCGROUP, CLONE_NEWUTS,
                                              CLONE_NEWIPC, CLONE_NEWUSER,   CLONE_NEWPID,
                                              CLONE_NEWNET};

class Filter {
 public:
  Filter() : m_ctx(seccomp_init(SCMP_ACT_ALLOW)) {
    if (m_ctx == nullptr) fail("seccomp_init", -ENOMEM);
  }
  ~Filter() { seccomp_release(m_ctx); }
  Filter(const Filter&) = delete;
  Filter& operator=(const Filter&) = delete;

  void deny(const char* name, int error) {
    const int nr = seccomp_syscall_resolve_name(name);
    if (nr < 0) return;  // unknown, or not a system call of this architecture
    check(name, seccomp_rule_add(m_ctx, SCMP_ACT_ERRNO(static_cast<std::uint32_t>(error)), nr, 0));
  }
  // One rule per flag: refused when the flag is set (libseccomp has no "mask != 0").
  void deny_namespace_clone() {
    for (const scmp_datum_t flag : k_namespace_flags) {
      const scmp_arg_cmp flag_set{0, SCMP_CMP_MASKED_EQ, flag, flag};  // SCMP_A0 is C-only
      check("clone", seccomp_rule_add(m_ctx, SCMP_ACT_ERRNO(EPERM), SCMP_SYS(clone), 1, flag_set));
    }
  }
  int export_to_memfd() {
    const int fd = memfd_create("cs351-seccomp", MFD_CLOEXEC | MFD_ALLOW_SEALING);
    if (fd < 0) fail("memfd_create", -errno);
    const int rc = seccomp_export_bpf(m_ctx, fd);
    if (rc != 0 || lseek(fd, 0, SEEK_SET) != 0) {
      ::close(fd);
      fail("seccomp_export_bpf", rc != 0 ? rc : -errno);
    }
    fcntl(fd, F_ADD_SEALS, F_SEAL_SHRINK | F_SEAL_GROW | F_SEAL_WRITE | F_SEAL_SEAL);
    return fd;
  }

 private:
  static void check(const char* what, int rc) {
    if (rc != 0) fail(fmt::format("seccomp rule for {}", what).c_str(), rc);
  }
  [[noreturn]] static void fail(const char* what, int rc) {
    throw Error(ExitCode::failure,
                fmt::format("cannot build the sandbox's system-call filter: {}: {}", what,
                            std::strerror(-rc)));
  }
  scmp_filter_ctx m_ctx;
};

}  // namespace

int seccomp_filter_fd() {
  Filter filter;
  for (const char* name : k_denied) filter.deny(name, EPERM);
  filter.deny("clone3", ENOSYS);
  filter.deny_namespace_clone();
  return filter.export_to_memfd();
}

}  // namespace cs351::autograde
