"""`/rapport requests [weeks]`: how presales requests were served, for whoever asks, in their scope."""

from __future__ import annotations

from collections.abc import Callable

from handlers.blocks.request_numbers import requests_blocks
from handlers.command_call import CommandCall
from handlers.request_steps import rules_in_force
from prompts import t
from services.request_numbers import DEFAULT_WEEKS, MAX_WEEKS, request_numbers_view


def weeks_asked(rest: str) -> int | None:
    """The weeks the caller typed (the default when nothing); None when it is not a number of weeks."""
    words = rest.split()
    if not words:
        return DEFAULT_WEEKS
    if len(words) == 1 and words[0].isdecimal() and 1 <= int(words[0]) <= MAX_WEEKS:
        return int(words[0])
    return None


def _requests(call: CommandCall) -> None:
    weeks = weeks_asked(call.rest)
    if weeks is None:
        call.respond(text=t(call.locale, "requestnum.usage"), response_type="ephemeral")
        return
    view = request_numbers_view(uow=call.deps.uow(call.context), user=call.user, now=call.deps.local_now(call.user),
                                weeks=weeks, rules=rules_in_force(call.deps, call.context))
    call.respond(blocks=requests_blocks(view, call.locale), response_type="ephemeral",
                 text=t(call.locale, f"requestnum.title.{view.scope}", weeks=weeks).replace("*", ""))


VERBS: dict[str, Callable[[CommandCall], None]] = {"requests": _requests}
WITHOUT_ARGUMENT = frozenset({"requests"})  # the bare verb reads the last four weeks
