-- +goose Up
-- Timestamps are UTC text in one fixed-width layout so they sort as text;
-- dates are YYYY-MM-DD. Lists that are read whole are JSON text.
CREATE TABLE organizations (
	id         TEXT PRIMARY KEY,
	name       TEXT NOT NULL,
	is_host    BOOLEAN NOT NULL DEFAULT FALSE,
	created_at TEXT NOT NULL
);
CREATE UNIQUE INDEX organizations_one_host ON organizations (is_host) WHERE is_host;
CREATE UNIQUE INDEX organizations_name ON organizations (lower(name));

CREATE TABLE users (
	id             TEXT PRIMARY KEY,
	org_id         TEXT NOT NULL REFERENCES organizations (id),
	email          TEXT NOT NULL UNIQUE,
	name           TEXT NOT NULL,
	password_hash  TEXT NOT NULL,
	is_admin       BOOLEAN NOT NULL DEFAULT FALSE,
	created_at     TEXT NOT NULL
);
CREATE INDEX users_org ON users (org_id);

CREATE TABLE sessions (
	token_hash   TEXT PRIMARY KEY,
	user_id      TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
	created_at   TEXT NOT NULL,
	last_seen_at TEXT NOT NULL,
	expires_at   TEXT NOT NULL
);
CREATE INDEX sessions_user ON sessions (user_id);

CREATE TABLE api_tokens (
	id           TEXT PRIMARY KEY,
	user_id      TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
	label        TEXT NOT NULL,
	token_hash   TEXT NOT NULL UNIQUE,
	created_at   TEXT NOT NULL,
	expires_at   TEXT NOT NULL
);
CREATE INDEX api_tokens_user ON api_tokens (user_id);

CREATE TABLE settings (
	key   TEXT PRIMARY KEY,
	value TEXT NOT NULL
);

CREATE TABLE workspaces (
	id             TEXT PRIMARY KEY,
	name           TEXT NOT NULL,
	template_key   TEXT NOT NULL,
	host_org_id    TEXT NOT NULL REFERENCES organizations (id),
	partner_org_id TEXT NOT NULL REFERENCES organizations (id),
	kickoff_on     TEXT NOT NULL,
	launch_on      TEXT NOT NULL,
	time_zone      TEXT NOT NULL,
	created_by     TEXT NOT NULL REFERENCES users (id),
	created_at     TEXT NOT NULL,
	-- Bumped with every event of the workspace, in the same transaction:
	-- readers cache a workspace's structure until it changes.
	version        BIGINT NOT NULL DEFAULT 1
);

CREATE TABLE roles (
	id           TEXT PRIMARY KEY,
	workspace_id TEXT NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
	key          TEXT NOT NULL,
	name         TEXT NOT NULL,
	side         TEXT NOT NULL CHECK (side IN ('host', 'partner')),
	description  TEXT NOT NULL,
	optional     BOOLEAN NOT NULL DEFAULT FALSE,
	position     INTEGER NOT NULL,
	UNIQUE (workspace_id, key)
);

CREATE TABLE members (
	id           TEXT PRIMARY KEY,
	workspace_id TEXT NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
	user_id      TEXT NOT NULL REFERENCES users (id),
	side         TEXT NOT NULL CHECK (side IN ('host', 'partner')),
	permission   TEXT NOT NULL CHECK (permission IN ('admin', 'member', 'guest')),
	joined_at    TEXT NOT NULL,
	UNIQUE (workspace_id, user_id)
);
CREATE INDEX members_user ON members (user_id);

CREATE TABLE member_roles (
	member_id TEXT NOT NULL REFERENCES members (id) ON DELETE CASCADE,
	role_id   TEXT NOT NULL REFERENCES roles (id) ON DELETE CASCADE,
	PRIMARY KEY (member_id, role_id)
);
CREATE INDEX member_roles_role ON member_roles (role_id);

CREATE TABLE channels (
	id           TEXT PRIMARY KEY,
	workspace_id TEXT NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
	key          TEXT NOT NULL,
	name         TEXT NOT NULL,
	purpose      TEXT NOT NULL,
	visibility   TEXT NOT NULL CHECK (visibility IN ('shared', 'host', 'partner')),
	position     INTEGER NOT NULL,
	UNIQUE (workspace_id, key)
);

CREATE TABLE check_ins (
	id               TEXT PRIMARY KEY,
	workspace_id     TEXT NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
	key              TEXT NOT NULL,
	title            TEXT NOT NULL,
	purpose          TEXT NOT NULL,
	schedule         TEXT NOT NULL,
	time_of_day      TEXT NOT NULL,
	duration_minutes INTEGER NOT NULL,
	ask_roles        TEXT NOT NULL,
	ask_sides        TEXT NOT NULL,
	questions        TEXT NOT NULL,
	visibility       TEXT NOT NULL CHECK (visibility IN ('shared', 'host', 'partner')),
	position         INTEGER NOT NULL,
	UNIQUE (workspace_id, key)
);

