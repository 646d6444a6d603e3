// Package store keeps Duet's data in SQLite (embedded, the default) or
// PostgreSQL (several nodes on one database), through one set of portable
// queries on database/sql.
package store

import (
	"context"
	"crypto/rand"
	"database/sql"
	"embed"
	"encoding/base32"
	"errors"
	"fmt"
	"io/fs"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
	"github.com/jackc/pgx/v5/stdlib"
	"github.com/pressly/goose/v3"
	"github.com/pressly/goose/v3/lock"
	"modernc.org/sqlite"

	"duet/internal/duet"
)

//go:embed migrations
var migrations embed.FS

// Engine names.
const (
	SQLite   = "sqlite"
	Postgres = "postgres"
)

// DB is the store. On SQLite, writes go through a single connection that
// takes the write lock at BEGIN (so transactions never deadlock on lock
// upgrade) and reads use a separate pool; on PostgreSQL both are one pool.
type DB struct {
	Engine string
	write  *sql.DB
	read   *sql.DB
	// stmts caches one prepared statement per pool and query text, so a
	// query is parsed once per connection rather than on every call.
	stmts sync.Map // stmtKey → *sql.Stmt
	// commits feeds SQLite's group committer; nil on PostgreSQL.
	commits chan *commitReq
	stopped chan struct{}
	closing sync.Once
}

type stmtKey struct {
	pool  *sql.DB
	query string
}

// prepared returns the cached statement for q on pool, preparing it once.
func (db *DB) prepared(ctx context.Context, pool *sql.DB, q string) (*sql.Stmt, error) {
	k := stmtKey{pool, q}
	if s, ok := db.stmts.Load(k); ok {
		return s.(*sql.Stmt), nil
	}
	s, err := pool.PrepareContext(ctx, q)
	if err != nil {
		return nil, err
	}
	if prev, loaded := db.stmts.LoadOrStore(k, s); loaded {
		s.Close()
		return prev.(*sql.Stmt), nil
	}
	return s, nil
}

// Open connects to the database named by dsn: a postgres:// URL selects
// PostgreSQL, anything else is the path of an SQLite file. It applies the
// durability settings and checks that they took effect; it does not
// migrate.
func Open(ctx context.Context, dsn string) (*DB, error) {
	if strings.HasPrefix(dsn, "postgres://") || strings.HasPrefix(dsn, "postgresql://") {
		return openPostgres(ctx, dsn)
	}
	return openSQLite(ctx, dsn)
}

func openSQLite(ctx context.Context, path string) (*DB, error) {
	if dir := filepath.Dir(path); dir != "" {
		if err := os.MkdirAll(dir, 0o700); err != nil {
			return nil, fmt.Errorf("create data directory: %w", err)
		}
	}
	// Every connection gets these pragmas, so foreign keys and durability
	// cannot be forgotten on a connection the pool opens later.
	q := url.Values{}
	for _, p := range []string{"busy_timeout(10000)", "journal_mode(WAL)", "synchronous(FULL)", "foreign_keys(1)"} {
		q.Add("_pragma", p)
	}
	// The path goes into a URI: characters that URIs give a meaning to are
	// escaped, or a '#' or '?' in a folder name would cut the path short.
	base := "file:" + strings.NewReplacer("%", "%25", "?", "%3f", "#", "%23").Replace(path) + "?"
	wq := url.Values{"_txlock": {"immediate"}}
	for k, v := range q {
		wq[k] = v
	}
	write, err := sql.Open("sqlite", base+wq.Encode())
	if err != nil {
		return nil, err
	}
	// One connection writes (the group committer's transaction holds it);
	// the second only prepares statements, see Tx.cached.
	write.SetMaxOpenConns(2)
	write.SetMaxIdleConns(2)
	write.SetConnMaxIdleTime(0)
	read, err := sql.Open("sqlite", base+q.Encode())
	if err != nil {
		write.Close()
		return nil, err
	}
	// Keep every reader open: a reopened connection reruns the pragmas
	// and re-prepares its statements.
	read.SetMaxOpenConns(8)
	read.SetMaxIdleConns(8)
	db := &DB{Engine: SQLite, write: write, read: read}
	if err := db.checkSQLite(ctx); err != nil {
		db.Close()
		return nil, err
	}
	db.commits, db.stopped = make(chan *commitReq, 1024), make(chan struct{})
	go db.groupCommit()
	return db, nil
}

