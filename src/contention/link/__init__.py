"""link stage: group protests into episodes and attach the responses to them.

DOCS: docs/analysis.md#episodes
"""
from .episodes import build_episodes, episodes_frame
from .frame import events_to_frame

__all__ = ["build_episodes", "episodes_frame", "events_to_frame"]
