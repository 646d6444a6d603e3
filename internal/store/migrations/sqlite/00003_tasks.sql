-- +goose Up
-- Task lists and tasks get a DRI who is a role or one member, and tasks
-- get numbers, notes, dependencies, checklists, comments and a version.
-- SQLite cannot drop NOT NULL, so the three tables are rebuilt: renaming
-- a parent also renames the references to it, so children are rebuilt
-- after their parent and the old tables are dropped last.
ALTER TABLE task_lists RENAME TO task_lists_old;
CREATE TABLE task_lists (
	id            TEXT PRIMARY KEY,
	workspace_id  TEXT NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
	key           TEXT NOT NULL,
	title         TEXT NOT NULL,
	description   TEXT NOT NULL,
	dri_role_id   TEXT REFERENCES roles (id),
	dri_member_id TEXT REFERENCES members (id),
	position      INTEGER NOT NULL,
	archived_at   TEXT,
	UNIQUE (workspace_id, key),
	CHECK ((dri_role_id IS NULL) <> (dri_member_id IS NULL))
);
INSERT INTO task_lists (id, workspace_id, key, title, description, dri_role_id, position)
	SELECT id, workspace_id, key, title, description, dri_role_id, position FROM task_lists_old;

ALTER TABLE tasks RENAME TO tasks_old;
CREATE TABLE tasks (
	id             TEXT PRIMARY KEY,
	workspace_id   TEXT NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
	task_list_id   TEXT NOT NULL REFERENCES task_lists (id) ON DELETE CASCADE,
	number         INTEGER NOT NULL,
	title          TEXT NOT NULL,
	notes          TEXT NOT NULL DEFAULT '',
	dri_role_id    TEXT REFERENCES roles (id),
	dri_member_id  TEXT REFERENCES members (id),
	-- '' when there is no due date; otherwise YYYY-MM-DD, kept in step
	-- with the anchor it follows.
	due_on         TEXT NOT NULL,
	due_anchor     TEXT NOT NULL DEFAULT '' CHECK (due_anchor IN ('', 'kickoff', 'launch', 'task')),
	due_days       INTEGER NOT NULL DEFAULT 0,
	due_task_id    TEXT REFERENCES tasks (id),
	status         TEXT NOT NULL CHECK (status IN ('open', 'in_progress', 'blocked', 'done')),
	blocked_reason TEXT NOT NULL DEFAULT '',
	visibility     TEXT NOT NULL CHECK (visibility IN ('shared', 'host', 'partner')),
	position       INTEGER NOT NULL,
	version        INTEGER NOT NULL DEFAULT 1,
	created_at     TEXT NOT NULL,
	updated_at     TEXT NOT NULL,
	completed_at   TEXT,
	archived_at    TEXT,
	UNIQUE (workspace_id, number),
	CHECK ((dri_role_id IS NULL) <> (dri_member_id IS NULL))
);
INSERT INTO tasks (id, workspace_id, task_list_id, number, title, dri_role_id, due_on, due_anchor, due_days, status, visibility, position, created_at, updated_at)
	SELECT t.id, t.workspace_id, t.task_list_id,
		row_number() OVER (PARTITION BY t.workspace_id ORDER BY l.position, t.position, t.id),
		t.title, t.dri_role_id, t.due_on,
		CASE WHEN t.due_rule LIKE 'kickoff%' THEN 'kickoff' WHEN t.due_rule LIKE 'launch%' THEN 'launch' ELSE '' END,
		COALESCE(CAST(NULLIF(REPLACE(REPLACE(REPLACE(REPLACE(t.due_rule, 'kickoff', ''), 'launch', ''), 'd', ''), '+', ''), '') AS INTEGER), 0),
		t.status, t.visibility, t.position, t.created_at, t.created_at
	FROM tasks_old t JOIN task_lists l ON l.id = t.task_list_id;
DROP TABLE tasks_old;
CREATE INDEX tasks_list ON tasks (task_list_id, position);
CREATE INDEX tasks_workspace_due ON tasks (workspace_id, due_on);
CREATE INDEX tasks_dri_member ON tasks (dri_member_id) WHERE dri_member_id IS NOT NULL;
CREATE INDEX tasks_dri_role ON tasks (dri_role_id) WHERE dri_role_id IS NOT NULL;
CREATE INDEX tasks_due_task ON tasks (due_task_id) WHERE due_task_id IS NOT NULL;

ALTER TABLE hill_scopes RENAME TO hill_scopes_old;
CREATE TABLE hill_scopes (
	id            TEXT PRIMARY KEY,
	hill_chart_id TEXT NOT NULL REFERENCES hill_charts (id) ON DELETE CASCADE,
	task_list_id  TEXT REFERENCES task_lists (id) ON DELETE SET NULL,
	title         TEXT NOT NULL,
	hill_position INTEGER NOT NULL CHECK (hill_position BETWEEN 0 AND 100),
	sort          INTEGER NOT NULL,
	moved_at      TEXT
);
INSERT INTO hill_scopes (id, hill_chart_id, task_list_id, title, hill_position, sort)
	SELECT id, hill_chart_id, task_list_id, title, hill_position, sort FROM hill_scopes_old;
DROP TABLE hill_scopes_old;
DROP TABLE task_lists_old;

ALTER TABLE workspaces ADD COLUMN task_seq INTEGER NOT NULL DEFAULT 0;
UPDATE workspaces SET task_seq = (SELECT count(*) FROM tasks WHERE tasks.workspace_id = workspaces.id);

