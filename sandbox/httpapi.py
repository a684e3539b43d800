"""The stand-in's HTTP edge: decode requests the way Slack does, check tokens, inject failures."""

from __future__ import annotations

import json
import socket
import sys
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from email.parser import BytesParser
from email.policy import HTTP
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from io import BufferedIOBase
from typing import Any
from urllib.parse import parse_qs, unquote, urlsplit

from sandbox import methods, surfaces
from sandbox.methods import ApiError, ApiRequest, Method
from sandbox.workspace import Workspace

# Slack takes these as JSON even inside form bodies; slack_sdk sends them that way.
JSON_FIELDS = ("blocks", "attachments", "view", "files", "metadata", "outputs")
# Takes over a GET with Upgrade: websocket: (path, lower-cased headers, socket, buffered reader).
Upgrade = Callable[[str, dict[str, str], socket.socket, BufferedIOBase], None]

DEFAULT_METHODS: dict[str, Method] = {
    "auth.test": methods.auth_test,
    "chat.postMessage": methods.chat_post_message,
    "chat.update": methods.chat_update,
    "chat.delete": methods.chat_delete,
    "chat.postEphemeral": methods.chat_post_ephemeral,
    "conversations.open": methods.conversations_open,
    "conversations.history": methods.conversations_history,
    "conversations.replies": methods.conversations_replies,
    "users.info": methods.users_info,
    "views.open": surfaces.views_open,
    "views.publish": surfaces.views_publish,
    "views.update": surfaces.views_update,
    "files.getUploadURLExternal": surfaces.files_get_upload_url,
    "files.completeUploadExternal": surfaces.files_complete_upload,
}


@dataclass
class Reply:
    """An HTTP answer."""

    status: int
    body: bytes
    content_type: str = "application/json; charset=utf-8"
    headers: dict[str, str] = field(default_factory=dict)

    @classmethod
    def json(cls, data: dict[str, Any], status: int = 200, **headers: str) -> Reply:
        """A JSON reply with Slack's scope header (Bolt reads x-oauth-scopes from auth.test)."""
        headers.setdefault("x-oauth-scopes", "chat:write,im:write,users:read,files:write,commands")
        return cls(status, json.dumps(data, ensure_ascii=False).encode(), headers=headers)


@dataclass
class Failure:
    """A failure to answer with, instead of the next `times` calls of one method."""

    status: int
    retry_after: int
    error: str | None
    times: int


@dataclass
class Delay:
    """A late answer to the next call of one method, before or after its effect (a message stored …)."""

    seconds: float
    after_effect: bool
    arrived: threading.Event = field(default_factory=threading.Event)
    released: threading.Event = field(default_factory=threading.Event)

    def hold(self) -> None:
        """Tell the test the call is here, then keep the caller waiting (until released)."""
        self.arrived.set()
        self.released.wait(self.seconds)


def parse_params(body: bytes, content_type: str, query: str) -> dict[str, Any]:
    """Arguments from the query string and a form, multipart or JSON body."""
    params: dict[str, Any] = {k: v[-1] for k, v in parse_qs(query, keep_blank_values=True).items()}
    kind = content_type.split(";")[0].strip().lower()
    if kind == "application/json":
        params.update(json.loads(body or b"{}"))
    elif kind == "multipart/form-data":
        message = BytesParser(policy=HTTP).parsebytes(b"Content-Type: " + content_type.encode() + b"\r\n\r\n" + body)
        for part in message.iter_parts():
            payload = part.get_payload(decode=True)
            params[str(part.get_param("name", header="content-disposition"))] = (
                payload if part.get_filename() else (payload or b"").decode())  # type: ignore[union-attr]
    elif body:
        params.update({k: v[-1] for k, v in parse_qs(body.decode(), keep_blank_values=True).items()})
    for name in JSON_FIELDS:
        if isinstance(params.get(name), str) and params[name][:1] in ("[", "{"):
            params[name] = json.loads(params[name])
    return params


