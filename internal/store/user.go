package store

import (
	"context"
	"database/sql"
	"errors"
	"time"

	"duet/internal/duet"
)

// CreateOrg inserts an organization.
func (tx *Tx) CreateOrg(ctx context.Context, o *duet.Organization) error {
	_, err := tx.exec(ctx, `INSERT INTO organizations (id, name, is_host, created_at) VALUES ($1, $2, $3, $4)`,
		o.ID, o.Name, o.IsHost, ts(o.Created))
	return err
}

const orgCols = `id, name, is_host, created_at`

func scanOrg(row interface{ Scan(...any) error }) (duet.Organization, error) {
	var o duet.Organization
	var created string
	err := row.Scan(&o.ID, &o.Name, &o.IsHost, &created)
	o.Created = parseTS(created)
	return o, err
}

// Org returns an organization by id.
func (tx *Tx) Org(ctx context.Context, id string) (duet.Organization, error) {
	o, err := scanOrg(tx.row(ctx, `SELECT `+orgCols+` FROM organizations WHERE id = $1`, id))
	return o, notFound(err, "organization")
}

// HostOrg returns the host organization, ENotFound before setup.
func (tx *Tx) HostOrg(ctx context.Context) (duet.Organization, error) {
	o, err := scanOrg(tx.row(ctx, `SELECT `+orgCols+` FROM organizations WHERE is_host = $1`, true))
	return o, notFound(err, "host organization")
}

// OrgByName finds an organization by name, ignoring case.
func (tx *Tx) OrgByName(ctx context.Context, name string) (duet.Organization, error) {
	o, err := scanOrg(tx.row(ctx, `SELECT `+orgCols+` FROM organizations WHERE lower(name) = lower($1)`, name))
	return o, notFound(err, "organization")
}

// CreateUser inserts a user with its password hash.
func (tx *Tx) CreateUser(ctx context.Context, u *duet.User, passwordHash string) error {
	_, err := tx.exec(ctx, `INSERT INTO users (id, org_id, email, name, password_hash, is_admin, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7)`,
		u.ID, u.OrgID, u.Email, u.Name, passwordHash, u.IsAdmin, ts(u.Created))
	if duet.ErrorKind(err) == duet.EConflict {
		return &duet.Error{Kind: duet.EConflict, Field: "email", Msg: "an account with this email already exists"}
	}
	return err
}

const userCols = `id, org_id, email, name, is_admin, created_at`

func scanUser(row interface{ Scan(...any) error }, extra ...any) (duet.User, error) {
	var u duet.User
	var created string
	err := row.Scan(append([]any{&u.ID, &u.OrgID, &u.Email, &u.Name, &u.IsAdmin, &created}, extra...)...)
	u.Created = parseTS(created)
	return u, err
}

// User returns a user by id.
func (tx *Tx) User(ctx context.Context, id string) (duet.User, error) {
	u, err := scanUser(tx.row(ctx, `SELECT `+userCols+` FROM users WHERE id = $1`, id))
	return u, notFound(err, "user")
}

// UserByEmail returns a user and the password hash by email.
func (tx *Tx) UserByEmail(ctx context.Context, email string) (duet.User, string, error) {
	var hash string
	u, err := scanUser(tx.row(ctx, `SELECT `+userCols+`, password_hash FROM users WHERE email = $1`, email), &hash)
	return u, hash, notFound(err, "user")
}

// SetPassword replaces a user's password hash and ends their sessions.
func (tx *Tx) SetPassword(ctx context.Context, userID, hash string) error {
	if _, err := tx.exec(ctx, `UPDATE users SET password_hash = $1 WHERE id = $2`, hash, userID); err != nil {
		return err
	}
	_, err := tx.exec(ctx, `DELETE FROM sessions WHERE user_id = $1`, userID)
	return err
}

// AdminExists reports whether the host organization has an administrator.
func (tx *Tx) AdminExists(ctx context.Context) (bool, error) {
	var n int
	err := tx.row(ctx, `SELECT count(*) FROM users WHERE is_admin = $1`, true).Scan(&n)
	return n > 0, err
}

// Session is a server-side login session, looked up by token hash.
type Session struct {
	TokenHash string
	UserID    string
	Created   time.Time
	LastSeen  time.Time
	Expires   time.Time
}

// CreateSession stores a session.
func (tx *Tx) CreateSession(ctx context.Context, s *Session) error {
	_, err := tx.exec(ctx, `INSERT INTO sessions (token_hash, user_id, created_at, last_seen_at, expires_at) VALUES ($1, $2, $3, $4, $5)`,
		s.TokenHash, s.UserID, ts(s.Created), ts(s.LastSeen), ts(s.Expires))
	return err
}

