"""Drawing primitives shared by the pictures: a figure in inches, people, lines, title, legend, PNG."""

from __future__ import annotations

import io
import math
import threading
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import Any

import matplotlib
from matplotlib import patheffects
from matplotlib.axes import Axes
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import Circle, FancyArrowPatch, FancyBboxPatch, Rectangle

from services.pictures.fonts import font_families

STANCE_COLOURS = {"supporter": "#2f9e5b", "neutral": "#f0a928", "opponent": "#d9473f", "unknown": "#cfd5dd"}
STANCE_EDGES = {"supporter": "#1d6b3c", "neutral": "#b57a12", "opponent": "#972a24", "unknown": "#8a94a3"}
STANCES = tuple(STANCE_COLOURS)
DEPT_FILLS = ("#e8f0fb", "#fdf0e3", "#eaf6ee", "#f3ecfa", "#fbe9ec", "#e9f5f6", "#f6f3e4", "#eef0f2")
DEPT_INKS = ("#3b5b8c", "#9a5b1e", "#2f6b45", "#6a4a8c", "#8c3a4c", "#2d6b70", "#7a6a2a", "#55606b")
LineStyle = tuple[str, Any, float]  # colour, matplotlib dash style, width
LINE_STYLES: dict[str, LineStyle] = {"reports_to": ("#7b8794", "-", 1.3), "influences": ("#4f5bd5", (0, (5, 3)), 1.4),
               "ally": ("#2f9e5b", (0, (1, 2)), 2.0), "rival": ("#d9473f", "-", 1.2),
               "knows": ("#aab3bf", (0, (1, 3)), 1.0)}
INK, MUTED = "#1f2933", "#616e7c"
DPI = 100
TITLE_H = 0.95
LEGEND_H = 1.45
MARGIN = 0.35
LABEL_X = 0.3  # a person's label starts this far right of their node
HALO = [patheffects.withStroke(linewidth=3, foreground="white", alpha=0.85)]


def radius(weight: int) -> float:
    """A node's radius in inches for importance or influence 1-5."""
    return 0.07 + 0.028 * min(max(weight, 1), 5)


def stance_of(value: str | None) -> str:
    """A stance the pictures know, unknown otherwise."""
    return value if value in STANCE_COLOURS else "unknown"


def clip(text: str | None, limit: int) -> str:
    """Text cut to a display width (a CJK character counts two), with an ellipsis when cut."""
    out, used = "", 0
    for ch in text or "":
        used += 2 if ord(ch) > 0x2E7F else 1
        if used > limit:
            return out + "…"
        out += ch
    return out


# matplotlib's rcParams are process-wide: two pictures drawn at once from two listener threads
# would reset each other's font mid-drawing, so drawing is one at a time.
_DRAWING = threading.RLock()


@contextmanager
def fonts() -> Iterator[None]:
    """Every text made inside uses the CJK font, DejaVu Sans for what it lacks."""
    with _DRAWING, matplotlib.rc_context({"font.family": font_families(), "axes.unicode_minus": False}):
        yield


def new_figure(width: float, height: float) -> tuple[Figure, Axes]:
    """A figure whose one axes maps data units to inches, origin at the bottom left, no display."""
    fig = Figure(figsize=(width, height), dpi=DPI, facecolor="white")
    FigureCanvasAgg(fig)
    ax = fig.add_axes((0, 0, 1, 1), label="chart")
    ax.set_xlim(0, width)
    ax.set_ylim(0, height)
    ax.set_axis_off()
    return fig, ax


def png(fig: Figure) -> bytes:
    """The figure as PNG bytes."""
    buffer = io.BytesIO()
    with fonts():
        fig.savefig(buffer, format="png", dpi=DPI, facecolor="white")
    return buffer.getvalue()


def person(ax: Axes, x: float, y: float, *, name: str, title: str | None, stance: str, weight: int) -> None:
    """A person: a circle coloured by stance and sized by weight, name and title to its right."""
    key = stance_of(stance)
    ax.add_patch(Circle((x, y), radius(weight), facecolor=STANCE_COLOURS[key],
                        edgecolor=STANCE_EDGES[key], linewidth=1.2, zorder=5))
    has_title = bool(title)
    ax.text(x + LABEL_X, y + (0.08 if has_title else 0), clip(name, 18), fontsize=10.5, color=INK,
            va="center", ha="left", zorder=6, path_effects=HALO)
    if has_title:
        ax.text(x + LABEL_X, y - 0.12, clip(title, 24), fontsize=8, color=MUTED, va="center", ha="left",
                zorder=6, path_effects=HALO)


