"""Tender facts (award method, award rule, evaluation criteria) and the six control points."""

from __future__ import annotations

import re
from dataclasses import dataclass

from domain.meeting_log import AwardMethod, AwardRule, ControlKey, ControlState, Criterion

METHODS: tuple[tuple[AwardMethod, re.Pattern[str]], ...] = (
    ("open_tender", re.compile(r"公开招标|\b(?:open|public) (?:tender|bid|bidding|procurement)\b", re.I | re.A)),
    ("invited_tender", re.compile(r"邀请招标|邀标|\b(?:invited|invitation|restricted|selective) (?:tender|bid|bidding)\b",
                                  re.I | re.A)),
    ("competitive_negotiation", re.compile(r"竞争性谈判|竞谈|\bcompetitive negotiation\b", re.I | re.A)),
    ("competitive_consultation", re.compile(r"竞争性磋商|\bcompetitive consultation\b", re.I | re.A)),
    ("single_source", re.compile(r"单一来源|独家采购|\b(?:single|sole)[- ]sourc(?:e|ed|ing)\b", re.I | re.A)),
    ("inquiry", re.compile(r"询价|\b(?:RFQ|request for quotations?|price inquiry)\b", re.I | re.A)),
)
RULES: tuple[tuple[AwardRule, re.Pattern[str]], ...] = (
    ("lowest_price", re.compile(
        r"最低价|低价中标|最低评标价|价低者得|\b(?:lowest (?:price|bid|bidder)|cheapest (?:bid )?wins|price only)\b",
        re.I | re.A)),
    ("comprehensive_score", re.compile(
        r"综合评分|综合评估|综合打分|综合评审|综合评标|\b(?:best overall score|overall score|best value|weighted scor|"
        r"most economically advantageous|MEAT)\b", re.I | re.A)),
)
_ITEMS = {"技术": "technical", "商务": "commercial", "价格": "price", "报价": "price", "technical": "technical",
          "tech": "technical", "commercial": "commercial", "business": "commercial", "price": "price", "pricing": "price",
          "cost": "price"}
CRITERION = re.compile(
    r"(技术|商务|价格|报价|服务|资质|业绩|方案|售后|technical|tech|commercial|business|price|pricing|cost|service)"
    r"(?:部分|分|分数|得分|权重|score|weight)?\s*(?:占|为|is|at|:|：|=)?\s*(\d{1,3}(?:\.\d+)?)\s*(分|%|％|points|pts)",
    re.I | re.A)
CRITERION_AFTER = re.compile(r"(\d{1,3})\s*(?:%|％|分)\s*(?:for\s+)?(technical|tech|commercial|business|price|pricing|cost)",
                             re.I | re.A)
_UNKNOWN = r"(?:不知道|不清楚|还没定|未定|没定|不明确|没透露|不确定|待定|unknown|not sure|don't know|do not know|unclear|tbd|not yet (?:known|decided))"

