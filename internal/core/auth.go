package core

import (
	"context"
	"crypto/subtle"
	"strings"
	"time"

	"duet/internal/duet"
	"duet/internal/store"
)

// Session lifetimes.
const (
	SessionIdle     = 12 * time.Hour
	SessionAbsolute = 30 * 24 * time.Hour
	// sessionTouch limits how often activity is written back.
	sessionTouch = time.Minute
	// TokenTTL is how long an API token is valid.
	TokenTTL = 90 * 24 * time.Hour
)

const setupTokenKey = "setup_token_hash"

// SetupInput creates the host organization and its first administrator.
type SetupInput struct {
	Email    string
	Name     string
	Org      string
	Password string
}

func (in *SetupInput) validate() error {
	var err error
	if in.Email, err = duet.NormalizeEmail("email", in.Email); err != nil {
		return err
	}
	if in.Name, err = duet.ValidateName("name", in.Name); err != nil {
		return err
	}
	if in.Org, err = duet.ValidateOrgName("org", in.Org); err != nil {
		return err
	}
	return duet.ValidatePassword("password", in.Password)
}

// SetupToken returns a new one-time setup token when nobody has set Duet
// up yet, replacing any earlier one; ok is false once an admin exists.
func (s *Service) SetupToken(ctx context.Context) (token string, ok bool, err error) {
	err = s.write(ctx, func(tx *store.Tx) error {
		exists, err := tx.AdminExists(ctx)
		if err != nil || exists {
			return err
		}
		token = newSecret("setup_")
		ok = true
		return tx.SetSetting(ctx, setupTokenKey, hashSecret(token))
	})
	return token, ok, err
}

// SetupTokenValid reports whether token is the current one-time setup
// token, so the setup form is only shown to whoever holds the link.
func (s *Service) SetupTokenValid(ctx context.Context, token string) bool {
	var want string
	err := s.db.View(ctx, func(tx *store.Tx) (err error) {
		want, err = tx.Setting(ctx, setupTokenKey)
		return err
	})
	return err == nil && token != "" && subtle.ConstantTimeCompare([]byte(want), []byte(hashSecret(token))) == 1
}

// SetupNeeded reports whether no administrator exists yet.
func (s *Service) SetupNeeded(ctx context.Context) (bool, error) {
	var exists bool
	err := s.db.View(ctx, func(tx *store.Tx) (err error) {
		exists, err = tx.AdminExists(ctx)
		return err
	})
	return !exists, err
}

// Setup creates the host organization and its first administrator. With a
// token (from the web), the token must be the current setup token; the
// operator's CLI passes none. It refuses once an administrator exists.
func (s *Service) Setup(ctx context.Context, token string, in SetupInput, viaCLI bool) (duet.User, error) {
	if err := in.validate(); err != nil {
		return duet.User{}, err
	}
	hash := s.hashPassword(in.Password)
	now := s.Now()
	var u duet.User
	err := s.write(ctx, func(tx *store.Tx) error {
		exists, err := tx.AdminExists(ctx)
		if err != nil {
			return err
		}
		if exists {
			return duet.Errorf(duet.EConflict, "Duet is already set up: an administrator exists")
		}
		if !viaCLI {
			want, err := tx.Setting(ctx, setupTokenKey)
			if err != nil || want != hashSecret(token) {
				return duet.NotFound("setup link")
			}
		}
		org := duet.Organization{ID: store.NewID(), Name: in.Org, IsHost: true, Created: now}
		if err := tx.CreateOrg(ctx, &org); err != nil {
			if duet.ErrorKind(err) == duet.EConflict {
				return duet.Invalid("org", "an organization named %q already exists", in.Org)
			}
			return err
		}
		u = duet.User{ID: store.NewID(), OrgID: org.ID, Email: in.Email, Name: in.Name, IsAdmin: true, Created: now}
		if err := tx.CreateUser(ctx, &u, hash); err != nil {
			return err
		}
		if err := tx.DeleteSetting(ctx, setupTokenKey); err != nil {
			return err
		}
		return tx.AppendEvent(ctx, s.event(nil, "", "setup.completed", u.ID))
	})
	return u, err
}

// errLogin is the one answer for a wrong email or a wrong password.
var errLogin = &duet.Error{Kind: duet.EUnauthorized, Msg: "The email or password is not right."}

// Login checks credentials and opens a session, returning its token.
func (s *Service) Login(ctx context.Context, email, password, clientIP string) (string, duet.User, error) {
	u, err := s.checkCredentials(ctx, email, password, clientIP)
	if err != nil {
		return "", duet.User{}, err
	}
	token, err := s.newSession(ctx, u.ID)
	return token, u, err
}

// checkCredentials returns the user with this email and password. Unknown
// emails and wrong passwords answer alike, after the same work.
func (s *Service) checkCredentials(ctx context.Context, email, password, clientIP string) (duet.User, error) {
	email = strings.ToLower(strings.TrimSpace(email))
	if email == "" {
		return duet.User{}, duet.Invalid("email", "is required")
	}
	if password == "" {
		return duet.User{}, duet.Invalid("password", "is required")
	}
	if !s.throttle.allow("login-email:"+email, "login-ip:"+clientIP) {
		return duet.User{}, duet.Errorf(duet.ERateLimited, "Too many sign-in attempts. Wait a minute and try again.")
	}
	u, hash, err := s.userByEmail(ctx, email)
	if err != nil && duet.ErrorKind(err) != duet.ENotFound {
		return duet.User{}, err
	}
	if err != nil {
		// Spend the same work as a real check so timing says nothing.
		s.passwordMatches(s.dummyHash(), password)
		return duet.User{}, errLogin
	}
	if !s.passwordMatches(hash, password) {
		return duet.User{}, errLogin
	}
	return u, nil
}

