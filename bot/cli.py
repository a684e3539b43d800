"""The `rapport` command: serve, parse, db upgrade, export, manifest, sandbox and demo."""

from __future__ import annotations

import argparse
import json
import logging
import sys
from collections.abc import Sequence
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from bot.settings import MissingSetting, Settings

log = logging.getLogger("rapport")


def _parser() -> argparse.ArgumentParser:
    ap = argparse.ArgumentParser(prog="rapport", description="Rapport: relationship intelligence for key-account sales in Slack.")
    sub = ap.add_subparsers(dest="command", required=True)
    serve = sub.add_parser("serve", help="answer Slack over HTTP (or Socket Mode with --socket)")
    serve.add_argument("--port", type=int, default=None, help="HTTP port (default: $PORT or 3000)")
    serve.add_argument("--host", default="0.0.0.0")
    serve.add_argument("--socket", action="store_true", help="use Socket Mode (needs SLACK_APP_TOKEN)")
    parse = sub.add_parser("parse", help="print what Rapport understands from a meeting log, as JSON")
    parse.add_argument("--json", action="store_true", help="one MeetingLog object (the default output)")
    parse.add_argument("--jsonl", metavar="FILE", help="read {id, now, text} lines ('-' for stdin)")
    parse.add_argument("--now", help="ISO datetime the log is written at (with offset: the rep's zone)")
    parse.add_argument("text", nargs="*")
    db = sub.add_parser("db", help="the store")
    db.add_argument("action", choices=["upgrade"])
    export = sub.add_parser("export", help="print the workspace's whole store")
    export.add_argument("--json", metavar="FILE", default="-", help="'-' for stdout")
    export.add_argument("--workspace", help="Slack team id (default: the only workspace in the store)")
    manifest = sub.add_parser("manifest", help="print the Slack app manifest for a public URL")
    manifest.add_argument("--url", required=True, help="public base URL, e.g. https://rapport.example.com")
    sub.add_parser("sandbox", help="bot + Slack stand-in + terminal chat on the embedded store")
    demo = sub.add_parser("demo", help="the sandbox with demo data and a scripted conversation")
    demo.add_argument("--out", default="rapport-demo", help="folder for the demo's store, transcript and pictures")
    return ap


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the console script."""
    args = _parser().parse_args(argv)
    # Servers log what they do; in the chat, the parser and exports the log lines would bury the output.
    quiet = args.command in ("sandbox", "demo", "parse", "export", "manifest")
    logging.basicConfig(level=logging.WARNING if quiet else logging.INFO,
                        format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    try:
        settings = Settings()
        return int(COMMANDS[args.command](args, settings) or 0)
    except MissingSetting as e:
        print(str(e), file=sys.stderr)
        return 2


def _serve(args: argparse.Namespace, settings: Settings) -> int:
    from bot.runtime import serve

    settings.require_for_serve(socket=args.socket)
    serve(settings, host=args.host, port=args.port or settings.port, socket=args.socket)
    return 0


def _parse(args: argparse.Namespace, settings: Settings) -> int:
    from domain.compliance import load_compliance_rules
    from domain.understanding import understand

    rules = load_compliance_rules(settings.rapport_compliance_file)
    zone = ZoneInfo(settings.rapport_timezone)
    if args.jsonl:
        lines = sys.stdin if args.jsonl == "-" else Path(args.jsonl).read_text(encoding="utf-8").splitlines()
        for line in lines:
            if line.strip():
                item = json.loads(line)
                now = _aware(item.get("now"), zone)
                out = understand(item["text"], now=now, compliance=rules).to_json()
                print(json.dumps({"id": item.get("id"), **out}, ensure_ascii=False), flush=True)
        return 0
    text = " ".join(args.text) or sys.stdin.read()
    log_ = understand(text, now=_aware(args.now, zone), compliance=rules)
    print(json.dumps(log_.to_json(), ensure_ascii=False, indent=None if args.json else 2))
    return 0


def _aware(value: str | None, zone: ZoneInfo) -> datetime:
    if not value:
        return datetime.now(zone)
    moment = datetime.fromisoformat(value)
    return moment if moment.tzinfo else moment.replace(tzinfo=zone)


def _db(args: argparse.Namespace, settings: Settings) -> int:
    from storage.migrate import upgrade

    upgrade(settings.store_url)
    print(f"store at head: {_redact(settings.store_url)}")
    return 0


def _redact(url: str) -> str:
    head, sep, tail = url.rpartition("@")
    return f"{head.split('://')[0]}://…@{tail}" if sep else url


def _export(args: argparse.Namespace, settings: Settings) -> int:
    from bot.runtime import export_json

    text = export_json(settings, workspace=args.workspace)
    if args.json == "-":
        print(text)
    else:
        Path(args.json).write_text(text + "\n", encoding="utf-8")
    return 0


def _manifest(args: argparse.Namespace, settings: Settings) -> int:
    from bot.manifest import manifest_yaml

    print(manifest_yaml(args.url))
    return 0


def _sandbox(args: argparse.Namespace, settings: Settings) -> int:
    from sandbox.session import run_sandbox

    return run_sandbox(settings, demo=False)


def _demo(args: argparse.Namespace, settings: Settings) -> int:
    from sandbox.session import run_sandbox

    return run_sandbox(settings, demo=True, out=Path(args.out))


COMMANDS = {
    "serve": _serve, "parse": _parse, "db": _db, "export": _export, "manifest": _manifest,
    "sandbox": _sandbox, "demo": _demo,
}


if __name__ == "__main__":
    sys.exit(main())
