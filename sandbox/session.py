"""`rapport sandbox` and `rapport demo`: the real bot, the stand-in and a terminal chat on the embedded store."""

from __future__ import annotations

import shutil
import sys
from collections.abc import Callable, Iterator, Sequence
from contextlib import AbstractContextManager, contextmanager, nullcontext
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from bot.settings import Settings
from domain.mornings import parse_morning
from sandbox.chat import TerminalChat
from sandbox.demo_script import DEMO_PRESALES, DEMO_REP, DEMO_REPS, SCRIPT, Later, Step
from sandbox.local import TEAM, LocalRapport, start_local
from sandbox.render import render_message
from services.clock import MovableClock, SystemClock
from services.seed import load_demo_dataset, load_demo_team

Output = Callable[[str], None]
DEMO_RULES = Path(__file__).with_name("demo-presales-rules.toml")  # where the demo's presales requests go


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

    clock = StoryClock()  # the story's time: today from 10:00, or a scripted step later in the story
    presales: dict[str, Any] = {"rapport_presales_rules": DEMO_RULES, "rapport_presales_channel": "#presales"} \
        if demo else {}
    with start_local(database_url=url, files_dir=folder / "files", rapport_timezone=settings.rapport_timezone,
                     rapport_locale=settings.rapport_locale, clock=clock if demo else None, **presales) as rapport:
        rapport.standin.add_user(DEMO_REP, "lin.xiao", "林晓 (demo rep)", tz="Asia/Shanghai", locale="zh-CN")
        for other, (handle, name) in zip((*DEMO_REPS[1:], DEMO_PRESALES), (
                ("wang.lei", "王磊"), ("zhao.min", "赵敏 (manager)"), ("sun.gong", "孙工 (presales)")), strict=True):
            rapport.standin.add_user(other, handle, name, tz="Asia/Shanghai", locale="zh-CN")
        chat = TerminalChat(rapport.standin, rapport.slack, DEMO_REP)
        if demo:
            _load(rapport, say, clock)
            play(chat, SCRIPT, say, story=Story(rapport, clock))
            (folder / "transcript.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")
            say(f"\nTranscript, store and files are in {folder.resolve()}")
        if sys.stdin.isatty():
            chat.run()
        chat.close()
    return 0


def _load(rapport: LocalRapport, say: Output, clock: StoryClock) -> None:
    now = clock.now()
    counts = load_demo_dataset(uow=rapport.uow_factory(TEAM), today=now.date(), now=now, reps=DEMO_REPS)
    load_demo_team(uow=rapport.uow_factory(TEAM), reps=DEMO_REPS, presales=(DEMO_PRESALES,))
    say("Demo data loaded: " + ", ".join(f"{n} {kind}" for kind, n in counts.items()))


DEMO_ZONE = ZoneInfo("Asia/Shanghai")  # the demo rep's zone
STORY_STARTS = time(10, 0)  # the demo's day starts at 10:00 in the rep's zone, whenever it is run


class StoryClock:
    """The bot's clock in the demo: today at 10:00 in the rep's zone plus the time the demo has run, except
    during a step the script sets later in the story. Run at 00:20 on a Monday in Shanghai, the demo used to
    create its deals before that week's digest window opened; a fixed hour makes every run tell one story."""

    def __init__(self, zone: ZoneInfo = DEMO_ZONE) -> None:
        self._at: datetime | None = None
        self._real_start = SystemClock().now()
        local_day = self._real_start.astimezone(zone).date()
        self._story_start = datetime.combine(local_day, STORY_STARTS, zone).astimezone(UTC)

    def now(self) -> datetime:
        """The story's instant while a later step plays, else its day's 10:00 plus the time since the start."""
        return self._at or self._story_start + (SystemClock().now() - self._real_start)

    @contextmanager
    def reading(self, at: datetime | None) -> Iterator[None]:
        """Read `at` (None: the real time) until the step is over, its reply included."""
        self._at = None if at is None else at.astimezone(UTC)
        try:
            yield
        finally:
            self._at = None


