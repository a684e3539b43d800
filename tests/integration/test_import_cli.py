"""`rapport import` and `rapport export --csv` as an operator runs them."""

from __future__ import annotations

import json
from pathlib import Path

from storage.migrate import upgrade
from tests.integration.test_cli import rapport

DATA = Path(__file__).parents[1] / "data" / "csv"


def test_importing_a_salesforce_export_prints_what_it_did_and_exits_0(tmp_path: Path, migrated_url: str) -> None:
    done = rapport("import", str(DATA / "salesforce_contacts.csv"), "--workspace", "T1", cwd=tmp_path,
                   DATABASE_URL=migrated_url)
    assert done.returncode == 0, done.stderr
    assert "contacts: 4 created, 0 updated, 0 unchanged" in done.stdout
    assert "ignored columns: Salutation, Mailing City" in done.stdout and "身份证号" in done.stdout


def test_a_file_with_a_bad_row_exits_1_names_the_line_and_writes_nothing(tmp_path: Path, migrated_url: str) -> None:
    done = rapport("import", str(DATA / "rapport_contacts_bad_row.csv"), "--workspace", "T1", cwd=tmp_path,
                   DATABASE_URL=migrated_url)
    assert done.returncode == 1
    assert "line 7: importance must be 1–5, got 9" in done.stderr and "nothing imported" in done.stderr
    exported = rapport("export", "--json", "-", "--workspace", "T1", cwd=tmp_path, DATABASE_URL=migrated_url)
    assert json.loads(exported.stdout)["contacts"] == []


def test_csv_export_imports_back_into_a_fresh_store_and_exports_the_same_files(tmp_path: Path) -> None:
    first, second = f"sqlite:///{tmp_path / 'a.sqlite3'}", f"sqlite:///{tmp_path / 'b.sqlite3'}"
    fixed = tmp_path / "contacts.csv"
    fixed.write_text((DATA / "rapport_contacts_bad_row.csv").read_text(encoding="utf-8").replace(",9,", ",4,"),
                     encoding="utf-8")
    for source in (DATA / "rapport_accounts.csv", fixed, DATA / "hubspot_contacts.csv", DATA / "rapport_links.csv"):
        assert rapport("import", str(source), "--workspace", "T1", cwd=tmp_path, DATABASE_URL=first).returncode == 0
    assert rapport("export", "--csv", "out1", cwd=tmp_path, DATABASE_URL=first).returncode == 0
    for name in ("accounts.csv", "contacts.csv", "links.csv"):
        done = rapport("import", f"out1/{name}", "--workspace", "T2", cwd=tmp_path, DATABASE_URL=second)
        assert done.returncode == 0, done.stderr
    assert rapport("export", "--csv", "out2", cwd=tmp_path, DATABASE_URL=second).returncode == 0
    for name in ("accounts.csv", "contacts.csv", "links.csv"):
        assert (tmp_path / "out1" / name).read_bytes() == (tmp_path / "out2" / name).read_bytes(), name
    assert "冯涛,瑞丰化工" in (tmp_path / "out2" / "contacts.csv").read_text(encoding="utf-8-sig")


def test_a_json_backup_restores_into_a_fresh_store(tmp_path: Path, migrated_url: str) -> None:
    for source in ("rapport_accounts.csv", "salesforce_contacts.csv"):
        rapport("import", str(DATA / source), "--workspace", "T1", cwd=tmp_path, DATABASE_URL=migrated_url)
    assert rapport("export", "--json", "backup.json", cwd=tmp_path, DATABASE_URL=migrated_url).returncode == 0
    fresh = f"sqlite:///{tmp_path / 'fresh.sqlite3'}"
    upgrade(fresh)
    done = rapport("import", "--json", "backup.json", "--workspace", "T1", cwd=tmp_path, DATABASE_URL=fresh)
    assert done.returncode == 0, done.stderr
    assert "4 contacts" in done.stdout
    again = rapport("export", "--json", "-", cwd=tmp_path, DATABASE_URL=fresh)
    before = json.loads((tmp_path / "backup.json").read_text(encoding="utf-8"))
    assert _names(json.loads(again.stdout)) == _names(before)


def test_a_json_backup_is_refused_by_a_workspace_that_holds_records(tmp_path: Path, migrated_url: str) -> None:
    rapport("import", str(DATA / "rapport_accounts.csv"), "--workspace", "T1", cwd=tmp_path, DATABASE_URL=migrated_url)
    rapport("export", "--json", "backup.json", cwd=tmp_path, DATABASE_URL=migrated_url)
    done = rapport("import", "--json", "backup.json", "--workspace", "T1", cwd=tmp_path, DATABASE_URL=migrated_url)
    assert done.returncode == 1 and "only into an empty workspace" in done.stderr


def test_an_import_into_an_empty_store_asks_which_workspace(tmp_path: Path) -> None:
    done = rapport("import", str(DATA / "rapport_accounts.csv"), cwd=tmp_path)
    assert done.returncode != 0 and "--workspace" in done.stderr


def _names(data: dict[str, list[dict[str, object]]]) -> dict[str, list[tuple[object, ...]]]:
    return {kind: [(r.get("name"), r.get("account"), r.get("title"), r.get("created_at")) for r in records]
            for kind, records in data.items() if kind in ("accounts", "contacts", "audit_log")}
