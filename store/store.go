// Package store keeps pressclip's state in one SQLite file, or in a
// PostgreSQL database named by a postgres:// URL (postgres.go; issue 19):
// every item URL seen, one row per story with its review status and line,
// the articles behind each story with their mentions, each source's
// health, the run log, and the passes workers on many machines share. It
// is the only package that contains SQL.
//
// Open sets the pragmas in the DSN (busy timeout first, WAL, synchronous
// NORMAL, foreign keys, BEGIN IMMEDIATE for writes), refuses a file that
// is not a SQLite database without touching it, and applies the embedded
// migrations by PRAGMA user_version, each in one transaction. Every method
// that writes runs one transaction, so a killed process leaves no half
// story. Queries are plain SQL that a PostgreSQL backend could mirror.
//
// Files: store.go (Open, migrations, the WAL's checkpoints, time
// helpers), articles.go (seen URLs, SaveArticle), dedup.go (the anchor
// index, candidates, and the representative of a story, elected by
// package credit), merge.go (stories merged by a linking copy or by
// staff, copies split out), stories.go (listing, review, the section's
// order), exports.go (exports, Today, export jobs), reviewers.go
// (accounts, sessions, the audit), coverage.go (the Coverage page's
// rows), sources.go (source health and runs), health.go (the quiet
// alarm), maintain.go (retention, backup), postgres.go (the PostgreSQL
// backend: connection, migrations, locks, search), cluster.go (shared
// passes, hosts' turns, URL claims).
package store

import (
	"bytes"
	"context"
	"database/sql"
	"embed"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"log/slog"
	"math/rand/v2"
	"net/url"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"modernc.org/sqlite" // registers the "sqlite" driver
)

//go:embed migrations/*.sql
var migrations embed.FS

// Errors callers branch on.
var (
	ErrNotDatabase  = errors.New("file is not a SQLite database")
	ErrNewerSchema  = errors.New("database was written by a newer pressclip")
	ErrNotFound     = errors.New("not found")
	ErrInvalidInput = errors.New("invalid input")
	// ErrNoDatabase: Options.MustExist was set and there is no file.
	ErrNoDatabase = errors.New("database does not exist")
)

// Options configure a Store.
type Options struct {
	// Now is the clock (time.Now when nil); tests inject their own.
	Now    func() time.Time
	Logger *slog.Logger
	// CreditOutlets credits every story to the outlet of its
	// representative article, even wire copy; by default a story whose
	// copies carry an agency's byline is credited to the agency.
	CreditOutlets bool
	// MustExist refuses a missing file (ErrNoDatabase) instead of
	// creating it: commands that read the database never leave an empty
	// one behind a mistyped path (issue 14). An existing database is
	// still migrated.
	MustExist bool
}

// Store is an open pressclip database. It is safe for concurrent use.
type Store struct {
	db  *sql.DB // writer: one connection, BEGIN IMMEDIATE
	rdb *sql.DB // readers: never block on the writer (WAL)
	cdb *sql.DB // the WAL's checkpoints, apart from the writer

	stopCheckpoints context.CancelFunc
	checkpointsDone chan struct{}
	now             func() time.Time
	log             *slog.Logger
	path            string // the file, or the PostgreSQL URL without its password
	dsn             string // file: URL of the database, without parameters
	pg              bool   // on PostgreSQL (postgres.go)

	creditOutlets bool
}

// sqliteHeader starts every SQLite database file.
var sqliteHeader = []byte("SQLite format 3\x00")

