"""A rep's meeting log end to end: signed HTTP into the real bot, Web API calls to the stand-in, the store."""

from __future__ import annotations

from sqlalchemy import func, select

from sandbox import payloads
from sandbox.local import LocalRapport
from storage.rows import AuditRow, ContactLinkRow, ContactRow, InteractionRow, LogDraftRow, ProcessedEventRow
from tests.e2e.conftest import EN_REP, REP, button, card_text, press, wait_card

LOG = "昨天和北辰银行的李娜吃饭，她是CTO，张伟向她汇报，她倾向竞争对手"


def count(rapport: LocalRapport, row: type) -> int:
    """How many rows of a kind the bot's store holds."""
    with rapport.runtime.engine.connect() as conn:
        return int(conn.scalar(select(func.count()).select_from(row)) or 0)


def wait_saved(rapport: LocalRapport, user: str) -> dict:
    """Wait until the user's card says the log was saved."""
    channel = rapport.standin.dm_channel(user)
    return rapport.standin.wait_for(
        lambda: next((m for m in rapport.standin.messages(channel) if "edited" in m and not _has_buttons(m)), None),
        timeout=15)


def _has_buttons(message: dict) -> bool:
    """True while the card still asks for a decision (Confirm is gone once it is saved or discarded)."""
    return any(e.get("action_id") == "log_confirm" for b in message.get("blocks") or [] for e in b.get("elements") or [])


def test_a_confirmed_log_is_stored_once_with_its_contacts_and_source(local: LocalRapport) -> None:
    sent = local.slack.send_dm(REP, LOG)
    assert sent.status == 200
    card = wait_card(local, REP)
    assert "李娜" in card_text(card) and "北辰银行" in card_text(card)
    assert count(local, InteractionRow) == 0, "nothing is stored before Confirm"

    assert press(local, REP, card, "log_confirm") == 200
    saved = wait_saved(local, REP)
    assert "已保存" in card_text(saved)
    with local.runtime.engine.connect() as conn:
        names = set(conn.scalars(select(ContactRow.name)))
        interaction = conn.execute(select(InteractionRow)).one()
    assert {"李娜", "张伟"} <= names
    assert interaction.occurred_on.isoformat() == "2026-12-08" and interaction.channel == "meal"
    assert interaction.source_ts == sent.request.payload["event"]["ts"]
    assert count(local, ContactLinkRow) >= 1
    assert count(local, AuditRow) >= 3

    assert press(local, REP, card, "log_confirm") == 200  # the same card, pressed again
    local.standin.wait_for(lambda: len(local.standin.calls_to("chat.update")) >= 2, timeout=15)
    assert count(local, InteractionRow) == 1
    assert "已经保存过" in card_text(local.standin.messages(local.standin.dm_channel(REP))[-1])


def test_the_same_event_retried_three_times_is_handled_once(local: LocalRapport) -> None:
    first = local.slack.send_dm(REP, LOG)
    retries = [local.slack.retry(first, n) for n in (1, 2, 3)]
    assert [r.status for r in retries] == [200, 200, 200]
    card = wait_card(local, REP)
    assert count(local, ProcessedEventRow) == 1
    assert count(local, LogDraftRow) == 1
    assert len(local.standin.calls_to("chat.postMessage")) == 1
    press(local, REP, card, "log_confirm")
    wait_saved(local, REP)
    assert count(local, InteractionRow) == 1


def _fresh_dm(local: LocalRapport, text: str) -> dict:
    event = payloads.message_event(local.slack.team, REP, text, local.standin.dm_channel(REP), "im")
    return payloads.event_callback(local.slack.team, event)


def test_forged_and_stale_requests_get_401_and_store_nothing(local: LocalRapport) -> None:
    assert local.slack.post_json(_fresh_dm(local, LOG), forge_signature=True).status == 401
    assert local.slack.post_json(_fresh_dm(local, LOG), age_seconds=6 * 60).status == 401
    assert count(local, ProcessedEventRow) == 0 and count(local, LogDraftRow) == 0
    assert local.standin.calls_to("chat.postMessage") == []
    assert local.slack.post_json(_fresh_dm(local, LOG)).status == 200  # the same request, honestly signed
    wait_card(local, REP)


def test_discard_records_nothing(local: LocalRapport) -> None:
    local.slack.send_dm(REP, LOG)
    card = wait_card(local, REP)
    press(local, REP, card, "log_discard")
    local.standin.wait_for(lambda: local.standin.calls_to("chat.update") or None, timeout=15)
    assert count(local, InteractionRow) == 0 and count(local, ContactRow) == 0
    press(local, REP, card, "log_confirm")  # a late Confirm on a discarded card
    local.standin.wait_for(lambda: len(local.standin.calls_to("chat.update")) >= 2, timeout=15)
    assert count(local, InteractionRow) == 0


def test_an_english_rep_gets_an_english_card_and_today_in_their_zone(local: LocalRapport, clock) -> None:
    from datetime import UTC, datetime

    clock.set(datetime(2026, 12, 9, 23, 30, tzinfo=UTC))  # already the 10th in Shanghai, still the 9th in London
    local.slack.send_dm(EN_REP, "Met Priya Nair, Head of IT at Fabrikam, today. She backs our proposal.")
    card = wait_card(local, EN_REP)
    assert [button(card, a)["text"]["text"] for a in ("log_confirm", "log_edit", "log_discard")] == [
        "Confirm", "Edit", "Discard"]
    press(local, EN_REP, card, "log_confirm")
    wait_saved(local, EN_REP)
    with local.runtime.engine.connect() as conn:
        assert conn.scalar(select(InteractionRow.occurred_on)).isoformat() == "2026-12-09"


def test_a_failing_listener_tells_the_rep_and_hands_their_text_back(local: LocalRapport) -> None:
    local.standin.fail_next("chat.postMessage", status=500, times=3)  # the card and both retries fail
    local.slack.send_dm(REP, LOG)
    channel = local.standin.dm_channel(REP)
    apology = local.standin.wait_for(
        lambda: next((m for m in local.standin.messages(channel) if LOG in (m.get("text") or "")), None), timeout=20)
    assert "抱歉" in apology["text"]
    assert count(local, InteractionRow) == 0


def test_the_saved_card_offers_to_edit_each_persons_profile(local: LocalRapport) -> None:
    local.slack.send_dm(REP, LOG)
    press(local, REP, wait_card(local, REP), "log_confirm")
    saved = wait_saved(local, REP)
    labels = [e["text"]["text"] for b in saved["blocks"] if b["type"] == "actions" for e in b["elements"]]
    assert any("李娜" in x for x in labels) and any("张伟" in x for x in labels)
    press(local, REP, saved, "profile_edit:0")
    view = local.standin.wait_for(lambda: local.standin.views(REP)[-1:] or None, timeout=15)[0]
    assert view["callback_id"] == "profile_edit_view"
