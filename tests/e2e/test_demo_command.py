"""`rapport demo` as a newcomer runs it: the script plays through the real HTTP path and exits 0 without a terminal."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path


def test_the_demo_plays_its_script_through_the_morning_the_pitch_card_and_monday_and_exits_0(tmp_path: Path) -> None:
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
    _the_deal_card_shows_a_learnt_score_with_its_reasons(transcript)
    _the_history_and_the_digest_read_well_with_five_years_of_closed_deals(transcript)
    _the_pitch_card_the_evening_before_the_meeting_puts_what_each_person_has_not_heard_first(transcript)
    _the_demo_request_goes_to_the_presales_queue_where_the_engineer_takes_it(transcript)


def _section(transcript: str, command: str) -> str:
    """What Rapport answered to one scripted command, up to the next step's note."""
    return transcript.split(f"you> {command}\n", 1)[1].split("\n# ", 1)[0]


def _the_deal_card_shows_a_learnt_score_with_its_reasons(transcript: str) -> None:
    card = _section(transcript, "/rapport deal 数据中台")
    assert "历史太少" not in card, "the score is learnt from the demo's closed deals, not the win rate"
    assert re.search(r"赢单概率 \d{1,2}%", card), card
    reasons = re.findall(r"^• (.+) = (.+)：([+-]\d+) 个百分点$", card, re.M)
    assert reasons and ("拍板人态度", "支持") in [(field, value) for field, value, _ in reasons], card
    assert re.search(r"推断：最近\d{2}次招标（北辰银行）采用公开招标、综合评分", card), card


def _the_history_and_the_digest_read_well_with_five_years_of_closed_deals(transcript: str) -> None:
    history = _section(transcript, "/rapport history 北辰银行")
    assert history.count(" · 赢单 · ") >= 3 and history.count(" · 丢单 · ") >= 3, history
    # The price the history states is the one the rep's note gave (the note and the field never disagree).
    assert "中标方：我方 · 中标价 1,760,000 CNY\n中标价 ¥1,760,000" in history and "数据中台二期" not in history
    assert "中标价 未知" not in history
    digest = transcript.split("本周团队销售管道", 1)[1]
    assert "已赢单" not in digest and "已丢单" not in digest, "closed deals stay out of the open pipeline"
    assert re.search(r"最近7天：新建3 ", digest), "past projects are not new this week"


def _briefs(card: str) -> dict[str, str]:
    """A pitch card's brief of each person, by the line that names them."""
    parts = card.split("\n" + "-" * 40 + "\n")[1:]
    return {part.split("（", 1)[0]: part for part in parts}


def _points(brief: str) -> list[tuple[str, str]]:
    """The points a brief lists, in its order, each with what it says was heard of it."""
    return re.findall(r"^\d+\. (.+) — (.+?)$", brief, re.M)


def _the_pitch_card_the_evening_before_the_meeting_puts_what_each_person_has_not_heard_first(transcript: str) -> None:
    evening = transcript.split("[the worker ticks at 18:01 that evening]\n", 1)[1].split("\n# ", 1)[0]
    assert "明天 10:00 与王建国、沈丽华会面：要讲的价值点" in evening and "北辰银行 · 核心系统分布式改造" in evening
    briefs = _briefs(evening)
    wang, shen = briefs["王建国"], briefs["沈丽华"]
    assert "· 拍板人 · 态度：中立" in wang and "要讲的：核心改造稳妥可控" in wang
    (first, unheard), (second, unheard_too), (last, heard) = _points(wang)
    assert unheard == unheard_too == "还没听过" and {first, second} == {"全栈信创适配，满足监管对自主可控的要求",
                                                                      "18个月分三期上线，每期都有可验收的成果"}
    assert last == "分批切换、随时可回退，改造期间业务不停", "the point he heard yesterday comes last"
    assert heard.startswith("听过 1 次，最近 ") and heard.endswith("参观考察"), "once, on the visit to our lab"
    assert "还可以推动的控制点：交流时间" in wang, "the tender rules were learnt on the call, the exchange is still open"
    assert "· 经济决策者 · 态度：未知" in shen and "要讲的：投入与风险算得清" in shen, "the CFO hears cost and risk"
    assert [heard for _, heard in _points(shen)] == ["还没听过"] * 3 and "还可以推动的控制点：预算参与" in shen
    pressed = transcript.split("you> [presses 我讲过这些了, the day after tomorrow at 11:00]\n", 1)[1].split("\n# ", 1)[0]
    assert pressed.count("✓ 已讲") == 6 and "✓ 已记录为已讲（" in pressed and " 11:00）" in pressed


def _the_demo_request_goes_to_the_presales_queue_where_the_engineer_takes_it(transcript: str) -> None:
    morning = transcript.split("[the worker ticks at 08:31 the next morning]\n", 1)[1].split("\n# ", 1)[0]
    assert "rapport> 你提的北辰银行的产品演示请求已转到 #presales-east（规则 1）。\n现在建议由 @U0DEMOPRE1 接。" in morning, \
        "the rep is told where the request went, by which rule, and who it is proposed to"
    card = transcript.split("\n[#presales-east] ", 1)[1].split("\n# ", 1)[0]
    assert card.startswith("产品演示 · 北辰银行") and "商机 核心系统分布式改造 · 招投标" in card, card
    assert "• 拍板人：王建国（中立）" in card and "• 经济决策者：沈丽华（未知）" in card, "the deal's decision chain"
    assert "状态 建议由 @U0DEMOPRE1 接，等待接下" in card and "[1] 接下  [2] 拒绝  [3] 转派" in card, card
    assert "生日" not in card and "数据中台" not in card, "nothing private, no other deal"
    accepted = transcript.split("孙工 (presales)> [presses 接下 in #presales-east, tomorrow at 09:10]\n", 1)[1]
    accepted = accepted.split("\n# ", 1)[0].rstrip()
    assert accepted.startswith("[#presales-east] 产品演示 · 北辰银行"), accepted
    assert "状态 ✅ @U0DEMOPRE1 已接下" in accepted and "[1] 完成" in accepted and "[1] 接下" not in accepted
    assert accepted.endswith("rapport> @U0DEMOPRE1 接下了你的北辰银行的产品演示请求。"), "told in the rep's thread"
    assert "无人接受" not in transcript, "an accepted request is never escalated"
