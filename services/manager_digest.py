"""A manager's Monday digest: their team's open pipeline by stage and health, with a chart, and how the team's
presales requests were served that week, composed at send time."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import date, datetime

from domain.entities import User
from domain.outbox import Delivery
from domain.request_numbers import RequestNumbers
from domain.routing import RoutingRules
from prompts import keys, normalise_locale, t
from services.pictures import StageBar, pipeline_chart_png
from services.pipeline import PipelineView, pipeline
from services.request_numbers import team_week
from services.users import user_zone
from storage.uow import UnitOfWork

log = logging.getLogger("rapport.nudges")


@dataclass(frozen=True)
class ManagerDigest:
    """What a manager's Monday digest says: the team pipeline as of that day, in their language, and its chart."""

    view: PipelineView
    day: date
    locale: str
    chart: bytes
    requests: RequestNumbers | None = None  # the team's presales requests of the week; None: none, no section

    @property
    def filename(self) -> str:
        """The chart's file name in Slack."""
        return f"pipeline-{self.day.isoformat()}.png"


def manager_digest(*, uow: UnitOfWork, delivery: Delivery, now: datetime, default_tz: str,
                   default_locale: str, rules: RoutingRules | None = None) -> ManagerDigest | None:
    """The manager's team pipeline and its chart, and the week's presales requests (timed in the queues' working
    hours when `rules` are given); None (with a log line) when the team has no open deals."""
    with uow:
        manager = uow.users.get(delivery.recipient_slack_id) or User(delivery.recipient_slack_id)
    locale = normalise_locale(manager.locale, default_locale)
    local_now = now.astimezone(user_zone(manager, default_tz))
    day = delivery.day("rep_day") or local_now.date()
    view = pipeline(uow=uow, user=manager, rep_slack_id=None, team=True, now=now)
    if not view.stages:
        log.info("manager digest %s for %s not sent: the team has no open deals on %s", delivery.id,
                 manager.slack_user_id, day)
        return None
    chart = pipeline_chart_png(heading=t(locale, "pipeline.title.team"), bars=stage_bars(view, locale), locale=locale)
    requests = team_week(uow=uow, manager_slack_id=manager.slack_user_id, now=local_now, rules=rules)
    return ManagerDigest(view, day, locale, chart, requests)


def stage_bars(view: PipelineView, locale: str) -> list[StageBar]:
    """One bar per stage: its name in the reader's language, health counts, the weighted amount."""
    weighted = {line.stage: line.weighted for line in view.stages}
    return [StageBar(_stage_name(stage, locale), health, _weighted(weighted.get(stage, ()), locale))
            for stage, health in view.stage_health]


def _stage_name(stage: str, locale: str) -> str:
    key = f"deal.stage.{stage}"
    return t(locale, key) if key in keys(locale) else stage


def _weighted(totals: tuple[tuple[str, float], ...], locale: str) -> str:
    if not totals:
        return ""
    money = " + ".join(f"{amount:,.0f} {currency}".strip() for currency, amount in totals)
    return t(locale, "manager_digest.weighted", amount=money)
