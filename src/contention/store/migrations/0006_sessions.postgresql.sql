-- v6: server-side sessions (PostgreSQL). A signed cookie alone cannot be taken back: it kept editing
-- after sign-out, after a new password and after the reviewer was removed. The cookie now carries a
-- random token; its SHA-256 (never the token) is stored here, and a session is valid only while its
-- row exists and has not expired. Signing out deletes the row; a new password (users row replaced) or
-- a removed reviewer deletes all of that reviewer's rows (ON DELETE CASCADE).
CREATE TABLE sessions (
    id TEXT PRIMARY KEY,
    user_name TEXT NOT NULL REFERENCES users(name) ON DELETE CASCADE,
    created TEXT NOT NULL,
    expires TEXT NOT NULL
);
CREATE INDEX sessions_user ON sessions (user_name);
