# Raw x86-64 system calls the kernel-surface test tries (libc has no wrappers
# for most): prints "NAME ok" when the call succeeded, "NAME refused ERRNO" else.
# usage: syscalls.py add_key DESC | find_key DESC | io_uring_setup | userfaultfd
import ctypes, os, sys

libc = ctypes.CDLL(None, use_errno=True)
libc.syscall.restype = ctypes.c_long
KEY_SPEC_USER_KEYRING = -4
NR = {"add_key": 248, "keyctl": 250, "userfaultfd": 323, "io_uring_setup": 425}


def call(name, *args):
    result = libc.syscall(NR[name], *args)
    print(f"{sys.argv[1]} ok" if result >= 0 else
          f"{sys.argv[1]} refused {os.strerror(ctypes.get_errno())}", flush=True)
    return result


what = sys.argv[1]
if what == "add_key":
    call("add_key", b"user", sys.argv[2].encode(), b"secret", 6, KEY_SPEC_USER_KEYRING)
elif what == "find_key":  # KEYCTL_SEARCH in the user keyring, then KEYCTL_REVOKE what was found
    key = call("keyctl", 10, KEY_SPEC_USER_KEYRING, b"user", sys.argv[2].encode(), 0)
    if key >= 0:
        libc.syscall(NR["keyctl"], 3, key)
elif what == "io_uring_setup":
    call("io_uring_setup", 4, ctypes.create_string_buffer(120))
elif what == "userfaultfd":
    call("userfaultfd", os.O_CLOEXEC)
