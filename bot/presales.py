"""RAPPORT_PRESALES_RULES read as `rapport serve` and `rapport worker` start: a file with problems stops the start.

With OAuth (several workspaces) the file must name the workspace it serves, and RAPPORT_PRESALES_CHANNEL serves
that workspace only: every other one routes to a default queue without a channel (see services/requests_rules.py).
"""

from __future__ import annotations

from bot.settings import SettingRefused, Settings
from services.requests_rules import LiveRules
from services.routing_rules import RulesFileRefused


def presales_rules(settings: Settings) -> LiveRules:
    """The routing rules in force from the start; every problem of a bad file, as FILE:LINE: reason, refuses it
    (the CLI prints them and exits with 2, as for a missing setting)."""
    try:
        return LiveRules(settings.rapport_presales_rules, default_channel=settings.rapport_presales_channel,
                         default_zone=settings.rapport_timezone, oauth=settings.oauth_enabled)
    except RulesFileRefused as e:
        raise SettingRefused(f"rapport cannot start: RAPPORT_PRESALES_RULES is refused, fix these and start "
                             f"again:\n{e}") from None
