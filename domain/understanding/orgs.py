"""Organisations named in a log: the customer account and competitors."""

from __future__ import annotations

import re
from dataclasses import dataclass

from domain.understanding.latin import LatinRun
from domain.understanding.lexicon import ORG_SUFFIXES_ZH, ORG_TAILS_ZH, words
from domain.understanding.text import Token

_PREFIX_FLAGS = ("n", "nr", "ns", "nt", "nz", "f", "s", "j", "b", "ng", "nrt", "nrfg", "an", "eng", "z", "a", "ag")
_BOUNDARY_FLAGS = ("c", "p", "uj", "ul", "x", "r", "d")
_VERB_STOP = frozenset(words("拜访 联系 去 到 见 参观 约 给 跟 打 看 找 陪 请 拜会 走访 回访"))
_STOP_NOUNS = frozenset(words("客户 项目 对手 竞争对手 友商 厂商 我们 他们 公司 电话 邮件 微信 方案 预算 领导 售前 同学"))
_COMPETITOR_CUE = re.compile(
    r"(?:竞争对手|竞品|友商|对手|竞争厂商|倾向于?|更?看好|偏向|青睐|competitors?|rivals?|competing\s+vendors?|up\s+against|"
    r"vs\.?|versus|leans?\s+towards?|leaning\s+towards?|prefers?|favou?rs?)"
    r"(?:是|有|包括|:|：|\s)*$", re.I)
_COMPETITOR_AFTER = re.compile(r"^\s*(?:[（(](?:竞争对手|竞品|友商|competitor)[)）]|也在(?:投标|参与|跟)|is also bidding)", re.I)
_LIST_JOIN = re.compile(r"^\s*(?:、|和|与|及|以及|,|，|and|&)\s*$")


@dataclass(frozen=True)
class Org:
    """An organisation mention and whether the text names it as a competitor."""

    name: str
    start: int
    end: int
    competitor: bool = False


def _zh_orgs(toks: list[Token]) -> list[Org]:
    out = []
    for i, tok in enumerate(toks):
        if tok.word not in ORG_SUFFIXES_ZH:
            continue
        j, size = i, 0
        while j > 0 and toks[j - 1].flag in _PREFIX_FLAGS and toks[j - 1].word not in _STOP_NOUNS \
                and size + len(toks[j - 1].word) <= 4 and toks[j - 1].word not in ORG_SUFFIXES_ZH:
            j -= 1
            size += len(toks[j].word)
        if size < 2 and j > 0 and toks[j - 1].flag == "v" and 2 <= len(toks[j - 1].word) + size <= 4 \
                and toks[j - 1].word not in _VERB_STOP and (j == 1 or toks[j - 2].flag in _BOUNDARY_FLAGS):
            j -= 1
            size += len(toks[j].word)
        if size < 2:
            continue
        end = tok.end
        k = i + 1
        while k < len(toks) and toks[k].word in ORG_TAILS_ZH:
            end = toks[k].end
            k += 1
        start = toks[j].start
        out.append(Org("".join(t.word for t in toks[j:k]), start, end))
    return out


def find_orgs(text: str, toks: list[Token], runs: list[LatinRun]) -> list[Org]:
    """Chinese and English organisation mentions, marking those named as competitors."""
    orgs = _zh_orgs(toks) + [Org(r.text, r.start, r.end) for r in runs if r.kind == "org"]
    orgs.sort(key=lambda o: o.start)
    out: list[Org] = []
    for o in orgs:
        if out and o.start < out[-1].end:
            continue
        before = text[max(0, o.start - 20):o.start]
        rival = bool(_COMPETITOR_CUE.search(before) or _COMPETITOR_AFTER.match(text[o.end:o.end + 12]))
        if not rival and out and out[-1].competitor and _LIST_JOIN.match(text[out[-1].end:o.start]):
            rival = True
        out.append(Org(o.name, o.start, o.end, rival))
    return out


def pick_account(orgs: list[Org]) -> Org | None:
    """The customer the log is about: the first organisation not named as a competitor."""
    return next((o for o in orgs if not o.competitor), None)
