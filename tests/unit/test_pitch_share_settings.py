"""RAPPORT_PITCH_CHANNEL: a channel id or nothing, and only a single-workspace install's default."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from bot.nudging import share_settings
from bot.settings import Settings


def _settings(**values: str) -> Settings:
    return Settings(_env_file=None, **values)  # type: ignore[arg-type]


def test_an_empty_pitch_channel_means_no_share() -> None:
    assert _settings(rapport_pitch_channel="").rapport_pitch_channel is None
    assert share_settings(_settings(rapport_pitch_channel="C0WINS0001")).default_channel == "C0WINS0001"


def test_a_channel_name_instead_of_its_id_is_refused_at_start() -> None:
    with pytest.raises(ValidationError, match="rapport_pitch_channel"):
        _settings(rapport_pitch_channel="#sales-wins")


def test_with_oauth_the_environment_channel_applies_to_no_workspace() -> None:
    oauth = _settings(slack_client_id="1.2", slack_client_secret="x", rapport_pitch_channel="C0WINS0001")
    assert share_settings(oauth).default_channel is None
