"""Reading a deal history CSV (Excel, CRM exports, Chinese sheets) into deal records, all lines or none."""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import TypeVar

from domain.scoring.features import WINNER_NAMES, WINNING_PRICE_NAMES
from services.importing.columns import normalise
from services.importing.reading import Table, UnreadableFile, read_table

DEAL_FIELDS: dict[str, tuple[str, ...]] = {
    "account": ("account", "accountname", "customer", "customername", "company", "companyname", "客户",
                "客户名称", "公司", "单位"),
    "name": ("name", "dealname", "deal", "opportunity", "opportunityname", "project", "projectname", "项目名称",
             "项目", "商机", "商机名称"),
    "owner": ("owner", "dealowner", "opportunityowner", "seller", "salesrep", "rep", "负责人", "销售"),
    "product": ("product", "products", "产品"),
    "industry": ("industry", "行业"),
    "stage": ("stage", "dealstage", "salesstage", "阶段", "销售阶段"),
    "amount": ("amount", "value", "dealvalue", "dealamount", "金额", "合同金额", "项目金额"),
    "currency": ("currency", "币种", "货币"),
    "created_on": ("createdon", "created", "createddate", "createdate", "创建日期", "创建时间"),
    "closed_on": ("closedon", "closedate", "closeddate", "expectedclosedate", "关闭日期", "结束日期", "成交日期"),
    "outcome": ("outcome", "result", "status", "dealstatus", "wonlost", "won", "iswon", "结果", "状态", "输赢",
                "是否中标", "是否赢单"),
    "award_method": ("awardmethod", "tendermethod", "procurementmethod", "评标方法", "招标方式", "采购方式"),
    "award_rule": ("awardrule", "评标规则", "中标规则"),
    "competitors": ("competitors", "competitor", "竞争对手", "竞争者"),
    # Recorded at the close: shown in the account's history, never learnt from (domain/scoring/features.py).
    "winner": WINNER_NAMES,
    "winning_price": WINNING_PRICE_NAMES,
}
DROP = "-"
T = TypeVar("T")
_WON = {"won", "closedwon", "win", "赢单", "中标", "赢"}
_LOST = {"lost", "closedlost", "loss", "丢单", "未中标", "输单", "输"}
# Words that may open a longer stage ("Closed Won - Paid"); not "win", lest "Win-back" read as a win.
_WON_OPENING, _LOST_OPENING = _WON - {"win", "赢"}, _LOST - {"loss", "输"}
# A yes/no "Won" column: read so only in the outcome column, where a bare 1 cannot be a stage number.
_YES, _NO = {"1", "yes", "true", "y", "是"}, {"0", "no", "false", "n", "否"}
_LIST = re.compile(r"\s*[,，;；|、]\s*")
_YMD = re.compile(r"(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?(?:[ T].*)?")
_MDY = re.compile(r"(\d{1,2})[/.-](\d{1,2})[/.-](\d{4}|\d{2})(?: .*)?")
# Excel's own rule for a two-digit year: 00–29 is 2000–2029, 30–99 is 1930–1999.
_CENTURY_PIVOT = 30
_MONEY_NOISE = re.compile(r"[\s¥￥$€£元]|RMB|CNY|USD|EUR", re.I)
# Excel's accounting format writes an empty or zero amount as a dash: "$ -", " $-   ".
_DASH_ONLY = re.compile(r"[\s¥￥$€£元]*[-–—]+[\s¥￥$€£元]*")
# Words of a stage or outcome; an apostrophe stays inside its word, so "won't" is not "won".
_WORDS = re.compile(r"[\s\-–—_/|:：,，;；.()（）\[\]【】·]+")


@dataclass(frozen=True)
class DealRecord:
    """One deal as the file tells it, with the line it starts on."""

    line: int
    account: str | None
    name: str | None
    owner: str | None
    product: str | None
    industry: str | None
    stage: str | None
    amount: Decimal | None
    currency: str | None
    created_on: date | None
    closed_on: date | None
    outcome: str  # "won" | "lost" | "open"
    award_method: str | None
    award_rule: str | None
    competitors: tuple[str, ...]
    attributes: dict[str, str]  # every other column, by its header
    winner: str | None = None
    winning_price: Decimal | None = None  # in the deal's currency