// Open opens (creating if needed, unless o.MustExist) the database at
// path and migrates it. A new file is created 0600; an existing one keeps
// its mode. A file that exists but is not a database is refused and left
// as it is.
func Open(ctx context.Context, path string, o Options) (*Store, error) {
	if o.Now == nil {
		o.Now = time.Now
	}
	if o.Logger == nil {
		o.Logger = slog.New(slog.DiscardHandler)
	}
	if IsPostgres(path) {
		return openPostgres(ctx, path, o)
	}
	abs, err := filepath.Abs(path)
	if err != nil {
		return nil, fmt.Errorf("open database %s: %w", path, err)
	}
	if o.MustExist {
		if _, err := os.Stat(abs); errors.Is(err, fs.ErrNotExist) {
			return nil, fmt.Errorf("open database %s: %w", abs, ErrNoDatabase)
		}
	}
	if err := checkFile(path); err != nil {
		return nil, err
	}
	if !o.MustExist {
		if err := createFile(abs); err != nil {
			return nil, fmt.Errorf("open database %s: %w", path, err)
		}
	}
	// busy_timeout comes first: setting journal_mode=WAL can itself meet
	// SQLITE_BUSY (RELIABILITY.md §4). The WAL is checkpointed by the
	// commit that takes it past 30,000 pages (120 MB; SQLite's default is
	// 1,000): a checkpoint syncs the files and stalls that commit, and
	// with each save indexing its anchors (issue 16, ~85 pages a save) a
	// lower threshold put one save in a hundred behind one. Between
	// passes a goroutine of its own checkpoints every few seconds
	// (checkpoints), so that a pass mostly starts on a WAL already copied.
	pragmas := "_pragma=busy_timeout(10000)&_pragma=journal_mode(WAL)&_pragma=synchronous(NORMAL)&_pragma=foreign_keys(1)&_pragma=wal_autocheckpoint(30000)"
	u := (&url.URL{Scheme: "file", Path: abs}).String()
	if o.MustExist {
		// SQLite itself then refuses to create the file, should it go
		// between the check above and here.
		pragmas = "mode=rw&" + pragmas
	}
	db, err := sql.Open("sqlite", u+"?"+pragmas+"&_txlock=immediate")
	if err != nil {
		return nil, fmt.Errorf("open database %s: %w", path, err)
	}
	db.SetMaxOpenConns(1)
	db.SetConnMaxIdleTime(0)
	s := &Store{db: db, now: o.Now, log: o.Logger, path: path, dsn: u, creditOutlets: o.CreditOutlets}
	if err := retryBusy(ctx, s.migrate); err != nil {
		db.Close()
		return nil, fmt.Errorf("open database %s: %w", path, err)
	}
	if err := s.indexOld(ctx); err != nil {
		db.Close()
		return nil, fmt.Errorf("open database %s: %w", path, err)
	}
	rdb, err := sql.Open("sqlite", u+"?_pragma=busy_timeout(10000)&_pragma=query_only(1)&_pragma=foreign_keys(1)")
	if err != nil {
		db.Close()
		return nil, fmt.Errorf("open database %s: %w", path, err)
	}
	rdb.SetMaxOpenConns(4)
	s.rdb = rdb
	cdb, err := sql.Open("sqlite", u+"?_pragma=busy_timeout(10000)")
	if err != nil {
		db.Close()
		rdb.Close()
		return nil, fmt.Errorf("open database %s: %w", path, err)
	}
	cdb.SetMaxOpenConns(1)
	s.cdb = cdb
	cctx, stop := context.WithCancel(context.Background())
	s.stopCheckpoints = stop
	s.checkpointsDone = make(chan struct{})
	go s.checkpoints(cctx)
	return s, nil
}

// checkpointEvery is how often the WAL is checkpointed.
const checkpointEvery = 10 * time.Second

// checkpoints copies the WAL into the database every checkpointEvery,
// beside the writer (PASSIVE: it never waits for the writer or a reader,
// and copies what no reader still needs), until ctx ends.
func (s *Store) checkpoints(ctx context.Context) {
	defer close(s.checkpointsDone)
	t := time.NewTicker(checkpointEvery)
	defer t.Stop()
	failing := false
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
			_, err := s.cdb.ExecContext(ctx, `PRAGMA wal_checkpoint(PASSIVE)`)
			switch {
			case err != nil && ctx.Err() == nil && !failing:
				// Once per run of failures: the writer's own threshold
				// still checkpoints.
				s.log.Warn("WAL checkpoint failed", "err", err)
				failing = true
			case err == nil:
				failing = false
			}
		}
	}
}

// retryBusy runs fn again while it meets SQLITE_BUSY, for up to about
// ten seconds. The first contact with a new file can meet it despite the
// busy timeout: switching the file to WAL needs the file alone, and
// SQLite does not wait for that lock when another process is switching
// it too (two commands started in the same second on a new database).
func retryBusy(ctx context.Context, fn func(context.Context) error) error {
	wait := 10 * time.Millisecond
	for deadline := time.Now().Add(10 * time.Second); ; {
		err := fn(ctx)
		if !isBusy(err) || time.Now().After(deadline) {
			return err
		}
		select {
		case <-ctx.Done():
			return err
		case <-time.After(wait + rand.N(wait)):
		}
		wait = min(2*wait, 500*time.Millisecond)
	}
}

// isBusy: err is SQLite's "database is locked" (SQLITE_BUSY or
// SQLITE_LOCKED, with any extended code).
func isBusy(err error) bool {
	var e *sqlite.Error
	if !errors.As(err, &e) {
		return false
	}
	code := e.Code() & 0xff
	return code == 5 || code == 6
}

// createFile creates a missing database file empty (SQLite makes it a
// database) with mode 0600, where SQLite would make it 0644 less the
// umask: it holds the staff's decisions and the article texts, and SQLite
// gives the -wal and -shm files it creates beside it the database file's
// mode (issue 15, item 8). An existing file keeps its mode.
func createFile(path string) error {
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE|os.O_EXCL, 0o600)
	if errors.Is(err, fs.ErrExist) {
		return nil
	}
	if err != nil {
		return err
	}
	return f.Close()
}

