package store

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"net/url"
	"os"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
	"github.com/jackc/pgx/v5/stdlib"
)

// The PostgreSQL backend (issue 19). The same store, the same SQL with
// the few differences said where they are (full-text search, the schema
// version, backup): queries keep SQLite's ? placeholders and a driver of
// our own numbers them ($1, $2, …) on the way to pgx.
//
// Writes are serialized cluster-wide as SQLite serializes them in one
// file: every write transaction first takes one transaction-scoped
// advisory lock. The dedup decision reads the candidates and then writes
// the story; two workers saving copies of one story at once must not
// both see "no story yet". Readers never take the lock.

//go:embed migrations/postgres/*.sql
var pgMigrations embed.FS

// writeLock is the advisory lock key every write transaction takes
// ("pressclip" in ASCII, as a bigint).
const writeLock int64 = 0x7072657373636c69

// IsPostgres says whether target names a PostgreSQL database rather than
// a SQLite file.
func IsPostgres(target string) bool {
	return strings.HasPrefix(target, "postgres://") || strings.HasPrefix(target, "postgresql://")
}

// Redact is target without any password in it (the user's, or a
// password or sslpassword parameter), for messages and advice: the
// password comes from PGPASSWORD or ~/.pgpass again when the URL is used.
func Redact(target string) string {
	if !IsPostgres(target) {
		return target
	}
	u, err := url.Parse(target)
	if err != nil {
		return "postgres://(unparsable URL)"
	}
	if u.User != nil {
		u.User = url.User(u.User.Username())
	}
	q := u.Query()
	for k := range q {
		if strings.Contains(strings.ToLower(k), "password") {
			q.Del(k)
		}
	}
	u.RawQuery = q.Encode()
	return u.String()
}

// openPostgres connects to the database at target (a postgres:// URL;
// the password may come from PGPASSWORD or ~/.pgpass, as for psql) and
// migrates it.
func openPostgres(ctx context.Context, target string, o Options) (*Store, error) {
	name := Redact(target)
	cfg, err := pgx.ParseConfig(target)
	if err != nil {
		// pgx's parse errors can quote the URL, password included.
		return nil, fmt.Errorf("open database %s: the URL does not parse", name)
	}
	if cfg.ConnectTimeout == 0 {
		cfg.ConnectTimeout = 10 * time.Second
	}
	db := sql.OpenDB(numberedConnector{stdlib.GetConnector(*cfg)})
	db.SetMaxOpenConns(16)
	db.SetMaxIdleConns(8)
	db.SetConnMaxIdleTime(5 * time.Minute)
	s := &Store{db: db, rdb: db, pg: true, now: o.Now, log: o.Logger, path: name, creditOutlets: o.CreditOutlets}
	if err := db.PingContext(ctx); err != nil {
		db.Close()
		return nil, fmt.Errorf("open database %s: %w", name, err)
	}
	if err := s.migratePostgres(ctx, o.MustExist); err != nil {
		db.Close()
		return nil, fmt.Errorf("open database %s: %w", name, err)
	}
	if err := s.indexOld(ctx); err != nil {
		db.Close()
		return nil, fmt.Errorf("open database %s: %w", name, err)
	}
	return s, nil
}

// migratePostgres applies the PostgreSQL migrations newer than the
// version in pressclip_schema, all under the write lock (two processes
// starting on a new database migrate it once). The PostgreSQL schema
// began at SQLite's version 16: its versions are SQLite's from there on,
// so that one number names the same schema in both.
func (s *Store) migratePostgres(ctx context.Context, mustExist bool) error {
	ms, err := readMigrations(pgMigrations, "migrations/postgres")
	if err != nil {
		return err
	}
	latest := ms[len(ms)-1].version
	return s.inTx(ctx, func(tx *sql.Tx) error {
		// In the schema pressclip writes to (the first on the search
		// path that exists), not anywhere on the path: a pressclip in
		// public must not pass for one in the schema before it.
		var exists bool
		if err := tx.QueryRowContext(ctx, `SELECT EXISTS (SELECT 1 FROM pg_tables WHERE schemaname = current_schema() AND tablename = 'pressclip_schema')`).Scan(&exists); err != nil {
			return err
		}
		current := 0
		if exists {
			if err := tx.QueryRowContext(ctx, `SELECT version FROM pressclip_schema`).Scan(&current); err != nil {
				return err
			}
		} else if mustExist {
			return ErrNoDatabase
		} else if _, err := tx.ExecContext(ctx, `CREATE TABLE pressclip_schema (version INTEGER NOT NULL);
			INSERT INTO pressclip_schema (version) VALUES (0)`); err != nil {
			return err
		}
		if current > latest {
			return fmt.Errorf("%w (schema %d, this pressclip knows up to %d): upgrade pressclip", ErrNewerSchema, current, latest)
		}
		for _, m := range ms {
			if m.version <= current {
				continue
			}
			if _, err := tx.ExecContext(ctx, m.sql); err != nil {
				return fmt.Errorf("migration %s: %w", m.name, err)
			}
			if _, err := tx.ExecContext(ctx, `UPDATE pressclip_schema SET version = ?`, m.version); err != nil {
				return err
			}
			s.log.Info("database migrated", "version", m.version, "backend", "postgres")
		}
		return nil
	})
}

