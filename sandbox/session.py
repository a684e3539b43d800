"""`rapport sandbox` and `rapport demo`: the real bot, the stand-in and a terminal chat on the embedded store."""

from __future__ import annotations

import shutil
import sys
from collections.abc import Callable, Sequence
from datetime import datetime, time, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from bot.settings import Settings
from sandbox.chat import TerminalChat
from sandbox.demo_script import DEMO_REP, DEMO_REPS, SCRIPT, Step
from sandbox.local import TEAM, LocalRapport, start_local
from sandbox.render import render_message
from services.clock import MovableClock, SystemClock
from services.seed import load_demo_dataset, load_demo_team

Output = Callable[[str], None]


def run_sandbox(settings: Settings, *, demo: bool, out: Path | None = None) -> int:
    """Start everything; the demo loads its data and plays its script; then chat while stdin is a terminal."""
    folder = out or Path.cwd()
    if demo:
        shutil.rmtree(folder, ignore_errors=True)  # the demo always starts from the same world
    folder.mkdir(parents=True, exist_ok=True)
    url = f"sqlite:///{folder / 'rapport-demo.sqlite3'}" if demo else settings.store_url
    lines: list[str] = []

    def say(text: str) -> None:
        print(text, flush=True)
        lines.append(text)

    with start_local(database_url=url, files_dir=folder / "files", rapport_timezone=settings.rapport_timezone,
                     rapport_locale=settings.rapport_locale) as rapport:
        rapport.standin.add_user(DEMO_REP, "lin.xiao", "林晓 (demo rep)", tz="Asia/Shanghai", locale="zh-CN")
        for other, (handle, name) in zip(DEMO_REPS[1:], (("wang.lei", "王磊"), ("zhao.min", "赵敏 (manager)")),
                                         strict=True):
            rapport.standin.add_user(other, handle, name, tz="Asia/Shanghai", locale="zh-CN")
        chat = TerminalChat(rapport.standin, rapport.slack, DEMO_REP)
        if demo:
            _load(rapport, say)
            play(chat, SCRIPT, say, morning=lambda: _next_morning(rapport), monday=lambda: _monday_morning(rapport))
            (folder / "transcript.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")
            say(f"\nTranscript, store and files are in {folder.resolve()}")
        if sys.stdin.isatty():
            chat.run()
        chat.close()
    return 0


def _load(rapport: LocalRapport, say: Output) -> None:
    now = SystemClock().now()
    counts = load_demo_dataset(uow=rapport.uow_factory(TEAM), today=now.date(), now=now, reps=DEMO_REPS)
    load_demo_team(uow=rapport.uow_factory(TEAM), reps=DEMO_REPS)
    say("Demo data loaded: " + ", ".join(f"{n} {kind}" for kind, n in counts.items()))


def _next_morning(rapport: LocalRapport) -> None:
    """One worker tick at 08:31 tomorrow in the demo rep's zone, through the same tick `rapport worker` runs."""
    zone = ZoneInfo("Asia/Shanghai")
    _tick_at(rapport, datetime.combine(SystemClock().now().astimezone(zone).date() + timedelta(days=1), time(8, 31), zone))


def _monday_morning(rapport: LocalRapport) -> list[str]:
    """A tick at 08:31 on the coming Monday, then the manager's DM as the stand-in recorded it: the digest and its
    chart (the terminal chat shows only the demo rep's messages)."""
    zone = ZoneInfo("Asia/Shanghai")
    today = SystemClock().now().astimezone(zone).date()
    _tick_at(rapport, datetime.combine(today + timedelta(days=7 - today.weekday()), time(8, 31), zone))
    manager, channel = DEMO_REPS[-1], rapport.standin.dm_channel(DEMO_REPS[-1])
    digests = [m for m in rapport.standin.messages(channel) if "thread_ts" not in m]
    charts = [f.path for f in rapport.standin.files if channel in f.channels]
    if not digests:
        return [f"(no message for the manager {manager})"]
    return [f"[{manager}'s DM] " + render_message(digests[-1]).text, *(f"[chart in the thread] {p}" for p in charts)]


def _tick_at(rapport: LocalRapport, at: datetime) -> None:
    """One tick of the worker as of `at`, through the same tick `rapport worker` runs."""
    from bot.worker import worker_tick

    worker_tick(rapport.runtime.settings, rapport.runtime.engine, rapport.uow_factory.sessions, clock=MovableClock(at))()


def play(chat: TerminalChat, script: Sequence[Step], say: Output, timeout: float = 20.0,
         morning: Callable[[], None] | None = None, monday: Callable[[], list[str]] | None = None) -> None:
    """Play a scripted conversation through the real HTTP path, printing it as the rep would see it."""
    for step in script:
        if step.note:
            say(f"\n# {step.note}")
        if step.monday and monday is not None:
            say("[the worker ticks at 08:31 on Monday, in the manager's zone]")
            for line in monday():
                say(line)
            continue
        if step.morning and morning is not None:
            say("[the worker ticks at 08:31 the next morning]")
            morning()
        elif step.press is not None:
            _, rendered, _ = chat.latest_card()
            number = next(b.number for b in rendered.buttons if b.text.startswith(step.press) or step.press in b.text)
            say(f"you> [presses {step.press}]")
            chat.press(number)
        elif step.submit:
            say("you> [submits the dialog]")
            chat.submit()
        else:
            say(f"you> {step.text}")
            chat.say(step.text or "")
        say(chat.wait_reply(timeout) or "(no reply)")
