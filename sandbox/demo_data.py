"""The demo data set `rapport demo` loads: 北辰银行, a large Chinese bank, and Fabrikam, an English-speaking one,
with five years of closed projects there and at five more accounts for the score to learn from.

Pure data: dates are relative to the `today` passed in, and the year of interactions and the past projects
come from seeded random generators, so the same `today` and reps always give the same world.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

from sandbox.demo_data_en import FABRIKAM_PROPOSITIONS, fabrikam
from sandbox.demo_data_log import CORE_DEAL, DATA_DEAL, DESKTOP_DEAL, beichen_interactions
from sandbox.demo_data_past import LEAD_SOURCE, WE, beichen_past, zh_past_accounts
from sandbox.demo_data_past_en import en_past_accounts
from sandbox.demo_data_types import (
    DemoAccount,
    DemoContact,
    DemoDeal,
    DemoDepartment,
    DemoDepartmentLink,
    DemoLink,
    DemoMember,
    DemoProposition,
)

DEMO_ACCOUNT_NAME = "北辰银行"
DEMO_REPS = ("U_DEMO_REP", "U_DEMO_REP2", "U_DEMO_MGR")

D, C, L, M = DemoDepartment, DemoContact, DemoLink, DemoMember

DEPARTMENTS = (
    D("行领导"),
    D("总行办公室", "行领导"), D("信息科技部", "行领导"), D("财务部", "行领导"), D("采购部", "行领导"),
    D("风险管理部", "行领导"), D("法律合规部", "行领导"), D("零售银行部", "行领导"), D("运营管理部", "行领导"),
    D("架构处", "信息科技部"), D("运维处", "信息科技部"), D("安全处", "信息科技部"),
    D("数据管理处", "信息科技部"), D("项目管理办公室", "信息科技部"),
)

DEPARTMENT_LINKS = (
    DemoDepartmentLink("采购部", "reviews", "信息科技部", "信息科技类采购超过50万须经采购部评审"),
    DemoDepartmentLink("财务部", "budgets_for", "信息科技部", "年度科技预算由财务部每年10月核定"),
    DemoDepartmentLink("风险管理部", "reviews", "信息科技部", "新系统上线前做操作风险评估"),
    DemoDepartmentLink("法律合规部", "reviews", "采购部", "合同条款与供应商准入的合规审查"),
    DemoDepartmentLink("信息科技部", "serves", "零售银行部", "零售银行部是数据中台的主要需求方"),
    DemoDepartmentLink("财务部", "budgets_for", "零售银行部", "数字化营销预算单列"),
)

CONTACTS = (
    C("周振华", "行长", "行领导", 5, 1, "neutral", ("Zhou Zhenhua", "周行")),
    C("王建国", "副行长（分管信息科技）", "行领导", 5, 2, "neutral", ("Wang Jianguo", "王行"), "03-12"),
    C("沈丽华", "副行长（分管财务、采购）", "行领导", 5, 1, "unknown", ("Shen Lihua", "沈行")),
    C("顾一鸣", "总行办公室主任", "总行办公室", 3, 2, "supporter", ("Gu Yiming",)),
    C("陈思远", "信息科技部总经理（CIO）", "信息科技部", 5, 3, "supporter",
      ("Chen Siyuan", "Steven Chen", "陈总"), "09-02"),
    C("林涛", "信息科技部副总经理", "信息科技部", 4, 3, "supporter", ("Lin Tao", "林总"), "05-20", True),
    C("郭明", "信息科技部副总经理", "信息科技部", 4, 2, "opponent", ("Guo Ming", "郭总")),
    C("郑可", "项目管理办公室经理", "项目管理办公室", 3, 4, "supporter", ("Zheng Ke", "Kelly Zheng"), "03-18", True),
    C("何静", "架构处处长", "架构处", 4, 4, "supporter", ("He Jing", "Jenny He", "何处"), "11-08"),
    C("张伟", "首席架构师", "架构处", 3, 3, "neutral", ("Zhang Wei", "David Zhang"), ref="张伟（架构处）"),
    C("许嘉文", "高级架构师", "架构处", 2, 3, "supporter", ("Xu Jiawen", "Kevin Xu")),
    C("邓超", "运维处处长", "运维处", 3, 2, "neutral", ("Deng Chao", "邓处")),
    C("宋雨", "系统运维主管", "运维处", 2, 3, "supporter", ("Song Yu",), "07-26"),
    C("韩冰", "安全处处长", "安全处", 3, 1, "unknown", ("Han Bing",)),
    C("彭晓东", "安全架构师", "安全处", 2, 2, "neutral", ("Peng Xiaodong",)),
    C("唐晓琳", "数据管理处处长", "数据管理处", 4, 3, "supporter", ("Tang Xiaolin", "Lynn Tang"), "02-14"),
    C("曹磊", "数据工程师", "数据管理处", 2, 2, "neutral", ("Cao Lei",)),
    C("刘芳", "财务部总经理（财务总监）", "财务部", 4, 1, "neutral", ("Liu Fang",), "08-08", True),
    C("杨帆", "预算管理岗", "财务部", 2, 2, "neutral", ("Yang Fan",)),
    C("赵敏", "采购部总经理", "采购部", 4, 2, "neutral", ("Zhao Min", "赵总")),
    C("孙立新", "采购经理", "采购部", 3, 3, "neutral", ("Sun Lixin",)),
    C("吴佳", "采购专员", "采购部", 2, 2, "unknown", ("Wu Jia",)),
    C("黄志强", "风险管理部总经理（首席风险官）", "风险管理部", 4, 1, "opponent", ("Huang Zhiqiang",)),
    C("马骏", "操作风险处处长", "风险管理部", 2, 2, "neutral", ("Ma Jun",)),
    C("谢文", "合规经理", "法律合规部", 2, 1, "neutral", ("Xie Wen",)),
    C("朱晓梅", "零售银行部总经理", "零售银行部", 4, 2, "supporter", ("Zhu Xiaomei", "Amy Zhu"), "12-01"),
    C("张伟", "数字化产品经理", "零售银行部", 2, 2, "supporter", ("Zhang Wei",), ref="张伟（零售银行部）"),
    C("罗晶", "渠道运营处处长", "零售银行部", 2, 1, "unknown", ("Luo Jing",)),
    C("胡海", "运营管理部副总经理", "运营管理部", 3, 1, "neutral", ("Hu Hai",)),
)

_ORG_CHART = (  # (who, boss): the reporting lines of the org chart
    ("王建国", "周振华"), ("沈丽华", "周振华"), ("顾一鸣", "周振华"), ("黄志强", "周振华"), ("朱晓梅", "周振华"),
    ("陈思远", "王建国"), ("林涛", "陈思远"), ("郭明", "陈思远"), ("郑可", "陈思远"),
    ("何静", "林涛"), ("张伟（架构处）", "何静"), ("许嘉文", "何静"), ("唐晓琳", "林涛"), ("曹磊", "唐晓琳"),
    ("邓超", "郭明"), ("宋雨", "邓超"), ("韩冰", "郭明"), ("彭晓东", "韩冰"),
    ("刘芳", "沈丽华"), ("杨帆", "刘芳"), ("赵敏", "沈丽华"), ("孙立新", "赵敏"), ("吴佳", "孙立新"),
    ("胡海", "沈丽华"), ("马骏", "黄志强"), ("谢文", "黄志强"),
    ("张伟（零售银行部）", "朱晓梅"), ("罗晶", "朱晓梅"),
)

LINKS = tuple(L(who, "reports_to", boss, 5) for who, boss in _ORG_CHART) + (
    L("顾一鸣", "influences", "周振华", 4),
    L("何静", "influences", "陈思远", 4),
    L("朱晓梅", "influences", "王建国", 3),
    L("黄志强", "influences", "周振华", 4),
    L("孙立新", "influences", "赵敏", 3),
    L("张伟（零售银行部）", "influences", "唐晓琳", 2),
    L("陈思远", "ally", "朱晓梅", 4),
    L("林涛", "rival", "郭明", 4),
    L("刘芳", "knows", "陈思远", 3),
    L("许嘉文", "knows", "宋雨", 2),
    L("谢文", "knows", "孙立新", 2),
)

CORE_CHAIN = (
    M("王建国", "decision_maker", 5, "neutral"),
    M("沈丽华", "economic_buyer", 4, "unknown"),
    M("陈思远", "technical_buyer", 5, "supporter", "王建国"),
    M("郭明", "influencer", 4, "opponent", "陈思远"),
    M("何静", "coach", 3, "supporter", "陈思远"),  # org chart: 何静 reports to 林涛
    M("邓超", "user_buyer", 3, "neutral", "郭明"),
    M("孙立新", "procurement", 3, "neutral", "沈丽华"),  # org chart: via 赵敏
)

DATA_CHAIN = (
    M("陈思远", "decision_maker", 5, "supporter"),
    M("朱晓梅", "economic_buyer", 4, "supporter", "陈思远"),
    M("唐晓琳", "technical_buyer", 4, "supporter", "朱晓梅"),  # org chart: 唐晓琳 reports to 林涛
    M("张伟（零售银行部）", "user_buyer", 3, "supporter", "朱晓梅"),
    M("林涛", "influencer", 3, "supporter", "陈思远"),
    M("吴佳", "procurement", 2, "unknown", "唐晓琳"),
)

DESKTOP_CHAIN = (
    M("林涛", "decision_maker", 4, "supporter"),
    M("邓超", "technical_buyer", 3, "supporter", "林涛"),  # org chart: 邓超 reports to 郭明
    M("宋雨", "user_buyer", 2, "supporter", "邓超"),
    M("韩冰", "influencer", 3, "neutral", "林涛"),
    M("孙立新", "procurement", 3, "neutral", "林涛"),
)

# The bank's pitches, one per role a core-system deal must win over: the decision maker hears a safe, compliant
# change, the economic buyer cost and risk, the technical buyer integration. Each fits 60 seconds spoken.
PROPOSITIONS = (
    DemoProposition("核心改造稳妥可控", ("分批切换、随时可回退，改造期间业务不停", "全栈信创适配，满足监管对自主可控的要求",
                                      "18个月分三期上线，每期都有可验收的成果"),
                    ("decision_maker",), ("银行",), ("核心系统",)),
    DemoProposition("投入与风险算得清", ("五年总拥有成本比原厂方案低30%", "固定总价、按里程碑付款，超支由我方承担",
                                      "上线后三年运维费封顶，预算可预期"),
                    ("economic_buyer",), ("银行",)),
    DemoProposition("与现有系统无缝集成", ("标准接口对接行内现有的200多个系统", "两地三中心双活，同城切换30秒内完成",
                                       "迁移工具自动比对数据，90天平滑迁移"),
                    ("technical_buyer",), ("银行",), ("核心系统",)),
)


def beichen_deals(today: date) -> tuple[DemoDeal, ...]:
    """北辰银行's three deals of the story, dated around `today`: two open, one won."""

    def day(n: int) -> date:
        return today + timedelta(days=n)

    core = DemoDeal(
        CORE_DEAL, 12_000_000, "CNY", "tender", CORE_CHAIN, "open_tender", "comprehensive_score",
        budget_on=day(-150), rfp_due=day(-10), tender_on=day(21), close_on=day(60),
        competitors=("恒联软件", "云启数科"),
        evaluation_criteria=({"item": "技术方案", "weight": 50}, {"item": "价格", "weight": 30},
                             {"item": "实施与服务", "weight": 20}),
        custom=((LEAD_SOURCE, "高层拜访"),),
    )
    data = DemoDeal(
        DATA_DEAL, 3_500_000, "CNY", "proposal", DATA_CHAIN, "competitive_consultation", None,
        budget_on=day(30), close_on=day(120), competitors=("星图数据",), custom=((LEAD_SOURCE, "老客户复购"),),
    )
    desktop = DemoDeal(
        DESKTOP_DEAL, 1_800_000, "CNY", "closed_won", DESKTOP_CHAIN, "invited_tender", "comprehensive_score",
        rfp_due=day(-240), tender_on=day(-215), close_on=day(-200), competitors=("云启数科", "恒联软件"),
        evaluation_criteria=({"item": "技术方案", "weight": 40}, {"item": "价格", "weight": 40},
                             {"item": "信创适配", "weight": 20}),
        outcome="won", winner=WE, winning_price=1_760_000,
        outcome_reason="中标价 ¥1,760,000；综合评分第一，信创适配与运维响应得分领先",
        points=(("exchange_time", "secured", "林涛一行参观了我方信创适配实验室"),),
        custom=((LEAD_SOURCE, "老客户复购"),), created_on=day(-320),
    )
    return core, data, desktop


