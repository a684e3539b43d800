"""Wiring a running Rapport: store, clock, Slack app, servers. Built once from Settings, nothing at import."""

from __future__ import annotations

import gc
import json
import logging
import signal
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from slack_bolt import App
from slack_sdk.errors import SlackApiError
from sqlalchemy import Engine

from bot.app import check_token, create_app
from bot.http import HttpServer
from bot.presales import presales_rules
from bot.settings import SettingRefused, Settings
from domain.compliance import load_compliance_rules
from domain.understanding import warm_up
from handlers.deps import Deps
from services.clock import Clock, SystemClock
from services.understander import InHelperProcess, InProcess, Understander
from storage.db import make_engine, session_factory
from storage.export import export_workspace, workspace_ids
from storage.migrate import upgrade
from storage.uow import UnitOfWorkFactory

log = logging.getLogger("rapport")


@dataclass
class Runtime:
    """Everything a process of Rapport holds on to."""

    settings: Settings
    engine: Engine
    deps: Deps
    app: App


def build(settings: Settings, *, clock: Clock | None = None, migrate_sqlite: bool = True,
          helper_process: bool = False) -> Runtime:
    """Connect the store (upgrading an embedded SQLite store in place) and build the Slack app.

    With helper_process, logs are understood in a helper process so the web process stays free to ack."""
    presales = presales_rules(settings)  # first: a bad rules file stops the start before anything is touched
    url = settings.store_url
    if migrate_sqlite and url.startswith("sqlite"):
        upgrade(url)
    engine = make_engine(url)
    understander = _understander(settings, helper_process)
    deps = Deps(
        uow_factory=UnitOfWorkFactory(session_factory(engine)),
        clock=clock or SystemClock(),
        default_tz=settings.rapport_timezone,
        default_locale=settings.rapport_locale,
        morning=settings.rapport_morning,
        pitch_channel=None if settings.oauth_enabled else settings.rapport_pitch_channel,
        understand=understander,
        offload=_offload(understander) if isinstance(understander, InHelperProcess) else None,
        presales=presales,
    )
    return Runtime(settings, engine, deps, create_app(settings, deps, engine=engine))


def _understander(settings: Settings, helper_process: bool) -> Understander:
    rules = load_compliance_rules(settings.rapport_compliance_file)
    if helper_process:
        return InHelperProcess(rules)
    warm_up()  # jieba's dictionary loads once here, not on a rep's first log
    return InProcess(rules)


def _offload(helper: InHelperProcess) -> Callable[[dict[str, Any]], None]:
    """Hand a DM's log to the helper process: the listener thread waits, the GIL stays free for acks."""
    from bot.offload import LogJob, run_log_job

    def offload(job: dict[str, Any]) -> None:
        helper.run(run_log_job, LogJob(**job))

    return offload


def serve(settings: Settings, *, host: str, port: int, socket: bool) -> None:
    """Run `rapport serve`: HTTP on host:port, or Socket Mode, until interrupted."""
    runtime = build(settings, helper_process=True)
    # Everything built so far lives as long as the process: keep the collector from re-scanning
    # it, or a full collection pauses whichever ack happens to trigger it.
    gc.freeze()
    signal.signal(signal.SIGTERM, _stop)  # platforms stop a process with SIGTERM
    try:
        if settings.slack_bot_token:
            check_token(runtime.app.client)
        if socket:
            _serve_socket(runtime.app, settings.slack_app_token or "")
        else:
            HttpServer(runtime.app, host=host, port=port).serve_forever()
    except (KeyboardInterrupt, SystemExit):
        log.info("Rapport stopping")
    finally:
        runtime.deps.understand.close()
        runtime.engine.dispose()


def _serve_socket(app: App, app_token: str) -> None:
    from slack_bolt.adapter.socket_mode import SocketModeHandler

    log.info("Rapport connecting over Socket Mode")
    handler = SocketModeHandler(app, app_token)
    try:
        handler.start()  # blocks until SIGTERM or Ctrl+C
    except SlackApiError as e:  # apps.connections.open refused the app-level token
        raise SettingRefused(f"rapport cannot start: Slack refused SLACK_APP_TOKEN ({e.response.get('error')}): "
                             "set the app-level token (xapp-...) with the connections:write scope") from e
    finally:
        handler.close()  # leave Slack cleanly and finish the envelopes in flight


def _stop(signum: int, _frame: object) -> None:
    raise SystemExit(0)


def export_json(settings: Settings, *, workspace: str | None) -> str:
    """The workspace's whole store as one JSON document (see DESIGN.md, Interfaces)."""
    engine = make_engine(settings.store_url)
    sessions = session_factory(engine)
    if workspace is None:
        teams = sorted(workspace_ids(sessions))
        if len(teams) > 1:
            raise SystemExit(f"several workspaces in the store ({', '.join(teams)}): choose one with --workspace")
        workspace = teams[0] if teams else ""
    return json.dumps(export_workspace(sessions, workspace), ensure_ascii=False, indent=2)
