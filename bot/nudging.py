"""The worker's nudges: each rep's morning, the pitch cards before their meetings, the team's weekly
"what wins" share and the presales requests' service level planned into the outbox, and each card composed
as it is sent (a manager's Monday digest with its chart among them)."""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import datetime

from sqlalchemy.orm import Session, sessionmaker

from bot.presales import presales_rules
from bot.settings import Settings
from domain.mornings import parse_morning
from domain.outbox import MANAGER_DIGEST, PITCH, PITCH_SHARE, REQUEST_SLA, REQUEST_THREAD, Delivery
from handlers.blocks.manager_digest import manager_digest_blocks, manager_digest_text
from handlers.blocks.nudges import nudge_blocks, nudge_text
from handlers.blocks.pitch_reminder import pitch_reminder_blocks, pitch_reminder_text
from handlers.blocks.pitches import pitch_share_blocks, pitch_share_text
from handlers.blocks.request_sla import request_sla_blocks, request_sla_text
from services.manager_digest import manager_digest
from services.meeting_reminders import ReminderSettings, plan_meeting_reminders
from services.nudges import compose
from services.outbox import Render, Rendered, as_enqueued
from services.pitch_reminders import compose_pitch
from services.pitch_share import ShareSettings, compose_share, plan_pitch_shares
from services.planner import PlanReport, PlanSettings, plan_mornings
from services.request_sla import compose_request_sla, plan_request_sla
from services.requests_rules import LiveRules
from storage.uow import UnitOfWorkFactory

log = logging.getLogger("rapport.worker")


def plan_settings(settings: Settings) -> PlanSettings:
    """When nudges arrive and to whom festivals go, from the RAPPORT_* settings."""
    return PlanSettings(lead_days=settings.rapport_greeting_lead_days, morning=parse_morning(settings.rapport_morning),
                        default_tz=settings.rapport_timezone,
                        festival_min_importance=settings.rapport_festival_min_importance)


def reminder_settings(settings: Settings) -> ReminderSettings:
    """When pitch cards arrive before meetings, from the RAPPORT_* settings."""
    return ReminderSettings(evening=parse_morning(settings.rapport_pitch_evening),
                            morning=parse_morning(settings.rapport_morning), default_tz=settings.rapport_timezone)


def share_settings(settings: Settings) -> ShareSettings:
    """When the weekly what-wins share goes out, and where by default: RAPPORT_PITCH_CHANNEL serves a
    single-workspace install only, since a channel id means nothing in another workspace."""
    return ShareSettings(morning=parse_morning(settings.rapport_morning), tz=settings.rapport_timezone,
                         default_channel=None if settings.oauth_enabled else settings.rapport_pitch_channel)


def plan(settings: Settings, live: LiveRules | None = None) -> Callable[[sessionmaker[Session], datetime], PlanReport]:
    """The planning step of a tick: mornings, the cards before meetings, the weekly share, the presales service
    level, logging what it did. `live`: the presales rules the worker routes with, which its routing step
    reads again when the file changes; without them, the rules are read here and looked at every tick."""
    config, reminders, shares = plan_settings(settings), reminder_settings(settings), share_settings(settings)
    own_rules, live = live is None, live or presales_rules(settings)

    def run(sessions: sessionmaker[Session], now: datetime) -> PlanReport:
        report = plan_mornings(sessions=sessions, now=now, config=config)
        if report.mornings:
            log.info("planned %d reps' mornings: %d deliveries enqueued", len(report.mornings), report.enqueued)
        cards = plan_meeting_reminders(sessions=sessions, now=now, config=reminders)
        if cards:
            log.info("planned %d pitch cards before meetings", cards)
        shared = plan_pitch_shares(sessions=sessions, now=now, config=shares)
        if shared:
            log.info("planned this week's what-wins share for %d workspaces", shared)
        if own_rules:
            live.check(now)  # a bad edit is told to the admins by the routing step's own look at the file
        escalated = plan_request_sla(sessions=sessions, now=now, rules=live.for_workspace)
        if escalated:
            log.info("planned %d presales escalations, reminders and thread lines", escalated)
        report.enqueued += cards + shared + escalated
        return report
    return run