class Story:
    """The script's later moments, in the demo rep's zone: the worker's ticks and when the rep acts."""

    zone = DEMO_ZONE

    def __init__(self, rapport: LocalRapport, clock: StoryClock) -> None:
        self.rapport, self.clock = rapport, clock
        self.evening = parse_morning(rapport.runtime.settings.rapport_pitch_evening)

    def _today(self) -> date:
        return self.clock.now().astimezone(self.zone).date()

    def _at(self, later: Later) -> datetime:
        return datetime.combine(self._today() + timedelta(days=later.days), later.at, self.zone)

    def tick(self, step: Step) -> str | None:
        """The worker's tick a step asks for, run; what the transcript says of it (None: the step ticks not)."""
        if step.morning:
            _tick_at(self.rapport, self._at(Later(1, time(8, 31))))
            return "[the worker ticks at 08:31 the next morning]"
        if step.evening:  # a minute after the cards for the next day's meetings are due
            at = self._at(Later(1, self.evening)) + timedelta(minutes=1)
            _tick_at(self.rapport, at)
            return f"[the worker ticks at {at:%H:%M} that evening]"
        return None

    def acting(self, step: Step) -> AbstractContextManager[None]:
        """The bot's clock for a step: the story's moment when it happens later, else the real time."""
        return self.clock.reading(None if step.later is None else self._at(step.later))

    def monday(self) -> list[str]:
        """A tick at 08:31 on the coming Monday, then the manager's DM as the stand-in recorded it: the digest and
        its chart (the terminal chat shows only the demo rep's messages)."""
        today = self._today()
        _tick_at(self.rapport, datetime.combine(today + timedelta(days=7 - today.weekday()), time(8, 31), self.zone))
        standin = self.rapport.standin
        manager, channel = DEMO_REPS[-1], standin.dm_channel(DEMO_REPS[-1])
        digests = [m for m in standin.messages(channel) if "thread_ts" not in m]
        charts = [f.path for f in standin.files if channel in f.channels]
        if not digests:
            return [f"(no message for the manager {manager})"]
        return [f"[{manager}'s DM] " + render_message(digests[-1]).text, *(f"[chart in the thread] {p}" for p in charts)]

    def press_in(self, step: Step) -> str:
        """Someone other than the rep presses a button of the channel's latest card, as Slack would send it."""
        standin, channel = self.rapport.standin, self.channel_id(step.channel)
        who = standin.workspace.read(lambda s: s.users[step.by].real_name)
        presser = TerminalChat(standin, self.rapport.slack, step.by, channel=channel)
        try:
            _, rendered, _ = presser.latest_card()
            presser.press(next(b.number for b in rendered.buttons if b.text == step.press))
        finally:
            presser.close()
        when = f", {_day_word(step.later.days)} at {step.later.at:%H:%M}" if step.later is not None else ""
        return f"{who}> [presses {step.press} in {step.channel}{when}]"

    def channel_card(self, name: str | None) -> str:
        """The latest card the bot posted in a channel, as it now reads (the terminal chat shows only the rep's DM)."""
        channel = self.channel_id(name)
        cards = [m for m in self.rapport.standin.messages(channel) if "thread_ts" not in m] if channel else []
        return f"[{name}] " + render_message(cards[-1]).text if cards else f"(nothing was posted in {name})"

    def naming_channels(self, say: Output) -> Output:
        """Say a line with each channel the bot posted to by #name called by it, as Slack shows <#C0123>."""
        def named(text: str) -> None:
            channels = self.rapport.standin.workspace.read(lambda s: dict(s.named_channels))
            for name, channel in channels.items():
                text = text.replace(f"#{channel}", f"#{name}")
            say(text)
        return named

    def channel_id(self, name: str | None) -> str:
        """The id the stand-in gave a #name channel when the bot first posted there ('' before then)."""
        return self.rapport.standin.workspace.read(lambda s: s.named_channels.get((name or "").lstrip("#"), ""))


def _tick_at(rapport: LocalRapport, at: datetime) -> None:
    """One tick of the worker as of `at`, through the same tick `rapport worker` runs."""
    from bot.worker import worker_tick

    worker_tick(rapport.runtime.settings, rapport.runtime.engine, rapport.uow_factory.sessions, clock=MovableClock(at))()


def play(chat: TerminalChat, script: Sequence[Step], say: Output, timeout: float = 20.0,
         story: Story | None = None) -> None:
    """Play a scripted conversation through the real HTTP path, printing it as the rep would see it."""
    say = story.naming_channels(say) if story is not None else say
    for step in script:
        if step.note:
            say(f"\n# {step.note}")
        if step.monday and story is not None:
            say("[the worker ticks at 08:31 on Monday, in the manager's zone]")
            for line in story.monday():
                say(line)
            continue
        if step.channel is not None and story is not None:
            _in_channel(chat, step, say, story, timeout)
            continue
        with story.acting(step) if story is not None else nullcontext():
            ticked = story.tick(step) if story is not None else None
            if ticked is not None:
                say(ticked)
            else:
                _act(chat, step, say)
            say(chat.wait_reply(timeout) or "(no reply)")


def _in_channel(chat: TerminalChat, step: Step, say: Output, story: Story, timeout: float) -> None:
    """A scene in a channel: someone presses the card's button there, the card is shown as it then reads, and
    what the rep heard of it in their DM follows."""
    told = None
    with story.acting(step):
        if step.press is not None:
            say(story.press_in(step))
            told = chat.wait_reply(timeout) or "(nothing for the rep)"
        say(story.channel_card(step.channel))
    if told is not None:
        say(told)


def _day_word(days: int) -> str:
    return {0: "today", 1: "tomorrow", 2: "the day after tomorrow"}.get(days, f"in {days} days")


def _act(chat: TerminalChat, step: Step, say: Output) -> None:
    """The rep's turn: press a button of the latest card, submit the dialog, or say something."""
    when = f", {_day_word(step.later.days)} at {step.later.at:%H:%M}" if step.later is not None else ""
    if step.press is not None:
        _, rendered, _ = chat.latest_card(step.press)
        number = next(b.number for b in rendered.buttons if b.text.startswith(step.press) or step.press in b.text)
        say(f"you> [presses {step.press}{when}]")
        chat.press(number, step.press)
    elif step.submit:
        say(f"you> [submits the dialog{when}]")
        chat.submit()
    else:
        say(f"you> {step.text}")
        chat.say(step.text or "")
