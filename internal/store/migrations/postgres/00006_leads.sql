-- +goose Up
-- Signed documents (the campaign brief, the RACI matrix and the
-- lead-share rules), each save a new version whose body never changes;
-- the leads routed by the rules, each routing written once.
ALTER TABLE workspaces ADD COLUMN lead_seq INTEGER NOT NULL DEFAULT 0;
-- A member marked away is skipped by round-robin and role routing.
ALTER TABLE members ADD COLUMN away BOOLEAN NOT NULL DEFAULT FALSE;

CREATE TABLE doc_versions (
	workspace_id TEXT NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
	kind         TEXT NOT NULL CHECK (kind IN ('brief', 'raci', 'lead_rules')),
	version      INTEGER NOT NULL,
	status       TEXT NOT NULL CHECK (status IN ('draft', 'proposed', 'approved', 'superseded')),
	body         TEXT NOT NULL,
	note         TEXT NOT NULL DEFAULT '',
	-- The decision that approves a rules version.
	decision_id  TEXT REFERENCES decisions (id),
	created_by   TEXT NOT NULL REFERENCES members (id),
	created_at   TEXT NOT NULL,
	PRIMARY KEY (workspace_id, kind, version)
);
CREATE INDEX doc_versions_decision ON doc_versions (decision_id) WHERE decision_id IS NOT NULL;

CREATE TABLE doc_signoffs (
	workspace_id TEXT NOT NULL,
	kind         TEXT NOT NULL,
	version      INTEGER NOT NULL,
	side         TEXT NOT NULL CHECK (side IN ('host', 'partner')),
	member_id    TEXT NOT NULL REFERENCES members (id),
	signed_at    TEXT NOT NULL,
	PRIMARY KEY (workspace_id, kind, version, side),
	FOREIGN KEY (workspace_id, kind, version) REFERENCES doc_versions (workspace_id, kind, version) ON DELETE CASCADE
);

-- Actuals of the brief's goals, entered after launch.
CREATE TABLE kpi_actuals (
	workspace_id TEXT NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
	kpi_key      TEXT NOT NULL,
	value        DOUBLE PRECISION NOT NULL,
	entered_by   TEXT NOT NULL REFERENCES members (id),
	entered_at   TEXT NOT NULL,
	PRIMARY KEY (workspace_id, kpi_key)
);

-- Each side's existing customers, by email domain: what the customer
-- conditions of the rules read. A side sees only its own list.
CREATE TABLE account_domains (
	workspace_id TEXT NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
	side         TEXT NOT NULL CHECK (side IN ('host', 'partner')),
	domain       TEXT NOT NULL,
	PRIMARY KEY (workspace_id, side, domain)
);
CREATE TABLE account_lists (
	workspace_id TEXT NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
	side         TEXT NOT NULL CHECK (side IN ('host', 'partner')),
	domains      INTEGER NOT NULL,
	uploaded_by  TEXT NOT NULL REFERENCES members (id),
	uploaded_at  TEXT NOT NULL,
	PRIMARY KEY (workspace_id, side)
);

CREATE TABLE leads (
	id               TEXT PRIMARY KEY,
	workspace_id     TEXT NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
	number           INTEGER NOT NULL,
	-- Lower-cased: deduplication compares it.
	email            TEXT NOT NULL,
	external_id      TEXT,
	name             TEXT NOT NULL DEFAULT '',
	company          TEXT NOT NULL DEFAULT '',
	domain           TEXT NOT NULL,
	country          TEXT NOT NULL DEFAULT '',
	region           TEXT NOT NULL DEFAULT '',
	industry         TEXT NOT NULL DEFAULT '',
	employees        INTEGER,
	form_id          TEXT NOT NULL DEFAULT '',
	utm_source       TEXT NOT NULL DEFAULT '',
	campaign         TEXT NOT NULL DEFAULT '',
	existing_owner   TEXT NOT NULL DEFAULT '',
	consent          BOOLEAN NOT NULL,
	origin_side      TEXT NOT NULL CHECK (origin_side IN ('host', 'partner')),
	source           TEXT NOT NULL,
	host_customer    BOOLEAN NOT NULL DEFAULT FALSE,
	partner_customer BOOLEAN NOT NULL DEFAULT FALSE,
	status           TEXT NOT NULL CHECK (status IN ('unrouted', 'assigned', 'accepted', 'rejected', 'expired', 'reassigned')),
	reject_reason    TEXT NOT NULL DEFAULT '',
	-- The latest routing, copied from lead_routes for listing.
	route_seq        INTEGER NOT NULL DEFAULT 0,
	owner_side       TEXT NOT NULL DEFAULT '',
	owner_member_id  TEXT REFERENCES members (id),
	accept_by        TEXT,
	escalated_at     TEXT,
	accepted_at      TEXT,
	contacted_at     TEXT,
	version          INTEGER NOT NULL DEFAULT 1,
	created_at       TEXT NOT NULL,
	updated_at       TEXT NOT NULL,
	UNIQUE (workspace_id, number),
	UNIQUE (workspace_id, email),
	UNIQUE (workspace_id, external_id)
);
CREATE INDEX leads_owner ON leads (workspace_id, owner_side, status);
CREATE INDEX leads_member ON leads (owner_member_id, status);
CREATE INDEX leads_due ON leads (accept_by) WHERE escalated_at IS NULL AND status IN ('assigned', 'reassigned');
CREATE INDEX leads_unrouted ON leads (workspace_id, created_at) WHERE status = 'unrouted';

