"""`python -m bench`: run every benchmark, print the numbers and whether each goal holds."""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from datetime import timedelta
from pathlib import Path

from bench import (
    account_card,
    ack_latency,
    focus,
    graph_queries,
    parse_resolve,
    pictures,
    pipeline,
    worker_tick,
)

RESULTS = Path("bench/results")


def _report(name: str, result: dict[str, float], ok: bool, goal: str) -> None:
    print(f"\n== {name}")
    for key, value in result.items():
        print(f"{key:>26}: {value:9.2f}")
    print(f"goal {goal}: {'met' if ok else 'NOT met'}")
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / f"{name}.json").write_text(json.dumps({**result, "goal_met": ok}, indent=2) + "\n")


def main(argv: list[str]) -> int:
    """Run the benchmarks; exit 1 when a goal is not met."""
    ap = argparse.ArgumentParser(prog="python -m bench")
    ap.add_argument("--events", type=int, default=1000, help="signed events per server for ack latency")
    ap.add_argument("--gap", type=float, default=0.02, help="seconds between events (Slack's pace, not a flood)")
    args = ap.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="rapport-bench-") as tmp:
        parse = parse_resolve.run(Path(tmp))
        _report("parse_resolve", parse, parse["parse_resolve_p95_ms"] < parse_resolve.GOAL_P95_MS,
                f"p95 < {parse_resolve.GOAL_P95_MS:.0f} ms")
    with tempfile.TemporaryDirectory(prefix="rapport-bench-") as tmp:
        graph = graph_queries.run(Path(tmp))
        graph_ok = max(graph["intro_path_p95_ms"], graph["account_ranking_p95_ms"]) < graph_queries.GOAL_P95_MS
        _report("graph_queries", graph, graph_ok, f"path and account ranking p95 < {graph_queries.GOAL_P95_MS:.0f} ms")
        card = account_card.run(Path(tmp))
        card_ok = card["account_card_p95_ms"] < account_card.GOAL_MS
        _report("account_card", card, card_ok, f"account card p95 < {account_card.GOAL_MS:.0f} ms")
        drawn = pictures.run(Path(tmp))
        drawn_ok = drawn["org_chart_png_median_ms"] < pictures.GOAL_MS
        _report("pictures", drawn, drawn_ok, f"150-person org chart < {pictures.GOAL_MS:.0f} ms")
    with tempfile.TemporaryDirectory(prefix="rapport-bench-") as tmp:
        team = pipeline.run(Path(tmp))
        team_ok = team["pipeline_median_ms"] < pipeline.GOAL_MS
        _report("pipeline", team, team_ok, f"/rapport pipeline team over 10,000 deals < {pipeline.GOAL_MS:.0f} ms")
    with tempfile.TemporaryDirectory(prefix="rapport-bench-") as tmp:
        ranked = focus.run(Path(tmp))
        focus_ok = ranked["focus_warm_median_ms"] < focus.GOAL_MS
        _report("focus", ranked, focus_ok, f"/rapport focus team over 10,000 deals, model kept, < {focus.GOAL_MS:.0f} ms")
    with tempfile.TemporaryDirectory(prefix="rapport-bench-") as tmp:
        worker = worker_tick.run(Path(tmp))
        worker |= worker_tick.worker_memory(Path(tmp), worker_tick.FIRST_MORNING + timedelta(days=7))
        worker_ok = (max(worker["tick_max_ms"], worker["festival_morning_max_ms"]) < worker_tick.GOAL_MS and worker["plan_ratio_to_sql"] <= worker_tick.GOAL_RATIO
                     and worker["worker_peak_rss_mb"] < worker_tick.GOAL_RSS_MB)
        _report("worker_tick", worker, worker_ok, f"tick < {worker_tick.GOAL_MS:.0f} ms, planning within "
                f"{worker_tick.GOAL_RATIO:.0f}x raw SQL, worker RSS < {worker_tick.GOAL_RSS_MB:.0f} MB")
    with tempfile.TemporaryDirectory(prefix="rapport-bench-") as tmp:
        ack = ack_latency.run(args.events, args.gap, Path(tmp))
        ack_ok = ack["p99_ratio"] <= ack_latency.GOAL_RATIO and ack["rapport_p99_ms"] < ack_latency.GOAL_P99_MS
        _report("ack_latency", ack, ack_ok, f"p99 <= {ack_latency.GOAL_RATIO}x bare and < {ack_latency.GOAL_P99_MS:.0f} ms")
    return 0 if all((ack_ok, worker_ok, graph_ok, drawn_ok, card_ok, team_ok, focus_ok, parse["parse_resolve_p95_ms"] < parse_resolve.GOAL_P95_MS)) else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
