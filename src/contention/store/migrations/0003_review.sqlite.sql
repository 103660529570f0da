-- v3: human review (SQLite). The machine coding in events/evidence is never changed by review:
-- review_state holds the reviewed overlay of one event key (confirmed, corrected attributes,
-- deleted, merged into another, split, or a new event coded by a reviewer), audit_log every
-- change with who, when, why and the overlay before and after, so that any change can be undone.
CREATE TABLE users (
    name TEXT PRIMARY KEY,
    password TEXT NOT NULL,
    created TEXT NOT NULL
);

CREATE TABLE review_state (
    event_key TEXT PRIMARY KEY,
    doc_id TEXT,
    state TEXT NOT NULL,
    updated TEXT NOT NULL
);
CREATE INDEX review_state_doc ON review_state (doc_id);

CREATE TABLE audit_log (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    who TEXT NOT NULL,
    at TEXT NOT NULL,
    action TEXT NOT NULL,
    reason TEXT NOT NULL DEFAULT '',
    changes TEXT NOT NULL,
    undoes INTEGER REFERENCES audit_log(id),
    undone_by INTEGER REFERENCES audit_log(id)
);

CREATE TABLE audit_events (
    entry_id INTEGER NOT NULL REFERENCES audit_log(id) ON DELETE CASCADE,
    event_key TEXT NOT NULL,
    PRIMARY KEY (entry_id, event_key)
);
CREATE INDEX audit_events_key ON audit_events (event_key);
