package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"time"
)

// Run is one pass in the run log.
type Run struct {
	ID                                              int64
	Started                                         time.Time
	Finished                                        time.Time // zero: the pass was interrupted (or is running)
	SourcesOK, SourcesFailed, NewItems, NewMentions int
	// SourcesSkipped were backed off; Outage: the pass met a network
	// outage.
	SourcesSkipped int
	Outage         bool
}

// Runs returns the last limit passes, the newest first.
func (s *Store) Runs(ctx context.Context, limit int) ([]Run, error) {
	rows, err := s.rdb.QueryContext(ctx, `SELECT `+runColumns+` FROM runs ORDER BY id DESC LIMIT ?`, limit)
	if err != nil {
		return nil, fmt.Errorf("runs: %w", err)
	}
	defer rows.Close()
	var out []Run
	for rows.Next() {
		r, err := scanRun(rows)
		if err != nil {
			return nil, fmt.Errorf("runs: %w", err)
		}
		out = append(out, r)
	}
	return out, rows.Err()
}

// runColumns are the columns scanRun reads, in its order.
const runColumns = `id, started_at, finished_at, sources_ok, sources_failed, new_items, new_mentions, sources_skipped, outage`

// scanRun reads one row of runColumns.
func scanRun(row interface{ Scan(...any) error }) (Run, error) {
	var r Run
	var started, finished sql.NullString
	var outage int
	if err := row.Scan(&r.ID, &started, &finished, &r.SourcesOK, &r.SourcesFailed, &r.NewItems, &r.NewMentions,
		&r.SourcesSkipped, &outage); err != nil {
		return Run{}, err
	}
	r.Started, r.Finished, r.Outage = parseTime(started), parseTime(finished), outage != 0
	return r, nil
}

// Retention says how long things are kept; zero keeps them for ever.
type Retention struct {
	// Seen: item URLs that did not mention a watch (or whose page
	// failed), by when they were last seen in a feed.
	Seen time.Duration
	// Text: the text of articles (and their near-duplicate keys) of
	// stories found longer ago; stories, lines and metadata stay.
	Text time.Duration
	// Rejected: stories staff rejected, by when they were reviewed.
	Rejected time.Duration
	// Runs: the run log.
	Runs time.Duration
}

// Pruned counts what Prune removed.
type Pruned struct {
	Seen, Texts, Rejected, Runs int64
}

// pruneBatch bounds the rows one transaction removes, so that a prune
// never holds the writer for long.
const pruneBatch = 1000

// Prune removes what the retention says is old, a batch per transaction.
// The URLs of pruned articles stay seen, so they are never fetched again.
func (s *Store) Prune(ctx context.Context, r Retention) (Pruned, error) {
	var p Pruned
	now := s.now()
	before := func(d time.Duration) string { return fmtTime(now.Add(-d)) }
	batches := func(count *int64, q string, args ...any) error {
		for {
			var n int64
			err := s.inTx(ctx, func(tx *sql.Tx) error {
				res, err := tx.ExecContext(ctx, q, append(args, pruneBatch)...)
				if err != nil {
					return err
				}
				n, err = res.RowsAffected()
				return err
			})
			if err != nil {
				return err
			}
			*count += n
			if n < pruneBatch {
				return nil
			}
		}
	}
	if r.Seen > 0 {
		if err := batches(&p.Seen, `DELETE FROM seen_urls WHERE url IN (SELECT url FROM seen_urls
			WHERE outcome <> ? AND last_seen < ? LIMIT ?)`, OutcomeMention, before(r.Seen)); err != nil {
			return p, fmt.Errorf("prune seen URLs: %w", err)
		}
	}
	if r.Rejected > 0 {
		if err := s.pruneRejected(ctx, before(r.Rejected), &p.Rejected); err != nil {
			return p, fmt.Errorf("prune rejected stories: %w", err)
		}
	}
	if r.Text > 0 {
		if err := s.pruneTexts(ctx, before(r.Text), &p.Texts); err != nil {
			return p, fmt.Errorf("prune texts: %w", err)
		}
	}
	if s.pg {
		// The workers' claims on item URLs, long run out.
		if _, err := s.db.ExecContext(ctx, `DELETE FROM url_claims WHERE until < clock_timestamp() - interval '1 day'`); err != nil {
			return p, fmt.Errorf("prune URL claims: %w", err)
		}
		// Hosts not asked for a day: their next turn is long past.
		if _, err := s.db.ExecContext(ctx, `DELETE FROM host_turns WHERE next_at < clock_timestamp() - interval '1 day'`); err != nil {
			return p, fmt.Errorf("prune host turns: %w", err)
		}
	}
	if r.Runs > 0 {
		if err := batches(&p.Runs, `DELETE FROM runs WHERE id IN (SELECT id FROM runs WHERE started_at < ? LIMIT ?)`, before(r.Runs)); err != nil {
			return p, fmt.Errorf("prune runs: %w", err)
		}
		// The shared passes' bookkeeping goes with their runs, and the
		// claimed firings with them.
		err := s.inTx(ctx, func(tx *sql.Tx) error {
			for _, q := range []string{
				`DELETE FROM run_sources WHERE run_id NOT IN (SELECT id FROM runs)`,
				`DELETE FROM cluster_passes WHERE run_id NOT IN (SELECT id FROM runs)`,
			} {
				if _, err := tx.ExecContext(ctx, q); err != nil {
					return err
				}
			}
			_, err := tx.ExecContext(ctx, `DELETE FROM cluster_once WHERE at < ?`, before(r.Runs))
			return err
		})
		if err != nil {
			return p, fmt.Errorf("prune runs: %w", err)
		}
	}
	return p, nil
}

