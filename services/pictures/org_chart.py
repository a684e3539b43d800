"""An account's org chart: reporting lines top-down, departments shaded, influence and alliances drawn over."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.patches import FancyArrowPatch

from domain.entities import Contact, ContactLink
from services.pictures import canvas, layout
from services.pictures.labels import words
from services.pictures.legend import MIN_WIDTH, org_legend

Point = tuple[float, float]
TOP_PAD, BOTTOM_PAD, LEFT_PAD = 0.65, 0.5, 0.25
CARD = (0.28, 1.62, 0.28)  # a person's footprint: left of the node, right of it (at most), above and below
DEPT_PAD = (0.3, 0.48)  # a department box below and above its people


def org_chart_png(*, account_name: str, contacts: Sequence[Contact], links: Sequence[ContactLink],
                  departments: Mapping[int, str | None], locale: str) -> bytes:
    """The account's org chart as a PNG."""
    return canvas.png(org_chart_figure(account_name=account_name, contacts=contacts, links=links,
                                       departments=departments, locale=locale))


def org_chart_figure(*, account_name: str, contacts: Sequence[Contact], links: Sequence[ContactLink],
                     departments: Mapping[int, str | None], locale: str) -> Figure:
    """The account's org chart as a matplotlib Figure (title, people, lines, legend)."""
    text = words(locale)
    dept = {c.id: (departments.get(c.id) or c.department or "").strip() for c in contacts}
    with canvas.fonts():
        if not contacts:
            return _empty(account_name, text)
        people = sorted(contacts, key=lambda c: (dept[c.id] == "", dept[c.id], -c.importance, c.name))
        placed = layout.arrange([c.id for c in people], _managers(links), lambda i: dept[i])
        width = max(MIN_WIDTH, placed.width + 2 * canvas.MARGIN + LEFT_PAD)
        height = canvas.TITLE_H + TOP_PAD + placed.height + BOTTOM_PAD + canvas.LEGEND_H
        fig, ax = canvas.new_figure(width, height)
        top = height - canvas.TITLE_H - TOP_PAD
        pos = {i: (canvas.MARGIN + LEFT_PAD + x, top - y) for i, (x, y) in placed.pos.items()}
        by_id = {c.id: c for c in contacts}
        reach = {c.id: canvas.label_width(c.name, c.title) for c in contacts}
        _departments(ax, pos, dept, reach)
        _reporting(ax, placed, pos, by_id, top)
        _links(ax, links, pos, by_id, placed.manager)
        for c in people:
            canvas.person(ax, *pos[c.id], name=c.name, title=c.title, stance=c.stance, weight=c.importance)
        subtitle = f"{text['people'].format(n=len(contacts))} · " \
                   f"{text['departments'].format(n=len({d for d in dept.values() if d}))}"
        canvas.title(ax, width, height, f"{account_name} · {text['org_chart']}", subtitle)
        org_legend(fig, width, text)
    return fig


def _empty(account_name: str, text: dict[str, str]) -> Figure:
    """A clear picture for an account with nobody on it yet."""
    width, height = MIN_WIDTH, canvas.TITLE_H + 2.2 + canvas.LEGEND_H
    fig, ax = canvas.new_figure(width, height)
    canvas.title(ax, width, height, f"{account_name} · {text['org_chart']}", text["people"].format(n=0))
    canvas.notice(ax, width / 2, canvas.LEGEND_H + 1.1, text["no_people"], text["no_people_hint"])
    org_legend(fig, width, text)
    return fig


def _managers(links: Sequence[ContactLink]) -> dict[int, int]:
    """Each person's manager: the first reports_to line from them."""
    out: dict[int, int] = {}
    for link in links:
        if link.kind == "reports_to":
            out.setdefault(link.from_id, link.to_id)
    return out


Box = tuple[float, float, float, float]


def _overlaps(a: Box, b: Box) -> bool:
    """Whether two boxes (x0, y0, x1, y1) overlap."""
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def _around(members: Sequence[int], pos: Mapping[int, Point], reach: Mapping[int, float]) -> Box:
    """The department box around some people and their labels."""
    xs, ys = [pos[m][0] for m in members], [pos[m][1] for m in members]
    return (min(xs) - CARD[0], min(ys) - DEPT_PAD[0], max(pos[m][0] + reach[m] for m in members) + 0.12,
            max(ys) + DEPT_PAD[1])


