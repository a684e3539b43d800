"""A year of touches at 北辰银行: hand-written milestones plus a seeded, reproducible weekly rhythm.

Summaries are what a compliant log keeps: who, what was discussed, what comes next. Nothing about gifts,
cash, cards or favours appears here, as Rapport would refuse to store it.
"""

from __future__ import annotations

import random
from datetime import date, timedelta

from sandbox.demo_data_types import DemoContact, DemoDeal, DemoInteraction

SEED = 20240917  # fixed: the same `today` and reps always give the same year
CORE_DEAL, DATA_DEAL, DESKTOP_DEAL = "核心系统分布式改造", "数据中台二期", "信创云桌面"

CHANNEL_WEIGHTS = {
    "meeting": 24, "call": 20, "online_meeting": 12, "message": 18, "email": 10, "meal": 7, "event": 4,
    "site_visit": 3,
}

GENERAL = {
    "meeting": ("拜访{a}，了解行内今年科技规划的最新进展。", "与{a}当面交流分布式架构的演进路线，对方关注平滑迁移。",
                "和{a}沟通下季度技术交流的安排，对方希望多讲同业案例。", "拜访{a}，交流同业在信创方面的进展。"),
    "call": ("电话跟进{a}，确认下周交流的时间与参会人。", "{a}来电咨询智能运维平台的功能，已安排同事跟进。",
             "与{a}通话，了解部门近期的重点工作。"),
    "online_meeting": ("线上会议为{a}团队讲解容灾演练方案，参会约8人。", "与{a}线上对齐下月技术沙龙的议题。"),
    "message": ("给{a}发了同业数字化转型白皮书，对方回复会转给团队。", "{a}微信确认收到会议纪要。",
                "节日给{a}发了问候消息，对方回复感谢。"),
    "email": ("邮件发送会议纪要给{a}，抄送项目组。", "给{a}发送产品资质文件与案例清单。"),
    "meal": ("与{a}工作午餐，聊了行里数字化转型的思路。", "和{a}在行内食堂简餐，听对方介绍部门分工调整。"),
    "event": ("邀请{a}参加行业沙龙《银行核心系统分布式转型》。", "{a}出席我方举办的信创生态大会。"),
    "site_visit": ("陪同{a}参观我方研发中心，演示智能运维平台。",),
}

DEAL_SCENES = {
    CORE_DEAL: (
        ("meeting", "拜访{a}，沟通{deal}的需求范围，对方关注双活与迁移风险。"),
        ("online_meeting", "与{a}线上评审{deal}技术方案，记录四条修改意见。"),
        ("call", "电话跟进{a}，了解{deal}评审小组的组成。"),
        ("meeting", "向{a}汇报{deal}的实施方法论，对方认可分批切换的思路。"),
        ("email", "给{a}发送{deal}的同业案例与性能测试报告。"),
        ("message", "{a}微信提醒{deal}答疑的截止时间。"),
    ),
    DATA_DEAL: (
        ("meeting", "与{a}梳理{deal}的业务场景，重点是客户360视图。"),
        ("online_meeting", "为{a}演示实时营销引擎，讨论{deal}的数据口径。"),
        ("call", "电话确认{a}对{deal}方案初稿的意见。"),
        ("email", "给{a}发送{deal}建设方案初稿。"),
    ),
    DESKTOP_DEAL: (
        ("meeting", "与{a}讨论{deal}的国产化终端适配清单。"),
        ("online_meeting", "为{a}团队远程演示{deal}的运维管理台。"),
        ("call", "电话跟进{a}，确认{deal}测试环境的准备情况。"),
    ),
}

PITCHES = {
    CORE_DEAL: ("两地三中心双活", "90天平滑迁移", "同业10家上线案例"),
    DATA_DEAL: ("客户360视图", "实时营销引擎", "数据资产目录"),
    DESKTOP_DEAL: ("信创全栈适配", "7×24本地运维响应"),
}

DEAL_WINDOWS = {CORE_DEAL: (-330, 0), DATA_DEAL: (-150, 0), DESKTOP_DEAL: (-364, -200)}  # days from today
BACK_OFFICE = frozenset({"财务部", "采购部", "风险管理部", "法律合规部", "零售银行部", "运营管理部"})

