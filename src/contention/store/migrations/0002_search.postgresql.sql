-- v2: full-text search over documents and evidence (PostgreSQL tsvector).
-- One stored vector per row joins three configurations: 'simple' (exact words in any
-- language, also Kazakh), 'russian' and 'english' (stems). Queries OR the three per term.
-- Adding a generated column fills it for the rows a v1 database already holds.
ALTER TABLE documents ADD COLUMN tsv tsvector GENERATED ALWAYS AS (
    to_tsvector('simple', coalesce(title, '') || ' ' || text)
    || to_tsvector('russian', coalesce(title, '') || ' ' || text)
    || to_tsvector('english', coalesce(title, '') || ' ' || text)
) STORED;
CREATE INDEX documents_tsv ON documents USING gin (tsv);

ALTER TABLE evidence ADD COLUMN tsv tsvector GENERATED ALWAYS AS (
    to_tsvector('simple', text) || to_tsvector('russian', text) || to_tsvector('english', text)
) STORED;
CREATE INDEX evidence_tsv ON evidence USING gin (tsv);
