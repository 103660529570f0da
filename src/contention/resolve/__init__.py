"""resolve stage: places (gazetteer), dates and actors."""
from contention.resolve.gazetteer import Gazetteer, Place, PlaceMention

__all__ = ["Gazetteer", "Place", "PlaceMention"]