// pruneTexts empties the text and near-duplicate keys of the articles
// found before cutoff. It goes by each article's own age: the fresh copy
// of an old story keeps its text, so that later copies still join the
// story through it.
func (s *Store) pruneTexts(ctx context.Context, cutoff string, count *int64) error {
	for {
		n := 0
		err := s.inTx(ctx, func(tx *sql.Tx) error {
			rows, err := tx.QueryContext(ctx, `SELECT id, dedup_keys FROM articles WHERE found_at < ? AND text <> '' LIMIT ?`, cutoff, pruneBatch)
			if err != nil {
				return err
			}
			type old struct {
				id   int64
				keys []byte
			}
			var batch []old
			for rows.Next() {
				var o old
				if err := rows.Scan(&o.id, &o.keys); err != nil {
					rows.Close()
					return err
				}
				batch = append(batch, o)
			}
			rows.Close()
			if err := rows.Err(); err != nil {
				return err
			}
			for _, o := range batch {
				if err := unindexArticle(ctx, tx, o.id, o.keys); err != nil {
					return err
				}
				if _, err := tx.ExecContext(ctx, `UPDATE articles SET text = '', dedup_keys = ? WHERE id = ?`, []byte{}, o.id); err != nil {
					return err
				}
			}
			n = len(batch)
			return nil
		})
		if err != nil {
			return err
		}
		*count += int64(n)
		if n < pruneBatch {
			return nil
		}
	}
}

// pruneRejected deletes the stories rejected before cutoff, with their
// articles, mentions and index keys.
func (s *Store) pruneRejected(ctx context.Context, cutoff string, count *int64) error {
	for {
		n := 0
		err := s.inTx(ctx, func(tx *sql.Tx) error {
			rows, err := tx.QueryContext(ctx, `SELECT id FROM stories WHERE status = 'rejected' AND reviewed_at < ? LIMIT ?`, cutoff, pruneBatch/10)
			if err != nil {
				return err
			}
			var ids []int64
			for rows.Next() {
				var id int64
				if err := rows.Scan(&id); err != nil {
					rows.Close()
					return err
				}
				ids = append(ids, id)
			}
			rows.Close()
			if err := rows.Err(); err != nil {
				return err
			}
			for _, id := range ids {
				if err := deleteStory(ctx, tx, id); err != nil {
					return err
				}
			}
			n = len(ids)
			return nil
		})
		if err != nil {
			return err
		}
		*count += int64(n)
		if n < pruneBatch/10 {
			return nil
		}
	}
}

