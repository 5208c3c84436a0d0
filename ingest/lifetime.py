"""Worker processes that die with the process that started them."""

from __future__ import annotations

import ctypes
import os
import signal

_PR_SET_PDEATHSIG = 1


def die_with_parent(parent_pid: int) -> None:
    """Linux: the kernel SIGKILLs this worker when `parent_pid` dies, even by `kill -9`; orphaned,
    it would run on (and keep multiprocessing's resource tracker alive). Called first thing in a
    worker (a pool initializer, a worker's main)."""
    try:
        ctypes.CDLL("libc.so.6", use_errno=True).prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)
    except (OSError, AttributeError):
        pass
    if os.getppid() != parent_pid:  # the parent died before prctl took effect
        os._exit(1)
