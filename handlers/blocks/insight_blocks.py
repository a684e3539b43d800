"""Gaps, the way in and the action plan, written the way a sales manager would say them."""

from __future__ import annotations

from typing import Any

from slack_sdk.models.blocks import ButtonElement, ContextBlock, HeaderBlock, MarkdownTextObject, SectionBlock

from domain.graph import Action, Gap
from handlers import ids
from prompts import t
from services.insight import AccountMap, WayIn


def _role(locale: str, role: str | None) -> str:
    return t(locale, f"role.{role}") if role else ""


def _deal(amap: AccountMap, deal_id: int | None) -> str:
    return next((d.name for d in amap.deals if d.id == deal_id), "")


def gap_line(gap: Gap, amap: AccountMap, locale: str) -> str:
    """One exposure in a sentence: "孟行长 (decision maker) has no supporter above or beside him"."""
    days = gap.fact("days_since_touch")
    deal = _deal(amap, gap.deal_id)
    if gap.kind == "missing_coach":
        deal = t(locale, "gap.for_deal", deal=deal) if deal else ""
    return t(locale, f"gap.{gap.kind}", name=amap.name(gap.subject), role=_role(locale, gap.role), deal=deal, closeness=gap.fact("closeness") or 0,
             importance=gap.fact("importance") or 0, opponents=gap.fact("opponents") or 0,
             days=t(locale, "gap.never") if days is None else days, cadence=gap.fact("cadence_days") or 0)


def action_line(action: Action, amap: AccountMap, locale: str) -> str:
    """One next step: what, why, and how — "Meet 孟行长 …: ask 李娜 (closeness 4) to introduce you"."""
    what = t(locale, f"action.{action.kind}", name=amap.name(action.target_id), role=_role(locale, action.role),
             deal=_deal(amap, action.deal_id))
    why = t(locale, "punct.semicolon").join(t(locale, f"why.{r}") for r in action.reasons)
    how = t(locale, f"how.{action.how}", via=amap.name(action.via_contact_id),
            rep=f"<@{action.via_rep}>" if action.via_rep else "", closeness=action.via_closeness or 0)
    return f"*{action.rank}.* {what}" + (f" — {why}" if why else "") + t(locale, "punct.period") + how


def log_prefill(action: Action, amap: AccountMap, locale: str) -> str:
    """The first words of the log a rep writes once they have done the action."""
    return t(locale, f"prefill.{action.kind}", name=amap.name(action.target_id), account=amap.account.name,
             deal=_deal(amap, action.deal_id), role=_role(locale, action.role), via=amap.name(action.via_contact_id))


def plan_blocks(amap: AccountMap, actions: list[Action], locale: str) -> list[dict[str, Any]]:
    """Blocks for `/rapport plan <account>`: each action with a "Log it" button for when it is done."""
    blocks: list[Any] = [HeaderBlock(text=t(locale, "plan.title", account=amap.account.name)[:150])]
    for i, a in enumerate(actions):
        button = ButtonElement(text=t(locale, "button.log_it"), action_id=f"{ids.PLAN_LOG_PREFIX}{i}",
                               value=log_prefill(a, amap, locale)[:2000])
        blocks.append(SectionBlock(text=MarkdownTextObject(text=action_line(a, amap, locale)[:3000]),
                                   accessory=button))
    if not actions:
        blocks.append(SectionBlock(text=MarkdownTextObject(text=t(locale, "plan.nothing"))))
    blocks.append(ContextBlock(elements=[MarkdownTextObject(text=t(locale, "plan.order"))]))
    return [b.to_dict() for b in blocks]


def path_blocks(found: WayIn, locale: str) -> list[dict[str, Any]]:
    """Blocks for `/rapport path <person>`: each hop with the tie it rides on, and who of us knows them."""
    amap, target, path = found.map, found.target, found.path
    if path is None:
        text = t(locale, "path.none", name=target.name)
    elif not path.hops:
        text = t(locale, "path.already", name=target.name)
    else:
        hops = [t(locale, "path.hop", start=f"<@{h.from_rep}>" if h.from_rep else amap.name(h.from_contact),
                  to=amap.name(h.to_contact), tie=t(locale, f"tie.{h.kind}"), strength=h.strength)
                for h in path.hops]
        text = t(locale, "path.found", name=target.name, strength=f"{path.strength:.0%}") + "\n" + "\n".join(hops)
    blocks: list[Any] = [HeaderBlock(text=t(locale, "path.title", name=target.name)[:150]),
                         SectionBlock(text=MarkdownTextObject(text=text[:3000]))]
    if found.team:
        team = "\n".join(t(locale, "path.teammate", rep=f"<@{x.rep_slack_id}>", touches=x.recent_touches,
                            last=x.last_touch.isoformat() if x.last_touch else "—") for x in found.team)
        blocks.append(SectionBlock(text=MarkdownTextObject(text=t(locale, "path.team", team=team)[:3000])))
    return [b.to_dict() for b in blocks]
