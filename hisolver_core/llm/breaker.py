"""A process-wide circuit breaker per backend: skip one that failed K times in the last M seconds.

State lives in this module (one table for the process, guarded by a lock), so
every Streamlit session and CLI call in the process shares it. A success
clears a backend's record; failures older than the window simply expire, so a
skipped backend is tried again once its window has passed.
"""

from __future__ import annotations

import threading
import time
from collections import deque
from collections.abc import Callable

__all__ = ["CircuitBreaker", "breaker_for", "reset_breakers"]


class CircuitBreaker:
    """Failure record of one backend; thread-safe."""

    def __init__(self, failures: int, window_s: float, clock: Callable[[], float] = time.monotonic) -> None:
        self.failures = max(1, int(failures))
        self.window_s = float(window_s)
        self._clock = clock
        self._times: deque[float] = deque()
        self._lock = threading.Lock()

    def _expire(self, now: float) -> None:
        while self._times and now - self._times[0] > self.window_s:
            self._times.popleft()

    def blocked_reason(self) -> str | None:
        """Return why the backend is skipped now, or None when it may be tried."""
        with self._lock:
            now = self._clock()
            self._expire(now)
            if len(self._times) < self.failures:
                return None
            retry_in = self.window_s - (now - self._times[0])
            return (
                f"circuit open: {len(self._times)} failures in the last {self.window_s:g} s "
                f"(tried again in {max(retry_in, 0):.0f} s)"
            )

    def record_failure(self) -> None:
        """Count one failure now."""
        with self._lock:
            now = self._clock()
            self._times.append(now)
            self._expire(now)

    def record_success(self) -> None:
        """Forget past failures."""
        with self._lock:
            self._times.clear()


_breakers: dict[str, CircuitBreaker] = {}
_table_lock = threading.Lock()


def breaker_for(key: str, failures: int, window_s: float) -> CircuitBreaker:
    """Return the process-wide breaker for backend ``key`` (thresholds follow the latest settings)."""
    with _table_lock:
        breaker = _breakers.get(key)
        if breaker is None:
            breaker = _breakers[key] = CircuitBreaker(failures, window_s)
        else:
            breaker.failures, breaker.window_s = max(1, int(failures)), float(window_s)
        return breaker


def reset_breakers() -> None:
    """Forget every backend's failures (tests, or after fixing a configuration)."""
    with _table_lock:
        _breakers.clear()
