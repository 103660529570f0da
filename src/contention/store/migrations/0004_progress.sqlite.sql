-- v4: exactly-once runs at scale (SQLite); see 0004_progress.postgresql.sql for the why.
ALTER TABLE runs ADD COLUMN driver TEXT;
ALTER TABLE runs ADD COLUMN heartbeat TEXT;

CREATE TABLE run_chunks (
    run_id INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
    chunk INTEGER NOT NULL CHECK (chunk >= 0),
    digest TEXT NOT NULL,
    documents INTEGER NOT NULL DEFAULT 0,
    new_documents INTEGER NOT NULL DEFAULT 0,
    skipped_known INTEGER NOT NULL DEFAULT 0,
    events INTEGER NOT NULL DEFAULT 0,
    new_events INTEGER NOT NULL DEFAULT 0,
    tally TEXT NOT NULL DEFAULT '{}',
    committed TEXT NOT NULL,
    PRIMARY KEY (run_id, chunk)
);

CREATE INDEX events_run ON events (run_id);
CREATE INDEX documents_first_run ON documents (first_run);
CREATE INDEX episodes_country_start ON episodes (country, start_date);
CREATE INDEX events_country_date ON events (country, date_lo, event_key);
