"""The `rapport` command: serve, parse, db upgrade, import, export, manifest, sandbox, demo, score and rules."""

from __future__ import annotations

import argparse
import json
import logging
import sys
from collections.abc import Sequence
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

from bot.settings import MissingSetting, Settings

if TYPE_CHECKING:
    from storage.uow import UnitOfWork, UnitOfWorkFactory

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
    export = sub.add_parser("export", help="the workspace's whole store as JSON, or its CSV files")
    export.add_argument("--json", metavar="FILE", default="-", help="'-' for stdout")
    export.add_argument("--csv", metavar="DIR", help="write accounts.csv, contacts.csv and links.csv into DIR")
    export.add_argument("--workspace", help="Slack team id (default: the only workspace in the store)")
    imp = sub.add_parser("import", help="contacts, accounts, links or deals from CSV; a JSON backup with --json")
    imp.add_argument("file", nargs="?", help="a CSV file (Rapport's own, Salesforce or HubSpot export)")
    imp.add_argument("--kind", choices=["contacts", "accounts", "links", "deals"], help="default: told by the header")
    imp.add_argument("--map", action="append", default=[], metavar="COLUMN=FIELD",
                     help="deal files: read COLUMN as FIELD ('-' drops the column); repeatable")
    imp.add_argument("--json", metavar="FILE", help="restore `rapport export --json` into an empty workspace")
    imp.add_argument("--workspace", help="Slack team id (default: the only workspace in the store)")
    manifest = sub.add_parser("manifest", help="print the Slack app manifest for a public URL")
    manifest.add_argument("--url", required=True, help="public base URL, e.g. https://rapport.example.com")
    worker = sub.add_parser("worker", help="the scheduler: a tick a minute over the outbox (one with --once)")
    worker.add_argument("--once", action="store_true", help="run exactly one tick and exit")
    worker.add_argument("--now", help="ISO instant of the --once tick (default: the clock; no offset: UTC)")
    sub.add_parser("sandbox", help="bot + Slack stand-in + terminal chat on the embedded store")
    demo = sub.add_parser("demo", help="the sandbox with demo data and a scripted conversation")
    demo.add_argument("--out", default="rapport-demo", help="folder for the demo's store, transcript and pictures")
    score = sub.add_parser("score", help="how well win probabilities learnt from a deal history hold up, as JSON")
    score.add_argument("action", choices=["evaluate"])
    score.add_argument("file", help="a deal history CSV")
    split = score.add_mutually_exclusive_group(required=True)
    split.add_argument("--closed-before", metavar="DATE", type=date.fromisoformat,
                       help="train on deals closed before DATE, score those closed on or after it")
    split.add_argument("--folds", metavar="K", type=int, help="K stratified folds (for histories without dates)")
    score.add_argument("--map", action="append", default=[], metavar="COLUMN=FIELD",
                       help="read COLUMN as FIELD ('-' drops the column); repeatable")
    rules = sub.add_parser("rules", help="the presales routing rules file")
    rules.add_argument("action", choices=["check"])
    rules.add_argument("file", help="a TOML rules file (.yaml/.yml: YAML), as examples/presales-rules.toml")
    return ap


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the console script."""
    args = _parser().parse_args(argv)
    # Servers log what they do; in the chat, the parser and exports the log lines would bury the output.
    quiet = args.command in ("sandbox", "demo", "parse", "export", "import", "manifest", "score", "rules")
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

    if args.csv:
        return _export_csv(args, settings)
    text = export_json(settings, workspace=args.workspace)
    if args.json == "-":
        print(text)
    else:
        Path(args.json).write_text(text + "\n", encoding="utf-8")
    return 0


def _store(settings: Settings, workspace: str | None, *, required: bool = False) -> tuple[UnitOfWorkFactory, str]:
    """The units of work of the store (an embedded SQLite store is upgraded first) and the workspace meant."""
    from storage.db import make_engine, session_factory
    from storage.export import workspace_ids
    from storage.migrate import upgrade
    from storage.uow import UnitOfWorkFactory as Factory

    if settings.store_url.startswith("sqlite"):
        upgrade(settings.store_url)
    sessions = session_factory(make_engine(settings.store_url))
    if workspace is None:
        teams = workspace_ids(sessions)
        if required or len(teams) != 1:
            found = f"the store holds {', '.join(teams)}" if teams else "the store is empty"
            raise SystemExit(f"name the workspace with --workspace T… ({found})")
        workspace = teams[0]
    return Factory(sessions), workspace


def _export_csv(args: argparse.Namespace, settings: Settings) -> int:
    from services.importing import export_csv

    uows, workspace = _store(settings, args.workspace)
    written = export_csv(uow=uows(workspace), folder=Path(args.csv))
    for name, rows in written.items():
        print(f"{Path(args.csv) / name}: {rows} rows")
    return 0


def _import(args: argparse.Namespace, settings: Settings) -> int:
    from domain.compliance import load_compliance_rules
    from services.importing import UnreadableFile, WorkspaceNotEmpty, import_csv
    from services.importing.deal_csv import parse_mapping

    if bool(args.file) == bool(args.json):
        raise SystemExit("rapport import: give one CSV file, or --json FILE to restore a backup")
    uows, workspace = _store(settings, args.workspace, required=bool(args.json))
    try:
        if args.json:
            return _restore(uows(workspace), Path(args.json))
        report = import_csv(uow=uows(workspace), data=Path(args.file).read_bytes(), source=Path(args.file).name,
                            now=datetime.now(ZoneInfo("UTC")), kind=args.kind, columns=parse_mapping(args.map),
                            rules=load_compliance_rules(settings.rapport_compliance_file))
    except (UnreadableFile, WorkspaceNotEmpty, OSError, ValueError) as e:
        print(f"rapport import: {e}", file=sys.stderr)
        return 1
    print("\n".join(report.lines()), file=sys.stdout if report.ok else sys.stderr)
    return 0 if report.ok else 1


def _restore(uow: UnitOfWork, path: Path) -> int:
    from services.importing import restore_json

    counts, skipped = restore_json(uow=uow, data=json.loads(path.read_text(encoding="utf-8")))
    print(f"{path}: restored into {uow.workspace_id}: " + ", ".join(f"{n} {k}" for k, n in counts.items() if n))
    if skipped:
        print("  not restored (kinds Rapport does not know): " + ", ".join(skipped))
    return 0


def _manifest(args: argparse.Namespace, settings: Settings) -> int:
    from bot.manifest import manifest_yaml

    print(manifest_yaml(args.url))
    return 0


def _worker(args: argparse.Namespace, settings: Settings) -> int:
    from bot.worker import run_worker

    now = _aware(args.now, ZoneInfo("UTC")) if args.now else None
    report = run_worker(settings, once=args.once, now=now)
    if report is not None:
        print(report.line())
    return 0


def _sandbox(args: argparse.Namespace, settings: Settings) -> int:
    from sandbox.session import run_sandbox

    return run_sandbox(settings, demo=False)


def _demo(args: argparse.Namespace, settings: Settings) -> int:
    from sandbox.session import run_sandbox

    return run_sandbox(settings, demo=True, out=Path(args.out))


def _score(args: argparse.Namespace, settings: Settings) -> int:
    from services.importing.deal_csv import DealFileError, parse_mapping, read_deals
    from services.score_evaluate import evaluate

    try:
        deals = read_deals(Path(args.file), parse_mapping(args.map))
        report, notes = evaluate(deals, closed_before=args.closed_before, folds=args.folds)
    except DealFileError as e:
        print(f"rapport score: {args.file}: nothing read, {len(e.errors)} problem(s):", file=sys.stderr)
        print("\n".join(f"  line {line}: {why}" for line, why in e.errors), file=sys.stderr)
        return 1
    except (OSError, ValueError) as e:
        print(f"rapport score: {e}", file=sys.stderr)
        return 1
    print("\n".join(notes), file=sys.stderr)
    print(json.dumps(report))
    return 0


def _rules(args: argparse.Namespace, settings: Settings) -> int:
    from services.routing_rules import RulesFileRefused, describe, read_rules

    try:
        rules = read_rules(Path(args.file), default_channel=settings.rapport_presales_channel,
                           default_zone=settings.rapport_timezone, require_workspace=settings.oauth_enabled)
    except RulesFileRefused as e:
        print(str(e), file=sys.stderr)
        return 1
    print(describe(rules))
    return 0


COMMANDS = {
    "serve": _serve, "parse": _parse, "db": _db, "export": _export, "import": _import, "manifest": _manifest,
    "sandbox": _sandbox, "demo": _demo, "worker": _worker, "score": _score, "rules": _rules,
}


if __name__ == "__main__":
    sys.exit(main())
