"""Slack's side of Socket Mode: apps.connections.open, the /link/ WebSocket, envelopes out and acks back."""

from __future__ import annotations

import contextlib
import json
import logging
import secrets
import socket
import threading
import time
import uuid
from collections.abc import Callable
from functools import partial
from io import BufferedIOBase
from typing import Any, TypeVar
from urllib.parse import parse_qs, urlsplit

from sandbox.methods import ApiRequest
from sandbox.websocket import ProtocolError, WebSocket, handshake_reply
from sandbox.workspace import Workspace

T = TypeVar("T")
log = logging.getLogger("rapport.sandbox.socket_mode")
ENVELOPE_TYPES = ("events_api", "slash_commands", "interactive")
# Slack lets the app answer these with a payload (ack(text), response_action, options).
ANSWERABLE = ("view_submission", "block_suggestion", "view_closed")


def envelope(envelope_type: str, payload: dict[str, Any], *, retry_attempt: int = 0,
             retry_reason: str = "") -> dict[str, Any]:
    """A Socket Mode envelope as Slack sends it over the WebSocket."""
    if envelope_type not in ENVELOPE_TYPES:
        raise ValueError(f"envelope_type must be one of {ENVELOPE_TYPES}, not {envelope_type!r}")
    answerable = envelope_type == "slash_commands" or payload.get("type") in ANSWERABLE
    message: dict[str, Any] = {"envelope_id": str(uuid.uuid4()), "payload": payload, "type": envelope_type,
                               "accepts_response_payload": answerable}
    if envelope_type == "events_api":
        message.update(retry_attempt=retry_attempt, retry_reason=retry_reason)
    return message


class SocketModeHub:
    """The app's WebSocket connections to the stand-in, the envelopes pushed and the acks received."""

    def __init__(self, ws: Workspace) -> None:
        self.ws = ws
        self.changed = threading.Condition()
        self.tickets: set[str] = set()
        self.connections: list[WebSocket] = []
        self.connected_total = 0
        self.acks: dict[str, dict[str, Any]] = {}
        self.received: list[Any] = []

    # -- the Web API method and the WebSocket endpoint --------------------------------------------

    def connections_open(self, ws: Workspace, req: ApiRequest) -> dict[str, Any]:
        """apps.connections.open: a one-time ws:// URL for the app-level token's app."""
        ticket = secrets.token_hex(16)
        with self.changed:
            self.tickets.add(ticket)
        host = ws.base_url.removeprefix("http://").rstrip("/")
        return {"ok": True, "url": f"ws://{host}/link/?ticket={ticket}&app_id={ws.identity.app_id}"}

    def serve(self, path: str, headers: dict[str, str], sock: socket.socket, reader: BufferedIOBase) -> None:
        """Take over an HTTP upgrade request on /link/ and talk Socket Mode until the socket closes."""
        reply = handshake_reply(headers)
        if reply is None or not self._take_ticket(path):
            sock.sendall(b"HTTP/1.1 401 Unauthorized\r\nContent-Length: 0\r\nConnection: close\r\n\r\n")
            return
        sock.sendall(reply)
        conn = WebSocket(sock, reader)
        count = self._add(conn)
        try:
            conn.send_text(json.dumps(self._hello(count)))
            self._read_acks(conn)
        except (OSError, ProtocolError) as error:
            log.debug("socket mode connection ended: %s", error)
        finally:
            conn.close()
            self._update(lambda: self.connections.remove(conn))

    def _take_ticket(self, path: str) -> bool:
        url = urlsplit(path)
        ticket = (parse_qs(url.query).get("ticket") or [""])[0]
        with self.changed:
            if url.path.rstrip("/") != "/link" or ticket not in self.tickets:
                return False
            self.tickets.discard(ticket)
            return True

    def _add(self, conn: WebSocket) -> int:
        def add() -> int:
            self.connections.append(conn)
            self.connected_total += 1
            return len(self.connections)

        return self._update(add)

    def _hello(self, num_connections: int) -> dict[str, Any]:
        return {"type": "hello", "num_connections": num_connections,
                "debug_info": {"host": "applink-sandbox", "build_number": 1,
                               "approximate_connection_time": 18060},
                "connection_info": {"app_id": self.ws.identity.app_id}}

    def _read_acks(self, conn: WebSocket) -> None:
        while (message := conn.receive()) is not None:
            try:
                data = json.loads(message)
            except ValueError:
                data = message
            self._update(partial(self._record, data))

    def _record(self, data: Any) -> None:
        """Keep what the app sent; an ack is {"envelope_id": ..., "payload": ...}."""
        self.received.append(data)
        if isinstance(data, dict) and data.get("envelope_id"):
            self.acks[str(data["envelope_id"])] = data

    def _update(self, change: Callable[[], T]) -> T:
        with self.changed:
            result = change()
            self.changed.notify_all()
            return result

    # -- what tests do ----------------------------------------------------------------------------

    def wait(self, predicate: Callable[[], T | None], timeout: float, what: str) -> T:
        """Block until predicate() is truthy and return it; TimeoutError saying what was awaited."""
        deadline = time.monotonic() + timeout
        with self.changed:
            while not (result := predicate()):
                left = deadline - time.monotonic()
                if left <= 0:
                    raise TimeoutError(f"stand-in waited {timeout}s for {what}; "
                                       f"{len(self.connections)} app connection(s), acks: {list(self.acks)}")
                self.changed.wait(left)
            return result

    def send(self, envelope_type: str, payload: dict[str, Any], timeout: float = 5.0, **retry: Any) -> str:
        """Push an envelope to the newest connection (waiting up to timeout for one); its envelope_id."""
        message = envelope(envelope_type, payload, **retry)
        conn = self.wait(lambda: next((c for c in reversed(self.connections) if not c.closed), None), timeout,
                         "an app to connect over Socket Mode")
        conn.send_text(json.dumps(message, ensure_ascii=False))
        return str(message["envelope_id"])

    def disconnect(self, reason: str = "refresh_requested") -> int:
        """Ask every connected app to reconnect, as Slack does: a disconnect message, then a close frame."""
        with self.changed:
            connections = list(self.connections)
        for conn in connections:
            with contextlib.suppress(OSError):
                conn.send_text(json.dumps({"type": "disconnect", "reason": reason,
                                           "debug_info": {"host": "applink-sandbox"}}))
            conn.close(1001, reason)
        return len(connections)

    def close_all(self) -> None:
        """Drop every connection at once (the stand-in is stopping)."""
        with self.changed:
            connections = list(self.connections)
        for conn in connections:
            conn.close(1001, "server stopping")
            conn.abort()
