"""Find a CJK font that pip installed (or the system has) and register it with matplotlib by path."""

from __future__ import annotations

import functools
import logging
from importlib import resources
from importlib.util import find_spec
from pathlib import Path

log = logging.getLogger("rapport.pictures")

LATIN_FALLBACK = "DejaVu Sans"
# (package, file inside it, family to use): pip-installed fonts first, smallest well-kept first.
PACKAGED = (
    ("noto_cjk_sans_otc", "NotoSansCJK-Regular.ttc", "Noto Sans CJK SC"),
    ("mplfonts", "fonts/NotoSansCJKsc-Regular.otf", "Noto Sans CJK SC"),
    ("paperang_p2_fonts_cjk", "fonts/wqy-microhei.ttc", "WenQuanYi Micro Hei"),
)
# Families a machine may already provide (Debian fonts-noto-cjk, fonts-wqy-*, macOS, Windows).
SYSTEM = ("Noto Sans CJK SC", "Source Han Sans SC", "WenQuanYi Micro Hei", "WenQuanYi Zen Hei",
          "PingFang SC", "Microsoft YaHei", "SimHei")


def _packaged_file(package: str, relative: str) -> Path | None:
    """The font file a package ships, if the package is installed."""
    if find_spec(package) is None:
        return None
    path = Path(str(resources.files(package).joinpath(relative)))
    return path if path.is_file() else None


def _known_families() -> set[str]:
    """The font families matplotlib already knows of."""
    from matplotlib import font_manager

    return {entry.name for entry in font_manager.fontManager.ttflist}


def _register(path: Path) -> None:
    """Add one font file (every face of a collection) to matplotlib, without rebuilding its cache."""
    from matplotlib import font_manager

    font_manager.fontManager.addfont(str(path))


@functools.cache
def cjk_family() -> str | None:
    """The CJK font family to draw Chinese with, registering a pip-installed font on first use."""
    for package, relative, family in PACKAGED:
        path = _packaged_file(package, relative)
        if path is not None:
            _register(path)
            if family in _known_families():
                log.info("pictures: CJK font %s from %s", family, path)
                return family
    found = next((f for f in SYSTEM if f in _known_families()), None)
    if found is None:
        log.warning("pictures: no CJK font found; Chinese labels will show as boxes "
                    "(pip install noto-cjk-sans-otc)")
    return found


def font_families() -> list[str]:
    """The font family list for every picture: the CJK font first, DejaVu Sans for what it lacks."""
    family = cjk_family()
    return [family, LATIN_FALLBACK] if family else [LATIN_FALLBACK]
