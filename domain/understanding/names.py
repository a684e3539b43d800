"""People named in a log (Chinese full names, surname + title forms, English names) and pronouns."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from domain.understanding.latin import LatinRun
from domain.understanding.lexicon import COMPOUND_SURNAMES, SURNAME_TITLES, SURNAMES, TITLE_HEADS, words
from domain.understanding.orgs import Org
from domain.understanding.profile import title_for
from domain.understanding.text import Span, Token, clauses, enclosing, word_tag

_SURN = "".join(SURNAMES)
_SURNAME_TITLE = re.compile(
    rf"(?:{'|'.join(COMPOUND_SURNAMES)}|[{_SURN}])(?:{'|'.join(SURNAME_TITLES)})|[小老][王李张刘陈杨黄赵吴周徐孙马朱胡郭何林罗郑梁谢宋唐许韩冯邓曹彭曾肖董袁潘蒋蔡杜叶程苏魏吕丁沈姚卢姜崔钟谭陆汪范金廖贾夏付邹孟熊秦邱江薛段雷侯龙陶贺顾毛郝龚邵严]"
)
_TITLE_THEN_NAME = re.compile(
    rf"(?:{'|'.join(h for h in TITLE_HEADS if len(h) > 1)}|(?:部|处|科|中心|办公室|室|组)的)(?=[{_SURN}])")
_AFTER_PREPOSITION = re.compile(rf"(?:给|和|跟|与|陪|请|约|见了|拜访了?|联系了?|同)(?=[{_SURN}])")
_NAME_FLAGS = ("nr", "ns", "nz", "nrfg", "nrt")
_NOT_NAMES = frozenset(words("高尔夫 马拉松 蓝皮书 黄金周 金融街 高新区 高铁 白皮书 宋体 黑体 江山 张家 金山 高峰 万科 华为 云图 金桥 石化 程序 安全 文化 周末 常规 于是 时间 荣升 高升"))
_FUNCTION_CHARS = set("的是和与跟及对说在也很都向了给把被将会就还又再已为等等请让要")
_NOT_NAME_TAIL = set("副正总常执首高主老小大")
_ADVERB_TAIL = set("刚才曾")  # 张伟刚晋升: jieba reads 张伟刚 as a name; 李志刚 is one, and jieba's dictionary says so
_TITLE_AHEAD = re.compile("|".join(sorted({t for t in TITLE_HEADS + SURNAME_TITLES if len(t) > 1 and not t.isascii()},
                                          key=len, reverse=True)))
_PRONOUN = re.compile(r"(?<!其)[他她](?![们人])|\b(?:he|she|him|her|his)\b", re.I | re.A)


@dataclass
class PersonDraft:
    """A person as found: the name as written and where it is mentioned."""

    name: str
    spans: list[Span] = field(default_factory=list)


@dataclass(frozen=True)
class Mention:
    """A mention of person `who` (index into the people list); pronouns included once resolved."""

    start: int
    end: int
    who: int
    pronoun: bool = False


def _inside(spans: list[Span], a: int, b: int) -> bool:
    return any(s <= a and b <= e for s, e in spans)


def _surname_title_spans(text: str) -> list[Span]:
    out = []
    for m in _SURNAME_TITLE.finditer(text):
        a, b = m.span()
        if a > 0 and (word_tag(text[a - 1:a + 1]) or "").startswith(("n", "v", "a", "d")) and text[a] not in "小老":
            continue  # "工程总监": 程 belongs to 工程
        tag = word_tag(text[a:b])
        if tag and not tag.startswith("nr"):
            continue  # "施工", "高工资"
        out.append((a, b))
    return out


def _trimmed(tok: Token) -> Span:
    """A three-character jieba name ending in a function character or an adverb jieba does not know as part of
    a name is a two-character name (孙丽会 → 孙丽, 张伟刚 → 张伟)."""
    if len(tok.word) == 3 and (tok.word[2] in _FUNCTION_CHARS
                               or tok.word[2] in _ADVERB_TAIL and word_tag(tok.word) is None):
        return (tok.start, tok.end - 1)
    return (tok.start, tok.end)


def _full_name(text: str, toks: list[Token], span: Span) -> Span:
    """Widen a two-character name to three when jieba split it (钱/卫东, 黄海/峰 主任)."""
    a, b = span
    if b - a != 2 or text[a] not in SURNAMES:
        return span
    split = next((t for t in toks if t.start == a + 1), None)
    if split and len(split.word) == 2 and split.flag.startswith(("nr", "ns", "nz")) \
            and not set(split.word) & _FUNCTION_CHARS and re.fullmatch(r"[\u4e00-\u9fff]{2}", split.word):
        return (a, a + 3)
    if b < len(text) and re.match(r"[\u4e00-\u9fff]", text[b]) and text[b] not in _FUNCTION_CHARS | _NOT_NAME_TAIL \
            and _TITLE_AHEAD.match(text, b + 1):
        return (a, b + 1)
    return span


def _name_at(text: str, toks: list[Token], pos: int, strict: bool = False) -> Span | None:
    tok = next((t for t in toks if t.start == pos), None)
    if tok and 2 <= len(tok.word) <= 3 and tok.word[0] in SURNAMES and tok.word not in _NOT_NAMES:
        if strict and not tok.flag.startswith(_NAME_FLAGS) and word_tag(tok.word) is not None:
            return None
        return _trimmed(tok)
    if tok is None or len(tok.word) != 1:
        return None
    if tok.word in SURNAMES and _full_name(text, toks, (pos, pos + 2)) == (pos, pos + 3):
        return (pos, pos + 3)
    end = pos + 2
    if end > len(text) or not re.match(r"[\u4e00-\u9fff]{2}", text[pos:end]) or text[pos + 1] in _FUNCTION_CHARS:
        return None
    tag = word_tag(text[pos:end])
    if tag is not None and not tag.startswith("nr"):
        return None  # a dictionary word, not a name
    nxt = next((t for t in toks if t.start == end), None)
    if nxt and len(nxt.word) == 1 and nxt.word not in _FUNCTION_CHARS and re.match(r"[\u4e00-\u9fff]", nxt.word):
        after = next((t for t in toks if t.start == end + 1), None)
        if after is None or len(after.word) > 1 or after.word in _FUNCTION_CHARS:
            end += 1
    return (pos, end)


def _zh_spans(text: str, toks: list[Token], orgs: list[Org]) -> list[Span]:
    org_spans = [(o.start, o.end) for o in orgs]
    spans = _surname_title_spans(text)
    for t in toks:
        if t.flag.startswith("nr") and 2 <= len(t.word) <= 3 and t.word[0] in SURNAMES and t.word not in _NOT_NAMES:
            spans.append(_trimmed(t))
    for m in _TITLE_THEN_NAME.finditer(text):
        span = _name_at(text, toks, m.end())
        if span:
            spans.append(span)
    for m in _AFTER_PREPOSITION.finditer(text):
        span = _name_at(text, toks, m.end(), strict=True)
        if span:
            spans.append(span)
    spans = [_full_name(text, toks, s) for s in spans]
    spans = [s for s in spans if not _inside(org_spans, *s) and not any(o[0] < s[1] and s[0] < o[1] for o in org_spans)]
    spans.sort(key=lambda s: (s[0], -(s[1] - s[0])))
    out: list[Span] = []
    for s in spans:
        if not out or s[0] >= out[-1][1]:
            out.append(s)
    return out


def find_people(text: str, toks: list[Token], runs: list[LatinRun], orgs: list[Org],
                not_names: list[Span] | None = None) -> list[PersonDraft]:
    """Every person named, in order of first mention, each with the spans that name them."""
    spans = _zh_spans(text, toks, orgs) + [(r.start, r.end) for r in runs if r.kind == "person"]
    spans = [s for s in spans if not any(a < s[1] and s[0] < b for a, b in not_names or [])]
    spans.sort()
    people: list[PersonDraft] = []
    for a, b in spans:
        name = text[a:b]
        same = next((p for p in people if p.name == name or _first_name_of(name, p.name)), None)
        short = next((p for p in people if _first_name_of(p.name, name)), None)
        if short is not None:
            short.name = name
            short.spans.append((a, b))
        elif same is None:
            people.append(PersonDraft(name, [(a, b)]))
        else:
            same.spans.append((a, b))
    return _merge_aliases(text, people)


def _merge_aliases(text: str, people: list[PersonDraft]) -> list[PersonDraft]:
    """A surname + title form (孙部长) is the one full name with that surname and title (部长孙志刚)."""
    out = list(people)
    for p in people:
        word = p.name[1:]
        if len(p.name) < 2 or p.name[0] not in SURNAMES or word not in SURNAME_TITLES:
            continue
        same = [q for q in out if q is not p and q.name[0] == p.name[0] and q.name[1:] not in SURNAME_TITLES
                and 2 <= len(q.name) <= 3 and word in (_title_of(text, q) or "")]
        if len(same) == 1:
            same[0].spans = sorted(same[0].spans + p.spans)
            out.remove(p)
    return out


def _title_of(text: str, person: PersonDraft) -> str | None:
    return next((t for s in person.spans if (t := title_for(text, s, person.name))), None)


def _first_name_of(short: str, full: str) -> bool:
    return " " in full and " " not in short and full.split()[0] == short


def mentions(text: str, people: list[PersonDraft]) -> list[Mention]:
    """Name mentions plus resolved pronoun mentions, left to right."""
    named = sorted((Mention(a, b, i) for i, p in enumerate(people) for a, b in p.spans), key=lambda n: n.start)
    spans = clauses(text)
    out = list(named)
    resolved: list[tuple[str, int, Span]] = []  # (gender, who, clause) of each pronoun already read
    for m in _PRONOUN.finditer(text):
        clause = enclosing(spans, m.start())
        who = _antecedent(text, named, spans, clause, m.start())
        if who is not None:
            who = _consistent(_gender(m.group()), who, named, resolved)
            resolved.append((_gender(m.group()), who, clause))
            out.append(Mention(m.start(), m.end(), who, True))
    return sorted(out, key=lambda n: n.start)


def _gender(pronoun: str) -> str:
    return "f" if pronoun.lower() in ("她", "she", "her") else "m"


def _consistent(gender: str, who: int, named: list[Mention], resolved: list[tuple[str, int, Span]]) -> int:
    """Keep "她" on the same person through a log: in 张伟向她汇报，她倾向… the second 她 is not 张伟.

    A pronoun whose default antecedent sat in a clause where the same pronoun meant someone else
    (the other party of that clause) refers to that someone else again."""
    for g, earlier, (a, b) in reversed(resolved):
        if g == gender and earlier != who:
            if any(n.who == who and a <= n.start < b for n in named):
                return earlier
            break
    return who


def _antecedent(text: str, named: list[Mention], spans: list[Span], clause: Span, pos: int) -> int | None:
    """Subject pronouns take the first person of the nearest earlier clause naming someone; others the latest."""
    before = [n for n in named if n.end <= pos]
    if not before:
        return None
    if not text[clause[0]:pos].strip():
        for a, b in reversed([s for s in spans if s[1] <= clause[0]]):
            inside = [n for n in before if a <= n.start < b]
            if inside:
                return inside[0].who
    in_clause = {n.who for n in before if n.start >= clause[0]}
    candidates = [n for n in before if n.who not in in_clause] or before
    return candidates[-1].who
