"""Where each key and list item of a TOML or YAML file is written, so a mistake can be reported with its line.

tomllib gives values without positions, so the TOML text is scanned once more: table headers
(`[[queues]]` counts the nth queue), `key =` lines, and the items of arrays and inline tables, with
strings and comments skipped. The file has already parsed, so the scanner can trust its syntax.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import yaml

Path = tuple[str | int, ...]


def line_of(lines: dict[Path, int], loc: Sequence[str | int]) -> int | None:
    """The line of the deepest part of loc the file writes (a missing key: the line of its table)."""
    for end in range(len(loc), 0, -1):
        if tuple(loc[:end]) in lines:
            return lines[tuple(loc[:end])]
    return None


def yaml_lines(text: str) -> dict[Path, int]:
    """Line of every key and list item of a YAML document."""
    out: dict[Path, int] = {}

    def walk(node: Any, path: Path) -> None:
        if isinstance(node, yaml.MappingNode):
            for key, value in node.value:
                out[(*path, str(key.value))] = key.start_mark.line + 1
                walk(value, (*path, str(key.value)))
        elif isinstance(node, yaml.SequenceNode):
            for index, item in enumerate(node.value):
                out[(*path, index)] = item.start_mark.line + 1
                walk(item, (*path, index))

    root = yaml.compose(text, Loader=yaml.SafeLoader)
    if root is not None:
        walk(root, ())
    return out


@dataclass
class _Open:
    """An array or inline table being scanned: its path, and how many items it has so far."""

    path: Path
    is_array: bool
    items: int = 0
    expecting: bool = True  # the next thing is an item (array) or a key (inline table)


@dataclass
class _TomlScan:
    text: str
    out: dict[Path, int] = field(default_factory=dict)
    arrays: dict[Path, int] = field(default_factory=dict)  # [[array]] tables: how many so far
    table: Path = ()
    stack: list[_Open] = field(default_factory=list)
    i: int = 0
    line: int = 1

    def run(self) -> dict[Path, int]:
        at_line_start = True
        while self.i < len(self.text):
            ch = self.text[self.i]
            if ch == "\n":
                self.line, at_line_start = self.line + 1, True
                self.i += 1
            elif ch in " \t\r":
                self.i += 1
            elif ch == "#":
                self._skip_to_eol()
            elif not self.stack and at_line_start and ch == "[":
                self._header()
            elif not self.stack and at_line_start:
                self._key_value(self.table)
                at_line_start = False
            else:
                self._inside()
        return self.out

    def _skip_to_eol(self) -> None:
        end = self.text.find("\n", self.i)
        self.i = len(self.text) if end < 0 else end

    def _header(self) -> None:
        double = self.text.startswith("[[", self.i)
        close = self.text.index("]]" if double else "]", self.i)
        keys = _split_key(self.text[self.i + (2 if double else 1):close])
        path: Path = ()
        for key in keys[:-1]:
            path = (*path, key)
            if path in self.arrays:
                path = (*path, self.arrays[path] - 1)
        path = (*path, keys[-1])
        if double:
            self.out.setdefault(path, self.line)
            self.arrays[path] = self.arrays.get(path, 0) + 1
            path = (*path, self.arrays[path] - 1)
        self.out.setdefault(path, self.line)
        self.table = path
        self.i = close + (2 if double else 1)

    def _key_value(self, base: Path) -> None:
        """A `key = value` at the top or inside an inline table: record the key, then scan its value."""
        eq = self._find_outside_quotes("=")
        path = base
        for key in _split_key(self.text[self.i:eq]):
            path = (*path, key)
            self.out.setdefault(path, self.line)
        self.i = eq + 1
        self._value(path)

    def _value(self, path: Path) -> None:
        while self.text[self.i] in " \t":
            self.i += 1
        ch = self.text[self.i]
        if ch in "[{":
            self.stack.append(_Open(path, is_array=ch == "["))
            self.i += 1
        elif ch in "\"'":
            self._skip_string()
        else:
            while self.i < len(self.text) and self.text[self.i] not in ",]}\n#":
                self.i += 1

    def _inside(self) -> None:
        """One step inside an array or inline table: an item or key starts, a comma, or the closing bracket."""
        top, ch = self.stack[-1], self.text[self.i]
        if ch in "]}":
            self.stack.pop()
            self.i += 1
        elif ch == ",":
            top.expecting = True
            self.i += 1
        elif top.is_array and top.expecting:
            item = (*top.path, top.items)
            self.out.setdefault(item, self.line)
            top.items, top.expecting = top.items + 1, False
            self._value(item)
        elif not top.is_array and top.expecting:
            top.expecting = False
            self._key_value(top.path)
        else:
            self.i += 1

    def _skip_string(self) -> None:
        quote = self.text[self.i]
        triple = self.text.startswith(quote * 3, self.i)
        end_mark = quote * 3 if triple else quote
        j = self.i + len(end_mark)
        while not self.text.startswith(end_mark, j):
            j += 2 if quote == '"' and self.text[j] == "\\" else 1
        while triple and self.text.startswith(quote, j + 3):  # """a"""" ends with a quote inside
            j += 1
        self.line += self.text.count("\n", self.i, j)
        self.i = j + len(end_mark)

    def _find_outside_quotes(self, mark: str) -> int:
        j, quote = self.i, ""
        while quote or self.text[j] != mark:
            ch = self.text[j]
            if quote and ch == "\\" and quote == '"':
                j += 1
            elif ch in "\"'" and (not quote or ch == quote):
                quote = "" if quote else ch
            j += 1
        return j


def _split_key(text: str) -> list[str]:
    """The parts of a dotted key, quotes removed: `a."b.c"` is a then b.c."""
    parts, buf, quote = [], "", ""
    for ch in text.strip():
        if ch in "\"'" and (not quote or ch == quote):
            quote = "" if quote else ch
        elif ch == "." and not quote:
            parts.append(buf.strip())
            buf = ""
        else:
            buf += ch
    parts.append(buf.strip())
    return parts


def toml_lines(text: str) -> dict[Path, int]:
    """Line of every table, key, array item and inline-table key of a TOML document that parsed."""
    return _TomlScan(text).run()
