"""review stage: a person confirms, corrects, merges, splits, deletes or adds events; the machine coding stays.

``ops`` turns a reviewer's act into new overlay states (stored with ``Store.record_review``),
``overlay`` applies the states to machine events to give the reviewed events, ``gold`` writes
reviewed documents as a gold file, ``accounts`` hashes reviewers' passwords.
"""
from .accounts import hash_password, verify_password
from .overlay import reviewed, reviewed_events

__all__ = ["hash_password", "reviewed", "reviewed_events", "verify_password"]