def nudge_render(settings: Settings, live: LiveRules | None = None
                 ) -> Callable[[sessionmaker[Session], Callable[[], datetime]], Render]:
    """Cards composed at send time as of the running tick; a delivery enqueued with its own text is posted as is.
    `live`: the presales rules in force, so the manager's digest times requests in the queues' working hours."""
    def factory(sessions: sessionmaker[Session], now: Callable[[], datetime]) -> Render:
        uows = UnitOfWorkFactory(sessions)

        def render(delivery: Delivery) -> Rendered | None:
            if "text" in delivery.payload:
                return as_enqueued(delivery)
            if delivery.kind == MANAGER_DIGEST:
                return _manager_digest(settings, uows, delivery, now(), live)
            if delivery.kind == PITCH:
                return _pitch_reminder(settings, uows, delivery, now())
            if delivery.kind == PITCH_SHARE:
                return _pitch_share(settings, uows, delivery)
            if delivery.kind in (REQUEST_SLA, REQUEST_THREAD):
                return _request_sla(settings, uows, delivery, now())
            composed = compose(uow=uows(delivery.workspace_id), delivery=delivery, now=now(),
                               default_tz=settings.rapport_timezone, default_locale=settings.rapport_locale)
            if composed is None:
                return None
            return Rendered(nudge_text(composed.card, composed.locale), nudge_blocks(composed.card, composed.locale),
                            composed.payload)
        return render
    return factory


def _manager_digest(settings: Settings, uows: UnitOfWorkFactory, delivery: Delivery, now: datetime,
                    live: LiveRules | None) -> Rendered | None:
    """A manager's Monday digest: the team pipeline card, and its chart as a file in the thread."""
    digest = manager_digest(uow=uows(delivery.workspace_id), delivery=delivery, now=now,
                            default_tz=settings.rapport_timezone, default_locale=settings.rapport_locale,
                            rules=live.for_workspace(delivery.workspace_id) if live else None)
    if digest is None:
        return None
    return Rendered(manager_digest_text(digest, digest.locale), manager_digest_blocks(digest, digest.locale),
                    {**delivery.payload, "locale": digest.locale}, files=((digest.filename, digest.chart),))


def _pitch_reminder(settings: Settings, uows: UnitOfWorkFactory, delivery: Delivery, now: datetime) -> Rendered | None:
    """A pitch card before a meeting, composed from what is known as it is sent."""
    composed = compose_pitch(uow=uows(delivery.workspace_id), delivery=delivery, now=now,
                             default_tz=settings.rapport_timezone, default_locale=settings.rapport_locale)
    if composed is None:
        return None
    return Rendered(pitch_reminder_text(composed.card, composed.locale),
                    pitch_reminder_blocks(composed.card, composed.locale), composed.payload)


def _pitch_share(settings: Settings, uows: UnitOfWorkFactory, delivery: Delivery) -> Rendered | None:
    """The week's what-wins share for the team channel, in the workspace's language, from the record as it stands."""
    share = compose_share(uow=uows(delivery.workspace_id), delivery=delivery,
                          default=share_settings(settings).default_channel)
    if share is None:
        return None
    locale = settings.rapport_locale
    top = share.best.propositions[0].proposition.title if share.best.propositions else None
    return Rendered(pitch_share_text(share, locale), pitch_share_blocks(share, locale),
                    {**delivery.payload, "locale": locale, "top": top})


def _request_sla(settings: Settings, uows: UnitOfWorkFactory, delivery: Delivery, now: datetime) -> Rendered | None:
    """A presales request's escalation, reminder or thread line, as the request stands now."""
    card = compose_request_sla(uow=uows(delivery.workspace_id), delivery=delivery, now=now,
                               default_locale=settings.rapport_locale)
    if card is None:
        return None
    return Rendered(request_sla_text(card, card.locale), request_sla_blocks(card, card.locale),
                    {**delivery.payload, "locale": card.locale})
