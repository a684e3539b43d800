"""Look-ups by slash command: /rapport account <name>, /rapport person <name>."""

from __future__ import annotations

from collections.abc import Callable

from handlers.blocks.account_card import account_card_blocks
from handlers.blocks.person_card import person_card_blocks
from handlers.command_call import CommandCall
from prompts import t
from services.accounts import Ambiguous, NotFound, account_overview
from services.people import person_profile


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
    call.respond(blocks=blocks, text=call.rest, response_type="ephemeral")


def _account(call: CommandCall) -> None:
    answer_lookup(call, lambda: account_card_blocks(
        account_overview(uow=call.deps.uow(call.context), user=call.user, query=call.rest), call.locale))


def _person(call: CommandCall) -> None:
    today = call.deps.local_now(call.user).date()
    answer_lookup(call, lambda: person_card_blocks(
        person_profile(uow=call.deps.uow(call.context), user=call.user, query=call.rest, today=today), call.locale))


VERBS: dict[str, Callable[[CommandCall], None]] = {"account": _account, "person": _person}
