"""The demo's scripted conversation: what a rep would type in their first minute with Rapport."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import time
from typing import NamedTuple

DEMO_REP = "U0DEMOREP1"
DEMO_REPS = (DEMO_REP, "U0DEMOREP2", "U0DEMOMGR1")
DEMO_PRESALES = "U0DEMOPRE1"  # 孙工, the presales engineer of sandbox/demo-presales-rules.toml's queue
DEMO_QUEUE = "#presales-east"  # that queue's channel


class Later(NamedTuple):
    """A moment later in the story, in the rep's zone: so many days from today, at a local time."""

    days: int
    at: time


@dataclass(frozen=True)
class Step:
    """One turn: say a text, press a button by its label, or submit the open dialog; or look into a channel."""

    text: str | None = None
    press: str | None = None
    submit: bool = False
    note: str | None = None
    morning: bool = False  # the worker ticks at 08:31 tomorrow, in the rep's zone
    monday: bool = False  # the worker ticks at 08:31 on the coming Monday; the manager's DM is shown
    evening: bool = False  # the worker ticks a minute after RAPPORT_PITCH_EVENING tomorrow, in the rep's zone
    later: Later | None = None  # the rep acts then: the bot's clock reads it for the step
    channel: str | None = None  # shows the channel's latest card (pressing `press` on it first); the rep's DM else
    by: str = DEMO_REP  # who presses, in `channel`


SCRIPT: tuple[Step, ...] = (
    Step(note="A rep logs a visit in Chinese: a new contact with a title, a reporting line, a lunar birthday.",
         text="今天在北辰银行见了架构处新来的副处长钱亮，他向何静汇报，对分布式数据库很感兴趣，态度积极。生日是农历八月初三。"),
    Step(press="确认"),
    Step(note="Two people at the bank are called 张伟: Rapport asks which one, never guesses.",
         text="下午和北辰银行的张伟通了电话，他说核心系统分布式改造的评审专家名单下周定。"),
    Step(press="首席架构师"),
    Step(press="确认"),
    Step(note="A pinyin spelling finds 陈思远; a shopping card is left out of the record, with the reason shown.",
         text="昨天和北辰银行的 Siyuan Chen 吃了午饭，他很支持我们的方案。顺便送了他一张购物卡。"),
    Step(press="确认"),
    Step(note="Tender facts go to a deal: Rapport asks which of the bank's open deals, then records the control "
              "points, the presales request and the next meeting.",
         text="电话联系了北辰银行的孙立新，核心系统项目公开招标，评分办法：技术50分，价格30分，商务20分，综合评分法。"
              "需要售前下周二前做一场产品演示，下周四上午十点再去拜访他。"),
    Step(press="核心系统"),
    Step(press="确认"),
    Step(note="The account at a glance: key people by influence, how departments relate, the gaps.",
         text="/rapport account 北辰银行"),
    Step(note="What to do there this week, each action with who, why and how.",
         text="/rapport plan 北辰银行"),
    Step(note="The relationship map as a picture: the org chart with stance, importance and influence.",
         text="/rapport graph 北辰银行"),
    Step(note="And one deal's decision chain, by role, with the gaps marked.",
         text="/rapport chain 核心系统"),
    Step(note="The bank's past projects, newest first: who was in the chain, how each was tendered, who won at "
              "what price and why — what the deal card infers tender rules from and the score learns from.",
         text="/rapport history 北辰银行"),
    Step(note="The deal at a glance: the six control points (tender rules inferred from the bank's past tenders "
              "when unknown), health with its reasons, the win probability learnt from the workspace's closed "
              "deals and the factors behind it, what is next.",
         text="/rapport deal 数据中台"),
    Step(note="English works too, for the English-speaking account.",
         text="Met Priya Nair, Head of IT at Fabrikam, yesterday. She backs our proposal and reports to COO Mark Evans."),
    Step(press="确认"),
    Step(note="Yesterday 王建国, the decision maker of the core-system deal, heard two points at our lab; the one "
              "that is in the team's pitch library (loaded with the demo: a pitch per role) counts as heard by him.",
         text="昨天陪北辰银行的王建国参观了我们的信创实验室，讲了两个优势：分批切换随时可回退、同业10家上线案例。"),
    Step(press="确认"),
    Step(note="A call sets up a meeting the day after tomorrow at 10:00 with him and 沈丽华, the deal's economic buyer.",
         text="刚和北辰银行的王建国通了电话，约好后天上午十点去拜访他和沈丽华。"),
    Step(press="确认"),
    Step(note="The next morning at 08:30 the worker delivers the rep's day: the digest, keep-in-touch reminders "
              "and a birthday greeting drafted three days ahead for 陈思远 (CIO), in his honorific.",
         morning=True),
    Step(note="Mark sent logs the greeting as a touch, so the trust ladder's frequency counts it.", press="已发送"),
    Step(note="The same tick routed the product demo the rep asked for on the core-system call: 北辰银行 is a bank "
              "in 华东, so rule 1 of the demo's rules file (sandbox/demo-presales-rules.toml) sends it to "
              "#presales-east, proposed to 孙工 (U0DEMOPRE1), the presales engineer. Its card there carries what he "
              "needs: the deal and its stage, the decision chain, what the customer cares about, the day it is needed.",
         channel=DEMO_QUEUE),
    Step(note="At 09:10 孙工 presses 接下 on the card: it shows who has the request, and the rep hears of it in "
              "the request's thread.", press="接下", by=DEMO_PRESALES, channel=DEMO_QUEUE, later=Later(1, time(9, 10))),
    Step(note="At 18:00 that evening, the evening before the meeting, the worker brings its pitch card: each "
              "person's role, stance and last touch, the pitch for their role from the team's library with the points "
              "they have not heard first, and the open control points they can move.", evening=True),
    Step(note="After the meeting the rep presses 我讲过这些了: each point counts as heard by the person it was shown "
              "for, so the next card puts it last.", press="我讲过这些了", later=Later(2, time(11, 0))),
    Step(note="On Monday at 08:30 the reps' manager gets the team's pipeline by stage and health, with the chart "
              "as a PNG in the thread.", monday=True),
)