# (days from today, rep index, channel, summary, contact keys, deal, pitched)
MILESTONES: tuple[tuple[int, int, str, str, tuple[str, ...], str | None, tuple[str, ...]], ...] = (
    (-330, 2, "meeting", "年度高层拜访：王建国副行长介绍三年科技规划，核心系统分布式改造列为重点。",
     ("王建国", "陈思远"), CORE_DEAL, ()),
    (-300, 0, "site_visit", "陪同林涛一行参观我方信创适配实验室，演示云桌面方案。",
     ("林涛", "邓超", "宋雨"), DESKTOP_DEAL, ("信创全栈适配", "7×24本地运维响应")),
    (-240, 1, "email", "收到信创云桌面邀请招标文件，已提交报名材料。", ("孙立新",), DESKTOP_DEAL, ()),
    (-215, 0, "meeting", "信创云桌面开标，我方讲标，评委提问集中在国产芯片兼容性。",
     ("林涛", "孙立新", "韩冰"), DESKTOP_DEAL, ("信创全栈适配",)),
    (-200, 0, "call", "林涛来电告知信创云桌面中标，中标价176万元。", ("林涛",), DESKTOP_DEAL, ()),
    (-170, 0, "meeting", "云桌面项目启动会，明确分三批上线的计划。", ("邓超", "宋雨", "郑可"), None, ()),
    (-150, 0, "meeting", "陈思远请我们提供核心改造的预算估算作参考，约定两周内提交。",
     ("陈思远",), CORE_DEAL, ("同业10家上线案例",)),
    (-120, 2, "event", "陈思远、何静出席我方金融科技峰会，何静在圆桌分享分布式架构实践。",
     ("陈思远", "何静"), CORE_DEAL, ()),
    (-90, 0, "online_meeting", "与架构处评审RFP技术章节初稿，何静采纳了我们关于双活容灾的建议。",
     ("何静", "张伟（架构处）", "许嘉文"), CORE_DEAL, ("两地三中心双活",)),
    (-60, 1, "meeting", "朱晓梅提出数据中台二期需求：客户360视图与实时营销。",
     ("朱晓梅", "唐晓琳", "张伟（零售银行部）"), DATA_DEAL, ("客户360视图",)),
    (-45, 2, "site_visit", "王建国副行长带队考察我方在某城商行的核心系统上线案例。",
     ("王建国", "陈思远", "何静"), CORE_DEAL, ("两地三中心双活", "90天平滑迁移")),
    (-10, 1, "email", "收到核心系统分布式改造招标文件，评分办法：技术50、价格30、服务20。",
     ("孙立新",), CORE_DEAL, ()),
    (-5, 0, "meeting", "拜访郭明，对迁移风险仍有顾虑，倾向原厂方案；约定安排专家交流。",
     ("郭明",), CORE_DEAL, ("90天平滑迁移",)),
    (-3, 0, "message", "郑可提醒投标文件需加盖骑缝章，并告知了开标时间。", ("郑可",), CORE_DEAL, ()),
)


def beichen_interactions(today: date, reps: tuple[str, ...], contacts: tuple[DemoContact, ...],
                         deals: tuple[DemoDeal, ...]) -> tuple[DemoInteraction, ...]:
    """Milestones plus two to four touches a week over the year before `today`, oldest first."""
    rng = random.Random(SEED)
    fixed = [
        DemoInteraction(_rep(reps, r), _weekday(today + timedelta(days=n)), ch, text, who, deal, pitched)
        for n, r, ch, text, who, deal, pitched in MILESTONES
    ]
    generated = [
        _touch(rng, day, today, reps, contacts, deals)
        for week in range(52)
        for day in _days_of_week(rng, today - timedelta(days=364 - 7 * week), today)
    ]
    return tuple(sorted(fixed + generated, key=lambda i: i.occurred_on))


def _rep(reps: tuple[str, ...], index: int) -> str:
    return reps[index % len(reps)]


def _days_of_week(rng: random.Random, start: date, today: date) -> list[date]:
    days = [_weekday(start + timedelta(days=rng.randint(0, 4))) for _ in range(rng.choice((2, 2, 3, 3, 4)))]
    return sorted(d for d in days if d < today)


def _weekday(day: date) -> date:
    return day - timedelta(days=max(0, day.weekday() - 4))


def _touch(rng: random.Random, day: date, today: date, reps: tuple[str, ...],
           contacts: tuple[DemoContact, ...], deals: tuple[DemoDeal, ...]) -> DemoInteraction:
    contact = rng.choices(contacts, weights=[c.importance + 2 * c.closeness for c in contacts])[0]
    deal = _deal_for(rng, contact, day, today, deals)
    if deal is not None:
        channel, template = rng.choice(DEAL_SCENES[deal])
    else:
        channel = rng.choices(list(CHANNEL_WEIGHTS), weights=list(CHANNEL_WEIGHTS.values()))[0]
        template = rng.choice(GENERAL[channel])
    who = (contact.key, *_companions(rng, contact, contacts, channel))
    pitched: tuple[str, ...] = ()
    if deal is not None and channel in ("meeting", "online_meeting") and rng.random() < 0.5:
        pitched = tuple(rng.sample(PITCHES[deal], 2 if rng.random() < 0.3 else 1))
    summary = template.format(a="、".join(_display(k, contacts) for k in who), deal=deal)
    return DemoInteraction(_pick_rep(rng, contact, reps), day, channel, summary, who, deal, pitched)


def _deal_for(rng: random.Random, contact: DemoContact, day: date, today: date,
              deals: tuple[DemoDeal, ...]) -> str | None:
    open_deals = [
        d.name for d in deals
        if any(m.contact == contact.key for m in d.chain)
        and today + timedelta(days=DEAL_WINDOWS[d.name][0]) <= day <= today + timedelta(days=DEAL_WINDOWS[d.name][1])
    ]
    return rng.choice(open_deals) if open_deals and rng.random() < 0.6 else None


def _companions(rng: random.Random, contact: DemoContact, contacts: tuple[DemoContact, ...],
                channel: str) -> tuple[str, ...]:
    if channel not in ("meeting", "online_meeting", "meal", "site_visit") or rng.random() > 0.3:
        return ()
    peers = [c.key for c in contacts if c.department == contact.department and c.key != contact.key]
    return (rng.choice(peers),) if peers else ()


def _display(key: str, contacts: tuple[DemoContact, ...]) -> str:
    return next(c.name for c in contacts if c.key == key)


def _pick_rep(rng: random.Random, contact: DemoContact, reps: tuple[str, ...]) -> str:
    if contact.importance == 5 and rng.random() < 0.5:
        return _rep(reps, 2)
    second = 0.6 if contact.department in BACK_OFFICE else 0.25
    return _rep(reps, 1 if rng.random() < second else 0)
