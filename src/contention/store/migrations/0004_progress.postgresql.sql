-- v4: exactly-once runs at scale (PostgreSQL).
-- run_chunks records every committed chunk of a run in the same transaction as the chunk's
-- documents and events, so a killed run knows exactly what is stored and a resumed run adds
-- the rest. ``digest`` fingerprints the chunk's content hashes: a resumed run skips a chunk
-- only when the same documents form it again. runs.driver ("host:pid") and runs.heartbeat
-- (last commit) let ``contention runs`` tell a live run from an interrupted one.
ALTER TABLE runs ADD COLUMN driver TEXT;
ALTER TABLE runs ADD COLUMN heartbeat TEXT;

CREATE TABLE run_chunks (
    run_id BIGINT NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
    chunk INTEGER NOT NULL CHECK (chunk >= 0),
    digest TEXT NOT NULL,
    documents INTEGER NOT NULL DEFAULT 0,
    new_documents INTEGER NOT NULL DEFAULT 0,
    skipped_known INTEGER NOT NULL DEFAULT 0,
    events INTEGER NOT NULL DEFAULT 0,
    new_events INTEGER NOT NULL DEFAULT 0,
    tally JSONB NOT NULL DEFAULT '{}',
    committed TEXT NOT NULL,
    PRIMARY KEY (run_id, chunk)
);

-- Indexes the run listing, the episode pages and the learning queries read by.
CREATE INDEX events_run ON events (run_id);
CREATE INDEX documents_first_run ON documents (first_run);
CREATE INDEX episodes_country_start ON episodes (country, start_date NULLS FIRST);
CREATE INDEX events_country_date ON events (country, date_lo NULLS FIRST, event_key);
