"""Block Kit as terminal text, with every button numbered so a person can press it by number."""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class Button:
    """A numbered button and what pressing it sends back to the bot."""

    number: int
    text: str
    action_id: str
    value: str | None
    block_id: str | None
    style: str | None = None
    url: str | None = None


@dataclass
class Rendered:
    """Readable text and the buttons it numbered, in order."""

    text: str
    buttons: list[Button] = field(default_factory=list)

    def button(self, number: int) -> Button:
        """Button `number`; IndexError names the numbers there are."""
        for button in self.buttons:
            if button.number == number:
                return button
        raise IndexError(f"no button [{number}]; buttons here: {[b.number for b in self.buttons]}")


_LINK = re.compile(r"<([^<>|]+)(?:\|([^<>]*))?>")
_BOLD = re.compile(r"(?<![\w*])\*(?!\s)([^*\n]+?)(?<!\s)\*(?![\w*])")
_ITALIC = re.compile(r"(?<![\w_])_(?!\s)([^_\n]+?)(?<!\s)_(?![\w_])")
_STRIKE = re.compile(r"(?<![\w~])~(?!\s)([^~\n]+?)(?<!\s)~(?![\w~])")


def _link(match: re.Match[str]) -> str:
    target, label = match.group(1), match.group(2)
    if target.startswith(("@", "#")):
        return target[0] + label if label else target
    if target.startswith("!"):
        return label or "@" + target[1:].split("^")[0]
    return f"{label} ({target})" if label and label != target else target


def mrkdwn(text: str) -> str:
    """Slack mrkdwn as plain text: *bold*, _italic_ and ~strike~ lose their marks, links read inline."""
    text = _LINK.sub(_link, text)
    for pattern in (_BOLD, _ITALIC, _STRIKE):
        text = pattern.sub(r"\1", text)
    return html.unescape(text)


def text_of(obj: dict[str, Any] | str | None) -> str:
    """The readable string of a text object (plain_text or mrkdwn)."""
    if obj is None:
        return ""
    if isinstance(obj, str):
        return mrkdwn(obj)
    raw = str(obj.get("text", ""))
    return mrkdwn(raw) if obj.get("type") == "mrkdwn" else raw


class _Renderer:
    def __init__(self) -> None:
        self.lines: list[str] = []
        self.buttons: list[Button] = []

    def element(self, element: dict[str, Any], block_id: str | None) -> str:
        """One interactive or text element inline; buttons get the next number."""
        kind = element.get("type")
        if kind == "button":
            number = len(self.buttons) + 1
            label = text_of(element.get("text"))
            self.buttons.append(Button(number, label, str(element.get("action_id", "")), element.get("value"),
                                       block_id, element.get("style"), element.get("url")))
            return f"[{number}] {label}"
        if kind == "image":
            return f"[image: {element.get('alt_text', '')}]"
        if kind in ("plain_text", "mrkdwn"):
            return text_of(element)
        if kind == "overflow":
            return "[more: " + " | ".join(text_of(o.get("text")) for o in element.get("options", [])) + "]"
        placeholder = text_of(element.get("placeholder")) or text_of((element.get("initial_option") or {}).get("text"))
        return f"[{kind}{': ' + placeholder if placeholder else ''}]"

    def block(self, block: dict[str, Any]) -> None:
        """Append one block's lines; unknown block types show as [type]."""
        kind, block_id = block.get("type"), block.get("block_id")
        handler = getattr(self, f"_{kind}", None)
        if handler is not None:
            handler(block, block_id)
        else:
            self.lines.append(f"[{kind}]")

    def _header(self, block: dict[str, Any], block_id: str | None) -> None:
        title = text_of(block.get("text"))
        self.lines += [title, "=" * min(len(title) * 2, 60)]

    def _section(self, block: dict[str, Any], block_id: str | None) -> None:
        if block.get("text"):
            self.lines += text_of(block["text"]).splitlines() or [""]
        self.lines += ["  " + text_of(f).replace("\n", " ") for f in block.get("fields", [])]
        if block.get("accessory"):
            self.lines.append("  " + self.element(block["accessory"], block_id))

    def _context(self, block: dict[str, Any], block_id: str | None) -> None:
        self.lines.append("  " + "  ".join(self.element(e, block_id) for e in block.get("elements", [])))

    def _divider(self, block: dict[str, Any], block_id: str | None) -> None:
        self.lines.append("-" * 40)

    def _image(self, block: dict[str, Any], block_id: str | None) -> None:
        title = text_of(block.get("title"))
        self.lines.append(f"[image: {block.get('alt_text', '')}]" + (f" {title}" if title else ""))

    def _actions(self, block: dict[str, Any], block_id: str | None) -> None:
        self.lines.append("  ".join(self.element(e, block_id) for e in block.get("elements", [])))

    def _input(self, block: dict[str, Any], block_id: str | None) -> None:
        element = block.get("element") or {}
        shown = element.get("initial_value") or text_of((element.get("initial_option") or {}).get("text"))
        self.lines.append(f"{text_of(block.get('label'))}: {shown or self.element(element, block_id)}")

    def _rich_text(self, block: dict[str, Any], block_id: str | None) -> None:
        self.lines.append("".join(_rich_text_of(e) for e in block.get("elements", [])))


def _rich_text_of(element: dict[str, Any]) -> str:
    if "elements" in element:
        return "".join(_rich_text_of(e) for e in element["elements"])
    if element.get("type") == "user":
        return f"@{element.get('user_id')}"
    if element.get("type") == "link":
        return str(element.get("text") or element.get("url"))
    return str(element.get("text", ""))


def render_blocks(blocks: list[dict[str, Any]]) -> Rendered:
    """Blocks as text; buttons numbered from 1 in reading order."""
    renderer = _Renderer()
    for block in blocks:
        renderer.block(block)
    return Rendered("\n".join(renderer.lines), renderer.buttons)


def render_message(message: dict[str, Any]) -> Rendered:
    """A message: its blocks (or its text when it has none) and the files shared with it."""
    rendered = render_blocks(message["blocks"]) if message.get("blocks") else Rendered(mrkdwn(message.get("text", "")))
    files = [f"[file: {f.get('title') or f.get('name')}]" for f in message.get("files", [])]
    if files:
        rendered.text = "\n".join(filter(None, [rendered.text, *files]))
    return rendered


def render_view(view: dict[str, Any]) -> Rendered:
    """A modal or App Home: title, blocks, and the submit / close labels."""
    body = render_blocks(view.get("blocks", []))
    title = text_of(view.get("title"))
    footer = "  ".join(f"<{text_of(view[k])}>" for k in ("close", "submit") if view.get(k))
    body.text = "\n".join(filter(None, [f"## {title}" if title else "", body.text, footer]))
    return body
