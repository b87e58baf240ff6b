package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"
)

// Source is a configured source as the store records it.
type Source struct {
	Name string
	URL  string
	Type string
}

// SyncSources records the configured sources, updating the URL and type
// of those already known. Sources no longer configured keep their rows
// (their history stays readable) but are not listed by Sources.
func (s *Store) SyncSources(ctx context.Context, sources []Source) error {
	return s.inTx(ctx, func(tx *sql.Tx) error {
		for _, src := range sources {
			if _, err := tx.ExecContext(ctx, `
				INSERT INTO sources (name, url, type) VALUES (?, ?, ?)
				ON CONFLICT (name) DO UPDATE SET url = excluded.url, type = excluded.type`,
				src.Name, src.URL, src.Type); err != nil {
				return fmt.Errorf("sync source %s: %w", src.Name, err)
			}
		}
		return nil
	})
}

// Backoff of a failing source across passes: the next attempt waits
// BackoffBase after the first failure, doubling with each further one up
// to BackoffMax, and never less than a Retry-After the source asked for.
// A failing source is never given up: it is tried at least daily.
const (
	BackoffBase = 5 * time.Minute
	BackoffMax  = 24 * time.Hour
)

// SourceResult is what one pass did with one source.
type SourceResult struct {
	Name       string
	Attempted  time.Time
	Err        string
	ErrorKind  string
	HTTPStatus int
	// RetryAfter is how long the source asked to be left alone (429, 503).
	RetryAfter time.Duration
	// NotModified: the source answered 304 to a conditional request.
	NotModified bool
	// ETag and LastModified are the validators for the next request;
	// FeedURL the feed a home page named.
	ETag, LastModified, FeedURL string
	Latency                     time.Duration
	// Items is the number of items the feed listed; New those not seen
	// before; Mentions the articles kept.
	Items    int
	New      int
	Mentions int
}

// RecordSource updates a source's health after a pass and decides when it
// is next due.
func (s *Store) RecordSource(ctx context.Context, r SourceResult) error {
	at := fmtTime(r.Attempted)
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		if r.Err != "" {
			var failures int
			if err := tx.QueryRowContext(ctx, `SELECT consecutive_failures FROM sources WHERE name = ?`, r.Name).Scan(&failures); err != nil {
				return err
			}
			next := r.Attempted.Add(max(backoff(failures+1), r.RetryAfter))
			_, err := tx.ExecContext(ctx, `
				UPDATE sources SET last_attempt = ?, last_error = ?, error_kind = ?, http_status = ?,
					consecutive_failures = consecutive_failures + 1, new_items_last = 0, next_attempt_at = ?
				WHERE name = ?`,
				at, r.Err, nullString(r.ErrorKind), nullInt(r.HTTPStatus), fmtTime(next), r.Name)
			return err
		}
		latency := float64(r.Latency) / float64(time.Millisecond)
		_, err := tx.ExecContext(ctx, `
			UPDATE sources SET
				last_attempt = ?, last_success = ?, last_error = NULL, error_kind = NULL, http_status = ?,
				consecutive_failures = 0, next_attempt_at = NULL,
				items_seen = items_seen + ?, new_items_last = ?, mentions_total = mentions_total + ?,
				last_new_item = CASE WHEN ? > 0 THEN ? ELSE last_new_item END,
				first_new_item = CASE WHEN ? > 0 THEN COALESCE(first_new_item, ?) ELSE first_new_item END,
				new_item_passes = new_item_passes + CASE WHEN ? > 0 THEN 1 ELSE 0 END,
				last_mention = CASE WHEN ? > 0 THEN ? ELSE last_mention END,
				etag = CASE WHEN ? THEN etag ELSE ? END,
				last_modified = CASE WHEN ? THEN last_modified ELSE ? END,
				feed_url = ?,
				not_modified_last = ?,
				avg_latency_ms = CASE WHEN avg_latency_ms IS NULL THEN ? ELSE avg_latency_ms * 0.8 + ? * 0.2 END,
				successes = successes + 1
			WHERE name = ?`,
			at, at, nullInt(r.HTTPStatus),
			r.New, r.New, r.Mentions,
			r.New, at, r.New, at, r.New,
			r.Mentions, at,
			r.NotModified, nullString(r.ETag), r.NotModified, nullString(r.LastModified),
			nullString(r.FeedURL), boolInt(r.NotModified), latency, latency, r.Name)
		return err
	})
	if err != nil {
		return fmt.Errorf("record source %s: %w", r.Name, err)
	}
	return nil
}

