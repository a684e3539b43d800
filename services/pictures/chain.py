"""A deal's decision chain: one column per role, the project team's own lines, and the gaps marked."""

from __future__ import annotations

from collections.abc import Sequence

from matplotlib.axes import Axes
from matplotlib.figure import Figure

from domain.entities import ChainMember, Contact
from domain.graph.chain import ROLES
from services.pictures import canvas
from services.pictures.labels import role_name, words
from services.pictures.legend import MIN_WIDTH, chain_legend

Member = tuple[ChainMember, Contact]
COL_W = 2.3
HEADER_H = 0.5
ROW = 0.95
GAP_H = 0.5


def decision_chain_png(*, deal_name: str, members: Sequence[Member], missing_roles: Sequence[str],
                       locale: str) -> bytes:
    """The deal's decision chain as a PNG."""
    return canvas.png(decision_chain_figure(deal_name=deal_name, members=members,
                                            missing_roles=missing_roles, locale=locale))


def decision_chain_figure(*, deal_name: str, members: Sequence[Member], missing_roles: Sequence[str],
                          locale: str) -> Figure:
    """The deal's decision chain as a matplotlib Figure (title, role columns, lines, gaps, legend)."""
    text = words(locale)
    columns = _columns(members, missing_roles)
    rows = max((len(held) + (role in missing_roles) for role, held in columns), default=0)
    width = max(MIN_WIDTH, len(columns) * COL_W + 2 * canvas.MARGIN)
    body = HEADER_H + 0.35 + max(rows, 1) * ROW + 0.2
    height = canvas.TITLE_H + 0.25 + body + canvas.LEGEND_H
    with canvas.fonts():
        fig, ax = canvas.new_figure(width, height)
        top = height - canvas.TITLE_H - 0.25
        subtitle = f"{text['members'].format(n=len(members))} · {text['gaps'].format(n=len(missing_roles))}"
        canvas.title(ax, width, height, f"{deal_name} · {text['chain']}", subtitle)
        if not columns:
            canvas.notice(ax, width / 2, top - body / 2, text["no_people"], text["no_people_hint"])
        _project_lines(ax, members, _draw_columns(ax, columns, missing_roles, top, body, locale))
        chain_legend(fig, width, text)
    return fig


def _columns(members: Sequence[Member], missing_roles: Sequence[str]) -> list[tuple[str, list[Member]]]:
    """Roles in the method's order (unknown roles after), each with its members, most influential first."""
    held = {m.role for m, _ in members}
    roles = [r for r in ROLES if r in held or r in missing_roles]
    roles += [r for r in dict.fromkeys([*(m.role for m, _ in members), *missing_roles]) if r not in roles]
    return [(r, sorted((p for p in members if p[0].role == r), key=lambda p: (-p[0].influence, p[1].name)))
            for r in roles]


def _draw_columns(ax: Axes, columns: list[tuple[str, list[Member]]], missing_roles: Sequence[str], top: float,
                  body: float, locale: str) -> dict[int, tuple[float, float]]:
    """Each role's column with its members and its gap; where each member was drawn."""
    pos: dict[int, tuple[float, float]] = {}
    for n, (role, held) in enumerate(columns):
        x0 = canvas.MARGIN + n * COL_W
        _column(ax, x0, top, body, role_name(locale, role), shaded=n % 2 == 0)
        for k, (member, contact) in enumerate(held):
            pos[member.id] = (x0 + 0.35, top - HEADER_H - 0.55 - k * ROW)
            canvas.person(ax, *pos[member.id], name=contact.name, title=contact.title,
                          stance=_stance(member, contact), weight=member.influence)
        if role in missing_roles:
            label = words(locale)["missing"].format(role=role_name(locale, role))
            _gap(ax, x0, top - HEADER_H - 0.55 - len(held) * ROW, label)
    return pos


def _stance(member: ChainMember, contact: Contact) -> str:
    """The stance in this deal, or the person's general stance when the deal's is unknown."""
    return member.stance if member.stance != "unknown" else contact.stance


def _column(ax: Axes, x0: float, top: float, body: float, heading: str, *, shaded: bool) -> None:
    """A role's column: a light band and its heading."""
    if shaded:
        canvas.shaded_box(ax, x0 + 0.04, top - body, x0 + COL_W - 0.04, top, fill="#f5f7fa", edge="#f5f7fa")
    canvas.shaded_box(ax, x0 + 0.1, top - HEADER_H, x0 + COL_W - 0.1, top - 0.06, fill="#e3e8ef",
                      edge="#e3e8ef", zorder=1)
    ax.text(x0 + COL_W / 2, top - HEADER_H / 2 - 0.03, canvas.clip(heading, 18), fontsize=10.5,
            color=canvas.INK, ha="center", va="center", zorder=2)


def _gap(ax: Axes, x0: float, y: float, label: str) -> None:
    """A dashed empty box where a role nobody holds yet belongs."""
    canvas.shaded_box(ax, x0 + 0.15, y - GAP_H / 2, x0 + COL_W - 0.15, y + GAP_H / 2, fill="white",
                      edge="#9aa5b1", dashed=True, zorder=2)
    ax.text(x0 + COL_W / 2, y, canvas.clip(label, 22), fontsize=9.5, color=canvas.MUTED, ha="center",
            va="center", zorder=3)


def _project_lines(ax: Axes, members: Sequence[Member], pos: dict[int, tuple[float, float]]) -> None:
    """An arrow from each member to whom they answer in this deal, in lanes below the row, short spans nearest."""
    influence = {m.id: m.influence for m, _ in members}
    pairs = [(m.id, boss) for m, _ in members
             if (boss := m.reports_to_member_id) is not None and boss in pos and m.id in pos and boss != m.id]
    pairs.sort(key=lambda p: abs(pos[p[0]][0] - pos[p[1]][0]))
    for lane, (member, boss) in enumerate(pairs):
        (x0, y0), (x1, y1) = pos[member], pos[boss]
        radii = (canvas.radius(influence[member]), canvas.radius(influence[boss]))
        if abs(x1 - x0) < 0.01:
            canvas.arrow(ax, (x0, y0), (x1, y1), kind="reports_to", bend=0.45 if y1 > y0 else -0.45, shrink=radii)
            continue
        level = min(y0, y1) - 0.32 - 0.1 * (lane % 5)
        route = f"arc,angleA=-90,angleB=-90,armA={(y0 - level) * 72:.1f},armB={(y1 - level) * 72:.1f},rad=6"
        canvas.arrow(ax, (x0, y0), (x1, y1), kind="reports_to", shrink=radii, route=route)
