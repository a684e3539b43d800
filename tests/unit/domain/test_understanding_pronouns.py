"""Pronouns keep pointing at the person the rep means."""

from datetime import datetime
from zoneinfo import ZoneInfo

from domain.understanding import understand

NOW = datetime(2026, 12, 9, 9, 0, tzinfo=ZoneInfo("Asia/Shanghai"))


def _people(text: str) -> dict[str, tuple[str | None, str | None]]:
    return {p.name: (p.title, p.stance) for p in understand(text, now=NOW).people}


def test_she_stays_on_the_same_person_across_a_clause_about_someone_else() -> None:
    log = understand("上周和华信证券的周敏吃饭，她是CIO，陈磊向她汇报，她倾向竞争对手", now=NOW)
    assert _people(log.notes)["周敏"] == ("CIO", "opponent")
    assert _people(log.notes)["陈磊"] == (None, None)
    assert [(r.from_, r.kind, r.to) for r in log.relations] == [("陈磊", "reports_to", "周敏")]


def test_a_newly_named_person_takes_the_pronoun_over() -> None:
    people = _people("昨天见了刘洋，她是CTO。今天又见了赵敏，她是CFO，很支持我们。")
    assert people["刘洋"] == ("CTO", None)
    assert people["赵敏"] == ("CFO", "supporter")


def test_a_pronoun_that_only_speaks_gives_no_title() -> None:
    assert _people("和孙悦吃饭，她说下周再谈。")["孙悦"][0] is None
