"""Extract: Document -> events, driven by language packs (``contention/lang/<code>/``)."""
