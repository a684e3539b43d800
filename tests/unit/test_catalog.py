"""Every text the bot shows exists in both languages."""

import re

from prompts import keys, normalise_locale, t


def test_both_catalogs_define_the_same_keys() -> None:
    assert keys("en") == keys("zh-CN")


def test_both_catalogs_use_the_same_placeholders() -> None:
    for key in keys("en"):
        fields = {locale: set(re.findall(r"{(\w+)}", t_raw)) for locale, t_raw in
                  (("en", _raw("en", key)), ("zh-CN", _raw("zh-CN", key)))}
        assert fields["en"] == fields["zh-CN"], key


def _raw(locale: str, key: str) -> str:
    from prompts import _catalog

    return _catalog(locale)[key]


def test_slack_locales_map_onto_the_two_rapport_speaks() -> None:
    assert normalise_locale("en-US") == "en"
    assert normalise_locale("zh-TW") == "zh-CN"
    assert normalise_locale(None, default="en") == "en"
    assert t("en-GB", "button.confirm") == "Confirm"
