"""App Home: the rep's "my day" page, refreshed each time they open it."""

from __future__ import annotations

from typing import Any

from slack_bolt import App, BoltContext
from slack_sdk import WebClient

from handlers.blocks.home import home_blocks
from handlers.deps import Deps
from services.my_day import my_day


def register(app: App, deps: Deps) -> None:
    """Entry point: app_home_opened."""

    @app.event("app_home_opened")
    def on_home(body: dict[str, Any], event: dict[str, Any], context: BoltContext, client: WebClient) -> None:
        if event.get("tab", "home") != "home" or deps.seen_before(body, context):
            return
        user = deps.user(client, context, event["user"])
        day = my_day(uow=deps.uow(context), rep_slack_id=user.slack_user_id, today=deps.local_now(user).date())
        client.views_publish(user_id=user.slack_user_id, view={"type": "home", "blocks": home_blocks(deps.locale(user), day)})
