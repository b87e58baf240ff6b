package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"
)

// errApart is returned by mergeStories for two stories that staff split
// apart.
var errApart = errors.New("staff keep these stories apart")

// joinLinked returns the story a new article joins, given the kept
// articles it copies (ms, best first): the oldest of their stories, into
// which the others are merged — unless staff split them apart, when the
// best match's story alone is joined.
func (s *Store) joinLinked(ctx context.Context, tx *sql.Tx, ms []match, now time.Time) (int64, error) {
	first := map[int64]match{}
	var stories []int64
	for _, m := range ms {
		if _, ok := first[m.storyID]; !ok {
			first[m.storyID] = m
			stories = append(stories, m.storyID)
		}
	}
	if len(stories) == 1 {
		return stories[0], nil
	}
	// Staff's split holds: the best match's story takes each other story
	// that staff kept apart from none already taken.
	group := []int64{stories[0]}
	for _, id := range stories[1:] {
		ok := true
		for _, g := range group {
			apart, err := storiesApart(ctx, tx, g, id)
			if err != nil {
				return 0, err
			}
			if apart {
				ok = false
				break
			}
		}
		if ok {
			group = append(group, id)
		}
	}
	into := slices.Min(group)
	for _, id := range group {
		if id == into {
			continue
		}
		why := fmt.Sprintf("a copy links it: %s; and %s", first[id].reason(), first[into].reason())
		if err := s.mergeStories(ctx, tx, into, id, why, now); err != nil {
			return 0, err
		}
	}
	return into, nil
}

// storiesApart reports whether staff split an article of one story from
// an article of the other.
func storiesApart(ctx context.Context, tx *sql.Tx, x, y int64) (bool, error) {
	var one int
	err := tx.QueryRowContext(ctx, `SELECT 1 FROM apart
		JOIN articles p ON p.id = apart.a JOIN articles q ON q.id = apart.b
		WHERE (p.story_id = ? AND q.story_id = ?) OR (p.story_id = ? AND q.story_id = ?) LIMIT 1`, x, y, y, x).Scan(&one)
	switch {
	case errors.Is(err, sql.ErrNoRows):
		return false, nil
	case err != nil:
		return false, fmt.Errorf("stories %d and %d apart: %w", x, y, err)
	}
	return true, nil
}

// decision is what staff decided of a story, as a merge reconciles it.
type decision struct {
	id         int64
	status     string
	line       string
	edited     bool
	reviewedAt sql.NullString
	exportID   sql.NullInt64
	creditTo   string
	createdAt  string
}

func readDecision(ctx context.Context, tx *sql.Tx, id int64) (decision, error) {
	d := decision{id: id}
	var edited int
	err := tx.QueryRowContext(ctx, `SELECT status, line, line_edited, reviewed_at, export_id, credit_to, created_at
		FROM stories WHERE id = ?`, id).Scan(&d.status, &d.line, &edited, &d.reviewedAt, &d.exportID, &d.creditTo, &d.createdAt)
	if errors.Is(err, sql.ErrNoRows) {
		return d, fmt.Errorf("%w: no story %d", ErrNotFound, id)
	}
	d.edited = edited == 1
	return d, err
}

// weight orders decisions: an approval outranks a rejection, which
// outranks no decision.
func (d decision) weight() int {
	switch d.status {
	case StatusApproved:
		return 2
	case StatusRejected:
		return 1
	}
	return 0
}

// reconcile is the decision of two stories found to be one: the approval
// if either was approved (a rejected copy joins an approved story and is
// printed with it), else the rejection, else none; an edited line is
// kept (the decided story's first); the story went out with the earliest
// export either went out in; staff's choice of credit is kept.
func reconcile(into, from decision) (decision, string) {
	out := into
	lead, other := into, from
	if from.weight() > into.weight() {
		lead, other = from, into
	}
	out.status, out.reviewedAt = lead.status, lead.reviewedAt
	switch {
	case lead.edited:
		out.line, out.edited = lead.line, true
	case other.edited:
		out.line, out.edited = other.line, true
	}
	if from.exportID.Valid && (!out.exportID.Valid || from.exportID.Int64 < out.exportID.Int64) {
		out.exportID = from.exportID
	}
	if out.creditTo == "" {
		out.creditTo = from.creditTo
	}
	out.createdAt = min(into.createdAt, from.createdAt)
	note := ""
	if into.status != from.status {
		note = fmt.Sprintf(" (story %d was %s, story %d %s: the story stays %s)", into.id, into.status, from.id, from.status, out.status)
	}
	return out, note
}

