"""The legend strip at the bottom of every picture: stance colours, sizes and line styles."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.patches import Circle, FancyArrowPatch

from services.pictures import canvas

Sample = Callable[[Axes, float, float], None]
ROWS_Y = (1.13, 0.74, 0.35)
HEADER_W = 1.15


def _text_width(label: str) -> float:
    """About how wide a legend label prints, in inches."""
    return sum(0.13 if ord(ch) > 0x2E7F else 0.068 for ch in label)


def _dot(stance: str, weight: int) -> Sample:
    """A sample node."""
    def draw(ax: Axes, x: float, y: float) -> None:
        ax.add_patch(Circle((x + 0.15, y), canvas.radius(weight), facecolor=canvas.STANCE_COLOURS[stance],
                            edgecolor=canvas.STANCE_EDGES[stance], linewidth=1))
    return draw


def _line(kind: str, zig: bool = False, head: bool = False) -> Sample:
    """A sample line, zigzag or arrow of a link kind."""
    def draw(ax: Axes, x: float, y: float) -> None:
        if head:
            colour, style, width = canvas.LINE_STYLES[kind]
            ax.add_patch(FancyArrowPatch((x - 0.05, y), (x + 0.5, y), arrowstyle="-|>", mutation_scale=10,
                                         color=colour, linestyle=style, linewidth=width))
        else:
            points = canvas.zigzag((x - 0.05, y), (x + 0.5, y)) if zig else [(x - 0.05, y), (x + 0.5, y)]
            canvas.polyline(ax, points, kind)
    return draw


def _box(dashed: bool) -> Sample:
    """A sample department box or missing-role box."""
    def draw(ax: Axes, x: float, y: float) -> None:
        fill, edge = ("none", "#9aa5b1") if dashed else (canvas.DEPT_FILLS[0], "#c9d6ea")
        canvas.shaded_box(ax, x - 0.05, y - 0.1, x + 0.45, y + 0.1, fill=fill, edge=edge, dashed=dashed,
                          zorder=2)
    return draw


def _row(ax: Axes, y: float, header: str, items: Sequence[tuple[Sample, str]]) -> None:
    """One legend row: a header, then samples each followed by its label."""
    ax.text(canvas.MARGIN + 0.15, y, header, fontsize=9, color=canvas.INK, va="center")
    x = canvas.MARGIN + 0.15 + HEADER_W
    for sample, label in items:
        sample(ax, x, y)
        ax.text(x + 0.58, y, label, fontsize=8.5, color=canvas.INK, va="center")
        x += 0.58 + _text_width(label) + 0.3


def stance_row(ax: Axes, words: dict[str, str]) -> None:
    """Stance colours."""
    _row(ax, ROWS_Y[0], words["stance"], [(_dot(s, 2), words[s]) for s in canvas.STANCES])


def size_row(ax: Axes, words: dict[str, str], header: str, extra: Sequence[tuple[Sample, str]]) -> None:
    """Node sizes 1, 3 and 5, then boxes."""
    _row(ax, ROWS_Y[1], words[header], [*((_dot("unknown", w), str(w)) for w in (1, 3, 5)), *extra])


def org_legend(fig: Figure, width: float, words: dict[str, str]) -> Axes:
    """The legend of an org chart."""
    ax = canvas.legend_axes(fig, width)
    stance_row(ax, words)
    size_row(ax, words, "importance", [(_box(False), words["department"])])
    _row(ax, ROWS_Y[2], words["lines"], [
        (_line("reports_to"), words["reports_to"]), (_line("influences", head=True), words["influences"]),
        (_line("ally"), words["ally"]), (_line("rival", zig=True), words["rival"]),
        (_line("knows"), words["knows"])])
    return ax


def chain_legend(fig: Figure, width: float, words: dict[str, str]) -> Axes:
    """The legend of a decision-chain picture."""
    ax = canvas.legend_axes(fig, width)
    stance_row(ax, words)
    size_row(ax, words, "influence", [])
    _row(ax, ROWS_Y[2], words["lines"], [(_line("reports_to", head=True), words["project_line"]),
                                         (_box(True), words["missing_role"])])
    return ax


MIN_WIDTH = 10.5  # wide enough for the longest legend row
