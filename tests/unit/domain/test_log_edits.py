"""What the rep corrects in the Edit dialog wins over what was understood."""

from datetime import date

from domain.log_edits import LogEdits, PersonEdit, apply_edits

PARSED = {"account": "北辰银", "occurred_on": "2026-12-08", "channel": "meal", "notes": "…",
          "people": [{"name": "李娜", "title": None, "stance": "opponent"}, {"name": "张伟", "title": "经理"}]}


def test_corrected_account_date_channel_and_titles_replace_the_understanding() -> None:
    edits = LogEdits(account="北辰银行", occurred_on=date(2026, 12, 7), channel="call",
                     people={"李娜": PersonEdit(title="CTO", stance="neutral")})
    out = apply_edits(PARSED, edits)
    assert (out["account"], out["occurred_on"], out["channel"]) == ("北辰银行", "2026-12-07", "call")
    assert out["people"][0] == {"name": "李娜", "title": "CTO", "stance": "neutral"}
    assert out["people"][1] == {"name": "张伟", "title": "经理"}


def test_an_emptied_field_means_unknown_and_silence_keeps_the_understanding() -> None:
    out = apply_edits(PARSED, LogEdits(account="", people={"张伟": PersonEdit(title="")}))
    assert out["account"] is None and out["people"][1]["title"] is None
    assert out["channel"] == "meal" and PARSED["people"][1]["title"] == "经理"  # the original is untouched


def test_an_unknown_channel_or_stance_is_ignored() -> None:
    out = apply_edits(PARSED, LogEdits(channel="carrier pigeon", people={"李娜": PersonEdit(stance="?")}))
    assert out["channel"] == "meal" and out["people"][0]["stance"] is None


def test_for_a_rewritten_text_only_the_fields_the_rep_changed_are_kept() -> None:
    from domain.log_edits import changed_edits

    shown_again = LogEdits(account="北辰银", occurred_on=date(2026, 12, 8), channel="call",
                           people={"李娜": PersonEdit(title="", stance="opponent"), "张伟": PersonEdit(title="总监")})
    kept = changed_edits(shown_again, PARSED)
    assert kept.account is None and kept.occurred_on is None and kept.channel == "call"
    assert kept.people["李娜"] == PersonEdit(None, None)
    assert kept.people["张伟"] == PersonEdit("总监", None)
