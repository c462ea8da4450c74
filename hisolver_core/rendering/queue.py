"""Bounded, fair admission for renders: at most N at once, round-robin between clients.

A student who asks for ten renders does not make the next student wait for all
ten: waiting requests are queued per client and clients take turns. Callers
block in their own thread; no extra threads are started. :class:`MachineSlots`
adds the same bound across processes (file locks in the data folder), so
several processes each holding a Renderer (the render-check job) still run at
most N renders on the machine.
"""

from __future__ import annotations

import fcntl
import os
import threading
import time
from collections import OrderedDict, deque
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

__all__ = ["FairQueue", "MachineSlots"]


class MachineSlots:
    """N lock files; holding an exclusive ``flock`` on one is holding a render slot on this machine."""

    def __init__(self, folder: str | Path, slots: int, poll_s: float = 0.05) -> None:
        self.folder = Path(folder)
        self.slots = slots
        self.poll_s = poll_s
        self.folder.mkdir(parents=True, exist_ok=True)

    def acquire(self) -> int:
        """Block until a slot is free; return the open lock file descriptor (pass it to :meth:`release`)."""
        while True:
            for index in range(self.slots):
                fd = os.open(self.folder / f"slot-{index}.lock", os.O_RDWR | os.O_CREAT, 0o600)
                try:
                    fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                    return fd
                except BlockingIOError:
                    os.close(fd)
            time.sleep(self.poll_s)  # the kernel frees a lock when its holder dies, so this cannot leak

    @staticmethod
    def release(fd: int) -> None:
        """Free the slot held through ``fd``."""
        os.close(fd)

    @contextmanager
    def slot(self) -> Iterator[None]:
        """Hold one machine-wide slot for the duration of the ``with`` block."""
        fd = self.acquire()
        try:
            yield
        finally:
            self.release(fd)


class FairQueue:
    """A counting semaphore that hands freed slots to waiting clients in turn."""

    def __init__(self, slots: int) -> None:
        if slots < 1:
            raise ValueError("a render queue needs at least one slot")
        self.slots = slots
        self._free = slots
        self._lock = threading.Lock()
        self._waiting: OrderedDict[str, deque[threading.Event]] = OrderedDict()

    def acquire(self, client: str = "") -> None:
        """Block until this caller may start a render."""
        with self._lock:
            if self._free > 0 and not self._waiting:
                self._free -= 1
                return
            ticket = threading.Event()
            self._waiting.setdefault(client, deque()).append(ticket)
        ticket.wait()  # release() passed its slot straight to us

    def release(self) -> None:
        """Give the slot to the next client in turn, or free it."""
        with self._lock:
            if not self._waiting:
                self._free += 1
                return
            client, tickets = next(iter(self._waiting.items()))
            ticket = tickets.popleft()
            del self._waiting[client]
            if tickets:
                self._waiting[client] = tickets  # back of the line: the others go first
            ticket.set()

    @contextmanager
    def slot(self, client: str = "") -> Iterator[None]:
        """Hold one slot for the duration of the ``with`` block."""
        self.acquire(client)
        try:
            yield
        finally:
            self.release()

    def waiting(self) -> int:
        """How many requests are waiting for a slot."""
        with self._lock:
            return sum(len(t) for t in self._waiting.values())

    def running(self) -> int:
        """How many slots are taken."""
        with self._lock:
            return self.slots - self._free
