package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"
)

// Passes shared by workers (issue 19): a keyed pass, its sources, and
// each source's outcome; the run log's entry is finished by the worker
// that records the last source.

// Source outcomes in a shared pass.
const (
	PassQueued  = "queued"
	PassOK      = "ok"
	PassFailed  = "failed"
	PassSkipped = "skipped"
)

// SharedPass is a pass that workers share.
type SharedPass struct {
	RunID int64
	// Queued are its sources no worker has recorded yet.
	Queued []string
	// Started: this call opened the pass (others joined it). Finished:
	// the pass named so is over (a name used again joins nothing new).
	Started, Finished bool
	// Elsewhere are the sources left out of a new pass because an
	// unfinished one still has them queued (a pass that overran its
	// schedule): they are fetched once, by that pass.
	Elsewhere int
}

// StartSharedPass opens the pass named key over sources, or joins it when
// another worker opened it first: one run log entry per key, whoever
// comes. A pass over no source is finished at once.
func (s *Store) StartSharedPass(ctx context.Context, key string, sources []string) (SharedPass, error) {
	var p SharedPass
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		p = SharedPass{}
		err := tx.QueryRowContext(ctx, `SELECT run_id FROM cluster_passes WHERE key = ?`, key).Scan(&p.RunID)
		switch {
		case errors.Is(err, sql.ErrNoRows):
			if err := s.openSharedPass(ctx, tx, key, sources, &p); err != nil {
				return err
			}
		case err != nil:
			return err
		}
		var finished sql.NullString
		if err := tx.QueryRowContext(ctx, `SELECT finished_at FROM runs WHERE id = ?`, p.RunID).Scan(&finished); err != nil {
			return err
		}
		p.Finished = finished.Valid
		p.Queued, err = queuedSources(ctx, tx, p.RunID)
		return err
	})
	if err != nil {
		return SharedPass{}, fmt.Errorf("start shared pass %s: %w", key, err)
	}
	return p, nil
}

// openSharedPass opens a new pass: its run, and its sources but those an
// unfinished pass still has queued.
func (s *Store) openSharedPass(ctx context.Context, tx *sql.Tx, key string, sources []string, p *SharedPass) error {
	p.Started = true
	now := fmtTime(s.now())
	if err := tx.QueryRowContext(ctx, `INSERT INTO runs (started_at) VALUES (?) RETURNING id`, now).Scan(&p.RunID); err != nil {
		return err
	}
	if _, err := tx.ExecContext(ctx, `INSERT INTO cluster_passes (key, run_id) VALUES (?, ?)`, key, p.RunID); err != nil {
		return err
	}
	busy := map[string]bool{}
	rows, err := tx.QueryContext(ctx, `SELECT DISTINCT rs.source FROM run_sources rs JOIN runs r ON r.id = rs.run_id
		WHERE rs.state = ? AND r.finished_at IS NULL AND r.id <> ?`, PassQueued, p.RunID)
	if err != nil {
		return err
	}
	for rows.Next() {
		var n string
		if err := rows.Scan(&n); err != nil {
			rows.Close()
			return err
		}
		busy[n] = true
	}
	if err := errors.Join(rows.Err(), rows.Close()); err != nil {
		return err
	}
	var take []any
	for _, n := range sources {
		if busy[n] {
			p.Elsewhere++
			continue
		}
		take = append(take, p.RunID, n)
	}
	for start := 0; start < len(take); start += 800 {
		chunk := take[start:min(start+800, len(take))]
		q := `INSERT INTO run_sources (run_id, source) VALUES ` + strings.TrimSuffix(strings.Repeat("(?, ?), ", len(chunk)/2), ", ") + ` ON CONFLICT DO NOTHING`
		if _, err := tx.ExecContext(ctx, q, chunk...); err != nil {
			return err
		}
	}
	if len(take) == 0 {
		_, err := tx.ExecContext(ctx, `UPDATE runs SET finished_at = ? WHERE id = ?`, now, p.RunID)
		return err
	}
	return nil
}

// queuedSources are the sources of run no worker has recorded.
func queuedSources(ctx context.Context, q interface {
	QueryContext(context.Context, string, ...any) (*sql.Rows, error)
}, run int64) ([]string, error) {
	rows, err := q.QueryContext(ctx, `SELECT source FROM run_sources WHERE run_id = ? AND state = ? ORDER BY source`, run, PassQueued)
	if err != nil {
		return nil, err
	}
	var out []string
	for rows.Next() {
		var n string
		if err := rows.Scan(&n); err != nil {
			rows.Close()
			return nil, err
		}
		out = append(out, n)
	}
	return out, errors.Join(rows.Err(), rows.Close())
}

