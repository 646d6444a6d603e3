-- +goose Up
-- Channels can be archived and added by users.
ALTER TABLE channels ADD COLUMN archived_at TEXT;
ALTER TABLE channels ADD COLUMN created_by TEXT REFERENCES members (id);

-- activity numbers every change of a workspace's conversation (messages,
-- decisions); taking it locks the workspace row until commit, so event ids
-- and message sequence numbers are assigned in commit order.
ALTER TABLE workspaces ADD COLUMN activity BIGINT NOT NULL DEFAULT 0;
ALTER TABLE workspaces ADD COLUMN decision_seq INTEGER NOT NULL DEFAULT 0;
ALTER TABLE events ADD COLUMN scope_id TEXT NOT NULL DEFAULT '';

CREATE TABLE messages (
	id            TEXT PRIMARY KEY,
	workspace_id  TEXT NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
	channel_id    TEXT NOT NULL REFERENCES channels (id) ON DELETE CASCADE,
	parent_id     TEXT REFERENCES messages (id) ON DELETE CASCADE,
	seq           BIGINT NOT NULL,
	author_id     TEXT NOT NULL REFERENCES members (id),
	author_side   TEXT NOT NULL CHECK (author_side IN ('host', 'partner')),
	body          TEXT NOT NULL,
	created_at    TEXT NOT NULL,
	edited_at     TEXT,
	deleted_at    TEXT,
	reply_count   INTEGER NOT NULL DEFAULT 0,
	last_reply_at TEXT,
	candidate     TEXT NOT NULL DEFAULT '',
	decision_id   TEXT
);
-- Pages of a channel and of a thread are keyed on seq, newest first.
CREATE INDEX messages_channel ON messages (channel_id, seq) WHERE parent_id IS NULL;
CREATE INDEX messages_thread ON messages (parent_id, seq) WHERE parent_id IS NOT NULL;
CREATE INDEX messages_candidates ON messages (workspace_id, seq) WHERE candidate = 'flagged';

CREATE TABLE message_edits (
	message_id  TEXT NOT NULL REFERENCES messages (id) ON DELETE CASCADE,
	body        TEXT NOT NULL,
	replaced_at TEXT NOT NULL,
	editor_id   TEXT NOT NULL REFERENCES members (id)
);
CREATE INDEX message_edits_message ON message_edits (message_id, replaced_at);

CREATE TABLE reactions (
	message_id TEXT NOT NULL REFERENCES messages (id) ON DELETE CASCADE,
	member_id  TEXT NOT NULL REFERENCES members (id),
	emoji      TEXT NOT NULL,
	created_at TEXT NOT NULL,
	PRIMARY KEY (message_id, member_id, emoji)
);

-- What each member has read, per channel.
CREATE TABLE channel_reads (
	member_id  TEXT NOT NULL REFERENCES members (id) ON DELETE CASCADE,
	channel_id TEXT NOT NULL REFERENCES channels (id) ON DELETE CASCADE,
	read_seq   BIGINT NOT NULL,
	PRIMARY KEY (member_id, channel_id)
);

CREATE TABLE decisions (
	id            TEXT PRIMARY KEY,
	workspace_id  TEXT NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
	number        INTEGER NOT NULL,
	kind          TEXT NOT NULL,
	title         TEXT NOT NULL,
	body          TEXT NOT NULL,
	rationale     TEXT NOT NULL,
	status        TEXT NOT NULL CHECK (status IN ('proposed', 'approved', 'rejected', 'withdrawn', 'superseded')),
	version       INTEGER NOT NULL,
	proposed_by   TEXT NOT NULL REFERENCES members (id),
	created_at    TEXT NOT NULL,
	updated_at    TEXT NOT NULL,
	decided_at    TEXT,
	reason        TEXT NOT NULL DEFAULT '',
	source_msg_id TEXT REFERENCES messages (id) ON DELETE SET NULL,
	supersedes_id TEXT REFERENCES decisions (id),
	seq           BIGINT NOT NULL,
	UNIQUE (workspace_id, number)
);
CREATE INDEX decisions_workspace ON decisions (workspace_id, seq);

-- One row per required sign-off: a role of one side. Signing fills it for
-- the decision's current version; an edit empties every row again.
CREATE TABLE decision_signoffs (
	decision_id TEXT NOT NULL REFERENCES decisions (id) ON DELETE CASCADE,
	role_key    TEXT NOT NULL,
	side        TEXT NOT NULL CHECK (side IN ('host', 'partner')),
	position    INTEGER NOT NULL,
	signer_id   TEXT REFERENCES members (id),
	version     INTEGER,
	signed_at   TEXT,
	PRIMARY KEY (decision_id, role_key)
);

CREATE TABLE notifications (
	id           TEXT PRIMARY KEY,
	user_id      TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
	workspace_id TEXT NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
	kind         TEXT NOT NULL,
	subject_id   TEXT NOT NULL,
	scope_id     TEXT NOT NULL,
	actor_id     TEXT REFERENCES members (id),
	created_at   TEXT NOT NULL,
	read_at      TEXT
);
CREATE INDEX notifications_user ON notifications (user_id, created_at);

-- Full-text search over messages and decisions. The visibility and
-- workspace columns let one query filter by what the viewer may see.
CREATE VIRTUAL TABLE search_docs USING fts5(
	item_id UNINDEXED, workspace_id UNINDEXED, kind UNINDEXED, visibility UNINDEXED,
	channel_id UNINDEXED, seq UNINDEXED, title, body,
	tokenize = 'porter unicode61 remove_diacritics 2'
);
-- FTS5 finds rows fast only by rowid: this maps an item to its row, so
-- replacing or removing an item's entry does not scan the index.
CREATE TABLE search_ids (
	item_id   TEXT PRIMARY KEY,
	doc_rowid INTEGER NOT NULL
);

-- +goose Down
DROP TABLE search_ids;
DROP TABLE search_docs;
DROP TABLE notifications;
DROP TABLE decision_signoffs;
DROP TABLE decisions;
DROP TABLE channel_reads;
DROP TABLE reactions;
DROP TABLE message_edits;
DROP TABLE messages;
ALTER TABLE events DROP COLUMN scope_id;
ALTER TABLE workspaces DROP COLUMN decision_seq;
ALTER TABLE workspaces DROP COLUMN activity;
ALTER TABLE channels DROP COLUMN created_by;
ALTER TABLE channels DROP COLUMN archived_at;
