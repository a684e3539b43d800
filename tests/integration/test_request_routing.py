"""Routing a new request over the store: what it reads (region, industry, the deal's product), whom the queue's
policy proposes it to, that it is routed once, and what its card shows and leaves out."""

from __future__ import annotations

from datetime import UTC, datetime

from domain.entities import ChainMember, Contact, Deal, Interaction, ResourceRequest
from domain.outbox import REQUEST_CARD, REQUEST_OPENED
from domain.routing import REQUEST_TYPES, RoutingRules
from domain.trust import expertise_kind
from services.request_routing import card_key, opened_key, route_request
from services.requests_card import read_card
from services.requests_outcome import touch_channel
from services.routing_rules import parse_rules
from storage.uow import UnitOfWork, UnitOfWorkFactory

NOW = datetime(2027, 3, 1, 2, tzinfo=UTC)
REP, ENG1, ENG2, ENG3 = "U0REP0001", "U0ENG0001", "U0ENG0002", "U0ENG0003"
RULES = f"""
[[queues]]
name = "core"
channel = "C0CORE001"
members = ["{ENG1}", "{ENG2}", "{REP}"]

[[queues]]
name = "cloud"
channel = "C0CLOUD01"
members = ["{ENG3}"]

[[rules]]
products = ["云桌面"]
queue = "cloud"

[[rules]]
regions = ["华东"]
industries = ["银行"]
queue = "core"
"""


def _rules(default_channel: str | None = "C0DEFAULT") -> RoutingRules:
    return parse_rules(RULES, source="rules.toml", default_channel=default_channel, default_zone="Asia/Shanghai")


def _world(uow: UnitOfWork, deal_name: str = "核心系统改造", custom: dict[str, str] | None = None) -> tuple[int, int]:
    bank = uow.accounts.add(name="北辰银行", now=NOW, industry="银行", region="华东")
    deal = uow.deals.add(Deal(0, deal_name, bank.id, stage="proposal"), now=NOW)
    if custom:
        from storage.rows_pipeline import DealRow

        uow.session.get(DealRow, deal.id).custom = custom  # type: ignore[union-attr]
        uow.session.flush()
    return bank.id, deal.id


def _request(uow: UnitOfWork, account_id: int | None, deal_id: int | None, kind: str = "demo") -> ResourceRequest:
    return uow.resource_requests.add(ResourceRequest(0, kind, REP, None, "迁移方案", account_id, deal_id), now=NOW)


def test_a_bank_in_east_china_goes_to_core_and_its_members_take_turns_never_the_requester(
        uow_factory: UnitOfWorkFactory) -> None:
    with uow_factory("T1") as uow:
        bank, deal = _world(uow)
        proposed = []
        for _ in range(4):
            routed = route_request(uow, _request(uow, bank, deal), _rules(), now=NOW)
            assert routed is not None and routed.decision.queue.name == "core" and routed.decision.rule_index == 1
            proposed.append(routed.proposed)
        assert proposed == [ENG1, ENG2, ENG1, ENG2], "round robin, skipping the requester who is a member too"
        uow.commit()


def test_the_deal_products_route_it_from_an_imported_column_or_from_the_deal_name(
        uow_factory: UnitOfWorkFactory) -> None:
    with uow_factory("T1") as uow:
        bank, by_name = _world(uow, deal_name="信创云桌面二期")
        routed = route_request(uow, _request(uow, bank, by_name), _rules(), now=NOW)
        assert routed is not None and (routed.decision.queue.name, routed.request.product) == ("cloud", "云桌面")
    with uow_factory("T2") as uow:
        bank, imported = _world(uow, custom={"Product": "云桌面, 云存储"})
        routed = route_request(uow, _request(uow, bank, imported), _rules(), now=NOW)
        assert routed is not None and (routed.decision.queue.name, routed.request.product) == ("cloud",
                                                                                             "云桌面, 云存储")


def test_a_request_is_routed_once_its_card_and_thread_enqueued_once(uow_factory: UnitOfWorkFactory) -> None:
    with uow_factory("T1") as uow:
        bank, deal = _world(uow)
        request = _request(uow, bank, deal)
        assert route_request(uow, request, _rules(), now=NOW) is not None
        assert route_request(uow, request, _rules(), now=NOW) is None
        card, opened = uow.outbox.by_key(card_key(request.id)), uow.outbox.by_key(opened_key(request.id))
        assert card is not None and (card.kind, card.recipient_slack_id) == (REQUEST_CARD, "C0CORE001")
        assert opened is not None and (opened.kind, opened.recipient_slack_id) == (REQUEST_OPENED, REP)
        assert [kind for _at, _who, kind, _note in uow.requests.events(request.id)] == ["created", "routed", "assigned"]


def test_without_a_default_channel_no_card_is_posted_but_the_requester_is_told(uow_factory: UnitOfWorkFactory) -> None:
    with uow_factory("T1") as uow:
        request = _request(uow, None, None, kind="bid_support")
        routed = route_request(uow, request, _rules(default_channel=None), now=NOW)
        assert routed is not None and routed.decision.rule_index is None and routed.proposed is None
        assert uow.outbox.by_key(card_key(request.id)) is None
        assert uow.outbox.by_key(opened_key(request.id)) is not None


def test_the_card_shows_its_own_deal_only(uow_factory: UnitOfWorkFactory) -> None:
    with uow_factory("T1") as uow:
        bank, deal = _world(uow)
        other = uow.deals.add(Deal(0, "数据中台二期", bank, stage="tender"), now=NOW)
        li = uow.contacts.add(Contact(0, "李娜", account_id=bank, birthday="03-08"), now=NOW)
        zhou = uow.contacts.add(Contact(0, "周敏", account_id=bank), now=NOW)
        uow.chain_members.add(ChainMember(0, deal, li.id, "decision_maker", stance="supporter"))
        uow.chain_members.add(ChainMember(0, other.id, zhou.id, "procurement"))
        card = read_card(uow, _request(uow, bank, deal))
        assert (card.deal, card.stage, card.account) == ("核心系统改造", "proposal", "北辰银行")
        assert [(p.role, p.name, p.stance) for p in card.chain] == [("decision_maker", "李娜", "supporter")]
        assert len(card.open_points) == 6


def test_every_request_type_is_logged_as_a_touch_trust_counts_as_professional() -> None:
    for kind in REQUEST_TYPES:
        touch = Interaction(1, REP, NOW.date(), touch_channel(kind), f"售前{kind}: 客户满意", contact_ids=(1,))
        assert expertise_kind(touch) is not None, kind