// UnfinishedPasses are the shared passes not finished, by run, with their
// sources no worker has recorded: a worker that starts enqueues them
// again (a job is not added twice), so that a pass whose opener died
// before enqueuing, or whose job was given up, is finished.
func (s *Store) UnfinishedPasses(ctx context.Context) (map[int64][]string, error) {
	rows, err := s.rdb.QueryContext(ctx, `SELECT rs.run_id, rs.source FROM run_sources rs JOIN runs r ON r.id = rs.run_id
		WHERE rs.state = ? AND r.finished_at IS NULL ORDER BY rs.run_id, rs.source`, PassQueued)
	if err != nil {
		return nil, fmt.Errorf("unfinished passes: %w", err)
	}
	out := map[int64][]string{}
	for rows.Next() {
		var run int64
		var n string
		if err := rows.Scan(&run, &n); err != nil {
			rows.Close()
			return nil, fmt.Errorf("unfinished passes: %w", err)
		}
		out[run] = append(out[run], n)
	}
	if err := errors.Join(rows.Err(), rows.Close()); err != nil {
		return nil, fmt.Errorf("unfinished passes: %w", err)
	}
	return out, nil
}

// SourceDone says whether the source of run was recorded (by any worker).
func (s *Store) SourceDone(ctx context.Context, run int64, source string) (bool, error) {
	var state string
	err := s.rdb.QueryRowContext(ctx, `SELECT state FROM run_sources WHERE run_id = ? AND source = ?`, run, source).Scan(&state)
	if err != nil {
		return false, fmt.Errorf("source %s of run %d: %w", source, run, err)
	}
	return state != PassQueued, nil
}

// SourceOutcome is what one worker did with one source of a shared pass.
type SourceOutcome struct {
	State                 string // PassOK, PassFailed or PassSkipped
	NewItems, NewMentions int
	Worker                string
}

// RecordPassSource records a source's outcome in a shared pass, once (a
// second record of the same source, from a worker that took it over, is
// ignored: recorded is false). The worker that records the run's last
// source finishes the run with the sums (finished is true).
func (s *Store) RecordPassSource(ctx context.Context, run int64, source string, o SourceOutcome) (recorded, finished bool, err error) {
	err = s.inTx(ctx, func(tx *sql.Tx) error {
		now := fmtTime(s.now())
		res, err := tx.ExecContext(ctx, `UPDATE run_sources SET state = ?, new_items = ?, new_mentions = ?, worker = ?, finished_at = ?
			WHERE run_id = ? AND source = ? AND state = ?`, o.State, o.NewItems, o.NewMentions, o.Worker, now, run, source, PassQueued)
		if err != nil {
			return err
		}
		n, err := res.RowsAffected()
		if err != nil || n == 0 {
			return err
		}
		recorded = true
		var queued int
		if err := tx.QueryRowContext(ctx, `SELECT COUNT(*) FROM run_sources WHERE run_id = ? AND state = ?`, run, PassQueued).Scan(&queued); err != nil {
			return err
		}
		if queued > 0 {
			return nil
		}
		finished = true
		_, err = tx.ExecContext(ctx, `UPDATE runs SET finished_at = ?,
			sources_ok = (SELECT COUNT(*) FROM run_sources WHERE run_id = ? AND state = 'ok'),
			sources_failed = (SELECT COUNT(*) FROM run_sources WHERE run_id = ? AND state = 'failed'),
			sources_skipped = (SELECT COUNT(*) FROM run_sources WHERE run_id = ? AND state = 'skipped'),
			new_items = (SELECT COALESCE(SUM(new_items), 0) FROM run_sources WHERE run_id = ?),
			new_mentions = (SELECT COALESCE(SUM(new_mentions), 0) FROM run_sources WHERE run_id = ?)
			WHERE id = ?`, now, run, run, run, run, run, run)
		return err
	})
	if err != nil {
		return false, false, fmt.Errorf("record source %s of run %d: %w", source, run, err)
	}
	return recorded, finished, nil
}

// RunFinished says whether the run log's entry id is finished.
func (s *Store) RunFinished(ctx context.Context, id int64) (bool, error) {
	var fin sql.NullString
	if err := s.rdb.QueryRowContext(ctx, `SELECT finished_at FROM runs WHERE id = ?`, id).Scan(&fin); err != nil {
		return false, fmt.Errorf("run %d: %w", id, err)
	}
	return fin.Valid, nil
}

