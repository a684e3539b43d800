"""`rapport demo` as a newcomer runs it: the script plays through the real HTTP path and exits 0 without a terminal."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path


def test_the_demo_plays_its_script_to_the_morning_greeting_and_digest_and_exits_0(tmp_path: Path) -> None:
    done = subprocess.run([sys.executable, "-m", "bot.cli", "demo"], cwd=tmp_path, stdin=subprocess.DEVNULL,
                          capture_output=True, text=True, timeout=240)
    assert done.returncode == 0, done.stderr[-2000:]
    transcript = (tmp_path / "rapport-demo" / "transcript.txt").read_text(encoding="utf-8")
    assert "早上好" in transcript, "the rep's morning digest arrives"
    assert "给陈思远的生日问候" in transcript and "陈总" in transcript, "a greeting drafted ahead, in his honorific"
    assert "记为与陈思远的一次接触" in transcript, "Mark sent counts as a touch"
    assert "赢单概率" in transcript and "控制点" in transcript, "a deal card with control points and a score"
    assert list((tmp_path / "rapport-demo" / "files").glob("*.png")), "the pictures are written to disk"
    assert "[U0DEMOMGR1's DM] " in transcript and "本周团队销售管道" in transcript, "the manager's Monday digest"
    assert "[chart in the thread] " in transcript and "pipeline-" in transcript, "with its chart as a PNG"
    assert "ERROR" not in done.stdout + done.stderr