// StartRun opens an entry in the run log and returns its ID.
func (s *Store) StartRun(ctx context.Context) (int64, error) {
	var id int64
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		return tx.QueryRowContext(ctx, `INSERT INTO runs (started_at) VALUES (?) RETURNING id`, fmtTime(s.now())).Scan(&id)
	})
	if err != nil {
		return 0, fmt.Errorf("start run: %w", err)
	}
	return id, nil
}

// RunTotals are a finished pass's counts.
type RunTotals struct {
	SourcesOK, SourcesFailed, NewItems, NewMentions int
	// SourcesSkipped were backed off; Outage: most sources failed with
	// network-level errors (the network, not the outlets).
	SourcesSkipped int
	Outage         bool
}

// ForgiveFailure takes back the backoff a pass just gave a source that
// failed in a network outage: its consecutive failures and next attempt
// return to what they were before the pass (due at once, unless it was
// backed off before the outage), so that the first pass after the network
// returns fetches it. The error stays as its last.
func (s *Store) ForgiveFailure(ctx context.Context, name string, failuresBefore int, nextBefore time.Time) error {
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, `UPDATE sources SET consecutive_failures = ?, next_attempt_at = ? WHERE name = ?`,
			failuresBefore, nullTime(nextBefore), name)
		return err
	})
	if err != nil {
		return fmt.Errorf("forgive source %s: %w", name, err)
	}
	return nil
}

// Quiet reports whether no source brought a new item for alarm up to now,
// and since when: the last new item of any source, or, when none ever
// came, the first pass. A store that never ran a pass is not quiet (it
// has not begun); alarm <= 0 is never quiet.
func (s *Store) Quiet(ctx context.Context, now time.Time, alarm time.Duration) (since time.Time, quiet bool, err error) {
	if alarm <= 0 {
		return time.Time{}, false, nil
	}
	var last, first sql.NullString
	err = s.rdb.QueryRowContext(ctx, `SELECT (SELECT MAX(last_new_item) FROM sources), (SELECT MIN(started_at) FROM runs)`).Scan(&last, &first)
	if err != nil {
		return time.Time{}, false, fmt.Errorf("last new item: %w", err)
	}
	since = parseTime(last)
	if since.IsZero() {
		since = parseTime(first)
	}
	return since, !since.IsZero() && now.Sub(since) > alarm, nil
}

// AllBackedOff reports whether every source is backed off at now: no pass
// would fetch any of them.
func (s *Store) AllBackedOff(ctx context.Context, now time.Time) (bool, error) {
	var total, off int
	err := s.rdb.QueryRowContext(ctx, `SELECT COUNT(*), COALESCE(SUM(CASE WHEN next_attempt_at > ? THEN 1 ELSE 0 END), 0) FROM sources`,
		fmtTime(now)).Scan(&total, &off)
	if err != nil {
		return false, fmt.Errorf("sources backed off: %w", err)
	}
	return total > 0 && off == total, nil
}

// LastFinishedRun returns the newest pass that finished; ok is false when
// none did (passes that crashed or were killed never finish).
func (s *Store) LastFinishedRun(ctx context.Context) (r Run, ok bool, err error) {
	r, err = scanRun(s.rdb.QueryRowContext(ctx, `SELECT `+runColumns+` FROM runs WHERE finished_at IS NOT NULL ORDER BY id DESC LIMIT 1`))
	if errors.Is(err, sql.ErrNoRows) {
		return Run{}, false, nil
	}
	if err != nil {
		return Run{}, false, fmt.Errorf("last finished run: %w", err)
	}
	return r, true, nil
}

// FinishRun closes a run log entry.
func (s *Store) FinishRun(ctx context.Context, id int64, t RunTotals) error {
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, `UPDATE runs SET finished_at = ?, sources_ok = ?, sources_failed = ?, new_items = ?, new_mentions = ?,
			sources_skipped = ?, outage = ? WHERE id = ?`,
			fmtTime(s.now()), t.SourcesOK, t.SourcesFailed, t.NewItems, t.NewMentions, t.SourcesSkipped, boolInt(t.Outage), id)
		return err
	})
	if err != nil {
		return fmt.Errorf("finish run %d: %w", id, err)
	}
	return nil
}

func nullInt(n int) any {
	if n == 0 {
		return nil
	}
	return n
}
