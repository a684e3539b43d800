"""The English demo world's past projects: Fabrikam's, and two accounts known only from their tenders.

See demo_data_history.py for how they are generated. No name here contains "MES cloud migration", the
open deal the English world looks up.
"""

from __future__ import annotations

from datetime import date

from sandbox.demo_data_history import PastPerson, PastPlan, Words, past_account, past_projects
from sandbox.demo_data_types import DemoAccount, DemoDeal

LEAD_SOURCE = "lead source"

EN = Words(
    we="us", lead_key=LEAD_SOURCE,
    leads=("existing customer", "executive introduction", "partner referral", "public tender notice"),
    criteria=("Technical solution", "Price", "Delivery and support"),
    evidence={
        "exchange_time.secured": "Three solution workshops with IT before the project was approved",
        "exchange_time.lost": "{rival} ran the first workshops",
        "budget_input.secured": "The budget was built on our estimate",
        "budget_input.lost": "The budget was built on {rival}'s quote",
        "rfp_input.secured": "The RFP's technical section took our recommendations",
        "rfp_input.lost": "The RFP specs were written around {rival}'s product",
        "evaluation_criteria.lost": "The scoring favoured {rival}",
        "award_rule.lost": "{rival} pushed for the award rule",
    },
    won={"comprehensive_score": "Awarded at {price}; best overall score, ahead on the technical solution",
         "lowest_price": "Awarded at {price}; fully compliant and the lowest bid",
         "none": "Single-source award at {price}, extending the system we run"},
    lost={"price": "{rival} won on price at {price}",
          "rules": "{rival} won at {price}; the scoring was written around their product",
          "decision_maker": "{rival} won at {price}; the decision maker preferred their approach",
          "score": "{rival} won at {price}; we came second on the overall score"},
    money="{currency} {amount:,.0f}",
)

FABRIKAM_PLAN = PastPlan(
    projects=(("Plant network refresh", 420_000), ("Quality analytics pilot", 180_000),
              ("ERP upgrade to S/4", 1_350_000), ("Shop-floor tablets rollout", 260_000)),
    currency="EUR", rivals=("Contoso Systems", "Litware"),
    methods=("competitive_negotiation", "invited_tender", "open_tender"),
    roles={"decision_maker": ("Mark Evans", "Priya Nair"), "economic_buyer": ("Sarah Whitfield",),
           "technical_buyer": ("Priya Nair", "Daniel Okafor"), "user_buyer": ("Lena Fischer",),
           "influencer": ("Daniel Okafor",), "coach": ("Lena Fischer",), "procurement": ("Tom Becker",)},
    lean=0.2, span=(1300, 420), seed=505,
)


def fabrikam_past(today: date) -> tuple[DemoDeal, ...]:
    """Fabrikam's closed projects, oldest first."""
    return past_projects(FABRIKAM_PLAN, EN, today)


def _p(name: str, title: str, department: str, importance: int, stance: str, roles: str,
       boss: str | None = None) -> PastPerson:
    return PastPerson(name, title, department, importance, stance, tuple(roles.split()), boss)


WOODGROVE = (
    _p("Helen Carter", "Chief Information Officer", "Executive Committee", 5, "supporter", "decision_maker"),
    _p("James Whitmore", "Chief Financial Officer", "Finance", 4, "neutral", "economic_buyer", "Helen Carter"),
    _p("Raj Patel", "Head of Infrastructure", "IT", 4, "supporter", "technical_buyer coach", "Helen Carter"),
    _p("Olivia Brooks", "Head of Digital Channels", "Retail Banking", 3, "neutral", "user_buyer", "Helen Carter"),
    _p("Emma Lindqvist", "Chief Risk Officer", "Risk", 3, "opponent", "influencer decision_maker", "Helen Carter"),
    _p("Chris Dunmore", "Sourcing Manager", "Procurement", 3, "neutral", "procurement", "James Whitmore"),
)

NORTHWIND = (
    _p("Michael Grant", "Chief Operating Officer", "Executive Team", 5, "neutral", "decision_maker"),
    _p("Laura Chen", "VP Technology", "Technology", 4, "supporter", "technical_buyer decision_maker", "Michael Grant"),
    _p("David Romero", "Finance Director", "Finance", 4, "unknown", "economic_buyer", "Michael Grant"),
    _p("Nina Hoffman", "Head of Store Operations", "Store Operations", 3, "supporter", "user_buyer influencer",
       "Michael Grant"),
    _p("Samir Haddad", "Solutions Architect", "Technology", 2, "supporter", "coach technical_buyer", "Laura Chen"),
    _p("Paul Avery", "Procurement Lead", "Procurement", 3, "neutral", "procurement", "David Romero"),
)

_PLANS = (
    ("Woodgrove Bank", ("Woodgrove",), "banking", "EMEA", WOODGROVE, PastPlan(
        (("Branch desktop virtualisation", 640_000), ("Payments hub upgrade", 1_100_000),
         ("Fraud analytics platform", 780_000), ("Contact centre migration", 520_000),
         ("Mainframe offload study", 240_000)),
        "EUR", ("Contoso Systems", "Litware"), ("open_tender", "open_tender", "invited_tender", "inquiry"),
        lean=0.0, span=(1500, 200), seed=606)),
    ("Northwind Traders", ("Northwind",), "retail", "North America", NORTHWIND, PastPlan(
        (("Store POS replacement", 900_000), ("Loyalty app", 350_000), ("Warehouse scanning", 410_000),
         ("E-commerce replatform", 1_250_000), ("Demand forecasting pilot", 220_000)),
        "USD", ("Contoso Systems", "Tailspin Digital"), ("competitive_negotiation", "inquiry", "invited_tender"),
        lean=-0.5, span=(1400, 100), seed=707)),
)


def en_past_accounts(today: date, owner: str) -> tuple[DemoAccount, ...]:
    """Two accounts of the English world known only from their closed projects, owned by `owner`."""
    return tuple(past_account(name, aliases=aliases, industry=industry, region=region, owner=owner, people=people,
                              plan=plan, words=EN, today=today)
                 for name, aliases, industry, region, people, plan in _PLANS)