CREATE TABLE milestones (
	id           TEXT PRIMARY KEY,
	workspace_id TEXT NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
	key          TEXT NOT NULL,
	title        TEXT NOT NULL,
	description  TEXT NOT NULL,
	due_on       TEXT NOT NULL,
	criteria     TEXT NOT NULL,
	status       TEXT NOT NULL,
	position     INTEGER NOT NULL,
	UNIQUE (workspace_id, key)
);

CREATE TABLE task_lists (
	id           TEXT PRIMARY KEY,
	workspace_id TEXT NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
	key          TEXT NOT NULL,
	title        TEXT NOT NULL,
	description  TEXT NOT NULL,
	dri_role_id  TEXT NOT NULL REFERENCES roles (id),
	position     INTEGER NOT NULL,
	UNIQUE (workspace_id, key)
);

CREATE TABLE tasks (
	id           TEXT PRIMARY KEY,
	workspace_id TEXT NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
	task_list_id TEXT NOT NULL REFERENCES task_lists (id) ON DELETE CASCADE,
	title        TEXT NOT NULL,
	dri_role_id  TEXT NOT NULL REFERENCES roles (id),
	due_on       TEXT NOT NULL,
	due_rule     TEXT NOT NULL,
	status       TEXT NOT NULL,
	visibility   TEXT NOT NULL CHECK (visibility IN ('shared', 'host', 'partner')),
	position     INTEGER NOT NULL,
	created_at   TEXT NOT NULL
);
CREATE INDEX tasks_list ON tasks (task_list_id, position);

CREATE TABLE hill_charts (
	id           TEXT PRIMARY KEY,
	workspace_id TEXT NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
	title        TEXT NOT NULL
);

CREATE TABLE hill_scopes (
	id            TEXT PRIMARY KEY,
	hill_chart_id TEXT NOT NULL REFERENCES hill_charts (id) ON DELETE CASCADE,
	task_list_id  TEXT REFERENCES task_lists (id) ON DELETE SET NULL,
	title         TEXT NOT NULL,
	hill_position INTEGER NOT NULL CHECK (hill_position BETWEEN 0 AND 100),
	sort          INTEGER NOT NULL
);

CREATE TABLE apps (
	workspace_id TEXT NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
	key          TEXT NOT NULL,
	name         TEXT NOT NULL,
	enabled      BOOLEAN NOT NULL,
	position     INTEGER NOT NULL,
	PRIMARY KEY (workspace_id, key)
);

CREATE TABLE integrations (
	workspace_id TEXT NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
	kind         TEXT NOT NULL,
	purpose      TEXT NOT NULL,
	status       TEXT NOT NULL,
	position     INTEGER NOT NULL,
	PRIMARY KEY (workspace_id, kind)
);

CREATE TABLE pinned_resources (
	workspace_id TEXT NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
	key          TEXT NOT NULL,
	title        TEXT NOT NULL,
	description  TEXT NOT NULL,
	position     INTEGER NOT NULL,
	PRIMARY KEY (workspace_id, key)
);

CREATE TABLE invites (
	id           TEXT PRIMARY KEY,
	workspace_id TEXT NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
	email        TEXT NOT NULL,
	side         TEXT NOT NULL CHECK (side IN ('host', 'partner')),
	permission   TEXT NOT NULL CHECK (permission IN ('admin', 'member', 'guest')),
	role_keys    TEXT NOT NULL,
	token_hash   TEXT NOT NULL UNIQUE,
	invited_by   TEXT NOT NULL REFERENCES users (id),
	created_at   TEXT NOT NULL,
	expires_at   TEXT NOT NULL,
	accepted_at  TEXT,
	revoked_at   TEXT
);
CREATE INDEX invites_workspace ON invites (workspace_id, created_at);

-- The audit trail and the source of live updates: ids and types, never content.
CREATE TABLE events (
	id           BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
	workspace_id TEXT REFERENCES workspaces (id) ON DELETE CASCADE,
	actor_id     TEXT,
	type         TEXT NOT NULL,
	subject_id   TEXT NOT NULL,
	visibility   TEXT NOT NULL,
	created_at   TEXT NOT NULL
);
CREATE INDEX events_workspace ON events (workspace_id, id);

-- +goose Down
DROP TABLE events CASCADE;
DROP TABLE invites CASCADE;
DROP TABLE pinned_resources CASCADE;
DROP TABLE integrations CASCADE;
DROP TABLE apps CASCADE;
DROP TABLE hill_scopes CASCADE;
DROP TABLE hill_charts CASCADE;
DROP TABLE tasks CASCADE;
DROP TABLE task_lists CASCADE;
DROP TABLE milestones CASCADE;
DROP TABLE check_ins CASCADE;
DROP TABLE channels CASCADE;
DROP TABLE member_roles CASCADE;
DROP TABLE members CASCADE;
DROP TABLE roles CASCADE;
DROP TABLE workspaces CASCADE;
DROP TABLE settings CASCADE;
DROP TABLE api_tokens CASCADE;
DROP TABLE sessions CASCADE;
DROP TABLE users CASCADE;
DROP TABLE organizations CASCADE;
