-- +goose Up
-- Check-ins get their own settings and a pause; their occurrences are
-- materialized ahead by the scheduler, each with answers, votes and
-- comments. The outbox holds mail (and later calls out) written in the
-- transaction that caused it; calendar feeds are secret per-user URLs.
ALTER TABLE check_ins ADD COLUMN starts_on TEXT NOT NULL DEFAULT '';
ALTER TABLE check_ins ADD COLUMN open_days INTEGER NOT NULL DEFAULT 1;
ALTER TABLE check_ins ADD COLUMN nudge_minutes INTEGER NOT NULL DEFAULT 60;
ALTER TABLE check_ins ADD COLUMN paused_at TEXT;
ALTER TABLE check_ins ADD COLUMN version INTEGER NOT NULL DEFAULT 1;
ALTER TABLE check_ins ADD COLUMN updated_at TEXT NOT NULL DEFAULT '';
UPDATE check_ins SET updated_at = (SELECT w.created_at FROM workspaces w WHERE w.id = check_ins.workspace_id);

-- Bumped when the kickoff or launch date moves: the SEQUENCE of those
-- dates in calendar feeds.
ALTER TABLE workspaces ADD COLUMN dates_version INTEGER NOT NULL DEFAULT 1;

CREATE TABLE occurrences (
	id           TEXT PRIMARY KEY,
	workspace_id TEXT NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
	check_in_id  TEXT NOT NULL REFERENCES check_ins (id) ON DELETE CASCADE,
	starts_at    TEXT NOT NULL,
	opens_at     TEXT NOT NULL,
	nudge_at     TEXT,
	closes_at    TEXT NOT NULL,
	skipped_at   TEXT,
	skipped_by   TEXT REFERENCES members (id),
	skip_reason  TEXT NOT NULL DEFAULT '',
	-- Set in the transaction that tells the asked, so each is told once.
	opened_at    TEXT,
	nudged_at    TEXT,
	decision_id  TEXT REFERENCES decisions (id),
	UNIQUE (check_in_id, starts_at)
);
CREATE INDEX occurrences_to_open ON occurrences (opens_at) WHERE opened_at IS NULL;
CREATE INDEX occurrences_to_nudge ON occurrences (nudge_at) WHERE nudged_at IS NULL AND nudge_at IS NOT NULL;
CREATE INDEX occurrences_workspace ON occurrences (workspace_id, starts_at);

-- Who an occurrence asked, fixed when it opened.
CREATE TABLE occurrence_asked (
	occurrence_id TEXT NOT NULL REFERENCES occurrences (id) ON DELETE CASCADE,
	member_id     TEXT NOT NULL REFERENCES members (id) ON DELETE CASCADE,
	PRIMARY KEY (occurrence_id, member_id)
);

CREATE TABLE answers (
	id            TEXT PRIMARY KEY,
	workspace_id  TEXT NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
	occurrence_id TEXT NOT NULL REFERENCES occurrences (id) ON DELETE CASCADE,
	member_id     TEXT NOT NULL REFERENCES members (id),
	question_key  TEXT NOT NULL,
	body          TEXT NOT NULL,
	visibility    TEXT NOT NULL CHECK (visibility IN ('shared', 'host', 'partner')),
	created_at    TEXT NOT NULL,
	updated_at    TEXT NOT NULL,
	UNIQUE (occurrence_id, member_id, question_key)
);

CREATE TABLE votes (
	occurrence_id TEXT NOT NULL REFERENCES occurrences (id) ON DELETE CASCADE,
	side          TEXT NOT NULL CHECK (side IN ('host', 'partner')),
	member_id     TEXT NOT NULL REFERENCES members (id),
	vote          TEXT NOT NULL CHECK (vote IN ('go', 'no_go')),
	reason        TEXT NOT NULL,
	blockers      TEXT NOT NULL,
	created_at    TEXT NOT NULL,
	PRIMARY KEY (occurrence_id, side)
);

CREATE TABLE occurrence_comments (
	id            TEXT PRIMARY KEY,
	workspace_id  TEXT NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
	occurrence_id TEXT NOT NULL REFERENCES occurrences (id) ON DELETE CASCADE,
	member_id     TEXT NOT NULL REFERENCES members (id),
	body          TEXT NOT NULL,
	created_at    TEXT NOT NULL
);
CREATE INDEX occurrence_comments_occurrence ON occurrence_comments (occurrence_id, created_at);

-- Work to deliver outside the database, claimed by one node at a time
-- (claimed_until is a lease: a node that dies mid-delivery loses it).
CREATE TABLE outbox (
	id            TEXT PRIMARY KEY,
	workspace_id  TEXT REFERENCES workspaces (id) ON DELETE CASCADE,
	kind          TEXT NOT NULL,
	payload       TEXT NOT NULL,
	created_at    TEXT NOT NULL,
	attempts      INTEGER NOT NULL DEFAULT 0,
	next_at       TEXT NOT NULL,
	claimed_until TEXT,
	claimed_by    TEXT,
	delivered_at  TEXT,
	dead_at       TEXT,
	last_error    TEXT NOT NULL DEFAULT ''
);
CREATE INDEX outbox_due ON outbox (next_at) WHERE delivered_at IS NULL AND dead_at IS NULL;

-- A user's secret calendar feed: only the token's hash is kept.
CREATE TABLE calendar_feeds (
	user_id    TEXT PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
	token_hash TEXT NOT NULL UNIQUE,
	created_at TEXT NOT NULL
);

-- +goose Down
DROP TABLE calendar_feeds;
DROP TABLE outbox;
DROP TABLE occurrence_comments;
DROP TABLE votes;
DROP TABLE answers;
DROP TABLE occurrence_asked;
DROP TABLE occurrences;
ALTER TABLE workspaces DROP COLUMN dates_version;
ALTER TABLE check_ins DROP COLUMN updated_at;
ALTER TABLE check_ins DROP COLUMN version;
ALTER TABLE check_ins DROP COLUMN paused_at;
ALTER TABLE check_ins DROP COLUMN nudge_minutes;
ALTER TABLE check_ins DROP COLUMN open_days;
ALTER TABLE check_ins DROP COLUMN starts_on;
