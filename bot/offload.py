"""Post-ack work in the helper process: a meeting log understood, drafted and carded away from the acks.

The web process only acks, checks the retry and hands the log over; everything CPU-heavy (segmenting
Chinese, SQLAlchemy, Block Kit, the Web API call) runs here, so it never holds the web process's GIL
while Slack waits for the next ack."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from slack_bolt import BoltContext

from bot.app import web_client
from bot.settings import Settings
from domain.compliance import load_compliance_rules
from domain.entities import SourceMessage
from handlers.deps import Deps
from handlers.logs import post_log_card
from services.clock import SystemClock
from services.understander import InProcess
from storage.db import make_engine, session_factory
from storage.uow import UnitOfWorkFactory


@dataclass(frozen=True)
class LogJob:
    """One log to draft and card, with the workspace's token (one per installation under OAuth)."""

    team_id: str
    token: str
    user_id: str
    text: str
    source: SourceMessage
    channel: str | None = None
    thread_ts: str | None = None


@cache
def _helper_deps() -> tuple[Settings, Deps]:
    """Built once per helper process from the same environment as the web process."""
    settings = Settings()
    engine = make_engine(settings.store_url)
    return settings, Deps(uow_factory=UnitOfWorkFactory(session_factory(engine)), clock=SystemClock(),
                          default_tz=settings.rapport_timezone, default_locale=settings.rapport_locale,
                          understand=InProcess(load_compliance_rules(settings.rapport_compliance_file)))


def run_log_job(job: LogJob) -> None:
    """In the helper: understand the log, keep the draft and post its card."""
    settings, deps = _helper_deps()
    post_log_card(deps, web_client(settings, token=job.token), BoltContext({"team_id": job.team_id}),
                  user_id=job.user_id, text=job.text, source=job.source, channel=job.channel,
                  thread_ts=job.thread_ts)
