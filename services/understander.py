"""Who turns a rep's text into a MeetingLog: in this process, or in a helper process beside the web server."""

from __future__ import annotations

import contextlib
import multiprocessing
import os
import threading
import time
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from datetime import datetime
from typing import Protocol

from domain.compliance import ComplianceRules
from domain.meeting_log import MeetingLog
from domain.understanding import understand, warm_up

UNDERSTAND_TIMEOUT_S = 30


class Understander(Protocol):
    """Reads one log; `now` is in the rep's time zone."""

    def __call__(self, text: str, *, now: datetime) -> MeetingLog: ...

    def close(self) -> None: ...


@dataclass(frozen=True)
class InProcess:
    """Understanding in the calling thread: for the CLI, the sandbox and tests."""

    compliance: ComplianceRules | None = None

    def __call__(self, text: str, *, now: datetime) -> MeetingLog:
        """Read the log here."""
        return understand(text, now=now, compliance=self.compliance)

    def close(self) -> None:
        """Nothing to release."""


def _start_helper(parent_pid: int) -> None:
    """In the helper: load the dictionaries once, and never outlive the web process."""
    # Post-ack work may wait; acks may not. A lower priority lets the OS run the web process
    # first when both want a core.
    with contextlib.suppress(OSError, AttributeError):
        os.nice(10)
        os.sched_setscheduler(0, os.SCHED_IDLE, os.sched_param(0))
    warm_up()
    threading.Thread(target=_exit_with_parent, args=(parent_pid,), daemon=True).start()


def _exit_with_parent(parent_pid: int) -> None:
    # A web process killed without a chance to clean up must not leave its helper running.
    while os.getppid() == parent_pid:
        time.sleep(1)
    os._exit(0)


class InHelperProcess:
    """Understanding in a spawned helper process.

    Segmenting Chinese is pure-Python CPU work; in the web process it would hold the GIL while
    Slack waits for the next ack. The web process only waits for the answer, which releases it."""

    def __init__(self, compliance: ComplianceRules | None = None, *, workers: int = 1) -> None:
        self.compliance = compliance
        self._pool = ProcessPoolExecutor(max_workers=workers, mp_context=multiprocessing.get_context("spawn"),
                                         initializer=_start_helper, initargs=(os.getpid(),))

    def __call__(self, text: str, *, now: datetime) -> MeetingLog:
        """Read the log in the helper process."""
        future = self._pool.submit(understand, text, now=now, compliance=self.compliance)
        return future.result(timeout=UNDERSTAND_TIMEOUT_S)

    def run(self, job: Callable[..., object], *args: object, timeout: float = 120) -> None:
        """Run a whole piece of post-ack work in the helper process and wait for it (errors come back here)."""
        self._pool.submit(job, *args).result(timeout=timeout)

    def close(self) -> None:
        """Stop the helper process."""
        self._pool.shutdown(wait=False, cancel_futures=True)
