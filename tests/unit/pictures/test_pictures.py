"""The org chart and decision-chain pictures: legible Chinese, a legend, sensible PNGs, no overlaps."""

from __future__ import annotations

import io
import itertools
import warnings

import pytest
from PIL import Image

from bench.pictures import synthetic_account
from services.pictures import (
    cjk_family,
    decision_chain_figure,
    decision_chain_png,
    layout,
    org_chart_figure,
    org_chart_png,
)
from tests.unit.pictures import samples


def _image(data: bytes) -> Image.Image:
    """The PNG decoded, after checking its signature."""
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    image = Image.open(io.BytesIO(data))
    image.load()
    return image


def _texts(fig, label: str) -> list[str]:
    """Every string drawn on one named axes of a figure."""
    (ax,) = [a for a in fig.axes if a.get_label() == label]
    return [t.get_text() for t in ax.texts]


def test_a_pip_installed_cjk_font_is_found() -> None:
    assert cjk_family() in {"Noto Sans CJK SC", "WenQuanYi Micro Hei"}


def test_chinese_org_chart_renders_without_missing_glyphs() -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        data = org_chart_png(account_name="华夏银行", contacts=samples.contacts(), links=samples.links(),
                             departments=samples.departments(), locale="zh-CN")
    image = _image(data)
    assert 800 <= image.width <= 4000 and 500 <= image.height <= 3000
    assert 20_000 < len(data) < 2_000_000


def test_org_chart_has_a_title_people_departments_and_a_chinese_legend() -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        fig = org_chart_figure(account_name="华夏银行", contacts=samples.contacts(), links=samples.links(),
                               departments=samples.departments(), locale="zh-CN")
    chart, legend = _texts(fig, "chart"), _texts(fig, "legend")
    assert {"张伟", "李娜", "孟行长", "信息科技部", "首席技术官"} <= set(chart)
    assert any("华夏银行" in t for t in chart)
    assert {"态度", "支持", "反对", "中立", "未知", "重要性", "汇报", "影响", "盟友", "对立", "部门"} <= set(legend)


def test_english_legend_for_english_users() -> None:
    fig = org_chart_figure(account_name="Acme", contacts=samples.contacts(), links=samples.links(),
                           departments=samples.departments(), locale="en")
    assert {"supporter", "opponent", "influences", "ally", "rival"} <= set(_texts(fig, "legend"))


def test_chain_picture_marks_roles_gaps_and_lines() -> None:
    members, missing = samples.chain()
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        data = decision_chain_png(deal_name="核心系统升级", members=members, missing_roles=missing, locale="zh-CN")
        fig = decision_chain_figure(deal_name="核心系统升级", members=members, missing_roles=missing,
                                    locale="zh-CN")
    image = _image(data)
    assert image.width >= 1000 and image.height >= 400
    chart = _texts(fig, "chart")
    assert {"拍板人", "技术把关者", "采购", "缺：教练（内线）", "缺：使用部门", "孟行长"} <= set(chart)
    assert {"支持", "反对", "影响力", "项目内汇报", "角色尚未找到"} <= set(_texts(fig, "legend"))


@pytest.mark.parametrize("locale", ["zh-CN", "en"])
def test_an_empty_account_says_no_people_yet(locale: str) -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        fig = org_chart_figure(account_name="新客户", contacts=[], links=[], departments={}, locale=locale)
        data = org_chart_png(account_name="新客户", contacts=[], links=[], departments={}, locale=locale)
    assert _image(data).width > 500
    assert {"暂无人员", "No people yet"} & set(_texts(fig, "chart"))
    assert _texts(fig, "legend")


def test_an_empty_chain_says_no_people_yet() -> None:
    fig = decision_chain_figure(deal_name="X", members=[], missing_roles=[], locale="en")
    assert "No people yet" in _texts(fig, "chart")


def test_links_to_unknown_people_and_reporting_cycles_do_not_break_the_picture() -> None:
    people = samples.contacts()[:3]
    links = [*samples.links(), *(samples.links()[0].__class__(id=90 + n, from_id=a, kind="reports_to", to_id=b)
                                 for n, (a, b) in enumerate([(1, 3), (3, 99), (2, 2)]))]
    assert _image(org_chart_png(account_name="环", contacts=people, links=links, departments={}, locale="zh-CN"))


def test_150_people_lay_out_without_overlapping() -> None:
    contacts, links, departments = synthetic_account(150)
    managers = {link.from_id: link.to_id for link in links if link.kind == "reports_to"}
    placed = layout.arrange([c.id for c in contacts], managers, lambda i: departments.get(i) or "")
    assert len(placed.pos) == 150
    for (a, (xa, ya)), (b, (xb, yb)) in itertools.combinations(placed.pos.items(), 2):
        # a node with its label is about 1.6 in wide and 0.5 in tall: no two may share that space
        assert abs(xa - xb) >= layout.SLOT_W * 0.8 or abs(ya - yb) >= layout.STACK_H * 0.95, (a, b)
    assert placed.width < 60 and placed.height < 40


def test_every_report_sits_below_their_manager() -> None:
    contacts, links, departments = synthetic_account(60, seed=3)
    managers = {link.from_id: link.to_id for link in links if link.kind == "reports_to"}
    placed = layout.arrange([c.id for c in contacts], managers, lambda i: departments.get(i) or "")
    assert all(placed.pos[p][1] > placed.pos[m][1] for p, m in placed.manager.items())


def test_cycles_in_reporting_lines_are_cut() -> None:
    assert layout.acyclic({1: 2, 2: 3, 3: 1, 4: 1}) in ({1: 2, 2: 3, 4: 1}, {2: 3, 3: 1, 4: 1}, {1: 2, 3: 1, 4: 1})


def test_the_guard_catches_a_font_without_chinese(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("services.pictures.canvas.font_families", lambda: ["DejaVu Sans"])
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        with pytest.raises(UserWarning, match="missing from font"):
            org_chart_png(account_name="华夏银行", contacts=samples.contacts(), links=samples.links(),
                          departments=samples.departments(), locale="zh-CN")
