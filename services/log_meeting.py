"""Use cases of a meeting log: understand it into a draft, then confirm, edit, choose or discard."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from domain.deal_plan import NEW_DEAL, concerns_a_deal
from domain.entities import LogDraft, SourceMessage
from domain.log_edits import LogEdits, apply_edits, changed_edits
from domain.log_plan import DEAL_CHOICE, NEW, LogPlan, plan_log
from domain.meeting_log import MeetingLog
from domain.resolution import lookup_keys
from services.record_log import record_plan
from services.understander import Understander
from storage.uow import UnitOfWork


class DraftNotFound(LookupError):
    """The card refers to a draft this workspace does not have."""


@dataclass(frozen=True)
class LogCardView:
    """What the log's card shows: the plan, its state and, once confirmed, what was saved."""

    draft_id: int
    state: str  # pending / confirmed / discarded
    plan: LogPlan
    outcome: dict[str, Any] | None = None
    notice: str | None = None  # already_confirmed, already_discarded, choose_first, not_yours
    card_channel: str | None = None
    card_ts: str | None = None


def _plan(uow: UnitOfWork, draft_parsed: dict[str, Any], choices: dict[str, Any],
          replying_to: SourceMessage | None = None) -> LogPlan:
    log = MeetingLog.from_json(draft_parsed)
    extends = None
    if replying_to is not None and replying_to.ts:
        extends = uow.interactions.from_message(replying_to.channel, replying_to.ts)
    account = uow.accounts.find(log.account)
    if account is None and log.account is None and extends is not None and extends.account_id is not None:
        account = uow.accounts.get(extends.account_id)  # "她生日是…" in a thread: the thread's account
    keys = lookup_keys(p.name for p in log.people)
    pool = uow.contacts.candidates(account_id=account.id if account else None, keys=keys)
    chosen = [uow.contacts.get(int(c)) for w, c in choices.items() if c != NEW and w != DEAL_CHOICE]
    pool += [c for c in chosen if c is not None and c not in pool]
    # Most logs say nothing about a deal: only those read the account's deals and control points.
    deals = uow.deals.open_at(account.id) if account and concerns_a_deal(log) else []
    points = {d.id: uow.control_points.of_deal(d.id) for d in deals}
    # Only a log telling a promotion or a join date reads the dates already kept for its people.
    dates = uow.occasions.of_contacts(c.id for c in pool) if any(p.occasions for p in log.people) else {}
    return plan_log(log, account=account, contacts=pool, choices=choices, open_deals=deals, points=points,
                    extends=extends, dates=dates)


def preview_log(*, uow: UnitOfWork, text: str, now: datetime, understand: Understander) -> LogPlan:
    """Understand and resolve a log against the store without keeping anything (benchmarks, dry runs)."""
    log = understand(text, now=now)
    with uow:
        return _plan(uow, log.to_json(), {})


def _view(uow: UnitOfWork, draft: LogDraft, notice: str | None = None) -> LogCardView:
    replying_to = SourceMessage(draft.source.channel, draft.thread_ts) if draft.thread_ts else None
    return LogCardView(draft.id, draft.state, _plan(uow, draft.parsed, draft.choices, replying_to), draft.outcome,
                       notice, draft.card_channel, draft.card_ts)


def _load(uow: UnitOfWork, draft_id: int) -> LogDraft:
    draft = uow.drafts.get(draft_id)
    if draft is None:
        raise DraftNotFound(draft_id)
    return draft


def draft_log(*, uow: UnitOfWork, user_slack_id: str, text: str, source: SourceMessage, now: datetime,
              understand: Understander, thread_ts: str | None = None) -> LogCardView:
    """Understand a rep's free text (now is in the rep's zone) and keep it as a draft awaiting Confirm.

    A reply in the thread of a logged message (thread_ts) adds to that message's interaction."""
    log = understand(text, now=now)
    with uow:
        draft = uow.drafts.add(user_slack_id=user_slack_id, parsed=log.to_json(), source=source, now=now,
                               thread_ts=thread_ts)
        view = _view(uow, draft)
        uow.commit()
    return view