// checkFile refuses a path whose directory is missing, or an existing
// non-empty file that does not start with the SQLite header.
func checkFile(path string) error {
	dir := filepath.Dir(path)
	if st, err := os.Stat(dir); err != nil || !st.IsDir() {
		return fmt.Errorf("open database %s: directory %s does not exist", path, dir)
	}
	f, err := os.Open(path)
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("open database %s: %w", path, err)
	}
	defer f.Close()
	if st, err := f.Stat(); err == nil && st.IsDir() {
		return fmt.Errorf("open database %s: is a directory", path)
	}
	head := make([]byte, len(sqliteHeader))
	n, err := io.ReadFull(f, head)
	if n == 0 && (err == io.EOF || err == nil) {
		return nil // an empty file becomes a new database
	}
	if !bytes.Equal(head[:n], sqliteHeader) {
		return fmt.Errorf("open database %s: %w (left untouched; if it was one, try `sqlite3 %s .recover`)", path, ErrNotDatabase, path)
	}
	return nil
}

// Close closes the database.
func (s *Store) Close() error {
	if s.pg {
		return s.db.Close()
	}
	s.stopCheckpoints()
	<-s.checkpointsDone
	return errors.Join(s.rdb.Close(), s.cdb.Close(), s.db.Close())
}

// Check runs PRAGMA quick_check and returns an error unless it says ok.
func (s *Store) Check(ctx context.Context) error {
	if s.pg {
		return s.checkPostgres(ctx)
	}
	var res string
	if err := s.rdb.QueryRowContext(ctx, "PRAGMA quick_check").Scan(&res); err != nil {
		return fmt.Errorf("check database %s: %w", s.path, err)
	}
	if res != "ok" {
		return fmt.Errorf("check database %s: %s", s.path, res)
	}
	return nil
}

type migration struct {
	version int
	name    string
	sql     string
}

func loadMigrations() ([]migration, error) {
	return readMigrations(migrations, "migrations")
}

// readMigration reads one migration file, named after its number.
func readMigration(fsys fs.FS, dir, name string) (migration, error) {
	num, _, ok := strings.Cut(name, "_")
	v, err := strconv.Atoi(num)
	if !ok || err != nil {
		return migration{}, fmt.Errorf("migration %s: name must start with its number", name)
	}
	b, err := fs.ReadFile(fsys, dir+"/"+name)
	if err != nil {
		return migration{}, err
	}
	return migration{version: v, name: name, sql: string(b)}, nil
}

// migrate applies the migrations newer than user_version, each in its own
// transaction together with the version bump.
func (s *Store) migrate(ctx context.Context) error {
	ms, err := loadMigrations()
	if err != nil {
		return err
	}
	var current int
	if err := s.db.QueryRowContext(ctx, "PRAGMA user_version").Scan(&current); err != nil {
		return err
	}
	latest := ms[len(ms)-1].version
	if current > latest {
		return fmt.Errorf("%w (schema %d, this pressclip knows up to %d): upgrade pressclip", ErrNewerSchema, current, latest)
	}
	for _, m := range ms {
		if m.version <= current {
			continue
		}
		applied := false
		if err := s.inTx(ctx, func(tx *sql.Tx) error {
			// Another process opening the same new file may have applied
			// this migration between our read and our write lock (the
			// transaction is BEGIN IMMEDIATE): read the version again
			// under the lock.
			var now int
			if err := tx.QueryRowContext(ctx, "PRAGMA user_version").Scan(&now); err != nil {
				return err
			}
			if now >= m.version {
				return nil
			}
			applied = true
			if _, err := tx.ExecContext(ctx, m.sql); err != nil {
				return fmt.Errorf("migration %s: %w", m.name, err)
			}
			_, err := tx.ExecContext(ctx, fmt.Sprintf("PRAGMA user_version = %d", m.version))
			return err
		}); err != nil {
			return err
		}
		if applied {
			s.log.Info("database migrated", "version", m.version)
		}
	}
	return nil
}

// inTx runs fn in a write transaction, committing when it returns nil.
// On PostgreSQL the transaction first takes the write lock (see
// postgres.go), and one that meets a deadlock or a serialization failure
// is run again, a few times.
func (s *Store) inTx(ctx context.Context, fn func(*sql.Tx) error) error {
	if !s.pg {
		return s.runTx(ctx, fn)
	}
	var err error
	for range 5 {
		if err = s.runTx(ctx, fn); !isRetryable(err) {
			return err
		}
	}
	return err
}

func (s *Store) runTx(ctx context.Context, fn func(*sql.Tx) error) error {
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	if s.pg {
		if _, err := tx.ExecContext(ctx, `SELECT pg_advisory_xact_lock(hashtextextended(current_schema(), ?))`, writeLock); err != nil {
			return err
		}
	}
	if err := fn(tx); err != nil {
		return err
	}
	return tx.Commit()
}

// timeLayout is fixed-width so that stored times sort as strings.
const timeLayout = "2006-01-02T15:04:05.000Z"

func fmtTime(t time.Time) string { return t.UTC().Format(timeLayout) }

// nullTime stores the zero time as NULL.
func nullTime(t time.Time) any {
	if t.IsZero() {
		return nil
	}
	return fmtTime(t)
}

func parseTime(s sql.NullString) time.Time {
	if !s.Valid {
		return time.Time{}
	}
	t, err := time.Parse(timeLayout, s.String)
	if err != nil {
		return time.Time{}
	}
	return t
}

// Path is the database file.
func (s *Store) Path() string { return s.path }
