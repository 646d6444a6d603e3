-- +goose Up
-- The asset approval folder: assets with their versions (an uploaded
-- file, stored by content hash outside the database, or a link), their
-- review steps and the approval trail. The launch calendar: entries with
-- the assets they publish and the entries they must follow.
ALTER TABLE workspaces ADD COLUMN asset_seq INTEGER NOT NULL DEFAULT 0;

CREATE TABLE assets (
	id                  TEXT PRIMARY KEY,
	workspace_id        TEXT NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
	number              INTEGER NOT NULL,
	title               TEXT NOT NULL,
	kind                TEXT NOT NULL,
	side                TEXT NOT NULL CHECK (side IN ('host', 'partner')),
	dri_role_id         TEXT REFERENCES roles (id),
	dri_member_id       TEXT REFERENCES members (id),
	-- '' when there is no approval due date; otherwise YYYY-MM-DD.
	due_on              TEXT NOT NULL DEFAULT '',
	visibility          TEXT NOT NULL CHECK (visibility IN ('shared', 'host', 'partner')),
	-- Space-separated, with a space at each end, so one tag matches
	-- LIKE '% tag %'.
	tags                TEXT NOT NULL DEFAULT ' ',
	status              TEXT NOT NULL CHECK (status IN ('draft', 'in_review', 'changes_requested', 'approved')),
	review_requested    INTEGER NOT NULL DEFAULT 0,
	current_version     INTEGER NOT NULL DEFAULT 0,
	-- The newest approved version: the one that ships.
	shipping_version_id TEXT,
	version             INTEGER NOT NULL DEFAULT 1,
	created_by          TEXT NOT NULL REFERENCES members (id),
	created_at          TEXT NOT NULL,
	updated_at          TEXT NOT NULL,
	UNIQUE (workspace_id, number),
	CHECK ((dri_role_id IS NULL) <> (dri_member_id IS NULL))
);
CREATE INDEX assets_workspace_status ON assets (workspace_id, status);

CREATE TABLE asset_versions (
	id              TEXT PRIMARY KEY,
	asset_id        TEXT NOT NULL REFERENCES assets (id) ON DELETE CASCADE,
	number          INTEGER NOT NULL,
	-- An uploaded file (hash, size, type, name) or a link, never both.
	file_hash       TEXT,
	file_size       INTEGER NOT NULL DEFAULT 0,
	content_type    TEXT NOT NULL DEFAULT '',
	file_name       TEXT NOT NULL DEFAULT '',
	link            TEXT NOT NULL DEFAULT '',
	note            TEXT NOT NULL DEFAULT '',
	created_by      TEXT NOT NULL REFERENCES members (id),
	created_at      TEXT NOT NULL,
	approved_at     TEXT,
	-- A retried upload with the same key finds this version instead of
	-- making another.
	idempotency_key TEXT,
	UNIQUE (asset_id, number),
	UNIQUE (created_by, idempotency_key),
	CHECK ((file_hash IS NULL) <> (link = ''))
);
CREATE INDEX asset_versions_file ON asset_versions (file_hash) WHERE file_hash IS NOT NULL;

CREATE TABLE asset_steps (
	asset_id   TEXT NOT NULL REFERENCES assets (id) ON DELETE CASCADE,
	key        TEXT NOT NULL,
	name       TEXT NOT NULL,
	role_id    TEXT NOT NULL REFERENCES roles (id),
	stage      INTEGER NOT NULL,
	position   INTEGER NOT NULL,
	state      TEXT NOT NULL CHECK (state IN ('pending', 'approved', 'changes_requested')),
	version    INTEGER NOT NULL DEFAULT 0,
	acted_by   TEXT REFERENCES members (id),
	acted_at   TEXT,
	comment    TEXT NOT NULL DEFAULT '',
	PRIMARY KEY (asset_id, key)
);

-- The approval trail: every verdict, on which version, kept forever.
CREATE TABLE asset_reviews (
	id          TEXT PRIMARY KEY,
	asset_id    TEXT NOT NULL REFERENCES assets (id) ON DELETE CASCADE,
	step_key    TEXT NOT NULL,
	step_name   TEXT NOT NULL,
	verdict     TEXT NOT NULL CHECK (verdict IN ('approve', 'request_changes')),
	comment     TEXT NOT NULL DEFAULT '',
	member_id   TEXT NOT NULL REFERENCES members (id),
	created_at  TEXT NOT NULL,
	version     INTEGER NOT NULL,
	fingerprint TEXT NOT NULL,
	-- Order within the asset: verdicts come one at a time under the
	-- asset's row lock.
	seq         INTEGER NOT NULL,
	UNIQUE (asset_id, seq)
);

CREATE TABLE launch_entries (
	id                   TEXT PRIMARY KEY,
	workspace_id         TEXT NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
	title                TEXT NOT NULL,
	channel              TEXT NOT NULL,
	side                 TEXT NOT NULL CHECK (side IN ('host', 'partner')),
	dri_role_id          TEXT REFERENCES roles (id),
	dri_member_id        TEXT REFERENCES members (id),
	publish_at           TEXT NOT NULL,
	visibility           TEXT NOT NULL CHECK (visibility IN ('shared', 'host', 'partner')),
	launch_critical      INTEGER NOT NULL DEFAULT 0,
	status               TEXT NOT NULL CHECK (status IN ('planned', 'ready', 'published', 'cancelled')),
	live_url             TEXT NOT NULL DEFAULT '',
	override_decision_id TEXT REFERENCES decisions (id),
	version              INTEGER NOT NULL DEFAULT 1,
	created_by           TEXT NOT NULL REFERENCES members (id),
	created_at           TEXT NOT NULL,
	updated_at           TEXT NOT NULL,
	published_at         TEXT,
	CHECK ((dri_role_id IS NULL) <> (dri_member_id IS NULL))
);
CREATE INDEX launch_entries_workspace ON launch_entries (workspace_id, publish_at);

CREATE TABLE entry_assets (
	entry_id TEXT NOT NULL REFERENCES launch_entries (id) ON DELETE CASCADE,
	asset_id TEXT NOT NULL REFERENCES assets (id) ON DELETE CASCADE,
	position INTEGER NOT NULL,
	PRIMARY KEY (entry_id, asset_id)
);
CREATE INDEX entry_assets_asset ON entry_assets (asset_id);

CREATE TABLE entry_deps (
	entry_id TEXT NOT NULL REFERENCES launch_entries (id) ON DELETE CASCADE,
	after_id TEXT NOT NULL REFERENCES launch_entries (id) ON DELETE CASCADE,
	PRIMARY KEY (entry_id, after_id),
	CHECK (entry_id <> after_id)
);
CREATE INDEX entry_deps_after ON entry_deps (after_id);

-- +goose Down
DROP TABLE entry_deps;
DROP TABLE entry_assets;
DROP TABLE launch_entries;
DROP TABLE asset_reviews;
DROP TABLE asset_steps;
DROP TABLE asset_versions;
DROP TABLE assets;
ALTER TABLE workspaces DROP COLUMN asset_seq;