// SchemaVersion is the version of the database's schema.
func (s *Store) SchemaVersion(ctx context.Context) (int, error) {
	var v int
	q := `PRAGMA user_version`
	if s.pg {
		q = `SELECT version FROM pressclip_schema`
	}
	if err := s.rdb.QueryRowContext(ctx, q).Scan(&v); err != nil {
		return 0, fmt.Errorf("schema version: %w", err)
	}
	return v, nil
}

// Postgres says whether the store is on PostgreSQL.
func (s *Store) Postgres() bool { return s.pg }

// isRetryable: err is PostgreSQL's serialization failure or deadlock,
// after which the transaction is to be run again.
func isRetryable(err error) bool {
	var e *pgconn.PgError
	return errors.As(err, &e) && (e.Code == "40001" || e.Code == "40P01")
}

// numberedConnector hands out pgx connections whose queries may use ?
// placeholders.
type numberedConnector struct{ driver.Connector }

func (c numberedConnector) Connect(ctx context.Context) (driver.Conn, error) {
	conn, err := c.Connector.Connect(ctx)
	if err != nil {
		return nil, err
	}
	sc, ok := conn.(*stdlib.Conn)
	if !ok {
		conn.Close()
		return nil, fmt.Errorf("pgx connector gave a %T", conn)
	}
	return numberedConn{sc}, nil
}

// numberedConn is a pgx connection that numbers ? placeholders. Its
// other methods (transactions, CheckNamedValue, ResetSession) are pgx's.
type numberedConn struct{ *stdlib.Conn }

func (c numberedConn) Prepare(query string) (driver.Stmt, error) {
	return c.Conn.Prepare(numbered(query))
}

func (c numberedConn) PrepareContext(ctx context.Context, query string) (driver.Stmt, error) {
	return c.Conn.PrepareContext(ctx, numbered(query))
}

// A statement without arguments is sent as it is (a migration's text
// has no placeholders).
func (c numberedConn) ExecContext(ctx context.Context, query string, args []driver.NamedValue) (driver.Result, error) {
	if len(args) == 0 {
		return c.Conn.ExecContext(ctx, query, args)
	}
	return c.Conn.ExecContext(ctx, numbered(query), args)
}

func (c numberedConn) QueryContext(ctx context.Context, query string, args []driver.NamedValue) (driver.Rows, error) {
	if len(args) == 0 {
		return c.Conn.QueryContext(ctx, query, args)
	}
	return c.Conn.QueryContext(ctx, numbered(query), args)
}

// numberedCache keeps each query's numbered form: the store's queries
// are a few hundred shapes (IN lists of any length among them: the cache
// is emptied when it passes numberedMax).
var (
	numberedMu    sync.Mutex
	numberedCache = map[string]string{}
)

const numberedMax = 4096

// numbered replaces each ? placeholder with $1, $2, … in order. A ? in a
// string literal ('…', E'…' with its backslash escapes, $tag$…$tag$), a
// quoted identifier or a comment (-- or /* */) is left alone. The
// store's SQL uses no operator spelled with ? (jsonb's ?, ?| and ?&).
func numbered(q string) string {
	if !strings.Contains(q, "?") {
		return q
	}
	numberedMu.Lock()
	v, ok := numberedCache[q]
	numberedMu.Unlock()
	if ok {
		return v
	}
	var b strings.Builder
	b.Grow(len(q) + 16)
	n := 0
	for i := 0; i < len(q); i++ {
		c := q[i]
		switch {
		case c == '\'' || c == '"':
			// E'…' strings escape with backslashes; others double the quote.
			escapes := c == '\'' && i > 0 && (q[i-1] == 'E' || q[i-1] == 'e')
			j := i + 1
			for j < len(q) && q[j] != c {
				if escapes && q[j] == '\\' {
					j++
				}
				j++
			}
			j = min(j, len(q)-1)
			b.WriteString(q[i : j+1])
			i = j
		case c == '-' && i+1 < len(q) && q[i+1] == '-':
			j := strings.IndexByte(q[i:], '\n')
			if j < 0 {
				j = len(q) - i
			}
			b.WriteString(q[i : i+j])
			i += j - 1
		case c == '/' && i+1 < len(q) && q[i+1] == '*':
			j := strings.Index(q[i+2:], "*/")
			end := len(q)
			if j >= 0 {
				end = i + 2 + j + 2
			}
			b.WriteString(q[i:end])
			i = end - 1
		case c == '$':
			// A dollar-quoted string: $$…$$ or $tag$…$tag$ (a $ followed
			// by digits is a placeholder already, left as it is).
			k := i + 1
			for k < len(q) && (q[k] == '_' || q[k] >= 'a' && q[k] <= 'z' || q[k] >= 'A' && q[k] <= 'Z' || k > i+1 && q[k] >= '0' && q[k] <= '9') {
				k++
			}
			if k < len(q) && q[k] == '$' {
				tag := q[i : k+1]
				end := strings.Index(q[k+1:], tag)
				stop := len(q)
				if end >= 0 {
					stop = k + 1 + end + len(tag)
				}
				b.WriteString(q[i:stop])
				i = stop - 1
				break
			}
			b.WriteByte(c)
		case c == '?':
			n++
			fmt.Fprintf(&b, "$%d", n)
		default:
			b.WriteByte(c)
		}
	}
	out := b.String()
	numberedMu.Lock()
	if len(numberedCache) >= numberedMax {
		clear(numberedCache)
	}
	numberedCache[q] = out
	numberedMu.Unlock()
	return out
}

