package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"
)

// Export is an export marked as sent.
type Export struct {
	ID       int64
	At       time.Time
	From, To time.Time
	Format   string
	Stories  int
}

// LastExport returns the latest export marked as sent; ok is false when
// there is none.
func (s *Store) LastExport(ctx context.Context) (e Export, ok bool, err error) {
	var at, from, to sql.NullString
	err = s.rdb.QueryRowContext(ctx, `SELECT id, at, period_from, period_to, format, stories FROM exports ORDER BY id DESC LIMIT 1`).
		Scan(&e.ID, &at, &from, &to, &e.Format, &e.Stories)
	if errors.Is(err, sql.ErrNoRows) {
		return Export{}, false, nil
	}
	if err != nil {
		return Export{}, false, fmt.Errorf("last export: %w", err)
	}
	e.At, e.From, e.To = parseTime(at), parseTime(from), parseTime(to)
	return e, true, nil
}

// MarkExported records that the stories in ids went out in the export e
// (its period and format; At is when the section was drawn up, now when
// zero or later), so that a later copy of one of them is not offered
// again, and the next Today starts at e.At. Stories already exported keep
// their first export.
func (s *Store) MarkExported(ctx context.Context, ids []int64, e Export) (Export, error) {
	if len(ids) == 0 {
		return Export{}, fmt.Errorf("mark exported: %w: no stories", ErrInvalidInput)
	}
	if now := s.now(); e.At.IsZero() || e.At.After(now) {
		e.At = now
	}
	e.Stories = len(ids)
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		if err := tx.QueryRowContext(ctx, `INSERT INTO exports (at, period_from, period_to, format, stories) VALUES (?, ?, ?, ?, ?) RETURNING id`,
			fmtTime(e.At), nullTime(e.From), nullTime(e.To), e.Format, len(ids)).Scan(&e.ID); err != nil {
			return err
		}
		for start := 0; start < len(ids); start += 500 {
			chunk := ids[start:min(start+500, len(ids))]
			if _, err := tx.ExecContext(ctx, `INSERT INTO audit (story_id, at, actor, action, detail)
				SELECT id, ?, ?, ?, ? FROM stories WHERE export_id IS NULL AND id IN (`+placeholders(len(chunk))+`)`,
				append([]any{fmtTime(e.At), Actor(ctx), AuditExported, fmt.Sprintf("export %d (%s)", e.ID, e.Format)}, anySlice(chunk)...)...); err != nil {
				return err
			}
			if _, err := tx.ExecContext(ctx, `UPDATE stories SET export_id = ? WHERE export_id IS NULL AND id IN (`+placeholders(len(chunk))+`)`,
				append([]any{e.ID}, anySlice(chunk)...)...); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return Export{}, fmt.Errorf("mark exported: %w", err)
	}
	return e, nil
}

// Today is what the morning review shows.
type Today struct {
	// Since is where the period starts: the last export, or 24 hours ago.
	Since time.Time
	// Last is the last export (zero ID: none yet).
	Last Export
	// Stories are the stories found since then, and the approved ones that
	// missed an export, not exported yet.
	Stories []Story
	// Again are stories already exported that other outlets carried
	// since: shown folded ("already in the 12 Nov section").
	Again []Story
}

// TodayWindow is the default period when nothing was exported yet.
const TodayWindow = 24 * time.Hour

// Today lists the morning review's stories with the filter's other
// conditions. A filter with From set replaces "since the last export".
func (s *Store) Today(ctx context.Context, f Filter) (Today, error) {
	var t Today
	last, ok, err := s.LastExport(ctx)
	if err != nil {
		return t, err
	}
	if ok {
		t.Last, t.Since = last, last.At
	} else {
		t.Since = s.now().Add(-TodayWindow)
	}
	if f.From.IsZero() {
		f.From = t.Since
	}
	pending := f
	pending.Pending = true
	recent, err := s.Stories(ctx, pending)
	if err != nil {
		return t, err
	}
	// Approved stories that missed an export carry over, whenever found.
	carry := f
	carry.Pending, carry.From, carry.To, carry.Status = true, time.Time{}, f.From, StatusApproved
	if f.Status == "" || f.Status == "all" || f.Status == StatusApproved {
		older, err := s.Stories(ctx, carry)
		if err != nil {
			return t, err
		}
		recent = append(recent, older...)
	}
	t.Stories = recent
	again, err := s.storiesCopiedSince(ctx, f.From)
	if err != nil {
		return t, err
	}
	t.Again = again
	return t, nil
}