-- Every routing of a lead, written once.
CREATE TABLE lead_routes (
	lead_id       TEXT NOT NULL REFERENCES leads (id) ON DELETE CASCADE,
	seq           INTEGER NOT NULL,
	rules_version INTEGER NOT NULL,
	rule_key      TEXT NOT NULL,
	rule_name     TEXT NOT NULL,
	reason        TEXT NOT NULL,
	side          TEXT NOT NULL CHECK (side IN ('host', 'partner')),
	member_id     TEXT REFERENCES members (id),
	role_key      TEXT NOT NULL DEFAULT '',
	accept_by     TEXT NOT NULL,
	contact_by    TEXT NOT NULL,
	attr_kind     TEXT NOT NULL,
	attr_side     TEXT NOT NULL,
	attr_split    INTEGER NOT NULL,
	consent_kept  BOOLEAN NOT NULL DEFAULT FALSE,
	escalate      TEXT NOT NULL DEFAULT '',
	reroute       BOOLEAN NOT NULL DEFAULT FALSE,
	created_at    TEXT NOT NULL,
	PRIMARY KEY (lead_id, seq)
);

CREATE TABLE lead_events (
	id        TEXT PRIMARY KEY,
	lead_id   TEXT NOT NULL REFERENCES leads (id) ON DELETE CASCADE,
	at        TEXT NOT NULL,
	member_id TEXT REFERENCES members (id),
	status    TEXT NOT NULL,
	note      TEXT NOT NULL DEFAULT ''
);
CREATE INDEX lead_events_lead ON lead_events (lead_id, at);

-- Where each round-robin rule's turn stands; advanced in the
-- transaction that routes the lead.
CREATE TABLE rr_cursors (
	workspace_id TEXT NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
	rule_key     TEXT NOT NULL,
	position     INTEGER NOT NULL DEFAULT 0,
	PRIMARY KEY (workspace_id, rule_key)
);

-- Each side's signed lead webhook: the leads it brings are captured by
-- that side.
CREATE TABLE lead_webhooks (
	workspace_id TEXT NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
	side         TEXT NOT NULL CHECK (side IN ('host', 'partner')),
	secret       TEXT NOT NULL,
	created_by   TEXT NOT NULL REFERENCES members (id),
	created_at   TEXT NOT NULL,
	PRIMARY KEY (workspace_id, side)
);

-- Signatures of webhook requests received in the last few minutes: a
-- replayed request is recognized and has no effect.
CREATE TABLE webhook_seen (
	workspace_id TEXT NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
	signature    TEXT NOT NULL,
	received_at  TEXT NOT NULL,
	PRIMARY KEY (workspace_id, signature)
);

-- +goose Down
DROP TABLE webhook_seen;
DROP TABLE lead_webhooks;
DROP TABLE rr_cursors;
DROP TABLE lead_events;
DROP TABLE lead_routes;
DROP TABLE leads;
DROP TABLE account_lists;
DROP TABLE account_domains;
DROP TABLE kpi_actuals;
DROP TABLE doc_signoffs;
DROP TABLE doc_versions;
ALTER TABLE members DROP COLUMN away;
ALTER TABLE workspaces DROP COLUMN lead_seq;