// checkSQLite refuses a connection whose durability settings did not apply.
func (db *DB) checkSQLite(ctx context.Context) error {
	for _, pool := range []*sql.DB{db.write, db.read} {
		var mode string
		var sync, fk, busy int
		row := pool.QueryRowContext(ctx, `SELECT journal_mode, synchronous, foreign_keys, timeout FROM pragma_journal_mode, pragma_synchronous, pragma_foreign_keys, pragma_busy_timeout`)
		if err := row.Scan(&mode, &sync, &fk, &busy); err != nil {
			return fmt.Errorf("open sqlite: %w", err)
		}
		if mode != "wal" || sync != 2 || fk != 1 || busy <= 0 {
			return fmt.Errorf("sqlite settings did not apply (journal_mode=%s synchronous=%d foreign_keys=%d busy_timeout=%d); refusing to start", mode, sync, fk, busy)
		}
	}
	return nil
}

func openPostgres(ctx context.Context, dsn string) (*DB, error) {
	cfg, err := pgx.ParseConfig(dsn)
	if err != nil {
		return nil, fmt.Errorf("database url: %w", err)
	}
	// An acknowledged commit must be on disk.
	cfg.RuntimeParams["synchronous_commit"] = "on"
	pool := stdlib.OpenDB(*cfg)
	pool.SetMaxOpenConns(32)
	pool.SetMaxIdleConns(32) // as many as open: reconnecting costs a backend fork
	pool.SetConnMaxIdleTime(5 * time.Minute)
	if err := pool.PingContext(ctx); err != nil {
		pool.Close()
		return nil, fmt.Errorf("connect to postgres: %w", err)
	}
	return &DB{Engine: Postgres, write: pool, read: pool}, nil
}

// Close closes the statements and the pools.
func (db *DB) Close() error {
	if db.commits != nil {
		db.closing.Do(func() { close(db.commits) })
		<-db.stopped
	}
	db.stmts.Range(func(_, s any) bool {
		s.(*sql.Stmt).Close()
		return true
	})
	err := db.write.Close()
	if db.read != db.write {
		err = errors.Join(err, db.read.Close())
	}
	return err
}

// Ping reports whether the database answers.
func (db *DB) Ping(ctx context.Context) error {
	var one int
	return db.read.QueryRowContext(ctx, `SELECT 1`).Scan(&one)
}

// Migrate applies every pending migration. On PostgreSQL a session
// advisory lock makes it safe for several nodes starting at once.
func (db *DB) Migrate(ctx context.Context) error {
	sub, err := fs.Sub(migrations, "migrations/"+db.Engine)
	if err != nil {
		return err
	}
	dialect := goose.DialectSQLite3
	var opts []goose.ProviderOption
	if db.Engine == Postgres {
		dialect = goose.DialectPostgres
		locker, err := lock.NewPostgresSessionLocker()
		if err != nil {
			return err
		}
		opts = append(opts, goose.WithSessionLocker(locker))
	}
	p, err := goose.NewProvider(dialect, db.write, sub, opts...)
	if err != nil {
		return fmt.Errorf("migrations: %w", err)
	}
	if _, err := p.Up(ctx); err != nil {
		return fmt.Errorf("migrate: %w", err)
	}
	return nil
}

// Tx runs fn in a read-write transaction and commits when fn returns nil.
// On SQLite, writes from concurrent callers share one transaction (group
// commit), each inside its own savepoint: a caller's error undoes only its
// own writes, and Tx returns only once the shared commit is durable.
func (db *DB) Tx(ctx context.Context, fn func(*Tx) error) error {
	if db.commits == nil {
		return db.run(ctx, db.write, nil, fn)
	}
	req := &commitReq{ctx: ctx, fn: fn, done: make(chan error, 1)}
	select {
	case db.commits <- req:
	case <-ctx.Done():
		return ctx.Err()
	}
	return <-req.done
}

// commitReq is one caller's write waiting for the group committer.
type commitReq struct {
	ctx  context.Context
	fn   func(*Tx) error
	done chan error
	err  error
}

// maxGroup bounds how many writes share one commit, so no transaction
// grows without limit under a flood of writers.
const maxGroup = 256

