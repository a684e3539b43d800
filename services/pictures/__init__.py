"""Pictures of an account's org chart and a deal's decision chain, as PNG bytes (matplotlib, Agg, no display)."""

from services.pictures.chain import decision_chain_figure, decision_chain_png
from services.pictures.fonts import cjk_family
from services.pictures.org_chart import org_chart_figure, org_chart_png

__all__ = ["cjk_family", "decision_chain_figure", "decision_chain_png", "org_chart_figure", "org_chart_png"]
