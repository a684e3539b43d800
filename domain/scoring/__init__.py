"""Scoring from history: calibrated win probabilities, their reasons, and the incubation ranking."""

from domain.scoring.features import Deal, Encoder
from domain.scoring.incubation import Ranked, incubation_rank
from domain.scoring.metrics import auc, brier
from domain.scoring.model import Factor, Model, fit, prior

__all__ = ["Deal", "Encoder", "Factor", "Model", "Ranked", "auc", "brier", "fit", "incubation_rank", "prior"]