# (key, state, pattern); checked in order, first hit per key wins.
CONTROL_CUES: tuple[tuple[ControlKey, ControlState, re.Pattern[str]], ...] = (
    ("budget_input", "at_risk", re.compile(
        r"(?:预算|budget)[^。；;.]{0,20}(?:还没有?|尚未|还未|暂未)(?:征求|问|咨询|听取|找)(?:过)?我们|"
        r"(?:budget)[^.;]{0,30}(?:hasn't|has not|haven't|have not) (?:yet )?(?:asked|consulted|involved) us", re.I | re.A)),
    ("budget_input", "lost", re.compile(
        r"(?:预算|budget)[^。；;.]{0,20}(?:没有?|未|不)(?:征求|问|咨询|听取|找)(?:过)?我们|(?:without|didn't|did not|never)"
        r"\s+(?:asking|consulting|ask|consult|involving|involve)\s+us|预算[^。；;.]{0,12}(?:参考|按)(?:了)?(?:竞争对手|友商)|"
        r"budget[^.;]{0,30}(?:from|on) (?:the )?competitor", re.I | re.A)),
    ("budget_input", "secured", re.compile(
        r"预算[^。；;.]{0,16}(?:参考|按照?|依据|根据|采用)(?:了)?我们|"
        r"预算[^。]{0,20}(?:征求|咨询|听取|听听|问问|想听|请教)(?:了|一下)?我们[^。；;.]{0,6}(?:意见|建议|看法)|"
        r"(?:帮|请我们|让我们)[^。；;.]{0,6}(?:做|定|测算|估算)预算|"
        r"(?:sized|based|built|set)[^.;]{0,12}(?:from|on) our (?:quote|proposal|estimate|numbers|input)|"
        r"budget[^.;]{0,80}(?:sized|based|built|set)[^.;]{0,20}\b(?:from|on) our\b|asked (?:for )?our "
        r"(?:advice|input) on (?:the )?budget", re.I | re.A)),
    ("rfp_input", "lost", re.compile(
        r"(?:招标文件|标书|技术规范|需求|参数|RFP|spec)[^。；;.]{0,20}(?:参考|按照?|照搬|采用)(?:了)?(?:竞争对手|友商|[^我。]{2,4}(?:科技|公司))|"
        r"(?:RFP|spec)[^.;]{0,30}(?:written|drafted|wired) (?:by|for) (?:the )?competitor|"
        r"(?:RFP|spec)[^.;]{0,30}(?:cop(?:y|ies|ied)|mirrors?|mirrored|lifted from)\s+(?!our\b|us\b)(?-i:[A-Z])\w*'s?\b",
        re.I | re.A)),
    ("rfp_input", "secured", re.compile(
        r"(?:招标文件|标书|技术需求|技术规范|需求|参数|RFP|招标要求)[^。；;.]{0,20}(?:参考|按照?|照搬|采用|基于|依据|用)(?:了)?"
        r"我们|(?:RFP|spec|requirements?|tender documents?)[^.;]{0,30}(?:follow|based on|built on|use|copy|mirror)s?\w*\s+our|"
        r"(?:asked|ask) us to (?:help )?(?:draft|write|review) the (?:RFP|spec)", re.I | re.A)),
    ("exchange_time", "lost", re.compile(
        r"(?:竞争对手|友商|对手)[^。；;.]{0,12}交流[^。；;.]{0,8}(?:更多|最多|最长|更长)|(?:competitor|rival)[^.;]{0,30}"
        r"(?:more|most) time", re.I | re.A)),
    ("exchange_time", "secured", re.compile(
        r"交流(?:的)?(?:时间|次数)[^。；;.]{0,16}(?:最长|最多|最久)|我们[^。；;.]{0,10}交流[^。；;.]{0,6}(?:最多|最长)|"
        r"(?:most|more) time with us|spent (?:the )?most time|more sessions than (?:anyone|any other)|"
        r"(?:more|most) time with [^.;]{0,40}than (?:any|all)(?: the)?(?: other)? (?:vendors?|competitors?|suppliers?|bidders?)",
        re.I | re.A)),
    ("award_method", "at_risk", re.compile(rf"(?:招标方式|采购方式|award method)[^。；;.]{{0,8}}{_UNKNOWN}|{_UNKNOWN}"
                                           r"[^。；;.]{0,8}(?:招标方式|采购方式|award method)", re.I | re.A)),
    ("evaluation_criteria", "at_risk", re.compile(rf"(?:评分(?:办法|标准)|评标(?:办法|标准)|分值|权重|evaluation criteria|scoring|weights)"
                                                  rf"[^。；;.]{{0,8}}{_UNKNOWN}|{_UNKNOWN}[^。；;.]{{0,8}}(?:评分|评标|"
                                                  r"evaluation criteria|scoring)", re.I | re.A)),
)


@dataclass(frozen=True)
class TenderFacts:
    """What the text says about the tender, with the passages that said it."""

    method: AwardMethod | None
    rule: AwardRule | None
    criteria: tuple[Criterion, ...]
    spans: tuple[tuple[int, int], ...]

    def span_of(self, key: str) -> tuple[int, int]:
        """Where the fact behind a control point was stated."""
        index = {"award_method": 0, "award_rule": int(self.method is not None)}.get(key)
        if index is None:
            index = int(self.method is not None) + int(self.rule is not None)
        return self.spans[min(index, len(self.spans) - 1)] if self.spans else (0, 0)


def tender_facts(text: str) -> TenderFacts:
    """Award method, award rule and weighted evaluation criteria stated in the text."""
    spans: list[tuple[int, int]] = []
    method = rule = None
    for name, pattern in METHODS:
        m = pattern.search(text)
        if m:
            method = name
            spans.append(m.span())
            break
    for rname, pattern in RULES:
        m = pattern.search(text)
        if m:
            rule = rname
            spans.append(m.span())
            break
    return TenderFacts(method, rule, _criteria(text, spans), tuple(spans))


def _criteria(text: str, spans: list[tuple[int, int]]) -> tuple[Criterion, ...]:
    found: dict[str, float] = {}
    for m in CRITERION.finditer(text):
        item = _ITEMS.get(m.group(1).lower(), m.group(1))
        found.setdefault(item, float(m.group(2)))
        spans.append(m.span())
    for m in CRITERION_AFTER.finditer(text):
        found.setdefault(_ITEMS[m.group(2).lower()], float(m.group(1)))
        spans.append(m.span())
    if len(found) < 2:
        return ()
    return tuple(Criterion(k, v) for k, v in found.items())


def control_points(text: str, facts: TenderFacts) -> list[tuple[ControlKey, ControlState, tuple[int, int]]]:
    """Evidence about the six control points: knowing tender facts secures them; cues say the rest."""
    out: dict[str, tuple[ControlKey, ControlState, tuple[int, int]]] = {}
    for key, state, pattern in CONTROL_CUES:
        m = pattern.search(text)
        if m and key not in out:
            out[key] = (key, state, m.span())
    known: tuple[tuple[ControlKey, bool], ...] = (
        ("award_method", facts.method is not None), ("award_rule", facts.rule is not None),
        ("evaluation_criteria", bool(facts.criteria)))
    for key, ok in known:
        if ok and key not in out:
            out[key] = (key, "secured", facts.span_of(key))
    return list(out.values())
