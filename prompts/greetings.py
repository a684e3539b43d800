"""Greeting drafts: a GreetingPlan rendered from prompts/templates/greetings/<locale>/<occasion>.j2."""

from __future__ import annotations

from functools import cache
from importlib import resources

from jinja2 import Environment, FunctionLoader, StrictUndefined

from domain.greetings import GreetingPlan, GreetingRequest, plan_greeting

PACKAGE = "prompts.templates.greetings"


def _source(name: str) -> str | None:
    path = resources.files(PACKAGE).joinpath(*name.split("/"))
    return path.read_text(encoding="utf-8") if path.is_file() else None


@cache
def environment() -> Environment:
    """The Jinja2 environment for greetings: package templates, StrictUndefined, no autoescape."""
    return Environment(loader=FunctionLoader(_source), undefined=StrictUndefined, autoescape=False,
                       trim_blocks=True, lstrip_blocks=True)


def _tidy(text: str) -> str:
    lines = [line.rstrip() for line in text.strip().splitlines()]
    return "\n".join(line for i, line in enumerate(lines) if line or (i and lines[i - 1]))


def render(plan: GreetingPlan) -> str:
    """The draft text for a plan: trailing spaces and repeated blank lines removed."""
    return _tidy(environment().get_template(plan.template).render(**plan.context))


def draft(request: GreetingRequest) -> tuple[GreetingPlan, str]:
    """Plan and render one greeting; store the plan's variant to pass as the next previous_variant."""
    plan = plan_greeting(request)
    return plan, render(plan)


def template_names() -> list[str]:
    """Every greeting template shipped, as "<locale>/<name>.j2"."""
    root = resources.files(PACKAGE)
    return sorted(f"{d.name}/{f.name}" for d in root.iterdir() if d.is_dir() and not d.name.startswith("_")
                  for f in d.iterdir() if f.name.endswith(".j2"))
