"""The manager digest's chart: open deals per stage, each bar split by health, readable in Chinese and English."""

from __future__ import annotations

import io
import warnings

import pytest
from PIL import Image

from services.pictures import StageBar, pipeline_chart_figure, pipeline_chart_png

BARS = {
    "zh-CN": [StageBar("发现", {"green": 2, "amber": 1, "red": 0}, "加权 12,000 CNY"),
              StageBar("招投标", {"green": 0, "amber": 1, "red": 3}, "加权 2,400,000 CNY")],
    "en": [StageBar("discovery", {"green": 2, "amber": 1, "red": 0}, "weighted 12,000 USD"),
           StageBar("tender", {"green": 0, "amber": 1, "red": 3}, "weighted 2,400,000 USD")],
}


@pytest.mark.parametrize("locale", ["zh-CN", "en"])
def test_the_pipeline_chart_is_a_png_drawn_without_missing_glyphs(locale: str) -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        data = pipeline_chart_png(heading="赵敏的团队" if locale == "zh-CN" else "Team", bars=BARS[locale],
                                  locale=locale)
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    image = Image.open(io.BytesIO(data))
    assert 600 <= image.width <= 2000 and 300 <= image.height <= 2000


def test_each_stage_bar_is_split_green_amber_red_with_its_total_and_weighted_note() -> None:
    fig = pipeline_chart_figure(heading="团队销售管道", bars=BARS["zh-CN"], locale="zh-CN")
    (plot,) = [a for a in fig.axes if a.get_label() == "bars"]
    widths = [round(p.get_width()) for p in plot.patches]
    assert widths == [2, 0, 1, 1, 0, 3]  # green, amber, red segments of discovery then tender
    rows = {t.get_text(): t.get_position()[1] for t in plot.get_yticklabels()}
    assert rows["发现"] > rows["招投标"]  # the first stage on top
    assert {t.get_text() for t in plot.texts} == {"3  加权 12,000 CNY", "4  加权 2,400,000 CNY"}
    assert [t.get_text() for t in plot.get_legend().get_texts()] == ["健康", "需关注", "有风险"]


def test_a_team_without_open_deals_gets_a_chart_that_says_so() -> None:
    fig = pipeline_chart_figure(heading="Team", bars=[], locale="en")
    (canvas_ax,) = [a for a in fig.axes if a.get_label() == "chart"]
    assert "No open deals" in [t.get_text() for t in canvas_ax.texts]
