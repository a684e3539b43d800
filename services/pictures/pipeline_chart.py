"""A team's pipeline as a bar chart: open deals per stage, each bar split green / amber / red by health."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from matplotlib.figure import Figure
from matplotlib.ticker import MaxNLocator

from services.pictures import canvas
from services.pictures.labels import words

HEALTH_COLOURS = {"green": "#2f9e5b", "amber": "#f0a928", "red": "#d9473f"}
WIDTH, BAR_H, PLOT_TOP, PLOT_BOTTOM = 10.0, 0.62, 1.15, 0.75  # inches
PLOT_LEFT, PLOT_W = 2.0, 4.9  # the bars; the notes use the 3 inches to their right


@dataclass(frozen=True)
class StageBar:
    """One stage's bar: its name as the reader says it, deals per health colour, and a note (the weighted amount)."""

    label: str
    health: dict[str, int]
    note: str = ""


def pipeline_chart_png(*, heading: str, bars: Sequence[StageBar], locale: str) -> bytes:
    """The pipeline by stage and health as a PNG."""
    return canvas.png(pipeline_chart_figure(heading=heading, bars=bars, locale=locale))


def pipeline_chart_figure(*, heading: str, bars: Sequence[StageBar], locale: str) -> Figure:
    """The pipeline by stage and health as a matplotlib Figure: title, one stacked bar per stage, legend."""
    text = words(locale)
    total = sum(sum(b.health.values()) for b in bars)
    height = canvas.TITLE_H + PLOT_TOP + PLOT_BOTTOM + BAR_H * 1.6 * max(len(bars), 1)
    with canvas.fonts():
        fig, ax = canvas.new_figure(WIDTH, height)
        canvas.title(ax, WIDTH, height, f"{heading} · {text['pipeline']}", text["open_deals"].format(n=total))
        if not bars:
            canvas.notice(ax, WIDTH / 2, height / 2 - 0.3, text["no_deals"], "")
            return fig
        _bars(fig, height, bars, text)
    return fig


def _bars(fig: Figure, height: float, bars: Sequence[StageBar], text: dict[str, str]) -> None:
    """Horizontal stacked bars, first stage on top, with each bar's count and note at its end."""
    plot = fig.add_axes((PLOT_LEFT / WIDTH, PLOT_BOTTOM / height, PLOT_W / WIDTH, 1 - (canvas.TITLE_H + PLOT_TOP) / height
                         - PLOT_BOTTOM / height + 0.6 / height), label="bars")
    rows = list(range(len(bars)))[::-1]
    left = [0.0] * len(bars)
    for colour, fill in HEALTH_COLOURS.items():
        widths = [b.health.get(colour, 0) for b in bars]
        plot.barh(rows, widths, left=left, height=0.6, color=fill, label=text[colour])
        left = [x + w for x, w in zip(left, widths, strict=True)]
    plot.set_yticks(rows, [b.label for b in bars], fontsize=11, color=canvas.INK)
    plot.set_xlabel(text["deals"], fontsize=9.5, color=canvas.MUTED)
    plot.spines[["top", "right"]].set_visible(False)
    plot.set_xlim(0, max(max(left), 1) * 1.05)
    plot.xaxis.set_major_locator(MaxNLocator(integer=True))
    for row, end, bar in zip(rows, left, bars, strict=True):
        plot.annotate(f"{int(end)}  {bar.note}".rstrip(), (end, row), xytext=(6, 0), textcoords="offset points",
                      va="center", fontsize=9.5, color=canvas.MUTED, annotation_clip=False)
    plot.legend(loc="lower right", bbox_to_anchor=(1.0, 1.0), ncols=3, frameon=False, fontsize=9.5)
