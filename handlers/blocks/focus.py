"""`/rapport focus [@rep | team]`: the open deals best worth the time, with the incubation score in words."""

from __future__ import annotations

from slack_sdk.models.blocks import Block, ContextBlock, MarkdownTextObject, SectionBlock

from domain.focus import Candidate
from domain.scoring import Ranked
from handlers.blocks.deal_card import factor_text, money_text
from prompts import t
from services.focus import FocusView


def _amount(c: Candidate, locale: str) -> str:
    return money_text(c.deal.amount, c.deal.currency) or t(locale, "focus.no_amount")


def _shared(c: Candidate, owners: frozenset[str], locale: str) -> str:
    """" · shared (@owner's)" for a deal owned by someone else at an account shared with the asker."""
    owner = c.deal.owner_slack_id
    return "" if not owners or not owner or owner in owners else t(locale, "focus.shared", owner=f"<@{owner}>")


def _deal(rank: int, r: Ranked[Candidate], locale: str, owners: frozenset[str] = frozenset()) -> str:
    """One deal: name and account, probability, amount and close, the score's parts, the top factor."""
    c, percent = r.deal, f"{100 * r.probability:.0f}"
    close = c.closed_on.isoformat() if c.closed_on else t(locale, "focus.no_close")
    factor = (t(locale, "focus.factor", factor=factor_text(c.top_factor, locale)) if c.top_factor
              else t(locale, "focus.no_factor"))
    return "\n".join([t(locale, "focus.deal", rank=rank, deal=c.deal.name, account=c.account or "—",
                        shared=_shared(c, owners, locale)),
                      t(locale, "focus.facts", percent=percent, amount=_amount(c, locale), close=close),
                      t(locale, "focus.score", percent=percent, amount=_amount(c, locale), timing=f"{r.timing:.2f}",
                        score=f"{r.score:,.0f}"),
                      factor])


def focus_blocks(view: FocusView, locale: str) -> list[dict]:
    """Whose deals, the top ones best first; what the probabilities rest on and whether currencies are mixed."""
    ranking = view.focus
    title = t(locale, f"focus.title.{view.scope}", rep=f"<@{view.rep_slack_id}>")
    blocks: list[Block] = [SectionBlock(text=MarkdownTextObject(text=f"*{title}*"))]
    blocks += [SectionBlock(text=MarkdownTextObject(text=_deal(i, r, locale, view.owners)[:3000]))
               for i, r in enumerate(ranking.ranked, start=1)]
    if not ranking.ranked:
        blocks.append(SectionBlock(text=MarkdownTextObject(text=t(locale, "focus.empty"))))
    notes = [t(locale, key) for key, on in (("focus.prior", ranking.is_prior),
                                            ("focus.mixed", ranking.mixed_currencies)) if on]
    notes.append(t(locale, "focus.method", shown=len(ranking.ranked), count=ranking.open_deals))
    blocks.append(ContextBlock(elements=[MarkdownTextObject(text=n) for n in notes]))
    return [b.to_dict() for b in blocks]
