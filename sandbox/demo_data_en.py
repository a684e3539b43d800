"""Fabrikam: the demo's English-speaking account, a manufacturer in EMEA with one open deal and past projects."""

from __future__ import annotations

from datetime import date, timedelta

from sandbox.demo_data_past_en import LEAD_SOURCE, fabrikam_past
from sandbox.demo_data_types import (
    DemoAccount,
    DemoContact,
    DemoDeal,
    DemoDepartment,
    DemoDepartmentLink,
    DemoInteraction,
    DemoLink,
    DemoMember,
    DemoProposition,
)

FABRIKAM = "Fabrikam"
MES_DEAL = "MES cloud migration"

DEPARTMENTS = (
    DemoDepartment("Executive Board"),
    DemoDepartment("IT", "Executive Board"), DemoDepartment("Finance", "Executive Board"),
    DemoDepartment("Procurement", "Finance"), DemoDepartment("Plant IT", "IT"),
)

DEPARTMENT_LINKS = (
    DemoDepartmentLink("Procurement", "reviews", "IT", "IT purchases above EUR 100k go through a sourcing event"),
    DemoDepartmentLink("Finance", "budgets_for", "IT", "Capex is approved once a year, in November"),
)

CONTACTS = (
    DemoContact("Priya Nair", "Head of IT", "IT", 5, 3, "supporter", ("Priya",), "04-17"),
    DemoContact("Mark Evans", "COO", "Executive Board", 5, 2, "neutral", ("Mark",)),
    DemoContact("Sarah Whitfield", "CFO", "Finance", 4, 1, "unknown", ("Sarah",)),
    DemoContact("Tom Becker", "Procurement Manager", "Procurement", 3, 2, "neutral", ("Tom", "Thomas Becker")),
    DemoContact("Lena Fischer", "Plant IT Lead, Stuttgart", "Plant IT", 3, 4, "supporter", ("Lena",), "10-03"),
    DemoContact("Daniel Okafor", "Enterprise Architect", "IT", 3, 2, "opponent", ("Dan", "Daniel")),
)

LINKS = (
    DemoLink("Priya Nair", "reports_to", "Mark Evans", 5),
    DemoLink("Lena Fischer", "reports_to", "Priya Nair", 5),
    DemoLink("Daniel Okafor", "reports_to", "Priya Nair", 5),
    DemoLink("Tom Becker", "reports_to", "Sarah Whitfield", 5),
    DemoLink("Sarah Whitfield", "influences", "Mark Evans", 4),
    DemoLink("Lena Fischer", "ally", "Priya Nair", 4),
    DemoLink("Tom Becker", "knows", "Lena Fischer", 2),
)

CHAIN = (
    DemoMember("Mark Evans", "decision_maker", 5, "neutral"),
    DemoMember("Sarah Whitfield", "economic_buyer", 4, "unknown", "Mark Evans"),
    DemoMember("Priya Nair", "technical_buyer", 5, "supporter", "Mark Evans"),
    DemoMember("Daniel Okafor", "influencer", 3, "opponent", "Priya Nair"),
    DemoMember("Lena Fischer", "coach", 3, "supporter", "Mark Evans"),  # org chart: Lena reports to Priya
    DemoMember("Tom Becker", "procurement", 3, "neutral", "Sarah Whitfield"),
)

# What a plant's COO and CFO hear: cost and risk, said in under 30 seconds.
FABRIKAM_PROPOSITIONS = (
    DemoProposition("Lower cost, no downtime", ("30% lower five-year cost than extending the incumbent MES",
                                                "Zero-downtime cutover, one plant at a time",
                                                "OEE dashboard live within 8 weeks"),
                    ("decision_maker", "economic_buyer"), ("manufacturing",), ("MES",), "en"),
)

# (days from today, rep index, channel, summary, contact names, pitched)
TOUCHES: tuple[tuple[int, int, str, str, tuple[str, ...], tuple[str, ...]], ...] = (
    (-150, 1, "meeting", "Intro meeting with Priya Nair: plant systems are on-prem and end of life in 2026.",
     ("Priya Nair",), ()),
    (-110, 1, "site_visit", "Toured the Stuttgart plant with Lena Fischer; MES downtime costs them about 40 min a week.",
     ("Lena Fischer",), ("Zero-downtime cutover",)),
    (-75, 1, "online_meeting", "Architecture review with Priya and Daniel; Daniel prefers extending the incumbent.",
     ("Priya Nair", "Daniel Okafor"), ("Zero-downtime cutover", "Plant-by-plant rollout")),
    (-60, 2, "meeting", "Exec meeting with Mark Evans: wants OEE up 5 points before any cloud decision.",
     ("Mark Evans", "Priya Nair"), ("OEE dashboard in 8 weeks",)),
    (-40, 1, "email", "Sent Tom Becker our supplier onboarding pack and security questionnaire.",
     ("Tom Becker",), ()),
    (-25, 1, "call", "Lena called: budget request goes to Sarah Whitfield's November capex round.",
     ("Lena Fischer",), ()),
    (-12, 1, "online_meeting", "Proposal walkthrough with Priya Nair and Tom Becker; scoring favours TCO and references.",
     ("Priya Nair", "Tom Becker"), ("Plant-by-plant rollout",)),
    (-4, 1, "message", "Priya confirmed the shortlist: us and Contoso Systems.", ("Priya Nair",), ()),
)


def fabrikam_deal(today: date) -> DemoDeal:
    """Fabrikam's MES migration, in proposal, dated around `today`."""
    return DemoDeal(
        MES_DEAL, 850_000, "EUR", "proposal", CHAIN, "competitive_negotiation", "comprehensive_score",
        budget_on=today + timedelta(days=45), close_on=today + timedelta(days=90), competitors=("Contoso Systems",),
        evaluation_criteria=({"item": "Total cost of ownership", "weight": 40}, {"item": "Solution", "weight": 40},
                             {"item": "References", "weight": 20}),
        custom=((LEAD_SOURCE, "partner referral"),),
    )


def fabrikam(today: date, reps: tuple[str, ...]) -> DemoAccount:
    """Fabrikam with six contacts, one open deal, its past projects and a few English logs by `reps`."""
    touches = tuple(
        DemoInteraction(reps[r % len(reps)], today + timedelta(days=n), ch, text, who, MES_DEAL, pitched)
        for n, r, ch, text, who, pitched in TOUCHES
    )
    return DemoAccount(
        name=FABRIKAM, aliases=("Fabrikam Inc.", "Fabrikam GmbH"), industry="manufacturing", region="EMEA",
        owner=reps[1 % len(reps)], departments=DEPARTMENTS, department_links=DEPARTMENT_LINKS, contacts=CONTACTS,
        links=LINKS, deals=(*fabrikam_past(today), fabrikam_deal(today)), interactions=touches,
    )
