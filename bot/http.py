"""Serving the Bolt app over HTTP: POST /slack/events for Slack, GET /healthz for the platform."""

from __future__ import annotations

import logging
import sys
import threading
from collections.abc import Callable, Iterable
from typing import Any

from slack_bolt import App
from slack_bolt.adapter.wsgi import SlackRequestHandler
from waitress.server import create_server

log = logging.getLogger("rapport.http")

StartResponse = Callable[..., Any]


def wsgi_app(app: App) -> Callable[[dict[str, Any], StartResponse], Iterable[bytes]]:
    """Bolt's WSGI handler (events, commands, interactivity, OAuth) plus a health check."""
    slack = SlackRequestHandler(app)

    def application(environ: dict[str, Any], start_response: StartResponse) -> Iterable[bytes]:
        if environ.get("PATH_INFO") == "/healthz":
            start_response("200 OK", [("Content-Type", "application/json")])
            return [b'{"ok": true}']
        return slack(environ, start_response)

    return application


# Understanding a log after the ack is CPU work that holds the GIL; with CPython's default 5 ms
# switch interval an ack arriving meanwhile waits a slice or two. A shorter interval lets it in.
ACK_SWITCH_INTERVAL = 0.0005


class HttpServer:
    """A waitress server on host:port (port 0 picks a free one); start() returns at once."""

    def __init__(self, app: App, *, host: str = "127.0.0.1", port: int = 0, threads: int = 8) -> None:
        sys.setswitchinterval(min(sys.getswitchinterval(), ACK_SWITCH_INTERVAL))
        self._server = create_server(wsgi_app(app), host=host, port=port, threads=threads,
                                     clear_untrusted_proxy_headers=True, ident="rapport")
        self._thread: threading.Thread | None = None
        self._stopping = False

    @property
    def port(self) -> int:
        """The port actually bound."""
        return int(getattr(self._server, "effective_port", 0))

    @property
    def url(self) -> str:
        """Where Slack must send requests."""
        return f"http://127.0.0.1:{self.port}/slack/events"

    def start(self) -> HttpServer:
        """Serve in a background thread."""
        self._thread = threading.Thread(target=self._run, name="rapport-http", daemon=True)
        self._thread.start()
        return self

    def _run(self) -> None:
        try:
            self._server.run()
        except OSError:
            # Closing the socket from stop() can wake the loop's select() on a closed descriptor.
            if not self._stopping:
                raise

    def serve_forever(self) -> None:
        """Serve in this thread until interrupted."""
        log.info("Rapport listening on port %s: POST /slack/events, GET /healthz", self.port)
        self._server.run()

    def stop(self) -> None:
        """Close the listening socket and let the serving thread end."""
        self._stopping = True
        self._server.close()
        if self._thread is not None:
            self._thread.join(timeout=5)