// groupCommit is SQLite's only writer. It takes every write waiting at
// that moment, runs each in a savepoint of one transaction and commits
// once: one fsync for the group instead of one per write.
func (db *DB) groupCommit() {
	defer close(db.stopped)
	for first := range db.commits {
		group := []*commitReq{first}
	gather:
		for len(group) < maxGroup {
			select {
			case r, ok := <-db.commits:
				if !ok {
					break gather
				}
				group = append(group, r)
			default:
				break gather
			}
		}
		db.commitGroup(group)
	}
}

func (db *DB) commitGroup(group []*commitReq) {
	// The transaction outlives any one caller's context: a caller that
	// gives up must not roll back the others' writes.
	sqlTx, err := db.write.BeginTx(context.Background(), nil)
	if err != nil {
		for _, r := range group {
			r.done <- mapErr(err)
		}
		return
	}
	ok := 0
	for _, r := range group {
		if err := r.ctx.Err(); err != nil {
			r.err = err
			continue
		}
		r.err = db.savepoint(sqlTx, r)
		if r.err == nil {
			ok++
		}
	}
	if ok == 0 {
		err = sqlTx.Rollback()
	} else {
		err = sqlTx.Commit()
	}
	for _, r := range group {
		if r.err == nil && err != nil {
			r.err = mapErr(err)
		}
		r.done <- r.err
	}
}

// savepoint runs one caller's fn inside a savepoint of the group's
// transaction and undoes its writes if it fails.
func (db *DB) savepoint(sqlTx *sql.Tx, r *commitReq) (err error) {
	bg := context.Background()
	if _, err := sqlTx.ExecContext(bg, `SAVEPOINT w`); err != nil {
		return mapErr(err)
	}
	defer func() {
		if p := recover(); p != nil {
			err = fmt.Errorf("store: write panicked: %v", p)
		}
		if err != nil {
			_, rerr := sqlTx.ExecContext(bg, `ROLLBACK TO w`)
			err = errors.Join(mapErr(err), rerr)
		}
		if _, rerr := sqlTx.ExecContext(bg, `RELEASE w`); rerr != nil && err == nil {
			err = rerr
		}
	}()
	return r.fn(&Tx{db: db, pool: db.write, tx: sqlTx, engine: db.Engine})
}

// View runs fn in a read-only transaction that sees one consistent
// snapshot: SQLite's WAL gives one to every read transaction; PostgreSQL
// needs REPEATABLE READ, since READ COMMITTED takes one per statement.
func (db *DB) View(ctx context.Context, fn func(*Tx) error) error {
	var opts *sql.TxOptions
	if db.Engine == Postgres {
		opts = &sql.TxOptions{Isolation: sql.LevelRepeatableRead, ReadOnly: true}
	}
	return db.run(ctx, db.read, opts, fn)
}

func (db *DB) run(ctx context.Context, pool *sql.DB, opts *sql.TxOptions, fn func(*Tx) error) error {
	sqlTx, err := pool.BeginTx(ctx, opts)
	if err != nil {
		return mapErr(err)
	}
	tx := &Tx{db: db, pool: pool, tx: sqlTx, engine: db.Engine}
	if err := fn(tx); err != nil {
		_ = sqlTx.Rollback()
		return mapErr(err)
	}
	return mapErr(sqlTx.Commit())
}

// Once runs fn outside a transaction, on the read pool. It is for hot
// reads made of a single statement, which is atomic on its own and saves
// the BEGIN and COMMIT round trips.
func (db *DB) Once(ctx context.Context, fn func(*Tx) error) error {
	return mapErr(fn(&Tx{db: db, pool: db.read, engine: db.Engine}))
}

// Tx is one transaction (or, from Once, one statement); every store
// method hangs off it.
type Tx struct {
	db     *DB
	pool   *sql.DB
	tx     *sql.Tx // nil outside a transaction
	engine string
	// published collects the events appended on SQLite, for the caller
	// to publish after commit (PostgreSQL publishes through NOTIFY).
	published []duet.Event
}

// Published returns the events the transaction appended that the caller
// must publish itself once it has committed.
func (tx *Tx) Published() []duet.Event { return tx.published }