def beichen(today: date, reps: tuple[str, ...]) -> DemoAccount:
    """北辰银行 with its org chart, 29 contacts, its deals of the story and past projects, a year of touches."""
    deals = beichen_deals(today)
    # The CIO's birthday falls four days after the demo's today, so the demo's next morning drafts his greeting.
    soon = today + timedelta(days=4)
    contacts = tuple(replace(c, birthday=f"{soon.month:02d}-{soon.day:02d}", birthday_lunar=False)
                     if c.name == "陈思远" else c for c in CONTACTS)
    return DemoAccount(
        name=DEMO_ACCOUNT_NAME, aliases=("Beichen Bank", "北辰", "BCB"), industry="银行", region="华东",
        owner=reps[0], departments=DEPARTMENTS, department_links=DEPARTMENT_LINKS, contacts=contacts,
        links=LINKS, deals=beichen_past(today) + deals,
        interactions=beichen_interactions(today, reps, contacts, deals),  # touches of the story's deals only
    )


def demo_propositions() -> tuple[DemoProposition, ...]:
    """The team's pitch library: the bank's three, then Fabrikam's in English."""
    return PROPOSITIONS + FABRIKAM_PROPOSITIONS


def demo_accounts(today: date, reps: tuple[str, ...] = DEMO_REPS) -> tuple[DemoAccount, ...]:
    """The whole demo world: 北辰银行 first, then Fabrikam, then the accounts the second rep won and lost at."""
    if not reps:
        raise ValueError("the demo needs at least one rep")
    other = reps[1 % len(reps)]
    return (beichen(today, reps), fabrikam(today, reps), *zh_past_accounts(today, other),
            *en_past_accounts(today, other))
