"""Pictures of an account's org chart, a deal's decision chain and a team's pipeline, as PNG bytes (matplotlib, Agg, no display)."""

from services.pictures.chain import decision_chain_figure, decision_chain_png
from services.pictures.fonts import cjk_family
from services.pictures.org_chart import org_chart_figure, org_chart_png
from services.pictures.pipeline_chart import StageBar, pipeline_chart_figure, pipeline_chart_png

__all__ = ["StageBar", "cjk_family", "decision_chain_figure", "decision_chain_png", "org_chart_figure", "org_chart_png",
           "pipeline_chart_figure", "pipeline_chart_png"]
