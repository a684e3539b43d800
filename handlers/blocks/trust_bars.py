"""The person card's trust section: a bar per dimension, the suggested stage, and what would raise the weakest."""

from __future__ import annotations

from slack_sdk.models.blocks import Block, MarkdownTextObject, SectionBlock

from domain.trust import DEPTH, FREQUENCY, LENGTH, PROFESSIONALISM, TrustScores
from prompts import keys, t

BAR_CELLS = 10
FILLED, EMPTY = "▓", "░"  # plain characters that mean nothing to mrkdwn, so no locale can garble a bar
DIMENSIONS = (FREQUENCY, PROFESSIONALISM, DEPTH, LENGTH)


def trust_bar(score: int) -> str:
    """A 0–100 score as ten cells, one filled per ten points (rounded half up)."""
    filled = min(BAR_CELLS, max(0, (score * BAR_CELLS + 50) // 100))
    return FILLED * filled + EMPTY * (BAR_CELLS - filled)


def stage_name(stage: str, locale: str) -> str:
    """A rung of the trust ladder in the reader's language (an unknown one as it was recorded)."""
    return t(locale, f"trust.{stage}") if f"trust.{stage}" in keys(locale) else stage


def _stage_line(scores: TrustScores, recorded: str, locale: str) -> str:
    stage = scores.stage
    shown = {"stage": stage_name(stage.name, locale), "role": t(locale, f"trust.role.{stage.role}")}
    if stage.name == recorded:
        return t(locale, "person.suggested_stage", **shown)
    return t(locale, "person.suggested_stage_differs", recorded=stage_name(recorded, locale), **shown)


def trust_blocks(scores: TrustScores, recorded_stage: str, locale: str) -> list[Block]:
    """Four bars and the overall score, the stage they suggest with the rep's role, and the next touch."""
    bars = [f"{t(locale, f'trust.dim.{d}')} {trust_bar(scores.score(d))} {scores.score(d)}" for d in DIMENSIONS]
    weakest = scores.weakest.dimension
    lines = [t(locale, "person.trust", overall=scores.overall), *bars, _stage_line(scores, recorded_stage, locale),
             t(locale, "person.weakest", dimension=t(locale, f"trust.dim.{weakest}"),
               how=t(locale, f"trust.raise.{weakest}"))]
    return [SectionBlock(block_id="person_trust", text=MarkdownTextObject(text="\n".join(lines)[:3000]))]
