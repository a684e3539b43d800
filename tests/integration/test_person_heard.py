"""The person card's "Heard from us" on a real store: the day a point was last heard is the viewer's own day."""

from __future__ import annotations

from datetime import UTC, date, datetime

from domain.entities import Contact, User
from services.people import person_profile
from storage.uow import UnitOfWorkFactory

WS = "T0HEARD01"
NOW = datetime(2026, 12, 10, 1, 0, tzinfo=UTC)  # 09:00 on the 10th in Shanghai, 20:00 on the 9th in New York


def test_the_last_day_a_point_was_heard_is_the_viewers_day(uow_factory: UnitOfWorkFactory) -> None:
    with uow_factory(WS) as uow:
        bank = uow.accounts.add(name="北辰银行", now=NOW, owner_slack_id="U0LIN0001")
        uow.session.flush()
        li = uow.contacts.add(Contact(0, "李娜", bank.id), now=NOW)
        uow.pitch_deliveries.record(contact_ids=[li.id], points=[(None, "免费试点")], deal_id=None, channel="call",
                                    at=NOW, source_key="D0LIN:1.1")
        uow.commit()
    days = {tz: person_profile(uow=uow_factory(WS), user=User("U0LIN0001", tz=tz), query="李娜",
                               today=date(2026, 12, 10)).heard[0].last
            for tz in ("Asia/Shanghai", "America/New_York")}
    assert days == {"Asia/Shanghai": date(2026, 12, 10), "America/New_York": date(2026, 12, 9)}
