"""Whatever a rep types, understanding never crashes and always prints the contract."""

from __future__ import annotations

import json
import os
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from domain.understanding import understand

SCHEMA = Path(__file__).resolve().parents[3].parent / "shared" / "contracts" / "meeting-log.schema.json"

# Pieces of real logs, so random strings reach the parser's rules and not only its fallbacks.
FRAGMENTS = [
    "昨天", "下周二上午十点", "和", "的", "北辰银行", "李娜", "张总", "CTO", "向", "汇报", "吃饭", "电话",
    "预算", "500万元", "1.5亿", "竞争性谈判", "综合评分", "技术60分", "红包", "购物卡", "农历八月十五",
    "生日", "支持", "反对", "POC", "演示", "Met", "Priya Nair", "Head of IT", "at", "Fabrikam", "yesterday",
    "next Tuesday at 2pm", "$1.2M", "EUR 800k", "reports to", "backs", "gift card", "11010519491231002X",
    "4111111111111111", "，", "。", "；", " ", "\n", "(", ")", "、", "：",
]
texts = st.one_of(
    st.text(max_size=10_000),
    st.lists(st.sampled_from(FRAGMENTS), max_size=400).map("".join),
    st.text(alphabet=st.characters(min_codepoint=0x4E00, max_codepoint=0x4FFF), max_size=2_000),
)
moments = st.builds(
    lambda days, minutes, offset: datetime(2026, 1, 1, tzinfo=timezone(timedelta(hours=offset)))
    + timedelta(days=days, minutes=minutes),
    st.integers(0, 800), st.integers(0, 24 * 60 - 1), st.integers(-11, 13),
)


@pytest.fixture(scope="module")
def validator():
    """The contract's JSON schema; required in CI, where shared/ is laid beside the repository."""
    jsonschema = pytest.importorskip("jsonschema")
    if not SCHEMA.exists():
        if os.environ.get("CI") == "true":
            pytest.fail(f"{SCHEMA} is missing")
        pytest.skip("shared/ is not beside the repository")
    return jsonschema.Draft202012Validator(json.loads(SCHEMA.read_text(encoding="utf-8")))


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                                   HealthCheck.function_scoped_fixture])
@given(text=texts, now=moments)
def test_any_text_parses_into_a_log_that_fits_the_contract(validator, text: str, now: datetime) -> None:
    out = understand(text, now=now).to_json()
    errors = sorted(validator.iter_errors(json.loads(json.dumps(out, ensure_ascii=False))), key=str)
    assert not errors, errors[0].message
