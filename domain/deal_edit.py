"""What the Edit deal dialog may change, and whether what was typed makes sense (pure)."""

from __future__ import annotations

import math
import re
from datetime import date
from typing import Any

from domain import pipeline

STAGES = (*pipeline.STAGES, "closed_won", "closed_lost")  # the pipeline's, so a new stage reaches the dialog too
AWARD_METHODS = ("open_tender", "invited_tender", "competitive_negotiation", "competitive_consultation",
                 "single_source", "inquiry")  # as the meeting-log contract names them
AWARD_RULES = ("lowest_price", "comprehensive_score")
OUTCOMES = ("open", "won", "lost")  # "open" is stored as no outcome
DATES = ("budget_on", "rfp_due", "tender_on", "close_on")
TEXTS = ("stage", "award_method", "award_rule", "outcome_reason", "winner")
MONEY = ("amount", "winning_price")  # the winning price is in the deal's currency, as its amount
EDITABLE = ("stage", "amount", "currency", *DATES, "award_method", "award_rule", "competitors", "outcome",
            "outcome_reason", "winner", "winning_price")
CURRENCY = re.compile(r"^[A-Za-z]{3}$")
COMPETITOR_SEPARATORS = re.compile(r"[,，、;；]")


def check_deal_edit(form: dict[str, str | None]) -> tuple[dict[str, Any], dict[str, str]]:
    """The typed fields as deal values, and a problem code per field that cannot be saved as typed."""
    changes: dict[str, Any] = {k: (form[k] or "").strip() or None for k in TEXTS if k in form}
    if not changes.get("stage"):
        changes.pop("stage", None)  # a deal always has a stage: nothing picked keeps the one it has
    problems: dict[str, str] = {}
    for field in (f for f in MONEY if f in form):
        changes[field] = _amount(form[field])
        if changes[field] == "invalid":
            problems[field] = "amount_invalid"
    if "currency" in form:
        changes["currency"] = (form["currency"] or "").strip().upper() or None
        if changes["currency"] and not CURRENCY.match(changes["currency"]):
            problems["currency"] = "currency_invalid"
    changes |= {k: date.fromisoformat(form[k] or "") if form[k] else None for k in DATES if k in form}
    if changes.get("rfp_due") and changes.get("close_on") and changes["close_on"] < changes["rfp_due"]:
        problems["close_on"] = "close_before_rfp"
    if "competitors" in form:
        changes["competitors"] = tuple(n.strip() for n in COMPETITOR_SEPARATORS.split(form["competitors"] or "")
                                       if n.strip())
    if "outcome" in form:
        changes["outcome"] = form["outcome"] if form["outcome"] in ("won", "lost") else None
    return changes, problems


def _amount(text: str | None) -> float | str | None:
    """A number of 0 or more ("3,500,000" too), None when empty, "invalid" otherwise."""
    typed = (text or "").replace(",", "").replace("，", "").strip()
    if not typed:
        return None
    try:
        amount = float(typed)
    except ValueError:
        return "invalid"
    return amount if math.isfinite(amount) and amount >= 0 else "invalid"
