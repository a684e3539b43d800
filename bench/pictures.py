"""Render the org chart of a 150-person account to PNG, against an empty figure of the same size as the floor."""

from __future__ import annotations

import random
import statistics
import time
from pathlib import Path

from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

from domain.entities import Contact, ContactLink
from services.pictures import org_chart_figure
from services.pictures.canvas import png

GOAL_MS = 2000.0
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗"
GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英"
TITLES = ("总经理", "副总经理", "处长", "高级经理", "架构师", "工程师", "专员", "主管")
DEPARTMENTS = ("信息科技部", "采购部", "计划财务部", "运营管理部", "风险管理部", "零售银行部", "公司银行部", "办公室")
STANCES = ("supporter", "neutral", "opponent", "unknown")


def synthetic_account(people: int = 150, seed: int = 7) -> tuple[list[Contact], list[ContactLink], dict[int, str | None]]:
    """A bank with a president, eight department heads, their managers and staff, a few loose contacts, and ties."""
    rng = random.Random(seed)
    heads = list(range(2, 10))
    managers = list(range(10, 10 + 24))
    dept = {1: "行领导", **{h: DEPARTMENTS[h - 2] for h in heads}}
    boss = {h: 1 for h in heads}
    for m in managers:
        boss[m] = heads[(m - 10) % 8]
    for p in range(34, people - 8):
        boss[p] = rng.choice(managers)
    for p, b in sorted(boss.items()):
        dept.setdefault(p, dept[b])
    for p in range(people - 8, people + 1):
        dept[p] = rng.choice(DEPARTMENTS)
    contacts = [Contact(id=i, name=rng.choice(SURNAMES) + rng.choice(GIVEN) + (rng.choice(GIVEN) if i % 3 else ""),
                        title=rng.choice(TITLES), importance=rng.randint(1, 5), stance=rng.choice(STANCES))
                for i in range(1, people + 1)]
    links = [ContactLink(id=n, from_id=p, kind="reports_to", to_id=b) for n, (p, b) in enumerate(boss.items(), 1)]
    for n in range(len(links) + 1, len(links) + 30):
        a, b = rng.sample(range(1, people + 1), 2)
        links.append(ContactLink(id=n, from_id=a, kind=rng.choice(("influences", "ally", "rival", "knows")), to_id=b))
    return contacts, links, {i: dept.get(i) for i in range(1, people + 1)}


def run(folder: Path, rounds: int = 5) -> dict[str, float]:
    """Median ms to render the 150-person org chart to PNG, and to render a blank figure of the same size."""
    contacts, links, departments = synthetic_account()
    chart_ms, blank_ms, size = [], [], (0.0, 0.0)
    for i in range(rounds):
        started = time.perf_counter()
        fig = org_chart_figure(account_name="华夏银行", contacts=contacts, links=links, departments=departments,
                               locale="zh-CN")
        data = png(fig)
        chart_ms.append((time.perf_counter() - started) * 1000)
        size = (float(fig.get_figwidth()), float(fig.get_figheight()))
        if i == 0:
            (folder / "org-chart-150.png").write_bytes(data)
        started = time.perf_counter()
        blank = Figure(figsize=size, dpi=fig.dpi)
        FigureCanvasAgg(blank)
        png(blank)
        blank_ms.append((time.perf_counter() - started) * 1000)
    chart, floor = statistics.median(chart_ms), statistics.median(blank_ms)
    return {"people": float(len(contacts)), "org_chart_png_median_ms": chart, "blank_figure_png_median_ms": floor,
            "ratio_to_blank": chart / floor, "width_in": size[0], "height_in": size[1]}