// readMigrations reads the numbered migration files of dir in fsys, in
// order.
func readMigrations(fsys fs.FS, dir string) ([]migration, error) {
	entries, err := fs.ReadDir(fsys, dir)
	if err != nil {
		return nil, err
	}
	var out []migration
	for _, e := range entries {
		if e.IsDir() {
			continue
		}
		m, err := readMigration(fsys, dir, e.Name())
		if err != nil {
			return nil, err
		}
		out = append(out, m)
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("no migrations in %s", dir)
	}
	slices.SortFunc(out, func(a, b migration) int { return a.version - b.version })
	return out, nil
}

// checkPostgres checks what PRAGMA quick_check's counterpart can here:
// the server answers, the schema is this pressclip's, and the rows the
// store's invariants tie together are there (every article's story,
// every story's representative). The pages' own consistency is the
// server's business (and amcheck's).
func (s *Store) checkPostgres(ctx context.Context) error {
	v, err := s.SchemaVersion(ctx)
	if err != nil {
		return fmt.Errorf("check database %s: %w", s.path, err)
	}
	ms, err := readMigrations(pgMigrations, "migrations/postgres")
	if err != nil {
		return err
	}
	if latest := ms[len(ms)-1].version; v != latest {
		return fmt.Errorf("check database %s: schema %d, this pressclip's is %d", s.path, v, latest)
	}
	var orphans int64
	if err := s.rdb.QueryRowContext(ctx, `SELECT
		(SELECT COUNT(*) FROM stories s WHERE NOT EXISTS (SELECT 1 FROM articles a WHERE a.id = s.representative_id AND a.story_id = s.id))`).Scan(&orphans); err != nil {
		return fmt.Errorf("check database %s: %w", s.path, err)
	}
	if orphans > 0 {
		return fmt.Errorf("check database %s: %d stories without their representative article", s.path, orphans)
	}
	return nil
}

// ErrUsePgDump is Backup's answer on PostgreSQL.
var ErrUsePgDump = errors.New("a PostgreSQL database is backed up with pg_dump")

// pgSnippets is fillFound's query on PostgreSQL, up to the story IDs:
// the best of title and text, as FTS5's snippet() picks its column, in
// about 24 words with the matched words between \x02 and \x03, and
// "…" at both ends of a snippet of the text (FTS5 puts it only where
// the text is cut; ts_headline does not say where it cut).
const pgSnippets = `WITH q (q) AS (SELECT to_tsquery('pressclip', ?)),
	best AS (SELECT DISTINCT ON (a.story_id) a.story_id, a.title, a.text, ts_rank(a.fts, q.q) AS rank
		FROM articles a, q WHERE a.fts @@ q.q AND a.story_id IN (`

// tsQuery turns ftsQuery's FTS5 query ("word" "two words" "prefix"*)
// into a tsquery of the same meaning: every term, a phrase's words in
// order, a prefix as :*.
func tsQuery(fts string) string {
	var terms []string
	for _, m := range ftsTerm.FindAllStringSubmatch(fts, -1) {
		words := strings.Fields(strings.ReplaceAll(m[1], `""`, `"`))
		if len(words) == 0 {
			continue
		}
		for i, w := range words {
			words[i] = "'" + strings.ReplaceAll(w, "'", "''") + "'"
		}
		if m[2] == "*" {
			words[len(words)-1] += ":*"
		}
		terms = append(terms, "("+strings.Join(words, " <-> ")+")")
	}
	return strings.Join(terms, " & ")
}

