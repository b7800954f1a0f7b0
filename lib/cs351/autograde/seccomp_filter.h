#pragma once
// The system-call filter every sandboxed run (grader and student code) is
// loaded with through `bwrap --seccomp FD`. It closes what Docker's default
// profile closes and more: namespaces (unshare, setns, clone with namespace
// flags, clone3), keyrings, io_uring, userfaultfd, bpf, perf_event_open,
// mounting, kernel modules, kexec, reboot, clock and swap changes,
// open_by_handle_at, process_vm_* and the like. A blocked call fails with
// EPERM (clone3 with ENOSYS, so C libraries fall back to clone, which is
// then checked flag by flag).

namespace cs351::autograde {

// A sealed memory file holding the filter as classic BPF, positioned at its
// start, for bwrap to read. The caller owns the descriptor. Throws Error when
// libseccomp cannot build it.
int seccomp_filter_fd();

}  // namespace cs351::autograde
