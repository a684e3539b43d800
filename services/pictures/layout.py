"""A layered top-down layout of reporting trees, in inches; wide groups of leaves are stacked in columns."""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field

SLOT_W = 2.0  # one person's column: the node and its label to the right
NODE_X = 0.3  # where a node sits inside its column
ROW_H = 1.05  # from a manager down to their reports
STACK_H = 0.62  # between people stacked in one column
STACK_ROWS = 6  # at most this many stacked people a column
FAN_MAX = 4  # more leaf reports than this are stacked, not fanned out
FAN_W_MAX = 4 * SLOT_W  # a team wider than this fanned out is drawn as an indented list instead
INDENT = 0.35  # an indented list's step to the right per level
GAP = 0.25  # between neighbouring blocks
SHELF_GAP = 0.5  # between shelves of unconnected trees


@dataclass
class Block:
    """A laid-out group of people: size, the x its connector enters at, and relative positions."""

    width: float
    height: float
    anchor: float
    pos: dict[int, tuple[float, float]] = field(default_factory=dict)
    spine: dict[int, float] = field(default_factory=dict)

    def shifted(self, dx: float, dy: float) -> Block:
        """The same block moved by (dx, dy)."""
        return Block(self.width, self.height, self.anchor + dx,
                     {k: (x + dx, y + dy) for k, (x, y) in self.pos.items()},
                     {k: s + dx for k, s in self.spine.items()})


@dataclass(frozen=True)
class Layout:
    """Where everyone sits (y grows downwards from 0), the manager of each, and stacked reports' spines."""

    pos: dict[int, tuple[float, float]]
    manager: dict[int, int]
    spine: dict[int, float]
    width: float
    height: float


def leaf(node: int) -> Block:
    """One person alone."""
    return Block(SLOT_W, 0.0, NODE_X, {node: (NODE_X, 0.0)})


def stack(nodes: Sequence[int], rows: int = STACK_ROWS) -> Block:
    """People listed top to bottom in balanced columns, each column hanging from a spine on its left."""
    cols = math.ceil(len(nodes) / rows)
    per_col = math.ceil(len(nodes) / cols)
    block = Block(cols * SLOT_W, (per_col - 1) * STACK_H, 0.0)
    for i, node in enumerate(nodes):
        col, row = divmod(i, per_col)
        block.pos[node] = (col * SLOT_W + NODE_X, row * STACK_H)
        block.spine[node] = col * SLOT_W + NODE_X - 0.2
    block.anchor = (block.spine[nodes[0]] + block.spine[nodes[-1]]) / 2 if cols > 1 else NODE_X - 0.2
    return block


def row(parts: Sequence[Block], dy: float = 0.0) -> Block:
    """Blocks side by side, their tops at dy."""
    out, x = Block(0.0, 0.0, 0.0), 0.0
    for part in parts:
        moved = part.shifted(x, dy)
        out.pos.update(moved.pos)
        out.spine.update(moved.spine)
        out.height = max(out.height, part.height + dy)
        x += part.width + GAP
    out.width = max(x - GAP, 0.0)
    return out


def _child_parts(kids: Sequence[int], children: Mapping[int, list[int]],
                 group: Callable[[int], str]) -> list[Block]:
    """The blocks under one manager: subtrees, and leaf reports fanned or stacked, by department."""
    parts: list[Block] = []
    for dept in dict.fromkeys(group(k) for k in kids):
        same = [k for k in kids if group(k) == dept]
        leaves = [k for k in same if not children.get(k)]
        parts += [tree(k, children, group) for k in same if children.get(k)]
        if len(leaves) > FAN_MAX or (len(leaves) > 1 and len(same) > len(leaves)):
            parts.append(stack(leaves))
        else:
            parts += [leaf(k) for k in leaves]
    return parts


