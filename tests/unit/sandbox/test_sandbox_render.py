"""Block Kit rendered as terminal text."""

from __future__ import annotations

import pytest

from sandbox.render import Button, mrkdwn, render_blocks, render_message, render_view


def button(action_id: str, label: str, value: str | None = None) -> dict[str, object]:
    """A Block Kit button."""
    element: dict[str, object] = {"type": "button", "action_id": action_id,
                                  "text": {"type": "plain_text", "text": label}}
    if value is not None:
        element["value"] = value
    return element


CARD = [
    {"type": "header", "text": {"type": "plain_text", "text": "Meeting log"}},
    {"type": "section", "block_id": "who", "text": {"type": "mrkdwn", "text": "*Lin Tao* (CIO) _supportive_"},
     "fields": [{"type": "mrkdwn", "text": "*Deal*\nCore banking"}, {"type": "plain_text", "text": "Stage: RFP"}],
     "accessory": button("log_more", "More", "m")},
    {"type": "divider"},
    {"type": "context", "elements": [{"type": "mrkdwn", "text": "logged by <@U0LIN>"},
                                     {"type": "image", "image_url": "https://x/y.png", "alt_text": "avatar"}]},
    {"type": "image", "image_url": "https://x/chart.png", "alt_text": "pipeline chart"},
    {"type": "actions", "block_id": "log_card", "elements": [
        button("log_confirm", "Confirm", "log-1"), button("log_edit", "Edit", "log-1"),
        button("log_discard", "Discard", "log-1")]},
]


def test_buttons_are_numbered_in_reading_order_with_what_they_send() -> None:
    rendered = render_blocks(CARD)
    assert [(b.number, b.text, b.action_id) for b in rendered.buttons] == [
        (1, "More", "log_more"), (2, "Confirm", "log_confirm"), (3, "Edit", "log_edit"), (4, "Discard", "log_discard")]
    assert rendered.button(3) == Button(3, "Edit", "log_edit", "log-1", "log_card")
    assert "[2] Confirm  [3] Edit  [4] Discard" in rendered.text


def test_an_actions_row_alone_reads_confirm_edit_discard() -> None:
    rendered = render_blocks(CARD[-1:])
    assert rendered.text == "[1] Confirm  [2] Edit  [3] Discard"


def test_headers_sections_fields_context_dividers_and_images_read_plainly() -> None:
    lines = render_blocks(CARD).text.splitlines()
    assert lines[0] == "Meeting log" and lines[1].startswith("===")
    assert "Lin Tao (CIO) supportive" in lines
    assert "  Deal Core banking" in lines and "  Stage: RFP" in lines
    assert "-" * 40 in lines
    assert "  logged by @U0LIN  [image: avatar]" in lines
    assert "[image: pipeline chart]" in lines


def test_asking_for_a_missing_button_names_the_ones_there_are() -> None:
    with pytest.raises(IndexError, match=r"\[1, 2, 3\]"):
        render_blocks(CARD[-1:]).button(4)


@pytest.mark.parametrize(("source", "shown"), [
    ("*bold* and _italic_ and ~gone~", "bold and italic and gone"),
    ("see <https://example.com|the deck>", "see the deck (https://example.com)"),
    ("<#C123|sales> <!here> <@U9>", "#sales @here @U9"),
    ("a &lt;b&gt; &amp; c", "a <b> & c"),
    ("snake_case_name stays", "snake_case_name stays"),
    ("2*3*4 = 24", "2*3*4 = 24"),
])
def test_mrkdwn_loses_its_marks_but_not_its_words(source: str, shown: str) -> None:
    assert mrkdwn(source) == shown


def test_a_message_without_blocks_shows_its_text_and_files() -> None:
    rendered = render_message({"text": "*Weekly digest*", "files": [{"title": "pipeline.png", "name": "p.png"}]})
    assert rendered.text == "Weekly digest\n[file: pipeline.png]" and rendered.buttons == []


def test_a_modal_shows_title_inputs_and_submit() -> None:
    view = {"type": "modal", "title": {"type": "plain_text", "text": "Edit log"},
            "submit": {"type": "plain_text", "text": "Save"}, "close": {"type": "plain_text", "text": "Cancel"},
            "blocks": [{"type": "input", "block_id": "summary", "label": {"type": "plain_text", "text": "Summary"},
                        "element": {"type": "plain_text_input", "action_id": "text", "initial_value": "lunch"}}]}
    assert render_view(view).text == "## Edit log\nSummary: lunch\n<Cancel>  <Save>"
