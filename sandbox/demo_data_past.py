"""The Chinese demo world's past projects: 北辰银行's tenders of the last five years and three more accounts.

They give the deal card's score a history to learn from (see demo_data_history.py) and `/rapport history
北辰银行` its past tenders. No name here contains 数据中台, 核心系统 or 信创云桌面: the demo looks its
open deals up by those words.
"""

from __future__ import annotations

from datetime import date

from sandbox.demo_data_history import PastPerson, PastPlan, Words, past_account, past_projects
from sandbox.demo_data_types import DemoAccount, DemoDeal

WE = "我方"  # how the bank's history names our own company as the winner
LEAD_SOURCE = "商机来源"

ZH = Words(
    we=WE, lead_key=LEAD_SOURCE, leads=("老客户复购", "高层拜访", "渠道推荐", "招标公告"),
    criteria=("技术方案", "价格", "实施与服务"),
    evidence={
        "exchange_time.secured": "立项前已与技术部门做过三轮方案交流",
        "exchange_time.lost": "{rival}先于我们做了技术交流",
        "budget_input.secured": "预算按我方估算编制",
        "budget_input.lost": "预算参考了{rival}的报价",
        "rfp_input.secured": "招标文件技术章节采纳了我方建议",
        "rfp_input.lost": "技术参数按{rival}的产品编写",
        "evaluation_criteria.lost": "评分标准偏向{rival}",
        "award_rule.lost": "中标规则由{rival}推动确定",
    },
    won={"comprehensive_score": "中标价 {price}；综合评分第一，技术方案得分领先",
         "lowest_price": "中标价 {price}；技术响应全部满足，报价最低",
         "none": "单一来源采购，成交价 {price}，延续既有系统"},
    lost={"price": "{rival}以 {price} 低价中标，我方价格分落后",
          "rules": "{rival}中标（{price}）；评分标准按其产品编写，技术分落后",
          "decision_maker": "{rival}中标（{price}）；拍板人倾向对方方案",
          "score": "{rival}中标（{price}）；综合评分第二"},
    money="¥{amount:,.0f}",
)

BEICHEN_PLAN = PastPlan(
    projects=(("网点智能柜台", 2_600_000), ("反洗钱监测系统", 3_200_000), ("手机银行4.0", 5_800_000),
              ("统一身份认证平台", 1_500_000), ("同城灾备中心建设", 9_600_000), ("信贷管理系统升级", 4_300_000),
              ("数据仓库迁移", 3_900_000), ("开放银行API平台", 2_200_000), ("智能运维平台", 1_900_000),
              ("电子渠道安全加固", 1_200_000), ("远程银行坐席系统", 2_800_000)),
    currency="CNY", rivals=("恒联软件", "云启数科", "星图数据"),
    methods=("open_tender",) * 5 + ("invited_tender",) * 2 + ("competitive_consultation", "single_source"),
    roles={"decision_maker": ("王建国", "陈思远", "林涛"), "economic_buyer": ("沈丽华", "刘芳", "朱晓梅"),
           "technical_buyer": ("何静", "唐晓琳", "邓超", "张伟（架构处）"),
           "user_buyer": ("宋雨", "罗晶", "胡海", "曹磊"),  # one 张伟 per chain: the other is a technical buyer
           "influencer": ("郭明", "黄志强", "韩冰", "许嘉文"), "coach": ("郑可", "许嘉文", "宋雨"),
           "procurement": ("孙立新", "赵敏", "吴佳")},
    lean=0.7, span=(1820, 380), seed=101, technical=(50, 50, 60, 40),
)


def beichen_past(today: date) -> tuple[DemoDeal, ...]:
    """北辰银行's closed projects before 信创云桌面, oldest first."""
    return past_projects(BEICHEN_PLAN, ZH, today)


def _p(name: str, title: str, department: str, importance: int, stance: str, roles: str,
       boss: str | None = None) -> PastPerson:
    return PastPerson(name, title, department, importance, stance, tuple(roles.split()), boss)