CREATE TABLE task_deps (
	task_id       TEXT NOT NULL REFERENCES tasks (id) ON DELETE CASCADE,
	depends_on_id TEXT NOT NULL REFERENCES tasks (id) ON DELETE CASCADE,
	PRIMARY KEY (task_id, depends_on_id)
);
CREATE INDEX task_deps_on ON task_deps (depends_on_id);

CREATE TABLE task_collaborators (
	task_id   TEXT NOT NULL REFERENCES tasks (id) ON DELETE CASCADE,
	member_id TEXT NOT NULL REFERENCES members (id) ON DELETE CASCADE,
	PRIMARY KEY (task_id, member_id)
);

CREATE TABLE checklist_items (
	id       TEXT PRIMARY KEY,
	task_id  TEXT NOT NULL REFERENCES tasks (id) ON DELETE CASCADE,
	position INTEGER NOT NULL,
	text     TEXT NOT NULL,
	done_by  TEXT REFERENCES members (id),
	done_at  TEXT
);
CREATE INDEX checklist_items_task ON checklist_items (task_id, position);

CREATE TABLE task_comments (
	id           TEXT PRIMARY KEY,
	workspace_id TEXT NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
	task_id      TEXT NOT NULL REFERENCES tasks (id) ON DELETE CASCADE,
	author_id    TEXT NOT NULL REFERENCES members (id),
	body         TEXT NOT NULL,
	created_at   TEXT NOT NULL
);
CREATE INDEX task_comments_task ON task_comments (task_id, created_at);

-- Every change to a task, task list, milestone or the hill chart: who
-- did what, when. Summaries are written once, in the words of the time.
CREATE TABLE history (
	id           INTEGER PRIMARY KEY AUTOINCREMENT,
	workspace_id TEXT NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
	subject_id   TEXT NOT NULL,
	actor_id     TEXT REFERENCES members (id),
	created_at   TEXT NOT NULL,
	summary      TEXT NOT NULL
);
CREATE INDEX history_subject ON history (subject_id, id);

-- Milestones: due dates follow an anchor; criteria become rows with a
-- check and a DRI; completion is recorded, with an override decision
-- when criteria were unmet.
ALTER TABLE milestones ADD COLUMN due_anchor TEXT NOT NULL DEFAULT '';
ALTER TABLE milestones ADD COLUMN due_days INTEGER NOT NULL DEFAULT 0;
ALTER TABLE milestones ADD COLUMN completed_at TEXT;
ALTER TABLE milestones ADD COLUMN completed_by TEXT REFERENCES members (id);
ALTER TABLE milestones ADD COLUMN override_decision_id TEXT REFERENCES decisions (id);
ALTER TABLE milestones ADD COLUMN version INTEGER NOT NULL DEFAULT 1;

CREATE TABLE milestone_criteria (
	id             TEXT PRIMARY KEY,
	milestone_id   TEXT NOT NULL REFERENCES milestones (id) ON DELETE CASCADE,
	position       INTEGER NOT NULL,
	text           TEXT NOT NULL,
	check_kind     TEXT NOT NULL DEFAULT '',
	task_list_key  TEXT NOT NULL DEFAULT '',
	decision_kinds TEXT NOT NULL DEFAULT '[]',
	dri_role_id    TEXT REFERENCES roles (id),
	dri_member_id  TEXT REFERENCES members (id),
	checked_by     TEXT REFERENCES members (id),
	checked_at     TEXT,
	CHECK ((dri_role_id IS NULL) <> (dri_member_id IS NULL))
);
CREATE INDEX milestone_criteria_milestone ON milestone_criteria (milestone_id, position);
-- Earlier criteria were sentences: they become manual checks owned by the
-- workspace's first host role.
INSERT INTO milestone_criteria (id, milestone_id, position, text, dri_role_id)
	SELECT m.id || '-' || c.key, m.id, c.key, c.value,
		(SELECT r.id FROM roles r WHERE r.workspace_id = m.workspace_id AND r.side = 'host' ORDER BY r.position LIMIT 1)
	FROM milestones m, json_each(m.criteria) c;
ALTER TABLE milestones DROP COLUMN criteria;

CREATE TABLE hill_snapshots (
	id            TEXT PRIMARY KEY,
	hill_chart_id TEXT NOT NULL REFERENCES hill_charts (id) ON DELETE CASCADE,
	-- Numbers the chart's snapshots in the order they were saved (under
	-- the chart's lock).
	seq           INTEGER NOT NULL,
	actor_id      TEXT REFERENCES members (id),
	created_at    TEXT NOT NULL,
	note          TEXT NOT NULL,
	positions     TEXT NOT NULL,
	moves         TEXT NOT NULL
);
CREATE UNIQUE INDEX hill_snapshots_chart ON hill_snapshots (hill_chart_id, seq);

-- +goose Down
DROP TABLE hill_snapshots;
ALTER TABLE milestones ADD COLUMN criteria TEXT NOT NULL DEFAULT '[]';
DROP TABLE milestone_criteria;
ALTER TABLE milestones DROP COLUMN version;
ALTER TABLE milestones DROP COLUMN override_decision_id;
ALTER TABLE milestones DROP COLUMN completed_by;
ALTER TABLE milestones DROP COLUMN completed_at;
ALTER TABLE milestones DROP COLUMN due_days;
ALTER TABLE milestones DROP COLUMN due_anchor;
DROP TABLE history;
DROP TABLE task_comments;
DROP TABLE checklist_items;
DROP TABLE task_collaborators;
DROP TABLE task_deps;
ALTER TABLE workspaces DROP COLUMN task_seq;
