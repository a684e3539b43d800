"""`/rapport pitch channel [#channel | off]`: where the weekly "what wins" share goes; only an admin changes it.

Slack sends a channel named in a slash command escaped, as <#C0123|sales-wins>.
"""

from __future__ import annotations

import re

from slack_sdk.errors import SlackApiError

from handlers.command_call import CommandCall
from prompts import t
from services.pitch_share import chosen_channel, set_share_channel
from services.team import NotAllowed

CHANNEL = re.compile(r"<#([CG][A-Z0-9]+)(?:\|[^>]*)?>|\b([CG][A-Z0-9]{8,})\b")
OFF = frozenset({"off", "none", "关闭", "不发"})


def pitch_channel(call: CommandCall, words: str) -> None:
    """Say where the share goes (no words), or let an admin choose a channel or turn the share off."""
    found = [a or b for a, b in CHANNEL.findall(words)]
    off = words.strip().lower() in OFF
    if not words.strip():
        _say(call, _where(call))
    elif len(found) != 1 and not off:
        _say(call, t(call.locale, "pitchshare.channel.usage"))
    else:
        _choose(call, None if off else found[0])


def _choose(call: CommandCall, channel: str | None) -> None:
    """Keep the admin's choice once Rapport has posted in the channel; a refusal changes nothing."""
    try:
        set_share_channel(uow=call.deps.uow(call.context), actor=call.user, channel=channel,
                          now=call.deps.clock.now(), announce=lambda c: _announce(call, c))
    except NotAllowed:
        _say(call, t(call.locale, "pitchshare.channel.admins_only"))
    except SlackApiError as e:  # not_in_channel, channel_not_found, is_archived …
        _say(call, t(call.locale, "pitchshare.channel.cannot_post", channel=channel,
                     error=e.response.get("error") or e.response.status_code))
    else:
        _say(call, _when(call, "pitchshare.channel.set", channel) if channel
             else t(call.locale, "pitchshare.channel.off"))


def _announce(call: CommandCall, channel: str) -> None:
    """Tell the channel what it will get, in the workspace's language: the proof that Rapport may post there."""
    locale = call.deps.default_locale
    call.client.chat_postMessage(channel=channel, text=t(locale, "pitchshare.announce", admin=call.user.slack_user_id,
                                                         morning=call.deps.morning, tz=call.deps.default_tz))


def _where(call: CommandCall) -> str:
    chosen = chosen_channel(uow=call.deps.uow(call.context))
    if chosen:
        return _when(call, "pitchshare.channel.set", chosen)
    if chosen is None and call.deps.pitch_channel:
        return _when(call, "pitchshare.channel.default", call.deps.pitch_channel)
    return t(call.locale, "pitchshare.channel.off" if chosen == "" else "pitchshare.channel.none")


def _when(call: CommandCall, key: str, channel: str) -> str:
    return t(call.locale, key, channel=channel, morning=call.deps.morning, tz=call.deps.default_tz)


def _say(call: CommandCall, text: str) -> None:
    call.respond(text=text, response_type="ephemeral")