def remember_card(*, uow: UnitOfWork, draft_id: int, channel: str, ts: str) -> None:
    """Note where the draft's card was posted, so later steps update it in place."""
    with uow:
        uow.drafts.set_card(draft_id, channel=channel, ts=ts)
        uow.commit()


def confirm_log(*, uow: UnitOfWork, draft_id: int, actor: str, now: datetime, today: Any,
                tz: str | None = None, morning: str = "08:30") -> LogCardView:
    """Record the draft in one transaction; a second Confirm records nothing more.

    A promotion still news gets its congratulation draft at the rep's first `morning` (HH:MM) in `tz`."""
    with uow:
        draft = _load(uow, draft_id)
        if draft.user_slack_id != actor:
            return _view(uow, draft, "not_yours")
        if draft.state != "pending":
            return _view(uow, draft, f"already_{draft.state}")
        view = _view(uow, draft)
        if not view.plan.ready:
            return _view(uow, draft, "choose_first")
        if not uow.drafts.decide(draft_id, state="confirmed", now=now):
            uow.session.rollback()
            return _view(uow, _load(uow, draft_id), "already_confirmed")
        outcome = record_plan(uow, view.plan, actor=actor, now=now, source=draft.source, today=today, tz=tz,
                              morning=morning)
        uow.drafts.set_outcome(draft_id, outcome)
        uow.commit()
        return LogCardView(draft_id, "confirmed", view.plan, outcome, None, draft.card_channel, draft.card_ts)


def discard_log(*, uow: UnitOfWork, draft_id: int, actor: str, now: datetime) -> LogCardView:
    """Drop the draft; nothing of it is recorded."""
    with uow:
        draft = _load(uow, draft_id)
        if draft.user_slack_id != actor:
            return _view(uow, draft, "not_yours")
        if not uow.drafts.decide(draft_id, state="discarded", now=now):
            return _view(uow, draft, f"already_{draft.state}")
        uow.commit()
        return _view(uow, _load(uow, draft_id))


def choose_contact(*, uow: UnitOfWork, draft_id: int, actor: str, written: str, choice: str) -> LogCardView:
    """Take the rep's answer to "which 张伟?" (a contact id, or new)."""
    with uow:
        draft = _load(uow, draft_id)
        if draft.user_slack_id != actor or draft.state != "pending":
            return _view(uow, draft, "not_yours" if draft.user_slack_id != actor else f"already_{draft.state}")
        choices = {**draft.choices, written: choice if choice in (NEW, NEW_DEAL) else int(choice)}
        uow.drafts.set_parsed(draft_id, draft.parsed, choices)
        uow.commit()
        return _view(uow, _load(uow, draft_id))


def edit_log(*, uow: UnitOfWork, draft_id: int, actor: str, text: str, edits: LogEdits, now: datetime,
             understand: Understander) -> LogCardView:
    """Take the rep's corrections: a changed text is understood afresh, corrected fields win either way."""
    shown = draft_parsed(uow=uow, draft_id=draft_id)
    if text.strip() and text.strip() != str(shown.get("notes") or "").strip():
        parsed = apply_edits(understand(text, now=now).to_json(), changed_edits(edits, shown))
    else:
        parsed = apply_edits(shown, edits)
    with uow:
        draft = _load(uow, draft_id)
        if draft.user_slack_id != actor or draft.state != "pending":
            return _view(uow, draft, "not_yours" if draft.user_slack_id != actor else f"already_{draft.state}")
        uow.drafts.set_parsed(draft_id, parsed, {})
        uow.commit()
        return _view(uow, _load(uow, draft_id))


def draft_parsed(*, uow: UnitOfWork, draft_id: int) -> dict[str, Any]:
    """What was understood from a draft (its stored, compliance-filtered JSON), to fill the Edit dialog."""
    with uow:
        return dict(_load(uow, draft_id).parsed)