def indented(node: int, children: Mapping[int, list[int]]) -> Block:
    """A manager with everyone below listed underneath, one step to the right per level."""
    block, y, kids = leaf(node), 0.0, children.get(node, [])
    if len(kids) > STACK_ROWS and not any(children.get(k) for k in kids):
        sub = stack(kids).shifted(INDENT, STACK_H)
        return Block(max(SLOT_W, sub.width + INDENT), sub.height + STACK_H, NODE_X, {**sub.pos, node: (NODE_X, 0.0)},
                     sub.spine)
    for kid in kids:
        sub = indented(kid, children).shifted(INDENT, y + STACK_H)
        block.pos.update(sub.pos)
        block.spine.update(sub.spine)
        block.spine[kid] = NODE_X
        block.width = max(block.width, sub.width + INDENT)
        y = max(v for _, v in sub.pos.values())
    block.height = y
    return block


def tree(node: int, children: Mapping[int, list[int]], group: Callable[[int], str],
         root: bool = False) -> Block:
    """A manager centred above the blocks of their reports, or an indented list when that is too wide."""
    kids = children.get(node, [])
    if not kids:
        return leaf(node)
    fanned = _fanned(node, kids, children, group)
    return fanned if root or fanned.width <= FAN_W_MAX else indented(node, children)


def _fanned(node: int, kids: Sequence[int], children: Mapping[int, list[int]],
            group: Callable[[int], str]) -> Block:
    """A manager centred above the blocks of their reports."""
    parts = _child_parts(kids, children, group)
    below = row(parts, ROW_H)
    anchors = [p.anchor for p in parts]
    offsets = [sum(p.width + GAP for p in parts[:i]) for i in range(len(parts))]
    x = (anchors[0] + offsets[0] + anchors[-1] + offsets[-1]) / 2
    below.pos[node] = (x, 0.0)
    below.anchor = x
    below.width = max(below.width, x - NODE_X + SLOT_W)
    return below


def shelves(blocks: Sequence[Block], target_width: float) -> Block:
    """Blocks packed left to right in shelves no wider than target_width (unless one block is)."""
    rows: list[list[Block]] = [[]]
    for block in blocks:
        used = sum(b.width + GAP for b in rows[-1])
        if rows[-1] and used + block.width > target_width:
            rows.append([])
        rows[-1].append(block)
    out, y = Block(0.0, 0.0, 0.0), 0.0
    for shelf in rows:
        placed = row(shelf, y)
        out.pos.update(placed.pos)
        out.spine.update(placed.spine)
        out.width = max(out.width, placed.width)
        y = placed.height + SHELF_GAP + STACK_H
    out.height = max((p[1] for p in out.pos.values()), default=0.0)
    return out


def acyclic(manager: Mapping[int, int]) -> dict[int, int]:
    """The reporting lines with any cycle cut where it closes."""
    out = dict(manager)
    for start in list(out):
        seen, node = set(), start
        while node in out:
            if node in seen:
                del out[node]
                break
            seen.add(node)
            node = out[node]
    return out


def arrange(people: Sequence[int], manager: Mapping[int, int], group: Callable[[int], str]) -> Layout:
    """Lay out everyone: reporting trees, then people with no lines stacked by department, in shelves."""
    lines = acyclic({p: m for p, m in manager.items() if p in set(people) and m in set(people) and p != m})
    children: dict[int, list[int]] = {}
    for p in people:
        if p in lines:
            children.setdefault(lines[p], []).append(p)
    roots = [p for p in people if p not in lines]
    blocks = [tree(r, children, group, root=True) for r in roots if children.get(r)]
    alone = [p for p in roots if not children.get(p)]
    blocks += [stack([p for p in alone if group(p) == g]) for g in dict.fromkeys(map(group, alone))]
    area = sum(b.width * (b.height + ROW_H) for b in blocks)
    target = max([math.sqrt(area * 16 / 9), *(b.width for b in blocks)])
    packed = shelves(blocks, target)
    return Layout(packed.pos, lines, packed.spine, packed.width, packed.height)