// storiesCopiedSince lists exported stories that gained an article since
// t.
func (s *Store) storiesCopiedSince(ctx context.Context, t time.Time) ([]Story, error) {
	rows, err := s.rdb.QueryContext(ctx, `SELECT DISTINCT s.id FROM stories s JOIN articles a ON a.story_id = s.id
		WHERE s.export_id IS NOT NULL AND a.found_at >= ?`, fmtTime(t))
	if err != nil {
		return nil, fmt.Errorf("exported stories with new copies: %w", err)
	}
	var ids []int64
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			rows.Close()
			return nil, err
		}
		ids = append(ids, id)
	}
	rows.Close()
	if len(ids) == 0 {
		return nil, rows.Err()
	}
	return s.StoriesByID(ctx, ids)
}

// StoriesByID returns the stories with these IDs (those that exist), in
// the usual order.
func (s *Store) StoriesByID(ctx context.Context, ids []int64) ([]Story, error) {
	if len(ids) == 0 {
		return nil, nil
	}
	return s.Stories(ctx, Filter{IDs: ids, IncludeLow: true})
}

// ExportJob is what a scheduled export job's last run that went through
// left behind.
type ExportJob struct {
	// At is when it ran.
	At time.Time
	// Through is the highest story ID it saw (LastStoryID as it read): the
	// next digest takes the stories after it. -1 when unknown (a run
	// recorded before the store kept it): the next digest goes by At.
	Through int64
}

// ExportJobRun returns the scheduled export job name's last run that went
// through; ok is false when it never did.
func (s *Store) ExportJobRun(ctx context.Context, name string) (job ExportJob, ok bool, err error) {
	var last sql.NullString
	var through sql.NullInt64
	err = s.rdb.QueryRowContext(ctx, `SELECT last_run, last_story FROM export_jobs WHERE name = ?`, name).Scan(&last, &through)
	if errors.Is(err, sql.ErrNoRows) {
		return ExportJob{}, false, nil
	}
	if err != nil {
		return ExportJob{}, false, fmt.Errorf("export job %s: %w", name, err)
	}
	job = ExportJob{At: parseTime(last), Through: -1}
	if through.Valid {
		job.Through = through.Int64
	}
	return job, true, nil
}

// RecordExportJob remembers that the scheduled export job name went
// through as job says.
func (s *Store) RecordExportJob(ctx context.Context, name string, job ExportJob) error {
	var through any
	if job.Through >= 0 {
		through = job.Through
	}
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, `INSERT INTO export_jobs (name, last_run, last_story) VALUES (?, ?, ?)
			ON CONFLICT (name) DO UPDATE SET last_run = excluded.last_run, last_story = excluded.last_story`, name, fmtTime(job.At), through)
		return err
	})
	if err != nil {
		return fmt.Errorf("record export job %s: %w", name, err)
	}
	return nil
}

// LastStoryID returns the last story ID handed out (0 when none was).
// IDs come from a sequence that only grows (deleted stories' IDs are
// never handed out again), taken under the one writer lock: every story
// committed later has a higher ID. Read it first, then list up to it
// with Filter.AfterID/ThroughID, and the next read after it misses
// nothing.
func (s *Store) LastStoryID(ctx context.Context) (int64, error) {
	var id int64
	if err := s.rdb.QueryRowContext(ctx, `SELECT last FROM story_sequence WHERE one = 1`).Scan(&id); err != nil {
		return 0, fmt.Errorf("last story ID: %w", err)
	}
	return id, nil
}
