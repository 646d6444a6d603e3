-- +goose Up
-- Task lists and tasks get a DRI who is a role or one member, and tasks
-- get numbers, notes, dependencies, checklists, comments and a version.
ALTER TABLE task_lists ALTER COLUMN dri_role_id DROP NOT NULL;
ALTER TABLE task_lists ADD COLUMN dri_member_id TEXT REFERENCES members (id);
ALTER TABLE task_lists ADD COLUMN archived_at TEXT;
ALTER TABLE task_lists ADD CONSTRAINT task_lists_one_dri CHECK ((dri_role_id IS NULL) <> (dri_member_id IS NULL));

ALTER TABLE tasks ALTER COLUMN dri_role_id DROP NOT NULL;
ALTER TABLE tasks ADD COLUMN dri_member_id TEXT REFERENCES members (id);
ALTER TABLE tasks ADD COLUMN number INTEGER NOT NULL DEFAULT 0;
ALTER TABLE tasks ADD COLUMN notes TEXT NOT NULL DEFAULT '';
-- due_on is '' when there is no due date; otherwise YYYY-MM-DD, kept in
-- step with the anchor it follows.
ALTER TABLE tasks ADD COLUMN due_anchor TEXT NOT NULL DEFAULT '' CHECK (due_anchor IN ('', 'kickoff', 'launch', 'task'));
ALTER TABLE tasks ADD COLUMN due_days INTEGER NOT NULL DEFAULT 0;
ALTER TABLE tasks ADD COLUMN due_task_id TEXT REFERENCES tasks (id);
ALTER TABLE tasks ADD COLUMN blocked_reason TEXT NOT NULL DEFAULT '';
ALTER TABLE tasks ADD COLUMN version INTEGER NOT NULL DEFAULT 1;
ALTER TABLE tasks ADD COLUMN updated_at TEXT NOT NULL DEFAULT '';
ALTER TABLE tasks ADD COLUMN completed_at TEXT;
ALTER TABLE tasks ADD COLUMN archived_at TEXT;
UPDATE tasks t SET updated_at = t.created_at,
	due_anchor = CASE WHEN t.due_rule LIKE 'kickoff%' THEN 'kickoff' WHEN t.due_rule LIKE 'launch%' THEN 'launch' ELSE '' END,
	due_days = COALESCE(CAST(NULLIF(REPLACE(REPLACE(REPLACE(REPLACE(t.due_rule, 'kickoff', ''), 'launch', ''), 'd', ''), '+', ''), '') AS INTEGER), 0),
	number = n.number
	FROM (SELECT t2.id, row_number() OVER (PARTITION BY t2.workspace_id ORDER BY l.position, t2.position, t2.id) AS number
		FROM tasks t2 JOIN task_lists l ON l.id = t2.task_list_id) n
	WHERE n.id = t.id;
ALTER TABLE tasks DROP COLUMN due_rule;
ALTER TABLE tasks ADD CONSTRAINT tasks_number UNIQUE (workspace_id, number);
ALTER TABLE tasks ADD CONSTRAINT tasks_one_dri CHECK ((dri_role_id IS NULL) <> (dri_member_id IS NULL));
ALTER TABLE tasks ADD CONSTRAINT tasks_status CHECK (status IN ('open', 'in_progress', 'blocked', 'done'));
CREATE INDEX tasks_workspace_due ON tasks (workspace_id, due_on);
CREATE INDEX tasks_dri_member ON tasks (dri_member_id) WHERE dri_member_id IS NOT NULL;
CREATE INDEX tasks_dri_role ON tasks (dri_role_id) WHERE dri_role_id IS NOT NULL;
CREATE INDEX tasks_due_task ON tasks (due_task_id) WHERE due_task_id IS NOT NULL;

ALTER TABLE hill_scopes ADD COLUMN moved_at TEXT;

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
	id           BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
	workspace_id TEXT NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
	subject_id   TEXT NOT NULL,
	actor_id     TEXT REFERENCES members (id),
	created_at   TEXT NOT NULL,
	summary      TEXT NOT NULL
);
CREATE INDEX history_subject ON history (subject_id, id);

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
	SELECT m.id || '-' || (c.ord - 1), m.id, c.ord - 1, c.value,
		(SELECT r.id FROM roles r WHERE r.workspace_id = m.workspace_id AND r.side = 'host' ORDER BY r.position LIMIT 1)
	FROM milestones m, jsonb_array_elements_text(m.criteria::jsonb) WITH ORDINALITY AS c(value, ord);
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
