"""One validated row per kind (pydantic); a bad cell becomes a readable reason for its line."""

from __future__ import annotations

import re
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, ValidationError, field_validator

from services.importing.values import birthday, split_list, yes_no

STANCES = {"supporter": "supporter", "support": "supporter", "支持": "supporter", "支持者": "supporter",
           "neutral": "neutral", "中立": "neutral", "opponent": "opponent", "oppose": "opponent",
           "反对": "opponent", "反对者": "opponent", "unknown": "unknown", "未知": "unknown"}
LINK_KINDS = {"reports_to": "reports_to", "reportsto": "reports_to", "汇报给": "reports_to", "向其汇报": "reports_to",
              "influences": "influences", "influence": "influences", "影响": "influences", "ally": "ally",
              "盟友": "ally", "rival": "rival", "对手": "rival", "knows": "knows", "认识": "knows"}
_EMAIL = re.compile(r"[^@\s]+@[^@\s]+\.[^@\s]+")


def _scale(field: str, value: Any) -> Any:
    """A 1–5 score; Excel may write 4 as 4.0."""
    if value is None:
        return None
    try:
        number = float(value)
    except ValueError:
        raise ValueError(f"{field} must be a whole number 1–5, got {value!r}") from None
    if number != int(number) or not 1 <= number <= 5:
        raise ValueError(f"{field} must be 1–5, got {value}")
    return int(number)


def _text(value: Any, limit: int = 200) -> Any:
    if value is not None and len(value) > limit:
        raise ValueError(f"must be at most {limit} characters, got {len(value)}")
    return value


class Row(BaseModel):
    """Cells are strings or None (empty: leave the stored value as it is)."""

    model_config = ConfigDict(extra="forbid", frozen=True)


class ContactIn(Row):
    """A contact row: Rapport's own columns, whichever CRM they came from."""

    name: str
    account: str | None = None
    department: str | None = None
    title: str | None = None
    aliases: tuple[str, ...] | None = None
    stance: Literal["supporter", "neutral", "opponent", "unknown"] | None = None
    importance: int | None = None
    closeness: int | None = None
    trust_stage: str | None = None
    birthday: str | None = None
    birthday_lunar: bool | None = None
    email: str | None = None
    phone: str | None = None
    do_not_contact: bool | None = None
    owner: str | None = None

    _name = field_validator("name", "account", "department", "title", "owner", mode="before")(
        lambda v: _text(v))
    _scores = field_validator("importance", "closeness", mode="before")(lambda v, info: _scale(info.field_name, v))
    _flags = field_validator("birthday_lunar", "do_not_contact", mode="before")(
        lambda v, info: None if v is None else yes_no(info.field_name, v))
    _aliases = field_validator("aliases", mode="before")(lambda v: None if v is None else split_list(v))
    _birthday = field_validator("birthday", mode="before")(lambda v: None if v is None else birthday(v))

    @field_validator("stance", mode="before")
    @classmethod
    def _stance(cls, v: Any) -> Any:
        if v is None or v.casefold() in STANCES:
            return None if v is None else STANCES[v.casefold()]
        raise ValueError(f"stance must be supporter, neutral, opponent or unknown, got {v!r}")

    @field_validator("email", mode="before")
    @classmethod
    def _email(cls, v: Any) -> Any:
        if v is not None and not _EMAIL.fullmatch(v):
            raise ValueError(f"email is not an address: {v!r}")
        return v

    @field_validator("trust_stage", mode="before")
    @classmethod
    def _stage(cls, v: Any) -> Any:
        return _text(v, 16)


class AccountIn(Row):
    """An account row."""

    name: str
    aliases: tuple[str, ...] | None = None
    industry: str | None = None
    region: str | None = None
    owner: str | None = None

    _texts = field_validator("name", "owner", mode="before")(lambda v: _text(v))
    _short = field_validator("industry", "region", mode="before")(lambda v: _text(v, 100))
    _aliases = field_validator("aliases", mode="before")(lambda v: None if v is None else split_list(v))


class LinkIn(Row):
    """A link row between two contacts named as in the store."""

    from_: str
    from_account: str | None = None
    kind: str
    to: str
    to_account: str | None = None
    strength: int | None = None

    _strength = field_validator("strength", mode="before")(lambda v: _scale("strength", v))

    @field_validator("kind", mode="before")
    @classmethod
    def _kind(cls, v: Any) -> Any:
        key = re.sub(r"[\s-]+", "_", (v or "").strip().casefold())
        if key not in LINK_KINDS and key.replace("_", "") not in LINK_KINDS:
            raise ValueError(f"kind must be reports_to, influences, ally, rival or knows, got {v!r}")
        return LINK_KINDS.get(key) or LINK_KINDS[key.replace("_", "")]


MODELS: dict[str, type[Row]] = {"contacts": ContactIn, "accounts": AccountIn, "links": LinkIn}


def validate(kind: str, cells: dict[str, str | None]) -> tuple[Row | None, list[str]]:
    """The row as a model, or the reasons it is refused (one per bad field)."""
    values = {("from_" if k == "from" else k): v for k, v in cells.items()}
    try:
        return MODELS[kind].model_validate(values), []
    except ValidationError as e:
        return None, [_reason(err) for err in e.errors()]


def _reason(err: Any) -> str:
    field = str(err["loc"][0]).rstrip("_") if err["loc"] else "row"
    if err["type"] == "missing" or err.get("input", "") is None:
        return f"{field} is required"
    msg = str(err["msg"]).removeprefix("Value error, ")
    return msg if msg.startswith(field) or msg.startswith("birthday") else f"{field}: {msg}"
