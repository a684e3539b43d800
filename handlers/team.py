"""Admin verbs of /rapport: roles and reporting lines (mentions arrive escaped as <@U…|name>)."""

from __future__ import annotations

import re
from collections.abc import Callable

from handlers.command_call import CommandCall
from prompts import t
from services.team import ROLES, NotAllowed, set_manager, set_role

MENTION = re.compile(r"<@([A-Z0-9]+)(?:\|[^>]*)?>")


def _role(call: CommandCall) -> None:
    people, words = MENTION.findall(call.rest), MENTION.sub("", call.rest).split()
    if len(people) != 1 or not words or words[-1] not in ROLES:
        call.respond(text=t(call.locale, "team.role_usage", roles=" | ".join(ROLES)), response_type="ephemeral")
        return
    _answer(call, lambda: set_role(uow=call.deps.uow(call.context), actor=call.user, target=people[0],
                                   role=words[-1], now=call.deps.clock.now()),
            t(call.locale, "team.role_set", user=f"<@{people[0]}>", role=words[-1]))


def _manager(call: CommandCall) -> None:
    people = MENTION.findall(call.rest)
    if len(people) != 2:
        call.respond(text=t(call.locale, "team.manager_usage"), response_type="ephemeral")
        return
    _answer(call, lambda: set_manager(uow=call.deps.uow(call.context), actor=call.user, target=people[0],
                                      manager=people[1], now=call.deps.clock.now()),
            t(call.locale, "team.manager_set", user=f"<@{people[0]}>", manager=f"<@{people[1]}>"))


def _answer(call: CommandCall, change: Callable[[], object], done: str) -> None:
    try:
        change()
    except NotAllowed:
        call.respond(text=t(call.locale, "team.admins_only"), response_type="ephemeral")
        return
    call.respond(text=done, response_type="ephemeral")


VERBS: dict[str, Callable[[CommandCall], None]] = {"role": _role, "manager": _manager}
