"""analyse stage: per-episode repertoires, before/after a landmark, change points, charts.

DOCS: docs/analysis.md
"""
from .compare import before_after, compare_countries, period_of, share_matrix, shares_by_year
from .frame import COLUMNS, events_to_frame
from .learning import LearningResult, learn
from .repertoire import per_episode, repertoire_by_year, response_counts
from .uncertainty import Sentence, describe_uncertainty

__all__ = [
    "COLUMNS", "LearningResult", "Sentence", "before_after", "compare_countries", "describe_uncertainty",
    "events_to_frame", "learn", "per_episode", "period_of", "repertoire_by_year", "response_counts",
    "share_matrix", "shares_by_year",
]
