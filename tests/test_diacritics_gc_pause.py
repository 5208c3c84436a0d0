"""The restorer pauses the cyclic collector while it decodes; threads restoring at once must leave the
caller's collector as they found it, whatever the interleaving."""

import gc
import sys
import threading

from vnresolve.diacritics.ngram import _gc_paused


def _many_pauses(threads: int = 3, rounds: int = 20000) -> None:
    start = threading.Barrier(threads)
    interval = sys.getswitchinterval()
    sys.setswitchinterval(1e-6)  # threads switch between any two bytecodes, as a busy machine may

    def work():
        start.wait()
        for _ in range(rounds):
            with _gc_paused():
                pass

    workers = [threading.Thread(target=work) for _ in range(threads)]
    for t in workers:
        t.start()
    for t in workers:
        t.join()
    sys.setswitchinterval(interval)


def test_threads_pausing_the_collector_at_once_leave_it_on():
    assert gc.isenabled()
    for _ in range(10):
        _many_pauses()
        assert gc.isenabled()


def test_a_collector_the_caller_turned_off_stays_off():
    gc.disable()
    try:
        _many_pauses(rounds=2000)
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_the_collector_is_back_after_an_error_in_the_block():
    try:
        with _gc_paused():
            assert not gc.isenabled()
            raise ValueError("decode failed")
    except ValueError:
        pass
    assert gc.isenabled()


def test_a_child_forked_while_another_thread_restores_gets_its_collector_back():
    """ingest forks its page workers; a thread of the parent inside a pause then has no twin in the
    child, whose collector must not stay off for good."""
    import os

    inside, leave = threading.Event(), threading.Event()

    def work():
        with _gc_paused():
            inside.set()
            leave.wait()

    t = threading.Thread(target=work)
    t.start()
    inside.wait()
    read, write = os.pipe()
    pid = os.fork()
    if pid == 0:
        with _gc_paused():
            pass
        os.write(write, b"1" if gc.isenabled() else b"0")
        os._exit(0)
    os.waitpid(pid, 0)
    leave.set()
    t.join()
    assert os.read(read, 1) == b"1"
    assert gc.isenabled()