def label_width(name: str, title: str | None) -> float:
    """About how far right of its node a person's label reaches, in inches."""
    def inches(text: str, size: float) -> float:
        return sum((1.0 if ord(ch) > 0x2E7F else 0.56) * size / 72 for ch in text)
    return LABEL_X + max(inches(clip(name, 18), 10.5), inches(clip(title, 24), 8))


def polyline(ax: Axes, points: Sequence[tuple[float, float]], kind: str, zorder: float = 2) -> None:
    """A line through points in the style of a link kind."""
    colour, style, width = LINE_STYLES[kind]
    xs, ys = zip(*points, strict=True)
    ax.add_line(Line2D(xs, ys, color=colour, linestyle=style, linewidth=width, zorder=zorder,
                       solid_joinstyle="miter"))


def zigzag(start: tuple[float, float], end: tuple[float, float], step: float = 0.11,
           amp: float = 0.045) -> list[tuple[float, float]]:
    """Points of a zigzag from start to end."""
    (x0, y0), (x1, y1) = start, end
    length = math.hypot(x1 - x0, y1 - y0) or 1.0
    n = max(int(length / step), 2)
    nx, ny = -(y1 - y0) / length, (x1 - x0) / length
    sign = [0.0] + [(1.0 if i % 2 else -1.0) for i in range(1, n)] + [0.0]
    return [(x0 + (x1 - x0) * i / n + nx * amp * sign[i], y0 + (y1 - y0) * i / n + ny * amp * sign[i])
            for i in range(n + 1)]


def trimmed(start: tuple[float, float], end: tuple[float, float], r0: float,
            r1: float) -> tuple[tuple[float, float], tuple[float, float]]:
    """The segment between two circles' edges instead of their centres."""
    (x0, y0), (x1, y1) = start, end
    length = math.hypot(x1 - x0, y1 - y0) or 1.0
    ux, uy = (x1 - x0) / length, (y1 - y0) / length
    return (x0 + ux * r0, y0 + uy * r0), (x1 - ux * r1, y1 - uy * r1)


def arrow(ax: Axes, start: tuple[float, float], end: tuple[float, float], *, kind: str, shrink: tuple[float, float],
          bend: float = 0.2, route: str | None = None) -> None:
    """An arrow between two people, curved (or along a matplotlib connection style), in a link kind's style."""
    colour, style, width = LINE_STYLES[kind]
    ax.add_patch(FancyArrowPatch(start, end, connectionstyle=route or f"arc3,rad={bend}", arrowstyle="-|>",
                                 mutation_scale=11, color=colour, linestyle=style, linewidth=width,
                                 shrinkA=shrink[0] * 72 + 2, shrinkB=shrink[1] * 72 + 2, zorder=3))


def shaded_box(ax: Axes, x0: float, y0: float, x1: float, y1: float, *, fill: str, edge: str,
               dashed: bool = False, zorder: float = 0) -> None:
    """A rounded box, filled for departments or dashed and empty for gaps."""
    ax.add_patch(FancyBboxPatch((x0, y0), x1 - x0, y1 - y0, boxstyle="round,pad=0,rounding_size=0.12",
                                facecolor=fill, edgecolor=edge, linewidth=1.2 if dashed else 0.8,
                                linestyle=(0, (4, 3)) if dashed else "-", zorder=zorder))


def title(ax: Axes, width: float, height: float, heading: str, subtitle: str) -> None:
    """The heading at the top of a picture and a line of counts under it."""
    ax.text(MARGIN, height - 0.42, heading, fontsize=17, color=INK, va="center")
    ax.text(MARGIN, height - 0.75, subtitle, fontsize=9.5, color=MUTED, va="center")
    ax.add_line(Line2D((MARGIN, width - MARGIN), (height - TITLE_H + 0.05,) * 2, color="#e4e7eb", lw=1))


def notice(ax: Axes, x: float, y: float, heading: str, hint: str) -> None:
    """A centred message where the people would be."""
    ax.text(x, y + 0.15, heading, fontsize=15, color=MUTED, ha="center", va="center")
    ax.text(x, y - 0.2, hint, fontsize=10, color=MUTED, ha="center", va="center")


def legend_axes(fig: Figure, width: float) -> Axes:
    """The strip at the bottom reserved for the legend, in inches, never over people."""
    ax = fig.add_axes((0, 0, 1, LEGEND_H / fig.get_figheight()), label="legend")
    ax.set_xlim(0, width)
    ax.set_ylim(0, LEGEND_H)
    ax.set_axis_off()
    ax.add_patch(Rectangle((MARGIN, 0.12), width - 2 * MARGIN, LEGEND_H - 0.2, facecolor="#f7f8fa",
                           edgecolor="#e4e7eb", linewidth=0.8))
    return ax