// mergeStories moves every article of story from into story into,
// reconciles their review decisions and deletes from. why is recorded as
// the merge reason of from's first article.
func (s *Store) mergeStories(ctx context.Context, tx *sql.Tx, into, from int64, why string, now time.Time) error {
	if into == from {
		return nil
	}
	apart, err := storiesApart(ctx, tx, into, from)
	if err != nil {
		return err
	}
	if apart {
		return fmt.Errorf("merge story %d into %d: %w", from, into, errApart)
	}
	a, err := readDecision(ctx, tx, into)
	if err != nil {
		return err
	}
	b, err := readDecision(ctx, tx, from)
	if err != nil {
		return err
	}
	d, note := reconcile(a, b)
	reason := fmt.Sprintf("story %d merged into story %d: %s%s", from, into, why, note)
	if _, err := tx.ExecContext(ctx, `UPDATE articles SET merge_reason = ?
		WHERE id = (SELECT MIN(id) FROM articles WHERE story_id = ?)`, reason, from); err != nil {
		return fmt.Errorf("merge story %d into %d: %w", from, into, err)
	}
	if _, err := tx.ExecContext(ctx, `UPDATE articles SET story_id = ? WHERE story_id = ?`, into, from); err != nil {
		return fmt.Errorf("merge story %d into %d: %w", from, into, err)
	}
	if _, err := tx.ExecContext(ctx, `DELETE FROM stories WHERE id = ?`, from); err != nil {
		return fmt.Errorf("merge story %d into %d: %w", from, into, err)
	}
	// The merged story's decisions stay on record with the story.
	if _, err := tx.ExecContext(ctx, `UPDATE audit SET story_id = ? WHERE story_id = ?`, into, from); err != nil {
		return fmt.Errorf("merge story %d into %d: %w", from, into, err)
	}
	if _, err := tx.ExecContext(ctx, `UPDATE stories SET status = ?, reviewed_at = ?, line = ?, line_edited = ?, export_id = ?,
		credit_to = ?, created_at = ?, updated_at = ? WHERE id = ?`,
		d.status, d.reviewedAt, d.line, boolInt(d.edited), d.exportID, d.creditTo, d.createdAt, fmtTime(now), into); err != nil {
		return fmt.Errorf("merge story %d into %d: %w", from, into, err)
	}
	return s.electRepresentative(ctx, tx, into, now)
}

// MergeStories makes one story of the given stories, as staff decide:
// the articles join the oldest (lowest ID), which it returns; review
// decisions are reconciled as when a copy links two stories (an approval
// wins, an edited line is kept). Articles staff split apart before may
// be merged again this way. Later copies join the merged story.
func (s *Store) MergeStories(ctx context.Context, ids []int64) (int64, error) {
	ids = slices.Clone(ids)
	slices.Sort(ids)
	ids = slices.Compact(ids)
	if len(ids) < 2 {
		return 0, fmt.Errorf("merge stories: %w: name two stories or more", ErrInvalidInput)
	}
	now := s.now()
	into := ids[0]
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		for _, id := range ids {
			if _, err := readDecision(ctx, tx, id); err != nil {
				return err
			}
		}
		for _, id := range ids[1:] {
			// Staff's newest decision wins over an older split.
			if _, err := tx.ExecContext(ctx, `DELETE FROM apart WHERE
				(a IN (SELECT id FROM articles WHERE story_id = ?) AND b IN (SELECT id FROM articles WHERE story_id = ?)) OR
				(a IN (SELECT id FROM articles WHERE story_id = ?) AND b IN (SELECT id FROM articles WHERE story_id = ?))`,
				into, id, id, into); err != nil {
				return err
			}
			if err := s.mergeStories(ctx, tx, into, id, "staff merged them", now); err != nil {
				return err
			}
			if err := audit(ctx, tx, into, AuditMerged, fmt.Sprintf("story %d joined this story", id), now); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return 0, fmt.Errorf("merge stories %s: %w", joinIDs(ids), err)
	}
	return into, nil
}

