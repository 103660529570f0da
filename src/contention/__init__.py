"""contention: protests and state responses, coded from reports, with the evidence behind each event."""
from __future__ import annotations

import logging

__version__ = "0.1.0"

logging.getLogger(__name__).addHandler(logging.NullHandler())
