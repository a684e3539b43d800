"""`rapport import FILE.csv` as a use case: Salesforce, HubSpot and Rapport's own files, all or nothing."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from domain.entities import Contact
from services.importing import ImportReport, import_csv
from storage.repos_import import ImportRepo
from storage.uow import UnitOfWorkFactory

DATA = Path(__file__).parents[1] / "data" / "csv"
NOW = datetime(2027, 3, 1, 9, 0, tzinfo=UTC)
WS = "T_IMPORT"


def _import(uows: UnitOfWorkFactory, data: bytes | str, *, source: str = "file.csv", kind: str | None = None,
            workspace: str = WS) -> ImportReport:
    raw = data.encode("utf-8") if isinstance(data, str) else data
    return import_csv(uow=uows(workspace), data=raw, source=source, now=NOW, kind=kind)


def _fixture(uows: UnitOfWorkFactory, name: str) -> ImportReport:
    return _import(uows, (DATA / name).read_bytes(), source=name)


def _contacts(uows: UnitOfWorkFactory, workspace: str = WS) -> dict[str, Contact]:
    with uows(workspace) as uow:
        return {c.name: c for c in uow.contacts.all()}


def test_a_salesforce_export_joins_chinese_names_without_a_space_and_english_ones_first_last(
        uow_factory: UnitOfWorkFactory) -> None:
    report = _fixture(uow_factory, "salesforce_contacts.csv")
    assert report.ok, report.errors
    people = _contacts(uow_factory)
    assert set(people) == {"张伟", "李娜", "Lena Fischer", "Priya Nair"}
    zhang = people["张伟"]
    assert (zhang.account_name, zhang.title, zhang.department, zhang.birthday) == (
        "北辰银行", "首席信息官", "信息科技部", "03-08")
    assert (report.count("contacts").created, report.count("accounts").created) == (4, 2)


def test_identity_number_columns_are_dropped_and_said_so(uow_factory: UnitOfWorkFactory) -> None:
    report = _fixture(uow_factory, "salesforce_contacts.csv")
    assert report.dropped == ("身份证号",)
    assert "  dropped columns (identity numbers are never stored): 身份证号" in report.lines()
    with uow_factory(WS) as uow:
        stored = repr(uow.contacts.all()) + repr(ImportRepo(uow.session, WS).details()) + repr(uow.audit.entries())
    assert "110105197503081234" not in stored


def test_unknown_columns_are_ignored_and_reported_once(uow_factory: UnitOfWorkFactory) -> None:
    report = _fixture(uow_factory, "hubspot_contacts.csv")
    assert report.ignored == ("Record ID", "Lifecycle Stage", "Create Date")
    assert sum("ignored columns" in line for line in report.lines()) == 1


def test_a_hubspot_export_with_a_bom_maps_company_job_title_and_phone_number(uow_factory: UnitOfWorkFactory) -> None:
    assert _fixture(uow_factory, "hubspot_contacts.csv").ok
    feng = _contacts(uow_factory)["冯涛"]
    assert (feng.account_name, feng.title) == ("瑞丰化工", "IT总监")
    with uow_factory(WS) as uow:
        details = ImportRepo(uow.session, WS).details()[feng.id]
    assert details == {"email": "fengtao@ruifeng-chem.com", "phone": "0571-8888 2000"}


def test_salesforce_api_name_headers_are_understood(uow_factory: UnitOfWorkFactory) -> None:
    text = "FirstName,LastName,Account.Name,Title,Email,Birthdate\n娜,李,北辰银行,CTO,lina@bc.cn,1985-11-02\n"
    assert _import(uow_factory, text).ok
    li = _contacts(uow_factory)["李娜"]
    assert (li.account_name, li.title, li.birthday) == ("北辰银行", "CTO", "11-02")


def test_a_file_with_one_bad_row_imports_nothing_and_names_the_line(uow_factory: UnitOfWorkFactory) -> None:
    report = _fixture(uow_factory, "rapport_contacts_bad_row.csv")
    assert report.errors == ["line 7: importance must be 1–5, got 9"]
    assert _contacts(uow_factory) == {}
    with uow_factory(WS) as uow:
        assert uow.accounts.all() == [] and uow.audit.entries() == []


def test_every_bad_row_is_reported_with_its_line_and_reason(uow_factory: UnitOfWorkFactory) -> None:
    text = ("name,account,stance,closeness,birthday,email\n"
            "张伟,北辰银行,supporter,3,03-08,zw@bc.cn\n"
            ",北辰银行,,,,\n"
            "李娜,北辰银行,friendly,0,02-30,not-an-address\n")
    assert _import(uow_factory, text).errors == [
        "line 3: name is required",
        "line 4: stance must be supporter, neutral, opponent or unknown, got 'friendly'",
        "line 4: closeness must be 1–5, got 0",
        "line 4: birthday '02-30' is not a real date",
        "line 4: email is not an address: 'not-an-address'",
    ]


def test_re_importing_the_same_file_creates_nothing_new(uow_factory: UnitOfWorkFactory) -> None:
    _fixture(uow_factory, "salesforce_contacts.csv")
    again = _fixture(uow_factory, "salesforce_contacts.csv")
    assert (again.count("contacts").created, again.count("contacts").unchanged) == (0, 4)
    assert "accounts" not in again.counts and len(_contacts(uow_factory)) == 4


def test_a_changed_row_updates_the_contact_and_audits_before_and_after(uow_factory: UnitOfWorkFactory) -> None:
    _import(uow_factory, "name,account,title,importance\n张伟,北辰银行,CIO,3\n")
    report = _import(uow_factory, "name,account,title,importance\n张伟,北辰银行,CTO,\n", source="update.csv")
    assert report.count("contacts").updated == 1
    zhang = _contacts(uow_factory)["张伟"]
    assert (zhang.title, zhang.importance) == ("CTO", 3)
    with uow_factory(WS) as uow:
        last = uow.audit.entries("contact")[-1]
    assert (last.actor_slack_id, last.action, last.before, last.after) == ("import", "update", {"title": "CIO"},
                                                                            {"title": "CTO"})
    assert last.source.channel == "update.csv"


def test_every_created_record_has_an_audit_entry_from_the_file(uow_factory: UnitOfWorkFactory) -> None:
    _fixture(uow_factory, "salesforce_contacts.csv")
    with uow_factory(WS) as uow:
        entries = uow.audit.entries()
    assert sorted(e.entity for e in entries) == ["account"] * 2 + ["contact"] * 4
    assert {(e.actor_slack_id, e.action, e.source.channel) for e in entries} == {
        ("import", "create", "salesforce_contacts.csv")}


def test_the_same_name_at_another_account_is_another_person(uow_factory: UnitOfWorkFactory) -> None:
    report = _import(uow_factory, "name,account\n张伟,北辰银行\n张伟,瑞丰化工\n")
    assert report.count("contacts").created == 2


def test_the_same_person_twice_in_one_file_is_refused(uow_factory: UnitOfWorkFactory) -> None:
    report = _import(uow_factory, "name,account\n张伟,北辰银行\n张伟,北辰银行\n")
    assert report.errors == ["line 3: 张伟 at 北辰银行 is already on line 2"]


def test_gift_words_and_identity_numbers_in_cells_are_not_stored(uow_factory: UnitOfWorkFactory) -> None:
    text = "name,account,title\n张伟,北辰银行,CIO。中秋送了两张购物卡\n李娜,北辰银行,CTO 身份证110105197503081234\n"
    report = _import(uow_factory, text)
    assert report.ok and len(report.notes) == 2
    people = _contacts(uow_factory)
    assert (people["张伟"].title, people["李娜"].title) == ("CIO。", "CTO 身份证")


def test_a_gb18030_file_from_excel_in_china_reads_right(uow_factory: UnitOfWorkFactory) -> None:
    text = "姓名,公司,职位,手机\r\n张伟,北辰银行,首席信息官,13800138000\r\n"
    report = _import(uow_factory, text.encode("gb18030"))
    assert report.ok and report.encoding == "gb18030"
    assert _contacts(uow_factory)["张伟"].title == "首席信息官"


def test_a_semicolon_separated_file_is_read_too(uow_factory: UnitOfWorkFactory) -> None:
    assert _import(uow_factory, "name;account;title\nLena Fischer;Rhein Chemie;CIO\n").count("contacts").created == 1


def test_accounts_are_matched_by_name_and_updated(uow_factory: UnitOfWorkFactory) -> None:
    first = _fixture(uow_factory, "rapport_accounts.csv")
    assert first.kind == "accounts" and first.count("accounts").created == 2
    report = _import(uow_factory, "name,industry,region\n北辰银行,银行,上海\n瑞丰化工,化工,\n")
    assert (report.count("accounts").updated, report.count("accounts").unchanged) == (1, 1)
    with uow_factory(WS) as uow:
        bank = uow.accounts.find("Beichen Bank")
    assert bank is not None and (bank.region, bank.owner_slack_id) == ("上海", "U0REPONE")


def test_links_resolve_names_and_refuse_unknown_or_ambiguous_ones(uow_factory: UnitOfWorkFactory) -> None:
    _import(uow_factory, "name,account\n张伟,北辰银行\n李娜,北辰银行\n王芳,北辰银行\n孟行长,北辰银行\n张伟,瑞丰化工\n")
    bad = _import(uow_factory, "from,kind,to\n孟行长,knows,张伟\n王芳,knows,周杰\n周杰,knows,张伟\n")
    assert bad.errors == [
        "line 3: to: no contact named 周杰",
        "line 4: from: no contact named 周杰",
        "line 4: to: 张伟 is ambiguous (2 contacts: 北辰银行, 瑞丰化工); add a to_account column",
    ]
    # The 张伟 beside 李娜 and 孟行长 is the one at their account; to_account says so outright.
    text = "from,kind,to,to_account,strength\n李娜,reports_to,张伟,北辰银行,4\n张伟,influences,孟行长,,5\n"
    assert _import(uow_factory, text).count("links").created == 2
    again = _import(uow_factory, text.replace(",5\n", ",2\n"))
    assert (again.count("links").unchanged, again.count("links").updated) == (1, 1)


def test_links_from_the_fixture_are_written_with_their_strength(uow_factory: UnitOfWorkFactory) -> None:
    _import(uow_factory, (DATA / "rapport_contacts_bad_row.csv").read_text(encoding="utf-8").replace(",9,", ",4,"))
    assert _fixture(uow_factory, "rapport_links.csv").count("links").created == 3
    with uow_factory(WS) as uow:
        strengths = sorted(s for *_rest, s in ImportRepo(uow.session, WS).links())
    assert strengths == [3, 4, 5]


def test_one_workspace_import_leaves_another_workspace_untouched(uow_factory: UnitOfWorkFactory) -> None:
    _fixture(uow_factory, "salesforce_contacts.csv")
    assert _contacts(uow_factory, "T_OTHER") == {}
