package store

import (
	"context"
	"database/sql"
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

// SourceResult is what one pass did with one source.
type SourceResult struct {
	Name       string
	Attempted  time.Time
	Err        string
	ErrorKind  string
	HTTPStatus int
	// Items is the number of items the feed listed; New those not seen
	// before; Mentions the new articles kept.
	Items    int
	New      int
	Mentions int
}

// RecordSource updates a source's health after a pass.
func (s *Store) RecordSource(ctx context.Context, r SourceResult) error {
	at := fmtTime(r.Attempted)
	ok := r.Err == ""
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, `
			UPDATE sources SET
				last_attempt = ?,
				last_success = CASE WHEN ? THEN ? ELSE last_success END,
				last_error = ?,
				error_kind = ?,
				http_status = ?,
				consecutive_failures = CASE WHEN ? THEN 0 ELSE consecutive_failures + 1 END,
				items_seen = items_seen + ?,
				new_items_last = ?,
				mentions_total = mentions_total + ?,
				last_new_item = CASE WHEN ? > 0 THEN ? ELSE last_new_item END,
				last_mention = CASE WHEN ? > 0 THEN ? ELSE last_mention END
			WHERE name = ?`,
			at, ok, at, nullString(r.Err), nullString(r.ErrorKind), nullInt(r.HTTPStatus), ok,
			r.New, r.New, r.Mentions, r.New, at, r.Mentions, at, r.Name)
		return err
	})
	if err != nil {
		return fmt.Errorf("record source %s: %w", r.Name, err)
	}
	return nil
}

// SourceHealth is a source's record.
type SourceHealth struct {
	Name                string
	URL                 string
	Type                string
	LastAttempt         time.Time
	LastSuccess         time.Time
	LastError           string
	ErrorKind           string
	HTTPStatus          int
	ConsecutiveFailures int
	ItemsSeen           int
	NewItemsLast        int
	MentionsTotal       int
	LastNewItem         time.Time
	LastMention         time.Time
}

// Sources returns the health of the named sources (all when names is
// empty), failing ones first, then by name.
func (s *Store) Sources(ctx context.Context, names []string) ([]SourceHealth, error) {
	q := `SELECT name, url, type, last_attempt, last_success, last_error, error_kind, http_status,
			consecutive_failures, items_seen, new_items_last, mentions_total, last_new_item, last_mention
		FROM sources`
	args := anySlice(names)
	if len(names) > 0 {
		q += ` WHERE name IN (` + placeholders(len(names)) + `)`
	}
	q += ` ORDER BY consecutive_failures > 0 DESC, name`
	rows, err := s.rdb.QueryContext(ctx, q, args...)
	if err != nil {
		return nil, fmt.Errorf("list sources: %w", err)
	}
	defer rows.Close()
	var out []SourceHealth
	for rows.Next() {
		var h SourceHealth
		var attempt, success, lastNew, lastMention, lastErr, kind sql.NullString
		var status sql.NullInt64
		if err := rows.Scan(&h.Name, &h.URL, &h.Type, &attempt, &success, &lastErr, &kind, &status,
			&h.ConsecutiveFailures, &h.ItemsSeen, &h.NewItemsLast, &h.MentionsTotal, &lastNew, &lastMention); err != nil {
			return nil, fmt.Errorf("list sources: %w", err)
		}
		h.LastAttempt, h.LastSuccess = parseTime(attempt), parseTime(success)
		h.LastNewItem, h.LastMention = parseTime(lastNew), parseTime(lastMention)
		h.LastError, h.ErrorKind, h.HTTPStatus = lastErr.String, kind.String, int(status.Int64)
		out = append(out, h)
	}
	return out, rows.Err()
}

// StartRun opens an entry in the run log and returns its ID.
func (s *Store) StartRun(ctx context.Context) (int64, error) {
	var id int64
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, `INSERT INTO runs (started_at) VALUES (?)`, fmtTime(s.now()))
		if err != nil {
			return err
		}
		id, err = res.LastInsertId()
		return err
	})
	if err != nil {
		return 0, fmt.Errorf("start run: %w", err)
	}
	return id, nil
}

// RunTotals are a finished pass's counts.
type RunTotals struct {
	SourcesOK, SourcesFailed, NewItems, NewMentions int
}

// FinishRun closes a run log entry.
func (s *Store) FinishRun(ctx context.Context, id int64, t RunTotals) error {
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, `UPDATE runs SET finished_at = ?, sources_ok = ?, sources_failed = ?, new_items = ?, new_mentions = ? WHERE id = ?`,
			fmtTime(s.now()), t.SourcesOK, t.SourcesFailed, t.NewItems, t.NewMentions, id)
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