// deleteStory removes a story and everything kept for it but its seen
// URLs.
func deleteStory(ctx context.Context, tx *sql.Tx, id int64) error {
	rows, err := tx.QueryContext(ctx, `SELECT id, dedup_keys FROM articles WHERE story_id = ?`, id)
	if err != nil {
		return err
	}
	type art struct {
		id   int64
		keys []byte
	}
	var arts []art
	for rows.Next() {
		var a art
		if err := rows.Scan(&a.id, &a.keys); err != nil {
			rows.Close()
			return err
		}
		arts = append(arts, a)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	for _, a := range arts {
		if err := unindexArticle(ctx, tx, a.id, a.keys); err != nil {
			return err
		}
	}
	if _, err := tx.ExecContext(ctx, `DELETE FROM apart WHERE a IN (SELECT id FROM articles WHERE story_id = ?)
		OR b IN (SELECT id FROM articles WHERE story_id = ?)`, id, id); err != nil {
		return err
	}
	if _, err := tx.ExecContext(ctx, `UPDATE stories SET representative_id = NULL WHERE id = ?`, id); err != nil {
		return err
	}
	if _, err := tx.ExecContext(ctx, `DELETE FROM articles WHERE story_id = ?`, id); err != nil {
		return err
	}
	if _, err := tx.ExecContext(ctx, `DELETE FROM audit WHERE story_id = ?`, id); err != nil {
		return err
	}
	_, err = tx.ExecContext(ctx, `DELETE FROM stories WHERE id = ?`, id)
	return err
}

// Size is how many bytes the database takes: the file and its WAL, or on
// PostgreSQL the tables of pressclip's schema with their indexes.
func (s *Store) Size(ctx context.Context) (int64, error) {
	if s.pg {
		var n int64
		err := s.rdb.QueryRowContext(ctx, `SELECT CAST(COALESCE(SUM(pg_total_relation_size(c.oid)), 0) AS BIGINT)
			FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
			WHERE n.nspname = current_schema() AND c.relkind = 'r'`).Scan(&n)
		if err != nil {
			return 0, fmt.Errorf("database size: %w", err)
		}
		return n, nil
	}
	var n int64
	for _, p := range []string{s.path, s.path + "-wal"} {
		if fi, err := os.Stat(p); err == nil {
			n += fi.Size()
		}
	}
	return n, nil
}

// ErrExists is returned by Backup for a file that is already there.
var ErrExists = errors.New("file exists")

// Backup writes a consistent copy of the database to path (VACUUM INTO:
// a snapshot that concurrent passes do not disturb, compacted), through a
// temporary file that is checked, synced and then linked into place: an
// existing file is refused, never overwritten, and a power cut leaves
// either no backup or a whole one.
func (s *Store) Backup(ctx context.Context, path string) error {
	if s.pg {
		return fmt.Errorf("backup %s: %w: pg_dump --format=custom --file=%s '%s' (the password from PGPASSWORD or ~/.pgpass)", path, ErrUsePgDump, path, s.path)
	}
	if _, err := os.Stat(path); err == nil {
		return fmt.Errorf("backup %s: %w", path, ErrExists)
	}
	dir := filepath.Dir(path)
	tmp, err := os.CreateTemp(dir, ".pressclip-backup-*")
	if err != nil {
		return fmt.Errorf("backup %s: %w", path, err)
	}
	tmpName := tmp.Name()
	tmp.Close()
	// VACUUM INTO writes into an empty file: the copy keeps the 0600 the
	// temporary file was made with (a backup is the whole database).
	defer os.Remove(tmpName)
	// A connection of its own: the readers' are query-only, and the
	// writer's must stay free for passes while a large copy is written.
	conn, err := sql.Open("sqlite", s.dsn+"?_pragma=busy_timeout(10000)")
	if err != nil {
		return fmt.Errorf("backup %s: %w", path, err)
	}
	_, err = conn.ExecContext(ctx, `VACUUM INTO ?`, tmpName)
	conn.Close()
	if err != nil {
		return fmt.Errorf("backup %s: %w", path, err)
	}
	copyDB, err := Open(ctx, tmpName, Options{})
	if err != nil {
		return fmt.Errorf("backup %s: the copy does not open: %w", path, err)
	}
	err = copyDB.Check(ctx)
	copyDB.Close()
	os.Remove(tmpName + "-wal")
	os.Remove(tmpName + "-shm")
	if err != nil {
		return fmt.Errorf("backup %s: %w", path, err)
	}
	if err := syncPath(tmpName); err != nil {
		return fmt.Errorf("backup %s: %w", path, err)
	}
	// Link, unlike Rename, fails when path appeared meanwhile.
	if err := os.Link(tmpName, path); err != nil {
		if errors.Is(err, fs.ErrExist) {
			return fmt.Errorf("backup %s: %w", path, ErrExists)
		}
		return fmt.Errorf("backup %s: %w", path, err)
	}
	if err := syncPath(dir); err != nil {
		return fmt.Errorf("backup %s: %w", path, err)
	}
	return nil
}

// syncPath flushes a file, or a directory's entries, to the disk.
func syncPath(p string) error {
	f, err := os.Open(p)
	if err != nil {
		return err
	}
	defer f.Close()
	return f.Sync()
}
