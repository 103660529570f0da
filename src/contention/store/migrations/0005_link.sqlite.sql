-- v5: linking across chunks and runs (SQLite); see 0005_link.postgresql.sql for the why.
ALTER TABLE events ADD COLUMN link_block TEXT;
ALTER TABLE events ADD COLUMN link_seq INTEGER;
UPDATE events SET link_block = type || char(31) || modality || char(31) || COALESCE(country, '') || char(31)
    || COALESCE(place, admin1, '') || char(31) || origin;
CREATE INDEX events_link ON events (link_block, link_seq);