JIANGNAN = (
    _p("钱国栋", "副行长", "行领导", 5, "supporter", "decision_maker"),
    _p("蔡文", "信息科技部总经理", "信息科技部", 4, "supporter", "decision_maker technical_buyer", "钱国栋"),
    _p("梁晓", "财务部总经理", "财务部", 4, "neutral", "economic_buyer", "钱国栋"),
    _p("冯凯", "开发处处长", "信息科技部", 3, "supporter", "user_buyer coach technical_buyer", "蔡文"),
    _p("曾志远", "风险管理部总经理", "风险管理部", 3, "opponent", "influencer", "钱国栋"),
    _p("袁媛", "采购中心主任", "采购中心", 3, "neutral", "procurement", "梁晓"),
)

HUAXING = (
    _p("高峰", "首席信息官", "公司领导", 5, "neutral", "decision_maker"),
    _p("邱敏", "财务总监", "财务部", 4, "neutral", "economic_buyer", "高峰"),
    _p("魏然", "信息技术部总经理", "信息技术部", 4, "opponent", "technical_buyer decision_maker", "高峰"),
    _p("潘磊", "经纪业务部副总经理", "经纪业务部", 3, "supporter", "user_buyer", "高峰"),
    _p("段晓", "运维主管", "信息技术部", 2, "supporter", "coach user_buyer", "魏然"),
    _p("石勇", "合规总监", "合规部", 3, "neutral", "influencer", "高峰"),
    _p("姚丽", "集中采购部经理", "集中采购部", 3, "neutral", "procurement", "邱敏"),
)

ANTAI = (
    _p("董立", "总经理", "公司领导", 5, "neutral", "decision_maker"),
    _p("任佳", "信息技术部总监", "信息技术部", 4, "supporter", "decision_maker technical_buyer", "董立"),
    _p("陆海", "财务部负责人", "财务部", 4, "unknown", "economic_buyer", "董立"),
    _p("金鑫", "核心业务系统负责人", "信息技术部", 3, "supporter", "technical_buyer coach", "任佳"),
    _p("方舟", "运营部总经理", "运营部", 3, "neutral", "user_buyer influencer", "董立"),
    _p("崔莉", "采购经理", "采购部", 3, "neutral", "procurement", "陆海"),
)

_PLANS = (
    ("江南农商银行", ("江南农商行", "Jiangnan Rural Bank"), "银行", "华东", JIANGNAN, PastPlan(
        (("柜面系统国产化改造", 1_800_000), ("移动展业平台", 900_000), ("信贷风控模型平台", 1_400_000),
         ("企业网银升级", 1_100_000), ("监管报送平台", 800_000), ("运维监控一体化", 700_000)),
        "CNY", ("恒联软件", "云启数科"), ("open_tender", "open_tender", "competitive_consultation", "inquiry"),
        lean=0.3, span=(1500, 120), seed=202)),
    ("华兴证券", ("华兴", "Huaxing Securities"), "证券", "华南", HUAXING, PastPlan(
        (("集中交易系统扩容", 4_500_000), ("两融风控系统", 2_100_000), ("智能投顾平台", 1_600_000),
         ("行情中心改造", 2_400_000), ("机构客户CRM", 1_300_000), ("异地灾备演练平台", 1_700_000)),
        "CNY", ("恒联软件", "金证融科"), ("open_tender", "competitive_negotiation", "competitive_negotiation",
                                      "inquiry"),
        lean=-0.7, span=(1600, 90), seed=303)),
    ("安泰人寿", ("安泰", "Antai Life"), "保险", "华北", ANTAI, PastPlan(
        (("核保规则引擎", 1_900_000), ("保单服务小程序", 800_000), ("理赔影像平台", 1_500_000),
         ("代理人展业App", 1_200_000), ("再保险管理系统", 2_300_000), ("客服中心云化", 1_700_000)),
        "CNY", ("云启数科", "星图数据"), ("open_tender", "invited_tender", "competitive_consultation",
                                      "single_source"),
        lean=0.0, span=(1400, 150), seed=404)),
)


def zh_past_accounts(today: date, owner: str) -> tuple[DemoAccount, ...]:
    """Three accounts of the Chinese world known only from their closed projects, owned by `owner`."""
    return tuple(past_account(name, aliases=aliases, industry=industry, region=region, owner=owner, people=people,
                              plan=plan, words=ZH, today=today)
                 for name, aliases, industry, region, people, plan in _PLANS)
