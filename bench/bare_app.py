"""The floor for ack latency: a Bolt app whose only listener acks, served like `rapport serve`."""

from __future__ import annotations

import argparse

from slack_bolt import App

from bot.app import web_client
from bot.http import HttpServer
from bot.settings import Settings


def main() -> None:
    """Serve the bare app on 127.0.0.1:PORT with the same server class and Slack settings as Rapport."""
    ap = argparse.ArgumentParser()
    ap.add_argument("--port", type=int, required=True)
    port = ap.parse_args().port
    settings = Settings()
    app = App(signing_secret=settings.slack_signing_secret, client=web_client(settings),
              process_before_response=False, token_verification_enabled=False)
    app.event("message")(lambda: None)
    HttpServer(app, host="127.0.0.1", port=port).serve_forever()


if __name__ == "__main__":
    main()
