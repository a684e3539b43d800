"""A rep sees only what their role allows."""

from domain.access import Viewer, sees_account
from domain.entities import Account

BANK = Account(1, "北辰银行", owner_slack_id="U_OWNER", team=("U_TEAM",))


def test_the_owner_and_the_account_team_see_the_account_and_others_do_not() -> None:
    assert sees_account(Viewer("U_OWNER"), BANK)
    assert sees_account(Viewer("U_TEAM"), BANK)
    assert not sees_account(Viewer("U_STRANGER"), BANK)


def test_a_manager_sees_the_accounts_of_their_reports_only() -> None:
    assert sees_account(Viewer("U_MGR", "manager", frozenset({"U_TEAM"})), BANK)
    assert not sees_account(Viewer("U_MGR", "manager", frozenset({"U_ELSE"})), BANK)
    assert not sees_account(Viewer("U_REP", "rep", frozenset({"U_TEAM"})), BANK), "only managers inherit"


def test_an_admin_sees_every_account() -> None:
    assert sees_account(Viewer("U_ADMIN", "admin"), BANK)
