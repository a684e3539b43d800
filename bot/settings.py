"""Settings: read once from the environment (and .env) by the CLI, then passed down."""

from __future__ import annotations

from pathlib import Path

from pydantic import Field, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

from storage.db import default_database_url


class MissingSetting(RuntimeError):
    """A setting the chosen command needs is not set."""


class SettingRefused(MissingSetting):
    """A setting is there but Slack refuses it (a revoked or wrong token)."""


class Settings(BaseSettings):
    """Everything Rapport reads from its environment; names are the variables in DESIGN.md."""

    model_config = SettingsConfigDict(env_file=".env", env_file_encoding="utf-8", extra="ignore")

    slack_bot_token: str | None = None
    slack_signing_secret: str | None = None
    slack_app_token: str | None = None
    slack_client_id: str | None = None
    slack_client_secret: str | None = None
    slack_api_url: str = "https://slack.com/api/"
    database_url: str | None = None
    rapport_timezone: str = "Asia/Shanghai"
    rapport_locale: str = "zh-CN"
    rapport_presales_channel: str | None = None
    rapport_presales_rules: Path | None = Field(default=None, description="the presales routing rules file (TOML or "
                                                "YAML); unset: every request goes to RAPPORT_PRESALES_CHANNEL")
    rapport_compliance_file: Path | None = None
    rapport_greeting_lead_days: int = Field(default=3, ge=0, le=30,
                                            description="greeting drafts reach the rep this many days ahead")
    rapport_festival_min_importance: int = Field(default=1, ge=1, le=5,
                                                 description="festival greetings only for contacts this important")
    rapport_morning: str = Field(default="08:30", pattern=r"^([01]\d|2[0-3]):[0-5]\d$",
                                 description="when nudges and the digest reach each rep, in the rep's zone")
    rapport_pitch_evening: str = Field(default="18:00", pattern=r"^([01]\d|2[0-3]):[0-5]\d$",
                                       description="when the pitch card for tomorrow's meetings reaches each rep, "
                                                   "in the rep's zone")
    rapport_pitch_channel: str | None = Field(default=None, pattern=r"^[CG][A-Z0-9]{2,}$",
                                              description="channel id the weekly what-wins share goes to, unless "
                                                          "an admin chose one with /rapport pitch channel; unset: none")
    port: int = Field(default=3000, description="HTTP port; platforms such as Heroku set PORT")

    @field_validator("rapport_pitch_channel", "rapport_presales_channel", "rapport_presales_rules", mode="before")
    @classmethod
    def _blank_is_unset(cls, value: object) -> object:
        """A variable left empty (as in .env.example) means unset, not a malformed id or the working folder."""
        return None if isinstance(value, str) and not value.strip() else value

    @property
    def store_url(self) -> str:
        """The store to use: DATABASE_URL, or the embedded SQLite file in the working folder."""
        return self.database_url or default_database_url()

    @property
    def oauth_enabled(self) -> bool:
        """Multi-workspace install: client id and secret are both set."""
        return bool(self.slack_client_id and self.slack_client_secret)

    def require_for_serve(self, *, socket: bool) -> None:
        """Refuse to start a server that could never answer Slack, naming what is missing."""
        missing = []
        if not self.slack_signing_secret and not socket:
            missing.append("SLACK_SIGNING_SECRET")
        if not self.slack_bot_token and not self.oauth_enabled:
            missing.append("SLACK_BOT_TOKEN (or SLACK_CLIENT_ID and SLACK_CLIENT_SECRET)")
        if socket and not self.slack_app_token:
            missing.append("SLACK_APP_TOKEN")
        if missing:
            raise MissingSetting(
                "rapport cannot start: set " + ", ".join(missing) + " in the environment or in .env"
            )
