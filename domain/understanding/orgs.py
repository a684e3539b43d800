"""Organisations named in a log: the customer account and competitors."""

from __future__ import annotations

import re
from dataclasses import dataclass

from domain.understanding.latin import LatinRun
from domain.understanding.lexicon import DEPT_SUFFIXES, ORG_SUFFIXES_ZH, ORG_TAILS_ZH, words
from domain.understanding.text import Token, word_tag

_PREFIX_FLAGS = ("n", "nr", "ns", "nt", "nz", "f", "s", "j", "b", "ng", "nrt", "nrfg", "an", "eng", "z", "a", "ag")
_BOUNDARY_FLAGS = ("c", "p", "uj", "ul", "x", "r", "d")
_VERB_STOP = frozenset(words("拜访 联系 去 到 见 参观 约 给 跟 打 看 找 陪 请 拜会 走访 回访"))
_STOP_NOUNS = frozenset(words("客户 项目 对手 竞争对手 友商 厂商 我们 他们 公司 电话 邮件 微信 方案 预算 领导 售前 同学"))
_COMPETITOR_CUE = re.compile(
    r"(?:竞争对手|竞品|友商|对手|竞争厂商|倾向于?|更?看好|偏向|青睐|competitors?|rivals?|competing\s+vendors?|up\s+against|"
    r"vs\.?|versus|leans?\s+towards?|leaning\s+towards?|prefers?|favou?rs?|incumbent,?|copies|copied|mirrors|mirrored|"
    r"compar(?:e|ing) (?:us|our \w+) (?:with|to|against)|(?:老|原|现有的?|原来的)(?:供应商|厂商|厂家))"
    r"(?:是|有|包括|:|：|\s|(?:老|原|现有的?|原来的)?(?:供应商|厂商|厂家))*$", re.I)
_COMPETITOR_AFTER = re.compile(r"^\s*(?:[（(](?:竞争对手|竞品|友商|competitor)[)）]|也在(?:投标|参与|跟)|is also bidding)", re.I)
_LEAD_WORDS = set("和跟与同给在去到对向")
_ORDINAL_HOSPITAL = re.compile(r"[省市区县][一二三四五六七八九十]{1,2}院(?!长|士|校)")
_LIST_JOIN = re.compile(r"^\s*(?:、|和|与|及|以及|,|，|and|&)\s*$")


@dataclass(frozen=True)
class Org:
    """An organisation mention and whether the text names it as a competitor."""

    name: str
    start: int
    end: int
    competitor: bool = False


def _org_token(tok: Token) -> bool:
    """jieba's own organisation names (中信证券), but not departments (信息中心)."""
    return tok.flag == "nt" and len(tok.word) >= 4 and not tok.word.endswith(DEPT_SUFFIXES)


def _is_suffix(tok: Token) -> bool:
    return tok.word in ORG_SUFFIXES_ZH or _org_token(tok) or \
        len(tok.word) >= 3 and tok.word[-1] in "委局" and tok.flag != "v"


def _prefix_start(toks: list[Token], i: int) -> int | None:
    """Where the name ending in the suffix toks[i] starts (None when nothing names it)."""
    j, size = i, 0
    while j > 0 and toks[j - 1].flag in _PREFIX_FLAGS and toks[j - 1].word not in _STOP_NOUNS \
            and size + len(toks[j - 1].word) <= 4 and toks[j - 1].word not in ORG_SUFFIXES_ZH:
        j -= 1
        size += len(toks[j].word)
    if size < 2 and j > 0 and toks[j - 1].flag == "v" and 2 <= len(toks[j - 1].word) + size <= 4 \
            and toks[j - 1].word not in _VERB_STOP and (j == 1 or toks[j - 2].flag in _BOUNDARY_FLAGS):
        j -= 1
        size += len(toks[j].word)
    if size < 2 and j == i:
        j, size = _bare_prefix(toks, i)
    if size >= 2 or _org_token(toks[i]):
        return j
    return None


def _bare_prefix(toks: list[Token], i: int) -> tuple[int, int]:
    """Two to four single characters between a boundary and the suffix (了城/发/集团)."""
    j, size = i, 0
    while j > 0 and len(toks[j - 1].word) == 1 and re.match(r"[\u4e00-\u9fff]", toks[j - 1].word) \
            and toks[j - 1].flag not in _BOUNDARY_FLAGS and size < 4:
        j -= 1
        size += 1
    boundary = j == 0 or toks[j - 1].flag in _BOUNDARY_FLAGS + ("ul", "uj", "ud", "uz")
    return (j, size) if boundary and 2 <= size <= 4 else (i, 0)


def _zh_orgs(toks: list[Token]) -> list[Org]:
    out = []
    for i, tok in enumerate(toks):
        if not _is_suffix(tok) or (j := _prefix_start(toks, i)) is None:
            continue
        k = i + 1
        while k < len(toks) and toks[k].word in ORG_TAILS_ZH:
            k += 1
        name = "".join(t.word for t in toks[j:k])
        start = toks[j].start
        if name[0] in _LEAD_WORDS and len(toks[j].word) >= 3 and word_tag(toks[j].word) is None:
            name, start = name[1:], start + 1  # "和中恒": jieba glued the conjunction to the name
        out.append(Org(name, start, toks[k - 1].end))
    for m in _ORDINAL_HOSPITAL.finditer("".join(t.word for t in toks)):
        out.append(Org(m.group(), m.start(), m.end()))
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
