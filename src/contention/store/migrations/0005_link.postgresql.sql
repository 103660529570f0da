-- v5: linking across chunks and runs (PostgreSQL).
-- Reports of one act are merged (link/dedupe.py) among the events of the same block: type, modality,
-- country, place (or region) and origin. A chunk's events are linked against the stored events of
-- their blocks as well as against each other, so how the input was cut into chunks (or runs) does not
-- change what is stored. link_block is that block as one string; link_seq orders a block's events as
-- they were first stored, which is the order the merge visits them in.
ALTER TABLE events ADD COLUMN link_block TEXT;
ALTER TABLE events ADD COLUMN link_seq BIGINT;
UPDATE events SET link_block = type || chr(31) || modality || chr(31) || COALESCE(country, '') || chr(31)
    || COALESCE(place, admin1, '') || chr(31) || origin;
CREATE INDEX events_link ON events (link_block, link_seq NULLS FIRST);
