"""The account card: key people, where they stand, open deals and the latest touches."""

from __future__ import annotations

from typing import Any

from slack_sdk.models.blocks import ContextBlock, DividerBlock, HeaderBlock, MarkdownTextObject, SectionBlock

from handlers.blocks.insight_blocks import gap_line
from handlers.blocks.person_card import edit_profile_button
from prompts import keys, t
from services.accounts import AccountOverview


def _person_line(contact: Any, last: Any, locale: str) -> str:
    parts = [f"*{contact.name}*", contact.title or "", t(locale, f"stance.{contact.stance}"),
             t(locale, "account.closeness", n=contact.closeness),
             t(locale, "account.last_touch", date=last.isoformat()) if last else t(locale, "account.never")]
    return " · ".join(p for p in parts if p)


def account_card_blocks(view: AccountOverview, locale: str) -> list[dict[str, Any]]:
    """Blocks for `/rapport account <name>`."""
    a = view.account
    facts = " · ".join(x for x in (a.industry, a.region, t(locale, "account.people", n=len(view.map.contacts))) if x)
    mix = " · ".join(f"{t(locale, f'stance.{s}')} {n}" for s, n in sorted(view.stance_mix.items()))
    blocks: list[Any] = [HeaderBlock(text=a.name[:150]), ContextBlock(elements=[MarkdownTextObject(text=facts)]),
                         SectionBlock(text=MarkdownTextObject(text=t(locale, "account.key_people")))]
    # One section per key person, each with its own Edit profile button: any card showing a person edits them.
    blocks += [SectionBlock(text=MarkdownTextObject(text=_person_line(c, last, locale)[:3000]),
                            accessory=edit_profile_button(c.id, locale)) for c, last in view.key_people]
    if not view.key_people:
        blocks.append(SectionBlock(text=MarkdownTextObject(text=t(locale, "account.no_people"))))
    blocks.append(SectionBlock(text=MarkdownTextObject(text=t(locale, "account.stance_mix", mix=mix or "—"))))
    if view.open_deals:
        deals = "\n".join(f"• {d.name}" + (f" · {d.amount:,.0f} {d.currency or ''}" if d.amount else "")
                          for d in view.open_deals)
        blocks.append(SectionBlock(text=MarkdownTextObject(text=t(locale, "account.deals", deals=deals)[:3000])))
    if view.department_links:
        ties = "\n".join("• " + (t(locale, f"dept.{k}", a=a, b=b) if f"dept.{k}" in keys(locale) else f"{a} {k} {b}")
                         for a, k, b, _note in view.department_links)
        blocks.append(SectionBlock(text=MarkdownTextObject(text=t(locale, "account.departments", ties=ties)[:3000])))
    gaps = "\n".join(f"• {gap_line(g, view.map, locale)}" for g in view.map.gaps[:6])
    if gaps:
        blocks.append(SectionBlock(text=MarkdownTextObject(text=t(locale, "account.gaps", gaps=gaps)[:3000])))
    blocks.append(DividerBlock())
    touches = "\n".join(f"• {i.occurred_on.isoformat()} {t(locale, f'channel.{i.channel}')} · "
                        f"{'、'.join(names) if locale != 'en' else ', '.join(names)}" for i, names in view.recent)
    blocks.append(SectionBlock(text=MarkdownTextObject(
        text=t(locale, "account.recent", touches=touches or t(locale, "account.no_touches"))[:3000])))
    return [b.to_dict() for b in blocks]
