"""Per-article limits on analysis, so that no article a crawler brings back can stall a batch.

An article longer than ``max_chars`` characters is not analysed, and one whose analysis runs past
``max_seconds`` is stopped; either becomes a Failure that says so, and the batch goes on. The defaults:
the longest of the 41,644 articles of ../shared/corpus has 21,119 characters, and analysis time grows
faster than the length (within-article entity clustering compares every name with every other), from
~0.5 s for 20,000 characters to ~12 s for 200,000 on a loaded two-core machine; 60 s leaves room for a
slower one.

The time limit interrupts Python code between two bytecodes: in the main thread of a process (this one,
a pool's workers) by SIGALRM, elsewhere (a Dask worker's threads) by an exception that a watchdog thread
raises in the analysing thread (``PyThreadState_SetAsyncExc``). Neither can cut into one long call of C
code (a regular expression, say), which none of analysis makes over a whole article.
"""

from __future__ import annotations

import ctypes
import math
import os
import signal
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

MAX_CHARS = 200_000
MAX_SECONDS = 60.0


class AnalysisTimeout(BaseException):
    """Raised inside an analysis that ran past its time. A BaseException, so that no ``except
    Exception`` of the code it interrupts can swallow it."""


@dataclass(frozen=True, slots=True)
class Limits:
    """``max_chars``: the longest article analysed; ``max_seconds``: the longest one analysis may take.
    None (or 0) for no limit."""

    max_chars: int | None = MAX_CHARS
    max_seconds: float | None = MAX_SECONDS

    def too_long(self, text: str) -> str | None:
        """Why an article of ``text`` is not analysed, or None."""
        if self.max_chars and len(text) > self.max_chars:
            return f"longer than {self.max_chars:,} characters ({len(text):,}): not analysed"
        return None

    def took_too_long(self) -> str:
        return f"analysis took longer than {self.max_seconds:g} s: stopped"


DEFAULT_LIMITS = Limits()
NO_LIMITS = Limits(None, None)


@contextmanager
def deadline(seconds: float | None) -> Iterator[None]:
    """Raise :class:`AnalysisTimeout` in the body when it runs past ``seconds`` (None: never)."""
    if not seconds:
        yield
    elif threading.current_thread() is threading.main_thread() and _alarm_is_free():
        with _alarm(seconds):
            yield
    else:
        with _watchdog(seconds):
            yield


def _alarm_is_free() -> bool:
    """SIGALRM is ours to use: no one else's handler and no timer running."""
    if not hasattr(signal, "setitimer"):
        return False
    return signal.getsignal(signal.SIGALRM) in (signal.SIG_DFL, signal.SIG_IGN, None) and not any(
        signal.getitimer(signal.ITIMER_REAL)
    )


@contextmanager
def _alarm(seconds: float) -> Iterator[None]:
    def expire(signum: int, frame: object) -> None:
        raise AnalysisTimeout

    previous = signal.signal(signal.SIGALRM, expire)
    try:
        # inside the try: on a busy machine a short deadline can run out before the body starts
        signal.setitimer(signal.ITIMER_REAL, seconds)
        yield
    finally:
        # Until the timer is off and the handler restored, a late alarm may still land here: it is
        # caught and the restoring done again, so the process is never left with our handler.
        while True:
            try:
                signal.setitimer(signal.ITIMER_REAL, 0)
                signal.signal(signal.SIGALRM, previous)
                break
            except AnalysisTimeout:
                continue


_set_async_exc = ctypes.pythonapi.PyThreadState_SetAsyncExc
_set_async_exc.argtypes = (ctypes.c_ulong, ctypes.py_object)
_clear_async_exc = ctypes.pythonapi["PyThreadState_SetAsyncExc"]  # a second handle: NULL clears
_clear_async_exc.argtypes = (ctypes.c_ulong, ctypes.c_void_p)


class _Watchdog:
    """One thread per process that raises AnalysisTimeout in the threads past their deadline.

    It sleeps until the earliest deadline it knows and is woken only for an earlier one, so a
    deadline met costs no thread switch: a thread started and stopped for every article (as
    ``threading.Timer`` does) made a Dask worker's analysis 14% slower."""

    def __init__(self) -> None:
        self._lock = threading.Condition()
        self._due: dict[int, float] = {}  # thread -> the monotonic time it must be done by
        self._fired: set[int] = set()  # threads it raised in, not yet disarmed
        self._waking_at = math.inf  # when the watchdog wakes next (inf: when notified)
        self._thread: threading.Thread | None = None

    def arm(self, target: int, seconds: float) -> None:
        due = time.monotonic() + seconds
        with self._lock:
            self._due[target] = due
            if self._thread is None or not self._thread.is_alive():
                self._thread = threading.Thread(target=self._watch, name="qawl-watchdog", daemon=True)
                self._thread.start()
            elif due < self._waking_at:
                self._lock.notify()

    def disarm(self, target: int) -> bool:
        """No more raising in ``target``; whether it was raised in (and may still land)."""
        with self._lock:
            self._due.pop(target, None)
            if target in self._fired:
                self._fired.discard(target)
                return True
            return False

    def _watch(self) -> None:
        with self._lock:
            while True:
                now = time.monotonic()
                for target, due in list(self._due.items()):
                    if due <= now:
                        del self._due[target]
                        self._fired.add(target)
                        _set_async_exc(target, AnalysisTimeout)
                self._waking_at = min(self._due.values(), default=math.inf)
                self._lock.wait(None if self._waking_at == math.inf else self._waking_at - now)


_WATCHDOG = _Watchdog()
os.register_at_fork(after_in_child=_WATCHDOG.__init__)  # a forked child has no watchdog thread


@contextmanager
def _watchdog(seconds: float) -> Iterator[None]:
    target = threading.get_ident()
    _WATCHDOG.arm(target, seconds)
    try:
        yield
    finally:
        # Once disarmed the watchdog raises nothing more; one it raised that has not landed yet is
        # withdrawn, and one that lands while this runs is caught: none escapes the body's end.
        while True:
            try:
                if _WATCHDOG.disarm(target):
                    _clear_async_exc(target, None)
                break
            except AnalysisTimeout:
                continue