// Run is one entry of the run log.
func (s *Store) Run(ctx context.Context, id int64) (Run, error) {
	r, err := scanRun(s.rdb.QueryRowContext(ctx, `SELECT `+runColumns+` FROM runs WHERE id = ?`, id))
	if err != nil {
		return Run{}, fmt.Errorf("run %d: %w", id, err)
	}
	return r, nil
}

// HostTurn reserves the next request turn on host for a worker that
// leaves gap after it, and returns how long to wait for it: the turns of
// all workers on one host are gap apart, by the database server's clock.
// It does not take the write lock (one row's upsert). PostgreSQL only: a
// SQLite store has one process, and its fetcher's own turns.
func (s *Store) HostTurn(ctx context.Context, host string, gap time.Duration) (time.Duration, error) {
	if !s.pg {
		return 0, errors.New("host turns are a PostgreSQL store's")
	}
	var waitUS int64
	err := s.db.QueryRowContext(ctx, `INSERT INTO host_turns AS h (host, next_at) VALUES (?, clock_timestamp() + make_interval(secs => ?))
		ON CONFLICT (host) DO UPDATE SET next_at = GREATEST(h.next_at, clock_timestamp()) + make_interval(secs => ?)
		RETURNING CAST(GREATEST(0, EXTRACT(EPOCH FROM (h.next_at - make_interval(secs => ?) - clock_timestamp())) * 1000000) AS BIGINT)`,
		host, gap.Seconds(), gap.Seconds(), gap.Seconds()).Scan(&waitUS)
	if err != nil {
		return 0, fmt.Errorf("host turn %s: %w", host, err)
	}
	return time.Duration(waitUS) * time.Microsecond, nil
}

// retryConflicts runs fn again, a few times, while it meets a deadlock or
// a serialization failure (statements outside the write lock).
func retryConflicts(fn func() error) error {
	var err error
	for range 5 {
		if err = fn(); !isRetryable(err) {
			return err
		}
	}
	return err
}

// ClaimURLs claims item URLs for owner for ttl and returns those it got:
// not claimed, or claimed by a worker whose claim ran out (it died). On
// SQLite every URL is its own (one process).
func (s *Store) ClaimURLs(ctx context.Context, urls []string, owner string, ttl time.Duration) ([]string, error) {
	if !s.pg || len(urls) == 0 {
		return urls, nil
	}
	var got []string
	for start := 0; start < len(urls); start += 500 {
		chunk := urls[start:min(start+500, len(urls))]
		args := make([]any, 0, 2+len(chunk))
		args = append(args, owner, ttl.Seconds())
		for _, u := range chunk {
			args = append(args, u)
		}
		// Each URL once, in one order for every worker: two workers
		// claiming overlapping lists take the rows' locks in the same
		// order and never deadlock.
		q := `INSERT INTO url_claims AS c (url, owner, until)
			SELECT d.u, ?, clock_timestamp() + make_interval(secs => ?)
			FROM (SELECT DISTINCT u FROM unnest(ARRAY[` + placeholders(len(chunk)) + `]::text[]) AS u) d
			ORDER BY d.u
			ON CONFLICT (url) DO UPDATE SET owner = EXCLUDED.owner, until = EXCLUDED.until
			WHERE c.until < clock_timestamp() OR c.owner = EXCLUDED.owner
			RETURNING url`
		var claimed []string
		err := retryConflicts(func() error {
			claimed = claimed[:0]
			rows, err := s.db.QueryContext(ctx, q, args...)
			if err != nil {
				return err
			}
			for rows.Next() {
				var u string
				if err := rows.Scan(&u); err != nil {
					rows.Close()
					return err
				}
				claimed = append(claimed, u)
			}
			return errors.Join(rows.Err(), rows.Close())
		})
		if err != nil {
			return nil, fmt.Errorf("claim urls: %w", err)
		}
		got = append(got, claimed...)
	}
	// In the order given.
	mine := map[string]bool{}
	for _, u := range got {
		mine[u] = true
	}
	out := got[:0]
	for _, u := range urls {
		if mine[u] {
			out = append(out, u)
			delete(mine, u)
		}
	}
	return out, nil
}

// ClaimOnce claims the firing named key for this worker: true for the
// first to claim it in the cluster, false for every other (a scheduled
// export that every serve --worker's schedule fires is sent once).
func (s *Store) ClaimOnce(ctx context.Context, key string) (bool, error) {
	var first bool
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, `INSERT INTO cluster_once (key, at) VALUES (?, ?) ON CONFLICT DO NOTHING`, key, fmtTime(s.now()))
		if err != nil {
			return err
		}
		n, err := res.RowsAffected()
		first = n == 1
		return err
	})
	if err != nil {
		return false, fmt.Errorf("claim %s: %w", key, err)
	}
	return first, nil
}
