"""The scoring stamp changes with every commit that changes what the model learns from, and only then."""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import replace
from datetime import UTC, date, datetime

import pytest

from domain.entities import ChainMember, Contact, ControlPoint, Deal
from storage.rows import AccountRow
from storage.uow import UnitOfWork, UnitOfWorkFactory

TEAM, OTHER_TEAM = "T0STAMP", "T0STAMP2"
NOW = datetime(2026, 12, 1, tzinfo=UTC)


def _stamp(uows: UnitOfWorkFactory, team: str = TEAM) -> str | None:
    with uows(team) as uow:
        return uow.scoring.current()


def _deals(uows: UnitOfWorkFactory) -> tuple[Deal, Deal, int]:
    """A won deal and an open one at a bank, and a contact there."""
    with uows(TEAM) as uow:
        bank = uow.accounts.add(name="北辰银行", now=NOW, industry="银行")
        won = uow.deals.add(Deal(0, "信创云桌面", bank.id, 1_800_000, "CNY", "closed_won", outcome="won"), now=NOW)
        live = uow.deals.add(Deal(0, "数据中台二期", bank.id, 3_000_000, "CNY", "proposal"), now=NOW)
        contact = uow.contacts.add(Contact(0, "张伟", bank.id), now=NOW)
        uow.commit()
    return won, live, contact.id


def _after(uows: UnitOfWorkFactory, change: Callable[[UnitOfWork], object]) -> tuple[str | None, str | None]:
    """The stamp before and after one committed unit of work."""
    before = _stamp(uows)
    with uows(TEAM) as uow:
        change(uow)
        uow.commit()
    return before, _stamp(uows)


def test_a_workspace_gets_a_stamp_when_its_first_closed_deal_is_written(uow_factory: UnitOfWorkFactory) -> None:
    assert _stamp(uow_factory) is None
    _deals(uow_factory)
    assert _stamp(uow_factory) is not None and _stamp(uow_factory, OTHER_TEAM) is None


@pytest.mark.parametrize("change", [
    pytest.param(lambda uow, won, _live, _c: uow.control_points.set(won.id, ControlPoint("budget_input", "secured"),
                                                                     now=NOW), id="closed-deal-control-point"),
    pytest.param(lambda uow, won, _live, c: uow.chain_members.place(won.id, c, role="decision_maker",
                                                                    stance="support"), id="closed-deal-chain"),
    pytest.param(lambda uow, won, _live, _c: uow.deals.update(replace(won, outcome="lost"), now=NOW),
                 id="outcome-edited"),
    pytest.param(lambda uow, _won, live, _c: uow.deals.update(replace(live, outcome="won", stage="closed_won"),
                                                              now=NOW), id="open-deal-closed"),
    pytest.param(lambda uow, won, _live, _c: uow.deals.add(replace(won, id=0, name="二期"), now=NOW),
                 id="closed-deal-added"),
    pytest.param(lambda uow, won, _live, _c: setattr(uow.session.get(AccountRow, won.account_id), "industry",
                                                     "证券"), id="account-industry"),
])
def test_a_change_the_model_learns_from_renews_the_stamp(uow_factory: UnitOfWorkFactory,
                                                          change: Callable[..., object]) -> None:
    won, live, contact = _deals(uow_factory)
    before, after = _after(uow_factory, lambda uow: change(uow, won, live, contact))
    assert before is not None and after is not None and after != before


@pytest.mark.parametrize("change", [
    pytest.param(lambda uow, live, _c: uow.deals.update(replace(live, stage="tender", close_on=date(2027, 3, 1)),
                                                        now=NOW), id="open-deal-moved"),
    pytest.param(lambda uow, live, _c: uow.control_points.set(live.id, ControlPoint("budget_input", "secured"),
                                                              now=NOW), id="open-deal-control-point"),
    pytest.param(lambda uow, live, c: uow.chain_members.add(ChainMember(0, live.id, c, "coach", stance="support")),
                 id="open-deal-chain"),
])
def test_a_change_to_an_open_deal_keeps_the_stamp(uow_factory: UnitOfWorkFactory,
                                                  change: Callable[..., object]) -> None:
    _won, live, contact = _deals(uow_factory)
    before, after = _after(uow_factory, lambda uow: change(uow, live, contact))
    assert before is not None and after == before


def test_a_rolled_back_change_keeps_the_stamp(uow_factory: UnitOfWorkFactory) -> None:
    won, _live, _contact = _deals(uow_factory)
    before = _stamp(uow_factory)
    with uow_factory(TEAM) as uow:
        uow.control_points.set(won.id, ControlPoint("budget_input", "lost"), now=NOW)
    assert _stamp(uow_factory) == before


def test_a_deal_closed_while_its_chain_is_edited_commits_after_the_edit(uow_factory: UnitOfWorkFactory) -> None:
    """Else the close's stamp could predate the edit, and a model fitted between them would be kept though stale."""
    _won, live, contact = _deals(uow_factory)
    order: list[str] = []

    def close() -> None:
        with uow_factory(TEAM) as uow:
            uow.deals.update(replace(live, stage="closed_won", outcome="won"), now=NOW)
            uow.commit()
        order.append("deal closed")

    with uow_factory(TEAM) as editing:
        editing.chain_members.place(live.id, contact, role="decision_maker", stance="support")
        closing = threading.Thread(target=close)
        closing.start()
        closing.join(timeout=1.0)  # unhindered, the close would be done by now
        editing.commit()
        order.append("chain edited")
    closing.join()
    assert order == ["chain edited", "deal closed"]