class DealFileError(ValueError):
    """The file was refused; `errors` lists every bad line as (line, reason)."""

    def __init__(self, errors: list[tuple[int, str]]):
        self.errors = errors
        super().__init__("; ".join(f"line {line}: {reason}" for line, reason in errors))


def parse_mapping(items: Sequence[str]) -> dict[str, str]:
    """`--map COLUMN=FIELD` (or `COLUMN=-` to drop the column) as column → field."""
    mapping: dict[str, str] = {}
    for item in items:
        column, sep, field = item.rpartition("=")
        column, field = column.strip(), field.strip()
        if not sep or not column:
            raise ValueError(f"--map needs COLUMN=FIELD, got {item!r}")
        if field != DROP and field not in DEAL_FIELDS:
            raise ValueError(f"--map {item!r}: FIELD must be one of {', '.join(DEAL_FIELDS)} or '-'")
        mapping[column] = field
    return mapping


def read_deals(path: Path, mapping: Mapping[str, str] | None = None) -> list[DealRecord]:
    """Every deal in the file; with any bad line, one DealFileError naming them all."""
    try:
        table = read_table(path.read_bytes())
    except UnreadableFile as e:
        raise DealFileError([(1, str(e))]) from e
    return deals_in(table, mapping)


def deals_in(table: Table, mapping: Mapping[str, str] | None = None) -> list[DealRecord]:
    """Every deal of a table already read; with any bad line, one DealFileError naming them all."""
    deals, errors = read_lines(table, mapping)
    if errors:
        raise DealFileError(errors)
    return deals


def read_lines(table: Table, mapping: Mapping[str, str] | None = None) -> tuple[list[DealRecord],
                                                                                 list[tuple[int, str]]]:
    """The deals of the lines that read well, and (line, reason) for each that did not."""
    fields = _columns(table.header, mapping or {})
    deals: list[DealRecord] = []
    errors: list[tuple[int, str]] = []
    for line, cells in table.rows:
        try:
            deals.append(_record(line, cells, table.header, fields))
        except ValueError as e:
            errors.append((line, str(e)))
    return deals, errors


def looks_like_deals(header: Sequence[str]) -> bool:
    """A deal name (project, opportunity …) beside a stage, outcome or amount: the file holds deals."""
    keys = {normalise(h) for h in header}
    named = keys & set(DEAL_FIELDS["name"])
    return bool(named) and any(keys & set(DEAL_FIELDS[f]) for f in ("stage", "outcome", "amount"))


def _columns(header: tuple[str, ...], overrides: Mapping[str, str]) -> dict[int, str]:
    """Column index → field, DROP, or "" for a custom attribute; --map wins over the header's own name."""
    wanted = {normalise(column): field for column, field in overrides.items()}
    missing = [c for c in overrides if normalise(c) not in {normalise(h) for h in header}]
    if missing:
        raise DealFileError([(1, f"--map names no column of the header: {', '.join(missing)}")])
    fields = {i: wanted[normalise(h)] for i, h in enumerate(header) if normalise(h) in wanted}
    spellings = {s: field for field, names in DEAL_FIELDS.items() for s in names}
    for i, raw in enumerate(header):
        field = spellings.get(normalise(raw), "")
        if i not in fields:
            fields[i] = field if field and field not in fields.values() else ""
    return fields


def _record(line: int, cells: tuple[str, ...], header: tuple[str, ...], fields: dict[int, str]) -> DealRecord:
    """One row as a deal; every bad cell of the row is named in one ValueError."""
    text: dict[str, str] = {}
    attributes: dict[str, str] = {}
    for i, field in fields.items():
        cell = cells[i] if i < len(cells) else ""
        if field == "" and header[i]:
            attributes[header[i].lstrip("\ufeff")] = cell
        elif field not in ("", DROP) and cell and not _DASH_ONLY.fullmatch(cell):
            text[field] = cell
    problems: list[str] = []
    amount = _checked(problems, "amount", text.get("amount"), parse_amount)
    created = _checked(problems, "created_on", text.get("created_on"), parse_date)
    closed = _checked(problems, "closed_on", text.get("closed_on"), parse_date)
    price = _checked(problems, "winning_price", text.get("winning_price"), parse_amount)
    if problems:
        raise ValueError("; ".join(problems))
    return DealRecord(
        line=line, account=text.get("account"), name=text.get("name"), owner=text.get("owner"),
        product=text.get("product"), industry=text.get("industry"), stage=text.get("stage"), amount=amount,
        currency=text.get("currency"), created_on=created, closed_on=closed,
        outcome=outcome_of(text.get("outcome"), text.get("stage")), award_method=text.get("award_method"),
        award_rule=text.get("award_rule"),
        competitors=tuple(p for p in _LIST.split(text.get("competitors", "")) if p), attributes=attributes,
        winner=text.get("winner"), winning_price=price)


