"""SlackStandIn: a real HTTP server on loopback answering the Web API methods Rapport calls."""

from __future__ import annotations

import queue
import tempfile
import threading
from collections.abc import Callable
from http.server import ThreadingHTTPServer
from pathlib import Path
from types import TracebackType
from typing import Any, TypeVar

from sandbox.httpapi import Delay, Failure, WebApi, make_server
from sandbox.methods import Method
from sandbox.records import Call, SandboxUser, StandInEvent, StoredFile, dm_channel_for, ts_key
from sandbox.socket_mode import SocketModeHub
from sandbox.workspace import Identity, Listener, State, Workspace

T = TypeVar("T")


class SlackStandIn:
    """Slack's Web API on 127.0.0.1, with the state a chat UI needs and hooks for tests."""

    def __init__(self, bot_token: str = "xoxb-test", team_id: str = "T0001", *, port: int = 0,
                 files_dir: str | Path | None = None, identity: Identity | None = None,
                 app_token: str = "xapp-sandbox") -> None:
        self.identity = identity or Identity(team_id=team_id)
        self.bot_token = bot_token
        self.app_token = app_token
        self.port = port
        self.files_dir = Path(files_dir) if files_dir else Path(tempfile.mkdtemp(prefix="rapport-files-"))
        self.workspace = Workspace(self.identity, self.files_dir)
        self.api = WebApi(self.workspace)
        self.socket_mode = SocketModeHub(self.workspace)
        self.api.upgrade = self.socket_mode.serve
        self.api.methods["apps.connections.open"] = self.socket_mode.connections_open
        self._server: ThreadingHTTPServer | None = None
        self._thread: threading.Thread | None = None
        self._seed()

    def _seed(self) -> None:
        who = self.identity
        self.add_token(self.bot_token, who.team_id)
        self.add_token(self.app_token, who.team_id)
        bot = SandboxUser(who.bot_user_id, who.bot_name, "Rapport", tz="UTC", locale="en-US",
                          is_bot=True, team_id=who.team_id)
        self.workspace.mutate(lambda s: s.users.__setitem__(bot.user_id, bot))

    # -- lifecycle -------------------------------------------------------------------------------

    def start(self) -> SlackStandIn:
        """Bind 127.0.0.1 and serve on a daemon thread; returns self."""
        if self._server is None:
            self._server = make_server(self.api, "127.0.0.1", self.port)
            self.port = self._server.server_address[1]
            self.workspace.base_url = f"http://127.0.0.1:{self.port}/"
            # A short poll keeps stop() quick; the default half second adds up across many tests.
            self._thread = threading.Thread(target=self._server.serve_forever, args=(0.05,),
                                            name="slack-standin", daemon=True)
            self._thread.start()
        return self

    def stop(self) -> None:
        """Stop serving and release the port."""
        if self._server is not None:
            self.api.clear_failures()  # answers held calls, so their threads end
            self.socket_mode.close_all()
            self._server.shutdown()
            self._server.server_close()
            if self._thread is not None:
                self._thread.join(timeout=5)
            self._server = self._thread = None

    def __enter__(self) -> SlackStandIn:
        return self.start()

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None, tb: TracebackType | None) -> None:
        self.stop()

    @property
    def base_url(self) -> str:
        """http://127.0.0.1:PORT/ once started."""
        if not self.workspace.base_url:
            raise RuntimeError("SlackStandIn is not started")
        return self.workspace.base_url

    @property
    def api_url(self) -> str:
        """The Web API base URL for SLACK_API_URL / WebClient(base_url=...)."""
        return self.base_url + "api/"

    @property
    def response_url_base(self) -> str:
        """Where SlackClientSimulator should point response_url so replies land here."""
        return self.base_url + "respond/"

    # -- workspace setup --------------------------------------------------------------------------

    def add_token(self, token: str, team_id: str) -> None:
        """Accept `token` as a valid token of `team_id`."""
        self.workspace.mutate(lambda s: s.tokens.__setitem__(token, team_id))

    def add_user(self, user_id: str, name: str, real_name: str, tz: str = "Asia/Shanghai",
                 locale: str = "zh-CN", is_admin: bool = False) -> None:
        """Add a workspace member users.info and conversations.open will know."""
        user = SandboxUser(user_id, name, real_name, tz, locale, is_admin, team_id=self.identity.team_id)
        self.workspace.mutate(lambda s: s.users.__setitem__(user_id, user))

    def register_method(self, name: str, method: Method) -> None:
        """Answer another Web API method: method(workspace, ApiRequest) -> response dict."""
        self.api.methods[name] = method

    def fail_next(self, method: str, status: int = 429, retry_after: int = 1, times: int = 1,
                  error: str | None = None) -> None:
        """Make the next `times` calls fail: 429 + Retry-After, a 5xx, or HTTP 200 ok=false `error`."""
        self.api.fail_next(method, Failure(status, retry_after, error, times))

    def delay_next(self, method: str, seconds: float, after_effect: bool = False) -> threading.Event:
        """Answer the next call of `method` `seconds` late: before doing it, or after (the message is stored).

        Returns an event set when that call arrives, so a test can kill the caller at exactly that point."""
        delay = Delay(seconds, after_effect)
        self.api.delay_next(method, delay)
        return delay.arrived

    def reset(self) -> None:
        """Forget calls, messages, views, files and queued failures and delays; keep tokens and users."""
        def change(state: State) -> None:
            state.__dict__.update(State(tokens=state.tokens, users=state.users).__dict__)

        self.workspace.mutate(change)
        self.api.clear_failures()

    # -- what happened ----------------------------------------------------------------------------

    @property
    def calls(self) -> list[Call]:
        """Every request the bot made, oldest first."""
        return self.workspace.read(lambda s: list(s.calls))

    def calls_to(self, method: str) -> list[Call]:
        """The requests made to one method."""
        return [c for c in self.calls if c.method == method]

    def messages(self, channel: str) -> list[dict[str, Any]]:
        """The channel's messages, oldest first, as currently edited."""
        return self.workspace.read(lambda s: list(s.messages.get(channel, [])))

    def ephemerals(self, channel: str, user: str | None = None) -> list[dict[str, Any]]:
        """Ephemeral messages in a channel, for one user or all."""
        return self.workspace.read(
            lambda s: [e.message for e in s.ephemerals.get(channel, []) if user in (None, e.user)])

    def visible_to(self, user: str, channel: str | None = None) -> list[dict[str, Any]]:
        """What `user` sees in a channel (default: their DM): messages and their ephemerals, in order."""
        channel = channel or dm_channel_for(user)
        return sorted(self.messages(channel) + self.ephemerals(channel, user), key=lambda m: ts_key(m["ts"]))

    def dm_channel(self, user: str) -> str:
        """The DM channel conversations.open returns for a user."""
        return dm_channel_for(user)

    def views(self, user: str | None = None) -> list[dict[str, Any]]:
        """Modals opened (for one user, when the trigger came from the simulator), oldest first."""
        return self.workspace.read(
            lambda s: [v for vid, v in s.views.items() if user in (None, s.view_users.get(vid))])

    def home(self, user: str) -> dict[str, Any] | None:
        """The App Home view last published for a user."""
        return self.workspace.read(lambda s: s.homes.get(user))

    @property
    def files(self) -> list[StoredFile]:
        """Files the bot uploaded and completed, with the path their bytes were saved to."""
        return self.workspace.read(lambda s: list(s.files))

    def record_user_message(self, channel: str, user: str, text: str, ts: str | None = None) -> dict[str, Any]:
        """Put a person's message into the transcript (the simulator sends it to the bot separately)."""
        message = {"type": "message", "user": user, "text": text, "ts": ts or self.workspace.ids.ts(),
                   "team": self.identity.team_id}
        self.workspace.mutate(lambda s: s.messages.setdefault(channel, []).append(message))
        return message

    def new_ts(self) -> str:
        """A fresh message ts, ordered after every ts the stand-in handed out."""
        return self.workspace.ids.ts()

    # -- waiting and watching ---------------------------------------------------------------------

    def wait_for(self, predicate: Callable[[], T], timeout: float = 5.0) -> T:
        """Wait until predicate() is truthy (re-checked on every change); TimeoutError otherwise."""
        return self.workspace.wait_for(predicate, timeout)

    def wait_for_calls(self, method: str, count: int = 1, timeout: float = 5.0) -> list[Call]:
        """Wait until `method` was called at least `count` times; returns those calls."""
        def enough() -> list[Call]:
            found = [c for c in self.workspace.state.calls if c.method == method]
            return found if len(found) >= count else []

        return self.workspace.wait_for(enough, timeout)

    def subscribe(self) -> queue.Queue[StandInEvent]:
        """A queue receiving every later StandInEvent (message, update, delete, ephemeral, file, view, home)."""
        return self.workspace.subscribe()

    def unsubscribe(self, events: queue.Queue[StandInEvent]) -> None:
        """Stop feeding a subscribed queue."""
        self.workspace.unsubscribe(events)

    def add_listener(self, listener: Listener) -> None:
        """Call listener(event) for every later StandInEvent (on the server thread: keep it quick)."""
        self.workspace.add_listener(listener)

    # -- Socket Mode ------------------------------------------------------------------------------

    def socket_connected(self, timeout: float = 5.0) -> int:
        """Wait until an app holds a Socket Mode connection; how many it holds."""
        hub = self.socket_mode
        return hub.wait(lambda: sum(not c.closed for c in hub.connections), timeout, "a Socket Mode connection")

    def socket_send(self, envelope_type: str, payload: dict[str, Any], timeout: float = 5.0, **retry: Any) -> str:
        """Push an envelope ("events_api", "slash_commands" or "interactive") to the app; its envelope_id.

        Waits up to `timeout` for a connection; retry_attempt / retry_reason mark an events_api retry."""
        return self.socket_mode.send(envelope_type, payload, timeout, **retry)

    def wait_for_socket_ack(self, envelope_id: str, timeout: float = 5.0) -> dict[str, Any]:
        """Wait for the app's ack of an envelope: {"envelope_id": ..., "payload": ...} as it sent it."""
        hub = self.socket_mode
        return hub.wait(lambda: hub.acks.get(envelope_id), timeout, f"the ack of envelope {envelope_id}")

    def socket_disconnect(self, reason: str = "refresh_requested") -> int:
        """Tell connected apps to reconnect (disconnect message, then close frame); how many there were."""
        return self.socket_mode.disconnect(reason)
