"""`/rapport pitch [words | new | best … | channel …]`: the team's 60-second value pitches — list, search, what wins,
and the create / edit dialog behind the New pitch, Edit and Use as template buttons."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from slack_bolt import Ack, App, BoltContext
from slack_sdk import WebClient

from domain.entities import SourceMessage, User
from domain.pitch_library import check_pitch
from domain.pitches import Proposition
from handlers import ids
from handlers.blocks.pitches import (
    best_blocks,
    library_blocks,
    pitch_errors,
    pitch_form,
    pitch_view_blocks,
    saved_blocks,
)
from handlers.command_call import CommandCall
from handlers.deps import Deps, pressed_card
from handlers.lookups import answer_lookup
from handlers.pitch_channel import pitch_channel
from prompts import t
from services.pitch_library import (
    LibraryPitch,
    archive_pitch,
    as_template,
    create_pitch,
    edit_pitch,
    pitch_library,
    pitch_to_edit,
)
from services.pitch_wins import best_pitches


def _pitch(call: CommandCall) -> None:
    first, _, more = call.rest.partition(" ")
    if first.lower() == "new":
        source = SourceMessage(call.command.get("channel_id"), None)
        call.client.views_open(trigger_id=call.command["trigger_id"],
                               view=pitch_view_blocks(None, call.locale, source=source))
    elif first.lower() == "channel":
        pitch_channel(call, more)
    elif first.lower() == "best":
        answer_lookup(call, lambda: best_blocks(best_pitches(uow=call.deps.uow(call.context), among=more.strip()),
                                                call.locale))
    else:
        answer_lookup(call, lambda: library_blocks(pitch_library(uow=call.deps.uow(call.context), words=call.rest),
                                                   call.locale, call.rest))


VERBS: dict[str, Callable[[CommandCall], None]] = {"pitch": _pitch}
WITHOUT_ARGUMENT = frozenset({"pitch"})  # the bare verb lists the library


def _open(deps: Deps, body: dict[str, Any], context: BoltContext, client: WebClient,
          pick: Callable[[User], tuple[Proposition | None, bool]]) -> None:
    """Open the pitch dialog for the button's presser, prefilled with what `pick` returns (and whether it edits)."""
    user = deps.user(client, context, body["user"]["id"])
    prop, editing = pick(user)
    source = SourceMessage(*pressed_card(body))  # an edit's audit entry names the card it came from
    client.views_open(trigger_id=body["trigger_id"],
                      view=pitch_view_blocks(prop, deps.locale(user), editing=editing, source=source))


def _save(deps: Deps, user: User, form: dict[str, Any], meta: dict[str, Any], context: BoltContext) -> LibraryPitch:
    """Create, edit or archive, as the dialog says."""
    uow, now, source = deps.uow(context), deps.clock.now(), SourceMessage(meta.get("channel"), meta.get("ts"))
    if meta.get("id") and form["archive"]:
        prop = archive_pitch(uow=uow, user=user, pitch_id=int(meta["id"]), now=now, source=source)
        return LibraryPitch(prop, 0)
    typed = {k: form[k] for k in ("title", "points", "industries", "products", "roles")}
    if meta.get("id"):
        return edit_pitch(uow=uow, user=user, pitch_id=int(meta["id"]), now=now, source=source, **typed)
    return create_pitch(uow=uow, user=user, now=now, source=source, **typed)


def register(app: App, deps: Deps) -> None:
    """Entry points: New pitch, Edit, Use as template, and the pitch dialog."""

    @app.action(ids.PITCH_NEW)
    def on_new(ack: Ack, body: dict[str, Any], context: BoltContext, client: WebClient) -> None:
        ack()
        _open(deps, body, context, client, lambda user: (None, False))

    @app.action(ids.PITCH_EDIT)
    def on_edit(ack: Ack, body: dict[str, Any], context: BoltContext, client: WebClient) -> None:
        ack()
        pitch_id = int(body["actions"][0]["value"])
        _open(deps, body, context, client, lambda user: (pitch_to_edit(uow=deps.uow(context), pitch_id=pitch_id), True))

    @app.action(ids.PITCH_TEMPLATE)
    def on_template(ack: Ack, body: dict[str, Any], context: BoltContext, client: WebClient) -> None:
        ack()
        pitch_id = int(body["actions"][0]["value"])
        _open(deps, body, context, client,
              lambda user: (as_template(pitch_to_edit(uow=deps.uow(context), pitch_id=pitch_id)), False))

    @app.view(ids.PITCH_VIEW)
    def on_pitch_saved(ack: Ack, body: dict[str, Any], context: BoltContext, client: WebClient) -> None:
        form, meta = pitch_form(body["view"]["state"]["values"]), json.loads(body["view"]["private_metadata"])
        problems = () if meta.get("id") and form["archive"] else check_pitch(form["title"], form["points"])
        if problems:  # no title, too few points, or over the minute: the dialog stays open and says by how much
            ack(response_action="errors", errors=pitch_errors(problems, meta.get("locale") or deps.default_locale))
            return
        ack()
        user = deps.user(client, context, body["user"]["id"])
        saved, locale = _save(deps, user, form, meta, context), deps.locale(user)
        archived = saved.proposition.archived
        channel = client.conversations_open(users=user.slack_user_id)["channel"]["id"]
        client.chat_postMessage(channel=channel, blocks=saved_blocks(saved, locale, archived=archived),
                                text=t(locale, "pitch.archived" if archived else "pitch.saved",
                                       title=saved.proposition.title, seconds=saved.seconds))
