-- v1: runs, documents, events, evidence, episodes (SQLite).
-- documents carries an INTEGER PRIMARY KEY so that its rowid is stable across VACUUM
-- (full-text tables added in v2 point at it); doc_id is the key every other table uses.
CREATE TABLE runs (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    started TEXT NOT NULL,
    finished TEXT,
    command TEXT NOT NULL,
    inputs TEXT NOT NULL DEFAULT '[]',
    version TEXT NOT NULL,
    engine TEXT NOT NULL,
    state TEXT NOT NULL DEFAULT 'running',
    counts TEXT NOT NULL DEFAULT '{}',
    error TEXT
);

CREATE TABLE documents (
    id INTEGER PRIMARY KEY,
    doc_id TEXT NOT NULL UNIQUE,
    content_hash TEXT NOT NULL UNIQUE,
    text TEXT NOT NULL,
    lang TEXT,
    published TEXT,
    url TEXT,
    title TEXT,
    source TEXT,
    first_run INTEGER REFERENCES runs(id)
);

CREATE TABLE events (
    event_key TEXT PRIMARY KEY,
    type TEXT NOT NULL CHECK (type LIKE 'protest.%' OR type LIKE 'response.%'),
    family TEXT NOT NULL,
    date TEXT,
    date_lo TEXT,
    date_hi TEXT,
    year INTEGER,
    country TEXT,
    admin1 TEXT,
    place TEXT,
    actor TEXT,
    actor_type TEXT,
    participants INTEGER CHECK (participants >= 0),
    killed INTEGER CHECK (killed >= 0),
    injured INTEGER CHECK (injured >= 0),
    detained INTEGER CHECK (detained >= 0),
    counts TEXT NOT NULL DEFAULT '{}',
    claims TEXT NOT NULL DEFAULT '[]',
    modality TEXT NOT NULL CHECK (modality IN ('asserted', 'negated', 'planned', 'habitual')),
    preemptive INTEGER NOT NULL DEFAULT 0 CHECK (preemptive IN (0, 1)),
    origin TEXT NOT NULL,
    rule TEXT,
    confidence REAL NOT NULL DEFAULT 1.0 CHECK (confidence >= 0 AND confidence <= 1),
    source_id TEXT,
    lang_pack TEXT,
    doc_id TEXT NOT NULL,
    evidence_start INTEGER NOT NULL,
    evidence_end INTEGER NOT NULL,
    run_id INTEGER REFERENCES runs(id),
    created TEXT NOT NULL
);

-- One index per common filter, led by country: the paged query is
-- country + type + date range ordered by date; the repertoire aggregate reads
-- (country, family, year) from its index alone.
CREATE INDEX events_country_type_date ON events (country, type, date_lo);
CREATE INDEX events_country_family_year ON events (country, family, year);
CREATE INDEX events_type_date ON events (type, date_lo);
CREATE INDEX events_family_date ON events (family, date_lo);
CREATE INDEX events_date ON events (date_lo);
CREATE INDEX events_admin1 ON events (admin1, date_lo);
CREATE INDEX events_origin ON events (origin);
CREATE INDEX events_doc ON events (doc_id);

CREATE TABLE evidence (
    id INTEGER PRIMARY KEY,
    event_key TEXT NOT NULL REFERENCES events(event_key) ON DELETE CASCADE,
    doc_id TEXT NOT NULL,
    start_char INTEGER NOT NULL CHECK (start_char >= 0),
    end_char INTEGER NOT NULL CHECK (end_char >= start_char),
    text TEXT NOT NULL,
    is_primary INTEGER NOT NULL DEFAULT 0 CHECK (is_primary IN (0, 1)),
    UNIQUE (event_key, doc_id, start_char, end_char)
);
CREATE INDEX evidence_doc ON evidence (doc_id);

CREATE TABLE episodes (
    episode_id TEXT PRIMARY KEY,
    country TEXT,
    admin1 TEXT,
    place TEXT,
    start_date TEXT,
    end_date TEXT,
    label TEXT NOT NULL DEFAULT ''
);
CREATE INDEX episodes_country ON episodes (country);

CREATE TABLE episode_events (
    episode_id TEXT NOT NULL REFERENCES episodes(episode_id) ON DELETE CASCADE,
    role TEXT NOT NULL CHECK (role IN ('protest', 'response')),
    ordinal INTEGER NOT NULL,
    event_key TEXT NOT NULL,
    PRIMARY KEY (episode_id, role, ordinal)
);
CREATE INDEX episode_events_event ON episode_events (event_key);