// SessionByHash returns a session by the hash of its token, with its
// user and the user's organization, in one query.
func (tx *Tx) SessionByHash(ctx context.Context, hash string) (Session, duet.User, duet.Organization, error) {
	s := Session{TokenHash: hash}
	var created, seen, expires string
	u, o, err := tx.withUser(ctx, `SELECT s.user_id, s.created_at, s.last_seen_at, s.expires_at, `+userOrgCols+`
		FROM sessions s `+userOrgJoin+` WHERE s.token_hash = $1`, hash, &s.UserID, &created, &seen, &expires)
	s.Created, s.LastSeen, s.Expires = parseTS(created), parseTS(seen), parseTS(expires)
	return s, u, o, notFound(err, "session")
}

const (
	userOrgCols = `u.id, u.org_id, u.email, u.name, u.is_admin, u.created_at, o.id, o.name, o.is_host, o.created_at`
	userOrgJoin = `JOIN users u ON u.id = user_id JOIN organizations o ON o.id = u.org_id`
)

// withUser runs a one-row query whose columns are dest followed by
// userOrgCols.
func (tx *Tx) withUser(ctx context.Context, q string, arg any, dest ...any) (duet.User, duet.Organization, error) {
	var u duet.User
	var o duet.Organization
	var uc, oc string
	err := tx.row(ctx, q, arg).Scan(append(dest, &u.ID, &u.OrgID, &u.Email, &u.Name, &u.IsAdmin, &uc, &o.ID, &o.Name, &o.IsHost, &oc)...)
	u.Created, o.Created = parseTS(uc), parseTS(oc)
	return u, o, err
}

// TouchSession records activity on a session.
func (tx *Tx) TouchSession(ctx context.Context, hash string, at time.Time) error {
	_, err := tx.exec(ctx, `UPDATE sessions SET last_seen_at = $1 WHERE token_hash = $2`, ts(at), hash)
	return err
}

// DeleteSession ends a session.
func (tx *Tx) DeleteSession(ctx context.Context, hash string) error {
	_, err := tx.exec(ctx, `DELETE FROM sessions WHERE token_hash = $1`, hash)
	return err
}

// APIToken is a bearer token for scripts, stored as a hash.
type APIToken struct {
	ID        string
	UserID    string
	Label     string
	TokenHash string
	Created   time.Time
	Expires   time.Time
}

// CreateAPIToken stores a token.
func (tx *Tx) CreateAPIToken(ctx context.Context, t *APIToken) error {
	_, err := tx.exec(ctx, `INSERT INTO api_tokens (id, user_id, label, token_hash, created_at, expires_at) VALUES ($1, $2, $3, $4, $5, $6)`,
		t.ID, t.UserID, t.Label, t.TokenHash, ts(t.Created), ts(t.Expires))
	return err
}

// APITokenByHash returns a token by the hash of its secret, with its user
// and the user's organization, in one query.
func (tx *Tx) APITokenByHash(ctx context.Context, hash string) (APIToken, duet.User, duet.Organization, error) {
	t := APIToken{TokenHash: hash}
	var created, expires string
	u, o, err := tx.withUser(ctx, `SELECT t.id, t.user_id, t.label, t.created_at, t.expires_at, `+userOrgCols+`
		FROM api_tokens t `+userOrgJoin+` WHERE t.token_hash = $1`, hash, &t.ID, &t.UserID, &t.Label, &created, &expires)
	t.Created, t.Expires = parseTS(created), parseTS(expires)
	return t, u, o, notFound(err, "token")
}

// Setting returns a stored setting, ENotFound when unset.
func (tx *Tx) Setting(ctx context.Context, key string) (string, error) {
	var v string
	err := tx.row(ctx, `SELECT value FROM settings WHERE key = $1`, key).Scan(&v)
	return v, notFound(err, "setting")
}

// SetSetting stores a setting.
func (tx *Tx) SetSetting(ctx context.Context, key, value string) error {
	_, err := tx.exec(ctx, `INSERT INTO settings (key, value) VALUES ($1, $2) ON CONFLICT (key) DO UPDATE SET value = excluded.value`, key, value)
	return err
}

// DeleteSetting removes a setting.
func (tx *Tx) DeleteSetting(ctx context.Context, key string) error {
	_, err := tx.exec(ctx, `DELETE FROM settings WHERE key = $1`, key)
	return err
}

// notFound turns sql.ErrNoRows into an ENotFound naming what was missing.
func notFound(err error, what string) error {
	if errors.Is(err, sql.ErrNoRows) {
		return duet.NotFound(what)
	}
	return mapErr(err)
}