// exec, query and row run on the transaction, or outside one (Once), on a
// cached prepared statement where there is one (see cached).
func (tx *Tx) exec(ctx context.Context, q string, args ...any) (sql.Result, error) {
	if tx.tx == nil {
		return nil, errors.New("store: a write outside a transaction (Once is for reads)")
	}
	if st := tx.cached(ctx, q); st != nil {
		r, err := st.ExecContext(ctx, args...)
		return r, mapErr(err)
	}
	r, err := tx.tx.ExecContext(ctx, q, args...)
	return r, mapErr(err)
}

// cached returns the transaction's handle on the statement cached for q,
// on SQLite's writer; nil elsewhere. The writer pool has a second
// connection that only prepares: a statement prepared there is prepared
// again, once, on the connection the transaction holds, and reused from
// then on, so a write parses its SQL once per process rather than once per
// call. (pgx caches prepared statements itself.)
func (tx *Tx) cached(ctx context.Context, q string) *sql.Stmt {
	if tx.engine != SQLite || tx.pool != tx.db.write {
		return nil
	}
	s, err := tx.db.prepared(ctx, tx.pool, q)
	if err != nil {
		return nil // the plain path reports the error
	}
	return tx.tx.StmtContext(ctx, s)
}

func (tx *Tx) query(ctx context.Context, q string, args ...any) (*sql.Rows, error) {
	if tx.tx != nil {
		if st := tx.cached(ctx, q); st != nil {
			r, err := st.QueryContext(ctx, args...)
			return r, mapErr(err)
		}
		r, err := tx.tx.QueryContext(ctx, q, args...)
		return r, mapErr(err)
	}
	s, err := tx.db.prepared(ctx, tx.pool, q)
	if err != nil {
		return nil, mapErr(err)
	}
	r, err := s.QueryContext(ctx, args...)
	return r, mapErr(err)
}

// rowResult is one row, or the error from preparing its statement.
type rowResult struct {
	row *sql.Row
	err error
}

func (r rowResult) Scan(dest ...any) error {
	if r.err != nil {
		return r.err
	}
	return r.row.Scan(dest...)
}

func (tx *Tx) row(ctx context.Context, q string, args ...any) rowResult {
	if tx.tx != nil {
		if st := tx.cached(ctx, q); st != nil {
			return rowResult{row: st.QueryRowContext(ctx, args...)}
		}
		return rowResult{row: tx.tx.QueryRowContext(ctx, q, args...)}
	}
	s, err := tx.db.prepared(ctx, tx.pool, q)
	if err != nil {
		return rowResult{err: mapErr(err)}
	}
	return rowResult{row: s.QueryRowContext(ctx, args...)}
}

// mapErr turns driver errors into duet errors by code, never by text.
func mapErr(err error) error {
	if err == nil {
		return nil
	}
	var de *duet.Error
	if errors.As(err, &de) {
		return err
	}
	if errors.Is(err, sql.ErrNoRows) {
		return duet.NotFound("record")
	}
	var se *sqlite.Error
	if errors.As(err, &se) {
		switch se.Code() {
		case 2067, 1555: // SQLITE_CONSTRAINT_UNIQUE, SQLITE_CONSTRAINT_PRIMARYKEY
			return &duet.Error{Kind: duet.EConflict, Msg: "already exists"}
		}
	}
	var pe *pgconn.PgError
	if errors.As(err, &pe) && pe.Code == "23505" {
		return &duet.Error{Kind: duet.EConflict, Msg: "already exists"}
	}
	return err
}

// NewID returns a random identifier: 80 bits, lowercase base32.
func NewID() string {
	var b [10]byte
	if _, err := rand.Read(b[:]); err != nil {
		panic(err) // crypto/rand never fails on supported platforms
	}
	return strings.ToLower(base32.StdEncoding.WithPadding(base32.NoPadding).EncodeToString(b[:]))
}

const timeLayout = "2006-01-02T15:04:05.000000Z"

// ts formats a time for storage.
func ts(t time.Time) string { return t.UTC().Format(timeLayout) }

// parseTS reads a stored time.
func parseTS(s string) time.Time {
	t, _ := time.Parse(timeLayout, s)
	return t
}

// parseNullTS reads a stored optional time.
func parseNullTS(s sql.NullString) *time.Time {
	if !s.Valid {
		return nil
	}
	t := parseTS(s.String)
	return &t
}

func parseDate(s string) duet.Date {
	d, _ := duet.ParseDate(s)
	return d
}
