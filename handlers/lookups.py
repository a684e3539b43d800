"""Look-ups by slash command: /rapport account <name>, /rapport person <name>, /rapport deal <name> …"""

from __future__ import annotations

from collections.abc import Callable

from handlers.blocks.account_card import account_card_blocks
from handlers.blocks.deal_card import deal_card_blocks
from handlers.blocks.focus import focus_blocks
from handlers.blocks.insight_blocks import path_blocks, plan_blocks
from handlers.blocks.person_card import person_card_blocks
from handlers.blocks.pipeline import history_blocks, pipeline_blocks
from handlers.command_call import CommandCall
from handlers.team import MENTION
from prompts import t
from services.accounts import account_overview
from services.deals import deal_card
from services.focus import NotYourRep, focus
from services.graph_views import Picture, account_picture, chain_picture
from services.history import account_history
from services.insight import account_plan, way_in
from services.people import person_profile
from services.pipeline import pipeline
from services.visibility import Ambiguous, NotFound


def answer_lookup(call: CommandCall, show: Callable[[], list[dict]]) -> None:
    """Run one look-up and answer the asker only; a miss or several matches are said plainly."""
    try:
        blocks = show()
    except NotFound:
        call.respond(text=t(call.locale, "lookup.not_found", query=call.rest), response_type="ephemeral")
        return
    except Ambiguous as several:
        call.respond(text=t(call.locale, "lookup.ambiguous", query=call.rest, choices="、".join(several.choices)),
                     response_type="ephemeral")
        return
    if blocks:
        call.respond(blocks=blocks, text=call.rest, response_type="ephemeral")


def _account(call: CommandCall) -> None:
    today = call.deps.local_now(call.user).date()
    answer_lookup(call, lambda: account_card_blocks(
        account_overview(uow=call.deps.uow(call.context), user=call.user, query=call.rest, today=today), call.locale))


def _person(call: CommandCall) -> None:
    today = call.deps.local_now(call.user).date()
    answer_lookup(call, lambda: person_card_blocks(
        person_profile(uow=call.deps.uow(call.context), user=call.user, query=call.rest, today=today), call.locale))


def _deal(call: CommandCall) -> None:
    today = call.deps.local_now(call.user).date()
    answer_lookup(call, lambda: deal_card_blocks(
        deal_card(uow=call.deps.uow(call.context), user=call.user, query=call.rest, today=today), call.locale))


def _pipeline(call: CommandCall) -> None:
    mention = MENTION.search(call.rest)
    answer_lookup(call, lambda: pipeline_blocks(pipeline(
        uow=call.deps.uow(call.context), user=call.user, rep_slack_id=mention.group(1) if mention else None,
        team=call.rest.strip().lower() == "team", now=call.deps.local_now(call.user)), call.locale))


def _focus(call: CommandCall) -> None:
    """The caller's focus, one rep's (`@rep`) or the team's (`team`); a rep they may not see is refused in words."""
    mention, today = MENTION.search(call.rest), call.deps.local_now(call.user).date()
    rep = mention.group(1) if mention else None

    def show() -> list[dict]:
        try:
            view = focus(uow=call.deps.uow(call.context), user=call.user, today=today, rep_slack_id=rep,
                         team=call.rest.strip().lower() == "team")
        except NotYourRep:
            call.respond(text=t(call.locale, "focus.not_yours", rep=f"<@{rep}>"), response_type="ephemeral")
            return []
        return focus_blocks(view, call.locale)

    answer_lookup(call, show)


def _history(call: CommandCall) -> None:
    answer_lookup(call, lambda: history_blocks(
        account_history(uow=call.deps.uow(call.context), user=call.user, query=call.rest), call.locale))


def _upload(call: CommandCall, render: Callable[[], Picture]) -> None:
    """Render off the ack and share the PNG into the asker's DM, where it stays for them."""
    def show() -> list[dict]:
        picture = render()
        channel = call.client.conversations_open(users=call.user.slack_user_id)["channel"]["id"]
        call.client.files_upload_v2(channel=channel, content=picture.png, filename=picture.filename,
                                    title=picture.title)
        return []

    answer_lookup(call, show)


def _graph(call: CommandCall) -> None:
    _upload(call, lambda: account_picture(uow=call.deps.uow(call.context), user=call.user, query=call.rest,
                                          locale=call.locale))


def _chain(call: CommandCall) -> None:
    _upload(call, lambda: chain_picture(uow=call.deps.uow(call.context), user=call.user, query=call.rest,
                                        locale=call.locale))


def _plan(call: CommandCall) -> None:
    today = call.deps.local_now(call.user).date()

    def show() -> list[dict]:
        amap, actions = account_plan(uow=call.deps.uow(call.context), user=call.user, query=call.rest, today=today)
        return plan_blocks(amap, actions, call.locale)

    answer_lookup(call, show)


def _path(call: CommandCall) -> None:
    today = call.deps.local_now(call.user).date()

    def show() -> list[dict]:
        return path_blocks(way_in(uow=call.deps.uow(call.context), user=call.user, query=call.rest, today=today),
                           call.locale)

    answer_lookup(call, show)


VERBS: dict[str, Callable[[CommandCall], None]] = {"account": _account, "person": _person, "graph": _graph,
                                                   "chain": _chain, "plan": _plan, "path": _path, "deal": _deal,
                                                   "pipeline": _pipeline, "history": _history,
                                                   "focus": _focus}
WITHOUT_ARGUMENT = frozenset({"pipeline", "focus"})  # verbs that answer with no argument too