var ftsTerm = regexp.MustCompile(`"((?:[^"]|"")*)"(\*?)`)

// PassBusyError: another process holds the pass lock; Holder is who,
// as its connection names itself (empty when the server does not say).
type PassBusyError struct {
	PID     int
	Host    string
	Since   time.Time
	Command string
}

func (e *PassBusyError) Error() string { return "another pass is running" }

// passLock is the advisory lock of a whole pass on PostgreSQL (the
// counterpart of package passlock's file beside a SQLite database).
// Both locks are keyed by the schema too: two pressclips in one database,
// each in its own schema, do not exclude each other.
const passLock int64 = 0x7072657373706173

// passHolderPrefix starts the application_name of a connection holding
// the pass lock: "pressclip-pass|pid|host|since|command".
const passHolderPrefix = "pressclip-pass|"

// LockPass takes the pass lock of the PostgreSQL database at target for
// one process's whole pass: a session advisory lock on a connection of
// its own, so that a fetch from cron on one host and serve on another
// never run passes at once. The server releases it when the connection
// ends, however the process dies. Without wait a held lock is a
// *PassBusyError at once; with it, LockPass tries again until ctx ends.
func LockPass(ctx context.Context, target, command string, wait bool) (release func(), err error) {
	cfg, err := pgx.ParseConfig(target)
	if err != nil {
		return nil, fmt.Errorf("pass lock on %s: the URL does not parse", Redact(target))
	}
	host, _ := os.Hostname()
	name := fmt.Sprintf("%s%d|%s|%s|%s", passHolderPrefix, os.Getpid(), host, time.Now().UTC().Format(time.RFC3339), command)
	cfg.RuntimeParams["application_name"] = name[:min(len(name), 63)]
	conn, err := pgx.ConnectConfig(ctx, cfg)
	if err != nil {
		return nil, fmt.Errorf("pass lock on %s: %w", Redact(target), err)
	}
	for {
		var ok bool
		if err := conn.QueryRow(ctx, `SELECT pg_try_advisory_lock(hashtextextended(current_schema(), $1))`, passLock).Scan(&ok); err != nil {
			conn.Close(context.Background())
			return nil, fmt.Errorf("pass lock on %s: %w", Redact(target), err)
		}
		if ok {
			return func() { conn.Close(context.Background()) }, nil
		}
		if !wait {
			busy := passHolder(ctx, conn)
			conn.Close(context.Background())
			return nil, busy
		}
		select {
		case <-ctx.Done():
			conn.Close(context.Background())
			return nil, fmt.Errorf("wait for the pass lock: %w", ctx.Err())
		case <-time.After(200 * time.Millisecond):
		}
	}
}

// passHolder reads who holds the pass lock from the holder connection's
// application_name.
func passHolder(ctx context.Context, conn *pgx.Conn) *PassBusyError {
	var name string
	err := conn.QueryRow(ctx, `WITH k (k) AS (SELECT hashtextextended(current_schema(), $1))
		SELECT a.application_name FROM k, pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid
		WHERE l.locktype = 'advisory' AND l.granted AND l.objsubid = 1
		AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database())
		AND l.classid::bigint = (k.k >> 32) & 4294967295 AND l.objid::bigint = k.k & 4294967295
		LIMIT 1`, passLock).Scan(&name)
	e := &PassBusyError{}
	if err != nil {
		return e
	}
	parts := strings.SplitN(strings.TrimPrefix(name, passHolderPrefix), "|", 4)
	if len(parts) == 4 {
		e.PID, _ = strconv.Atoi(parts[0])
		e.Host = parts[1]
		e.Since, _ = time.Parse(time.RFC3339, parts[2])
		e.Command = parts[3]
	}
	return e
}

// pgSnippetsEnd follows the story IDs in pgSnippets: the best-ranked
// article of each story only is given a headline (ts_headline reads the
// whole text: about half a millisecond an article).
const pgSnippetsEnd = `) ORDER BY a.story_id, rank DESC, a.id)
	SELECT b.story_id, CASE WHEN b.title <> '' AND to_tsvector('pressclip', b.title) @@ q.q THEN ts_headline('pressclip', b.title, q.q, 'StartSel=` + "\x02" + `, StopSel=` + "\x03" + `, HighlightAll=true')
		ELSE '…' || ts_headline('pressclip', b.text, q.q, 'StartSel=` + "\x02" + `, StopSel=` + "\x03" + `, MaxWords=24, MinWords=12, ShortWord=0, MaxFragments=1, FragmentDelimiter=…') || '…' END
	FROM best b, q ORDER BY b.rank DESC`