def _rows(members: Sequence[int], pos: Mapping[int, Point], dept: Mapping[int, str]) -> list[list[int]]:
    """A department's people in runs along each row, broken wherever someone from elsewhere sits."""
    runs: list[list[int]] = []
    for y in sorted({round(pos[m][1], 3) for m in members}, reverse=True):
        current: list[int] = []
        for o in sorted((o for o in pos if round(pos[o][1], 3) == y), key=lambda o: pos[o][0]):
            if dept[o] == dept[members[0]]:
                current.append(o)
            elif current:
                runs.append(current)
                current = []
        runs += [current] if current else []
    return runs


def _boxes(pos: Mapping[int, Point], dept: Mapping[int, str], reach: Mapping[int, float]) -> list[tuple[str, Box]]:
    """Each department's boxes, biggest first: one box, or one a row where it would cover others."""
    names = sorted({d for i, d in dept.items() if d and i in pos}, key=lambda d: (-list(dept.values()).count(d), d))
    cards = {o: (x - CARD[0], y - CARD[2], x + reach[o], y + CARD[2]) for o, (x, y) in pos.items()}
    out: list[tuple[str, Box]] = []
    for name in names:
        members = [i for i in pos if dept[i] == name]
        whole = _around(members, pos, reach)
        clash = any(dept[o] != name and _overlaps(c, whole) for o, c in cards.items())
        if clash or any(_overlaps(whole, b) for _, b in out):
            out += [(name, _around(run, pos, reach)) for run in _rows(members, pos, dept)]
        else:
            out.append((name, whole))
    return out


def _departments(ax: Axes, pos: Mapping[int, Point], dept: Mapping[int, str], reach: Mapping[int, float]) -> None:
    """Each department as a shaded box behind its people, its name at the top left."""
    labelled: set[str] = set()
    for name, (x0, y0, x1, y1) in _boxes(pos, dept, reach):
        n = sorted({d for d in dept.values() if d}).index(name)
        fill, ink = canvas.DEPT_FILLS[n % len(canvas.DEPT_FILLS)], canvas.DEPT_INKS[n % len(canvas.DEPT_INKS)]
        canvas.shaded_box(ax, x0, y0, x1, y1, fill=fill, edge=fill)
        if name not in labelled:
            labelled.add(name)
            ax.text(x0 + 0.1, y1 - 0.12, canvas.clip(name, 24), fontsize=8, color=ink, va="center", zorder=4,
                    path_effects=canvas.HALO)


def _reporting(ax: Axes, placed: layout.Layout, pos: Mapping[int, Point], by_id: Mapping[int, Contact],
               top: float) -> None:
    """Elbow connectors from each manager down to their reports."""
    for child, boss in placed.manager.items():
        (px, py), (cx, cy) = pos[boss], pos[child]
        rb, rc = canvas.radius(by_id[boss].importance), canvas.radius(by_id[child].importance)
        if child in placed.spine:
            sx = canvas.MARGIN + LEFT_PAD + placed.spine[child]
            bus = py - min(layout.ROW_H / 2, (py - cy) / 2)
            points = [(px, py - rb), (px, bus), (sx, bus), (sx, cy), (cx - rc, cy)]
        else:
            bus = py - layout.ROW_H / 2
            points = [(px, py - rb), (px, bus), (cx, bus), (cx, cy + rc)]
        canvas.polyline(ax, points, "reports_to", zorder=1)


def _links(ax: Axes, links: Sequence[ContactLink], pos: Mapping[int, Point], by_id: Mapping[int, Contact],
           tree: Mapping[int, int]) -> None:
    """Influence as dashed arrows, allies dotted green, rivals zigzag red, acquaintances faint."""
    seen: set[tuple[str, frozenset[int]]] = set()
    for link in links:
        a, b = link.from_id, link.to_id
        key = (link.kind, frozenset((a, b)))
        if a == b or a not in pos or b not in pos or key in seen or link.kind not in canvas.LINE_STYLES:
            continue
        if link.kind == "reports_to" and tree.get(a) == b:
            continue
        seen.add(key)
        radii = (canvas.radius(by_id[a].importance), canvas.radius(by_id[b].importance))
        if link.kind == "influences":
            canvas.arrow(ax, pos[a], pos[b], kind="influences", shrink=radii)
        elif link.kind == "rival":
            canvas.polyline(ax, canvas.zigzag(*canvas.trimmed(pos[a], pos[b], *radii)), "rival", zorder=3)
        else:
            colour, style, width = canvas.LINE_STYLES[link.kind]
            ax.add_patch(FancyArrowPatch(pos[a], pos[b], arrowstyle="-", connectionstyle="arc3,rad=0.15",
                                         color=colour, linestyle=style, linewidth=width, zorder=3,
                                         shrinkA=radii[0] * 72, shrinkB=radii[1] * 72))
