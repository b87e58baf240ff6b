package store

import (
	"context"
	"database/sql"
	"fmt"
	"math/rand/v2"
	"time"
)

// backoff is the wait after the n-th consecutive failure, with ±10%
// jitter so that sources that failed together are not retried together.
func backoff(n int) time.Duration {
	d := BackoffBase
	for i := 1; i < n && d < BackoffMax; i++ {
		d *= 2
	}
	d = min(d, BackoffMax)
	return d - d/10 + time.Duration(rand.Int64N(int64(d/5)+1))
}

// SourceState is what the next fetch of a source needs to know.
type SourceState struct {
	ETag, LastModified string
	// FeedURL is the feed a home page named, fetched instead of it.
	FeedURL string
	// NextAttempt is when a failing source is due again (zero: now).
	NextAttempt         time.Time
	ConsecutiveFailures int
	// LastAttempt is when a pass last fetched the source (zero: never).
	LastAttempt time.Time
}

// Due reports whether a pass at now should fetch a source in this state;
// the store decides, through NextAttempt, which sources a pass takes.
func (st SourceState) Due(now time.Time) bool {
	return st.NextAttempt.IsZero() || !st.NextAttempt.After(now)
}

// SourceStates returns the state of the named sources (all when names is
// empty).
func (s *Store) SourceStates(ctx context.Context, names []string) (map[string]SourceState, error) {
	q := `SELECT name, etag, last_modified, feed_url, next_attempt_at, consecutive_failures, last_attempt FROM sources`
	if len(names) > 0 {
		q += ` WHERE name IN (` + placeholders(len(names)) + `)`
	}
	rows, err := s.rdb.QueryContext(ctx, q, anySlice(names)...)
	if err != nil {
		return nil, fmt.Errorf("source states: %w", err)
	}
	defer rows.Close()
	out := map[string]SourceState{}
	for rows.Next() {
		var name string
		var etag, lm, feed, next, last sql.NullString
		var st SourceState
		if err := rows.Scan(&name, &etag, &lm, &feed, &next, &st.ConsecutiveFailures, &last); err != nil {
			return nil, fmt.Errorf("source states: %w", err)
		}
		st.ETag, st.LastModified, st.FeedURL, st.NextAttempt = etag.String, lm.String, feed.String, parseTime(next)
		st.LastAttempt = parseTime(last)
		out[name] = st
	}
	return out, rows.Err()
}

// Silence: a source that answers but has published nothing new for
// silentFactor times its usual interval between new items is "silent" —
// the failure nobody notices otherwise. The usual interval needs at least
// silentMinPasses passes with new items to be known.
const (
	silentFactor    = 5
	silentMinPasses = 3
)

// SourceHealth is a source's record.
type SourceHealth struct {
	Name                string
	URL                 string
	Type                string
	FeedURL             string
	LastAttempt         time.Time
	LastSuccess         time.Time
	LastError           string
	ErrorKind           string
	HTTPStatus          int
	ConsecutiveFailures int
	NextAttempt         time.Time
	ItemsSeen           int
	NewItemsLast        int
	NotModifiedLast     bool
	MentionsTotal       int
	LastNewItem         time.Time
	LastMention         time.Time
	AvgLatency          time.Duration
	// UsualInterval is the average time between passes that found new
	// items (0 while unknown); Silent is set when the source answers but
	// nothing new has come for silentFactor times that.
	UsualInterval time.Duration
	Silent        bool
}

// Status sums up a source's health in one word: never (not fetched yet),
// failing, silent or ok.
func (h SourceHealth) Status() string {
	switch {
	case h.LastAttempt.IsZero():
		return "never"
	case h.ConsecutiveFailures > 0:
		return "failing"
	case h.Silent:
		return "silent"
	}
	return "ok"
}

// Sources returns the health of the named sources (all when names is
// empty): failing ones first, then silent ones, then by name.
func (s *Store) Sources(ctx context.Context, names []string) ([]SourceHealth, error) {
	q := `SELECT name, url, type, feed_url, last_attempt, last_success, last_error, error_kind, http_status,
			consecutive_failures, next_attempt_at, items_seen, new_items_last, not_modified_last, mentions_total,
			last_new_item, last_mention, avg_latency_ms, first_new_item, new_item_passes
		FROM sources`
	if len(names) > 0 {
		q += ` WHERE name IN (` + placeholders(len(names)) + `)`
	}
	q += ` ORDER BY name`
	rows, err := s.rdb.QueryContext(ctx, q, anySlice(names)...)
	if err != nil {
		return nil, fmt.Errorf("list sources: %w", err)
	}
	defer rows.Close()
	now := s.now()
	var failing, silent, rest []SourceHealth
	for rows.Next() {
		var h SourceHealth
		var feed, attempt, success, lastErr, kind, next, lastNew, lastMention, firstNew sql.NullString
		var status sql.NullInt64
		var latency sql.NullFloat64
		var notModified, newPasses int
		if err := rows.Scan(&h.Name, &h.URL, &h.Type, &feed, &attempt, &success, &lastErr, &kind, &status,
			&h.ConsecutiveFailures, &next, &h.ItemsSeen, &h.NewItemsLast, &notModified, &h.MentionsTotal,
			&lastNew, &lastMention, &latency, &firstNew, &newPasses); err != nil {
			return nil, fmt.Errorf("list sources: %w", err)
		}
		h.FeedURL = feed.String
		h.LastAttempt, h.LastSuccess, h.NextAttempt = parseTime(attempt), parseTime(success), parseTime(next)
		h.LastNewItem, h.LastMention = parseTime(lastNew), parseTime(lastMention)
		h.LastError, h.ErrorKind, h.HTTPStatus = lastErr.String, kind.String, int(status.Int64)
		h.NotModifiedLast = notModified != 0
		h.AvgLatency = time.Duration(latency.Float64 * float64(time.Millisecond))
		if first := parseTime(firstNew); newPasses >= silentMinPasses && !first.IsZero() {
			h.UsualInterval = h.LastNewItem.Sub(first) / time.Duration(newPasses-1)
			h.Silent = h.ConsecutiveFailures == 0 && h.UsualInterval > 0 && now.Sub(h.LastNewItem) > silentFactor*h.UsualInterval
		}
		switch h.Status() {
		case "failing":
			failing = append(failing, h)
		case "silent":
			silent = append(silent, h)
		default:
			rest = append(rest, h)
		}
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("list sources: %w", err)
	}
	return append(append(failing, silent...), rest...), nil
}