func (s *Service) userByEmail(ctx context.Context, email string) (u duet.User, hash string, err error) {
	err = s.db.View(ctx, func(tx *store.Tx) error {
		u, hash, err = tx.UserByEmail(ctx, email)
		return err
	})
	return u, hash, err
}

// dummyHash is a hash with the current parameters that matches nothing.
func (s *Service) dummyHash() string {
	s.dummyOnce.Do(func() { s.dummy = s.hashPassword(newSecret("")) })
	return s.dummy
}

// newSession stores a fresh session for the user and returns its token.
func (s *Service) newSession(ctx context.Context, userID string) (string, error) {
	token := newSecret("")
	now := s.Now()
	sess := store.Session{TokenHash: hashSecret(token), UserID: userID, Created: now, LastSeen: now, Expires: now.Add(SessionAbsolute)}
	err := s.write(ctx, func(tx *store.Tx) error { return tx.CreateSession(ctx, &sess) })
	return token, err
}

// Logout ends the session on the server.
func (s *Service) Logout(ctx context.Context, token string) error {
	return s.write(ctx, func(tx *store.Tx) error { return tx.DeleteSession(ctx, hashSecret(token)) })
}

// SessionActor returns the actor of a session token, ending sessions past
// their idle or absolute lifetime.
func (s *Service) SessionActor(ctx context.Context, token string) (*duet.Actor, error) {
	hash := hashSecret(token)
	now := s.Now()
	var a *duet.Actor
	var touch, expired bool
	err := s.db.Once(ctx, func(tx *store.Tx) error {
		sess, u, org, err := tx.SessionByHash(ctx, hash)
		if err != nil {
			return err
		}
		if !now.Before(sess.Expires) || now.Sub(sess.LastSeen) > SessionIdle {
			expired = true
			return nil
		}
		touch = now.Sub(sess.LastSeen) > sessionTouch
		a = &duet.Actor{User: u, Org: org}
		return nil
	})
	if err != nil {
		return nil, unauthorized(err)
	}
	if expired || touch {
		err = s.write(ctx, func(tx *store.Tx) error {
			if expired {
				return tx.DeleteSession(ctx, hash)
			}
			return tx.TouchSession(ctx, hash, now)
		})
		if err != nil {
			return nil, err
		}
	}
	if expired {
		return nil, duet.Errorf(duet.EUnauthorized, "Your session has ended. Sign in again.")
	}
	return a, nil
}

// TokenActor returns the actor of an API token.
func (s *Service) TokenActor(ctx context.Context, token string) (*duet.Actor, error) {
	var a *duet.Actor
	now := s.Now()
	err := s.db.Once(ctx, func(tx *store.Tx) error {
		t, u, org, err := tx.APITokenByHash(ctx, hashSecret(token))
		if err != nil {
			return err
		}
		if !now.Before(t.Expires) {
			return duet.Errorf(duet.EUnauthorized, "This API token has expired.")
		}
		a = &duet.Actor{User: u, Org: org}
		return nil
	})
	return a, unauthorized(err)
}

// unauthorized turns a failed lookup of credentials into EUnauthorized.
func unauthorized(err error) error {
	if duet.ErrorKind(err) == duet.ENotFound {
		return duet.Errorf(duet.EUnauthorized, "Sign in to continue.")
	}
	return err
}

// CreateToken makes an API token for the user with the given email, as
// the operator's CLI does; the secret is returned once and never again.
func (s *Service) CreateToken(ctx context.Context, email, label string) (string, error) {
	email, err := duet.NormalizeEmail("email", email)
	if err != nil {
		return "", err
	}
	u, _, err := s.userByEmail(ctx, email)
	if err != nil {
		if duet.ErrorKind(err) == duet.ENotFound {
			return "", duet.Invalid("email", "no user has the email %q", email)
		}
		return "", err
	}
	return s.issueToken(ctx, u.ID, label)
}

// LoginToken checks credentials and returns a new API token, for
// POST /api/v1/tokens.
func (s *Service) LoginToken(ctx context.Context, email, password, label, clientIP string) (string, error) {
	u, err := s.checkCredentials(ctx, email, password, clientIP)
	if err != nil {
		return "", err
	}
	return s.issueToken(ctx, u.ID, label)
}

func (s *Service) issueToken(ctx context.Context, userID, label string) (string, error) {
	label = strings.TrimSpace(label)
	if label == "" {
		label = "API token"
	}
	if len(label) > 80 {
		return "", duet.Invalid("label", "must be at most 80 characters")
	}
	secret := newSecret("duet_")
	now := s.Now()
	t := store.APIToken{ID: store.NewID(), UserID: userID, Label: label, TokenHash: hashSecret(secret), Created: now, Expires: now.Add(TokenTTL)}
	err := s.write(ctx, func(tx *store.Tx) error {
		if err := tx.CreateAPIToken(ctx, &t); err != nil {
			return err
		}
		return tx.AppendEvent(ctx, s.event(&duet.Actor{User: duet.User{ID: userID}}, "", "token.created", t.ID))
	})
	return secret, err
}
