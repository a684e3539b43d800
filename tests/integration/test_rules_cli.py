"""`rapport rules check FILE`: an admin checks the presales rules file before Rapport reads it."""

from __future__ import annotations

from pathlib import Path

from tests.integration.test_cli import rapport

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "presales-rules.toml"


def test_the_example_rules_file_passes_the_check(tmp_path: Path) -> None:
    done = rapport("rules", "check", str(EXAMPLE), cwd=tmp_path, RAPPORT_PRESALES_CHANNEL="C0PRESALES1")
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == f"{EXAMPLE}: 2 queue(s), 3 rule(s)"


def test_a_malformed_rules_file_is_refused_with_file_line_and_reason(tmp_path: Path) -> None:
    bad = tmp_path / "rules.toml"
    bad.write_text(EXAMPLE.read_text(encoding="utf-8").replace('queue = "americas"', 'queue = "america"'),
                   encoding="utf-8")
    done = rapport("rules", "check", str(bad), cwd=tmp_path)
    assert done.returncode == 1 and done.stdout == ""
    assert done.stderr.strip() == f"{bad}:65: rule 2, queue: no queue is named 'america' (queues: americas, solutions-east)"
