"""Presales help the rep asks for, and the value points the rep says were pitched."""

from __future__ import annotations

import re

from domain.meeting_log import RequestType
from domain.understanding.text import sentences

REQUEST_TYPES: tuple[tuple[RequestType, re.Pattern[str]], ...] = (
    ("poc", re.compile(r"POC|PoC|概念验证|测试环境|试点|\b(?:proof of concept|pilot)\b", re.I | re.A)),
    ("demo", re.compile(r"产品演示|演示|\bdemo(?:s|nstration)?\b", re.I | re.A)),
    ("expert_talk", re.compile(r"专家讲座|技术讲座|专家交流|讲座|专家|\b(?:expert talk|guest (?:talk|lecture)|tech talk|"
                               r"subject matter expert|SME)\b", re.I | re.A)),
    ("solution_workshop", re.compile(r"方案研讨|研讨会|方案交流会|工作坊|\b(?:workshop|whiteboard(?:ing)? session|design session)\b",
                                     re.I | re.A)),
    ("executive_meeting", re.compile(r"高层会见|高层拜访|高层互访|高层见面|领导拜访|老板出面|\b(?:executive (?:meeting|sponsor|visit|"
                                     r"briefing)|exec meeting|our (?:CEO|CTO|VP|CIO|president) to meet)\b", re.I | re.A)),
    ("site_visit", re.compile(r"参观|考察|标杆客户|样板间|展厅|\b(?:site visit|reference visit|customer visit|showroom visit|"
                              r"visit (?:to )?(?:our|a reference))\b", re.I | re.A)),
    ("bid_support", re.compile(r"投标支持|标书|写标|应标|投标|\b(?:bid support|bid team|proposal writing|RFP response|"
                               r"tender response|help (?:with|on) the (?:bid|RFP|tender))\b", re.I | re.A)),
    ("brand_material", re.compile(r"资料|宣传册|彩页|案例集|案例|白皮书|画册|\b(?:brochures?|case stud(?:y|ies)|collateral|"
                                  r"datasheets?|white ?papers?|references? deck|marketing material)\b", re.I | re.A)),
)
_NEED = re.compile(r"需要|需|请|申请|麻烦|协调|安排|帮忙|希望|要求|求助|\b(?:need|needs|needed|request|requesting|require|"
                   r"please|can we get|could we get|ask(?:ing)? (?:for|presales)|arrange|set up|line up)\b", re.I | re.A)
_NOT_NEED = re.compile(r"不需要|不用|no need|don't need", re.I | re.A)

_POINTS = re.compile(
    r"(?:(?:三|两|二|四|五|3|2|4|5|几)(?:个|点)?(?:核心)?(?:优势|亮点|卖点|价值点|要点|点)|(?:优势|亮点|卖点|价值主张|价值点)|"
    r"\b(?:\w+ )?(?:points|advantages|differentiators|value props?|value propositions|messages|benefits|pillars)\b)"
    r"\s*(?:是|为|有|包括)?\s*[:：]\s*(.+)$", re.I | re.A)
_PITCH_VERB = re.compile(r"讲了|介绍了|强调了|传达了|讲解了|过了一遍|讲清楚|pitched|(?:walked|took|ran|talked) (?:[\w']+ ){1,3}?through|"
                         r"presented|covered|stressed|explained|went through|shared|landed|hit", re.I)
_SPLIT = re.compile(r"\s*(?:[,，、;；]|\band\b|以及|和(?=[^，,、]{2,}$))\s*", re.A)


def asking_sentences(text: str, kind: RequestType) -> str:
    """The sentences of a note that ask for this kind of help: what a presales engineer needs to read, without
    the rest of the rep's day (the whole note when no sentence asks on its own)."""
    asking = [text[a:b].strip() for a, b in sentences(text)
              if any(found == kind for found, _ in request_types(text[a:b]))]
    return " ".join(asking) if asking else text.strip()


def request_types(piece: str) -> list[tuple[RequestType, tuple[int, int]]]:
    """The kinds of presales help a clause asks for (only when it says something is needed)."""
    if not _NEED.search(piece) or _NOT_NEED.search(piece):
        return []
    out: list[tuple[RequestType, tuple[int, int]]] = []
    for kind, pattern in REQUEST_TYPES:
        m = pattern.search(piece)
        if m:
            out.append((kind, m.span()))
            break
    return out


def pitched_points(sentence: str) -> list[str]:
    """The value points a sentence says were delivered, as written ("our three points: a, b, c")."""
    m = _POINTS.search(sentence)
    if not m or not _PITCH_VERB.search(sentence[:m.start() + 1] or sentence):
        return []
    items = [p.strip(" .。") for p in _SPLIT.split(m.group(1)) if p and p.strip(" .。")]
    return items if len(items) >= 2 else []
