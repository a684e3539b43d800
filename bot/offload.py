"""Post-ack work in the helper process: a meeting log understood, drafted and carded away from the acks.

The web process only acks and hands the log over. Everything else runs here: the retry check (a
store write right after an ack was the largest part of the next ack's slow tail, measured in bench/)
and everything CPU-heavy (segmenting Chinese, SQLAlchemy, Block Kit, the Web API call), so the web
process's GIL stays free while Slack waits for the next ack."""

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
    event_id: str | None = None  # Slack's, so a retried event is answered by the ack and not redone here


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
    context = BoltContext({"team_id": job.team_id})
    if deps.seen_before({"event_id": job.event_id}, context):
        return
    post_log_card(deps, web_client(settings, token=job.token), context,
                  user_id=job.user_id, text=job.text, source=job.source, channel=job.channel,
                  thread_ts=job.thread_ts)