// SplitArticle takes an article out of its story into a story of its own
// (new, not yet reviewed), which it returns, as staff decide when a copy
// was joined to the wrong story. The article never joins the story it
// left again, nor does a later copy merge the two; the story it left
// keeps its decision and elects its representative again.
func (s *Store) SplitArticle(ctx context.Context, articleID int64) (int64, error) {
	now := s.now()
	var storyID int64
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		var from int64
		var line string
		err := tx.QueryRowContext(ctx, `SELECT story_id, line FROM articles WHERE id = ?`, articleID).Scan(&from, &line)
		if errors.Is(err, sql.ErrNoRows) {
			return fmt.Errorf("%w: no article %d", ErrNotFound, articleID)
		}
		if err != nil {
			return err
		}
		rows, err := tx.QueryContext(ctx, `SELECT id FROM articles WHERE story_id = ? AND id <> ?`, from, articleID)
		if err != nil {
			return err
		}
		var others []int64
		for rows.Next() {
			var id int64
			if err := rows.Scan(&id); err != nil {
				rows.Close()
				return err
			}
			others = append(others, id)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return err
		}
		if len(others) == 0 {
			return fmt.Errorf("%w: article %d is the only copy of story %d", ErrInvalidInput, articleID, from)
		}
		for _, o := range others {
			if _, err := tx.ExecContext(ctx, `INSERT INTO apart (a, b) VALUES (?, ?) ON CONFLICT DO NOTHING`, min(o, articleID), max(o, articleID)); err != nil {
				return err
			}
		}
		if err := tx.QueryRowContext(ctx, `UPDATE story_sequence SET last = last + 1 WHERE one = 1 RETURNING last`).Scan(&storyID); err != nil {
			return fmt.Errorf("next story ID: %w", err)
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO stories (id, status, line, created_at, updated_at) VALUES (?, 'new', ?, ?, ?)`,
			storyID, line, fmtTime(now), fmtTime(now)); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `UPDATE articles SET story_id = ?, merge_reason = ? WHERE id = ?`,
			storyID, fmt.Sprintf("split out of story %d by staff", from), articleID); err != nil {
			return err
		}
		if err := s.electRepresentative(ctx, tx, from, now); err != nil {
			return err
		}
		if err := audit(ctx, tx, from, AuditSplit, fmt.Sprintf("article %d split out into story %d", articleID, storyID), now); err != nil {
			return err
		}
		if err := audit(ctx, tx, storyID, AuditSplit, fmt.Sprintf("split out of story %d", from), now); err != nil {
			return err
		}
		return s.electRepresentative(ctx, tx, storyID, now)
	})
	if err != nil {
		return 0, fmt.Errorf("split article %d: %w", articleID, err)
	}
	return storyID, nil
}

func joinIDs(ids []int64) string {
	parts := make([]string, len(ids))
	for i, id := range ids {
		parts[i] = fmt.Sprint(id)
	}
	return strings.Join(parts, ", ")
}

// ArticleID finds an article by its ID (digits) or by the URL it was
// found at or its canonical URL.
func (s *Store) ArticleID(ctx context.Context, ref string) (int64, error) {
	ref = strings.TrimSpace(ref)
	var id int64
	var err error
	if n, perr := strconv.ParseInt(ref, 10, 64); perr == nil && n > 0 {
		err = s.db.QueryRowContext(ctx, `SELECT id FROM articles WHERE id = ?`, n).Scan(&id)
	} else {
		// The canonical URL by its unique index; the URL an article was
		// found at (no index: a staff command, rare) only when that fails.
		err = s.db.QueryRowContext(ctx, `SELECT id FROM articles WHERE canonical_url = ?`, ref).Scan(&id)
		if errors.Is(err, sql.ErrNoRows) {
			err = s.db.QueryRowContext(ctx, `SELECT id FROM articles WHERE url = ? ORDER BY id LIMIT 1`, ref).Scan(&id)
		}
	}
	if errors.Is(err, sql.ErrNoRows) {
		return 0, fmt.Errorf("%w: no article %q", ErrNotFound, ref)
	}
	if err != nil {
		return 0, fmt.Errorf("article %q: %w", ref, err)
	}
	return id, nil
}

// StoryOfArticle returns the story an article belongs to.
func (s *Store) StoryOfArticle(ctx context.Context, id int64) (int64, error) {
	var story int64
	err := s.db.QueryRowContext(ctx, `SELECT story_id FROM articles WHERE id = ?`, id).Scan(&story)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, fmt.Errorf("%w: no article %d", ErrNotFound, id)
	}
	return story, err
}