class WebApi:
    """Routes /api/<method>, /upload/v1/<file> and /respond/... for one Workspace."""

    def __init__(self, workspace: Workspace) -> None:
        self.ws = workspace
        self.methods: dict[str, Method] = dict(DEFAULT_METHODS)
        self.upgrade: Upgrade | None = None
        self._failures: dict[str, list[Failure]] = {}
        self._delays: dict[str, list[Delay]] = {}
        self._held: list[Delay] = []
        self._lock = threading.Lock()

    def fail_next(self, method: str, failure: Failure) -> None:
        """Queue a failure for the next calls of a method."""
        with self._lock:
            self._failures.setdefault(method, []).append(failure)

    def clear_failures(self) -> None:
        """Forget queued failures and delays; answer every held call now."""
        with self._lock:
            self._failures.clear()
            self._delays.clear()
            held, self._held = self._held, []
        for delay in held:
            delay.released.set()

    def delay_next(self, method: str, delay: Delay) -> None:
        """Queue a late answer for the next call of a method."""
        with self._lock:
            self._delays.setdefault(method, []).append(delay)
            self._held.append(delay)

    def _take_delay(self, method: str) -> Delay | None:
        with self._lock:
            queued = self._delays.get(method) or []
            return queued.pop(0) if queued else None

    def _take_failure(self, method: str) -> Failure | None:
        with self._lock:
            queued = self._failures.get(method) or []
            if not queued:
                return None
            queued[0].times -= 1
            return queued.pop(0) if queued[0].times <= 0 else queued[0]

    def handle(self, path: str, headers: dict[str, str], body: bytes) -> Reply:
        """Answer one HTTP request."""
        url = urlsplit(path)
        # Upload bodies are raw bytes, whatever Content-Type urllib puts on them.
        if url.path.startswith("/upload/v1/"):
            return self._upload(url.path.rsplit("/", 1)[-1], body)
        try:
            params = parse_params(body, headers.get("content-type", ""), url.query)
        except (ValueError, UnicodeDecodeError):
            return Reply.json({"ok": False, "error": "invalid_json"})
        if url.path.startswith("/api/"):
            return self._api(url.path[len("/api/"):], params, headers)
        if url.path.startswith("/respond/"):
            return self._respond(url.path, params)
        if url.path.startswith("/files/"):
            return self._download(url.path.split("/")[2])
        return Reply(404, b"not found", "text/plain")

    def _download(self, file_id: str) -> Reply:
        # url_private of a shared file serves the saved bytes, so a browser or test can fetch it.
        stored = self.ws.read(lambda s: next((f for f in s.files if f.file_id == file_id), None))
        if stored is None or not stored.path.exists():
            return Reply(404, b"file_not_found", "text/plain")
        return Reply(200, stored.path.read_bytes(), "application/octet-stream")

    def _api(self, method: str, params: dict[str, Any], headers: dict[str, str]) -> Reply:
        auth = headers.get("authorization", "")
        token = auth[len("Bearer "):] if auth.startswith("Bearer ") else params.pop("token", None)
        delay = self._take_delay(method)
        if delay and not delay.after_effect:
            delay.hold()
        failure = self._take_failure(method)
        reply = self._failure_reply(failure) if failure else self._call(method, params, token)
        self.ws.record_call(method, params, token, reply.status)
        if delay and delay.after_effect:  # done and recorded, but the caller hears of it late (or never)
            delay.hold()
        return reply

    def _failure_reply(self, failure: Failure) -> Reply:
        if failure.status == 429:
            return Reply.json({"ok": False, "error": "ratelimited"}, 429, **{"Retry-After": str(failure.retry_after)})
        return Reply.json({"ok": False, "error": failure.error or "internal_error"}, failure.status)

    def _call(self, method: str, params: dict[str, Any], token: str | None) -> Reply:
        if method not in self.methods:
            return Reply.json({"ok": False, "error": "unknown_method", "req_method": method})
        if not token:
            return Reply.json({"ok": False, "error": "not_authed"})
        team_id = self.ws.read(lambda s: s.tokens.get(token))
        if team_id is None:
            return Reply.json({"ok": False, "error": "invalid_auth"})
        if token.startswith("xapp-") != (method == "apps.connections.open"):
            return Reply.json({"ok": False, "error": "not_allowed_token_type"})
        try:
            answer = self.methods[method](self.ws, ApiRequest(method, params, token, team_id))
        except ApiError as error:
            answer = {"ok": False, "error": error.error}
        answer.setdefault("response_metadata", {"warnings": []} if answer.get("ok") else {"messages": []})
        return Reply.json(answer)

    def _upload(self, file_id: str, body: bytes) -> Reply:
        failure = self._take_failure("upload")
        found = failure is None and surfaces.receive_upload(self.ws, file_id, body)
        status = failure.status if failure else (200 if found else 404)
        self.ws.record_call("upload", {"file_id": file_id, "size": len(body)}, None, status)
        return Reply(status, f"OK - {len(body)}".encode() if found else b"error", "text/plain")

    def _respond(self, path: str, params: dict[str, Any]) -> Reply:
        # The simulator builds /respond/<channel>/<user>/<message ts or ->/<nonce>.
        parts = [unquote(p) for p in path.split("/")[2:]]
        if len(parts) != 4:
            return Reply(404, b"no_response_url", "text/plain")
        channel, user, ts = parts[0], parts[1], None if parts[2] == "-" else parts[2]
        try:
            surfaces.answer_response_url(self.ws, channel, user, ts, params)
            status, text = 200, b"ok"
        except ApiError as error:
            status, text = 404, error.error.encode()
        self.ws.record_call("response_url", params, None, status)
        return Reply(status, text, "text/plain")


class _Handler(BaseHTTPRequestHandler):
    server: _Server

    def do_POST(self) -> None:  # noqa: N802 - http.server's naming
        """Hand the request to the WebApi and write its reply."""
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length) if length else b""
        headers = {k.lower(): v for k, v in self.headers.items()}
        self._send(self.server.api.handle(self.path, headers, body))

    def do_GET(self) -> None:  # noqa: N802 - http.server's naming
        """A WebSocket upgrade goes to WebApi.upgrade; any other GET is a Web API call with a query string."""
        headers = {k.lower(): v for k, v in self.headers.items()}
        if self.server.api.upgrade and headers.get("upgrade", "").lower() == "websocket":
            self.close_connection = True
            self.server.api.upgrade(self.path, headers, self.connection, self.rfile)
        else:
            self.do_POST()

    def _send(self, reply: Reply) -> None:
        self.send_response(reply.status)
        self.send_header("Content-Type", reply.content_type)
        self.send_header("Content-Length", str(len(reply.body)))
        for name, value in reply.headers.items():
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(reply.body)

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - overrides http.server
        """Keep test and terminal output quiet."""


class _Server(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, address: tuple[str, int], api: WebApi) -> None:
        super().__init__(address, _Handler)
        self.api = api

    def handle_error(self, request: Any, client_address: Any) -> None:
        """A caller that hung up (a killed worker waiting on a delayed answer) is not the stand-in's error."""
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)


def make_server(api: WebApi, host: str = "127.0.0.1", port: int = 0) -> ThreadingHTTPServer:
    """A threaded HTTP server answering for `api`; call serve_forever() on a thread."""
    return _Server((host, port), api)
