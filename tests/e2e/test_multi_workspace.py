"""Installed in several workspaces through OAuth: each answers with its own token and sees only its own data."""

from __future__ import annotations

import urllib.error
import urllib.request
from pathlib import Path

from slack_sdk.oauth.installation_store import Installation
from slack_sdk.oauth.installation_store.sqlalchemy import SQLAlchemyInstallationStore
from sqlalchemy import select

from sandbox.client import SlackClientSimulator
from sandbox.local import start_local
from storage.rows import LogDraftRow
from tests.e2e.conftest import REP

CLIENT_ID = "1111.2222"


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        return None


def test_install_page_sends_the_admin_to_slack_with_our_scopes(database_url: str, tmp_path: Path) -> None:
    with start_local(database_url=database_url, files_dir=tmp_path, slack_client_id=CLIENT_ID,
                     slack_client_secret="oauth-secret") as rapport:
        url = rapport.server.url.replace("/slack/events", "/slack/install")
        opener = urllib.request.build_opener(_NoRedirect)
        try:
            page = opener.open(url).read().decode()
        except urllib.error.HTTPError as redirect:  # Bolt may answer with a 302 to Slack
            page = redirect.headers.get("Location", "")
        assert "slack.com/oauth/v2/authorize" in page and f"client_id={CLIENT_ID}" in page
        assert "chat%3Awrite" in page or "chat:write" in page


def test_each_workspace_is_answered_with_its_own_installation(database_url: str, tmp_path: Path) -> None:
    with start_local(database_url=database_url, files_dir=tmp_path, slack_client_id=CLIENT_ID,
                     slack_client_secret="oauth-secret", team_id="T0ALPHA01") as rapport:
        store = SQLAlchemyInstallationStore(client_id=CLIENT_ID, engine=rapport.runtime.engine)
        for team, token in (("T0ALPHA01", "xoxb-alpha"), ("T0BETA001", "xoxb-beta")):
            rapport.standin.add_token(token, team)
            store.save(Installation(app_id="A0RAPPORT1", team_id=team, bot_token=token, bot_id="B0BOT0001",
                                    bot_user_id="U0BOT0001", bot_scopes=["chat:write"], user_id="U0ADMIN01"))
        rapport.standin.add_user(REP, "lin", "林晓")
        beta = SlackClientSimulator(rapport.server.url, rapport.signing_secret, team_id="T0BETA001")
        rapport.slack.send_dm(REP, "昨天和北辰银行的李娜吃饭")
        beta.send_dm(REP, "今天和南方航运的林涛开会")
        rapport.standin.wait_for(lambda: len(rapport.standin.calls_to("chat.postMessage")) >= 2 or None, timeout=20)
        tokens = {c.token for c in rapport.standin.calls_to("chat.postMessage")}
        assert tokens == {"xoxb-alpha", "xoxb-beta"}
        with rapport.runtime.engine.connect() as conn:
            drafts = dict(conn.execute(select(LogDraftRow.workspace_id, LogDraftRow.parsed)).all())
        assert drafts["T0ALPHA01"]["account"] == "北辰银行" and drafts["T0BETA001"]["account"] == "南方航运"