def _checked(problems: list[str], field: str, text: str | None, parse: Callable[[str], T]) -> T | None:
    """The parsed cell, or None with the reason added to the row's problems."""
    if text is None:
        return None
    try:
        return parse(text)
    except ValueError as e:
        problems.append(f"{field}: {e}")
        return None


def outcome_of(outcome: str | None, stage: str | None) -> str:
    """won or lost from the outcome column, else from the stage; anything else is still open.

    A value that starts with a win or loss counts as one: "Closed Won - Paid", "Won (partial)",
    "Closed Lost - No decision", "丢单（价格）".
    """
    for text, yes_no in ((outcome, True), (stage, False)):
        key = normalise(text or "")
        if key in _WON or yes_no and key in _YES or _opens_with(text, _WON_OPENING):
            return "won"
        if key in _LOST or yes_no and key in _NO or _opens_with(text, _LOST_OPENING):
            return "lost"
    return "open"


def _opens_with(text: str | None, words: set[str]) -> bool:
    """True when the text opens with one of the words, alone or after "closed": "closed won - paid"."""
    parts = [w for w in _WORDS.split((text or "").casefold()) if w]
    return any(" ".join(parts[:n]).replace(" ", "") in words for n in (1, 2) if len(parts) >= n)


def parse_amount(text: str) -> Decimal:
    """1,200,000 / 1.200.000,50 / ¥120万 / $1.2M / (1,901) as a number (万 and M multiply, brackets negate)."""
    raw = _MONEY_NOISE.sub("", text)
    if raw.startswith("(") and raw.endswith(")"):
        # Accounting format: a negative amount is written in brackets.
        raw = "-" + raw[1:-1]
    factor = Decimal(1)
    for suffix, times in (("万", 10_000), ("亿", 100_000_000), ("k", 1_000), ("m", 1_000_000)):
        if raw.lower().endswith(suffix):
            raw, factor = raw[: -len(suffix)], Decimal(times)
            break
    if "," in raw and "." in raw:
        # Whichever comes last is the decimal mark: 1,234.50 (English) or 1.234,50 (European Excel).
        raw = raw.replace(",", "") if raw.rfind(".") > raw.rfind(",") else raw.replace(".", "").replace(",", ".")
    elif re.fullmatch(r"-?\d{1,3}(,\d{3})+", raw):
        raw = raw.replace(",", "")
    else:
        raw = raw.replace(",", ".")
    try:
        return Decimal(raw) * factor
    except InvalidOperation:
        raise ValueError(f"not an amount: {text!r}") from None


def parse_date(text: str) -> date:
    """2026-03-08, 2026/3/8, 2026年3月8日, 03/08/2026 or 3/8/26 (month first unless the first number is over 12).

    A two-digit year reads as Excel reads it: 00–29 is 2000–2029, 30–99 is 1930–1999.
    """
    text = text.strip()
    if m := _YMD.fullmatch(text):
        year, month, day = int(m[1]), int(m[2]), int(m[3])
    elif m := _MDY.fullmatch(text):
        first, second = int(m[1]), int(m[2])
        year, (month, day) = int(m[3]), ((first, second) if first <= 12 else (second, first))
        if len(m[3]) == 2:
            year += 2000 if year < _CENTURY_PIVOT else 1900
    else:
        raise ValueError(f"not a date (2026-03-08, 2026/3/8, 03/08/2026 or 3/8/26): {text!r}")
    try:
        return date(year, month, day)
    except ValueError:
        raise ValueError(f"not a real date: {text!r}") from None

