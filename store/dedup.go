package store

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
	"time"

	"github.com/pressclip/pressclip/dedup"
)

// maxCandidates bounds the kept articles compared with a new one: those
// that share the most index keys with it. Copies of one story share many.
const maxCandidates = 8

// match is a kept article that a new one copies.
type match struct {
	articleID, storyID int64
	url                string
	sim                dedup.Similarity
}

// reason says why an article joined match's story. The similarity is
// the share of the shorter text's phrases that the other holds.
func (m match) reason() string {
	return fmt.Sprintf("similarity %.2f with story %d (article %d, %s; Jaccard %.2f)",
		m.sim.Containment, m.storyID, m.articleID, m.url, m.sim.Jaccard)
}

// nearDuplicate finds the kept article whose text is most like fp's, among
// those sharing an index key with it, when the two are the same story.
func nearDuplicate(ctx context.Context, tx *sql.Tx, fp dedup.Fingerprint) (match, bool, error) {
	if len(fp.Keys) == 0 {
		return match{}, false, nil
	}
	rows, err := tx.QueryContext(ctx, `SELECT article_id FROM lsh WHERE key IN (`+placeholders(len(fp.Keys))+`)
		GROUP BY article_id ORDER BY COUNT(*) DESC, article_id LIMIT ?`, append(anySlice(fp.Keys), maxCandidates)...)
	if err != nil {
		return match{}, false, fmt.Errorf("near duplicates: %w", err)
	}
	var ids []int64
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			rows.Close()
			return match{}, false, err
		}
		ids = append(ids, id)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return match{}, false, err
	}
	var best match
	found := false
	for _, id := range ids {
		c := match{articleID: id}
		var text string
		if err := tx.QueryRowContext(ctx, `SELECT story_id, canonical_url, text FROM articles WHERE id = ?`, id).
			Scan(&c.storyID, &c.url, &text); err != nil {
			return match{}, false, fmt.Errorf("near duplicates: article %d: %w", id, err)
		}
		c.sim = dedup.Compare(fp.Shingles, dedup.Shingles(text))
		if !c.sim.Same() {
			continue
		}
		if !found || c.sim.Containment > best.sim.Containment ||
			(c.sim.Containment == best.sim.Containment && c.sim.Jaccard > best.sim.Jaccard) {
			best, found = c, true
		}
	}
	return best, found, nil
}

// indexArticle adds an article's keys to the index.
func indexArticle(ctx context.Context, tx *sql.Tx, id int64, keys []int64) error {
	if len(keys) == 0 {
		return nil
	}
	args := make([]any, 0, 2*len(keys))
	for _, k := range keys {
		args = append(args, k, id)
	}
	q := `INSERT OR IGNORE INTO lsh (key, article_id) VALUES ` + strings.TrimSuffix(strings.Repeat("(?, ?), ", len(keys)), ", ")
	if _, err := tx.ExecContext(ctx, q, args...); err != nil {
		return fmt.Errorf("index article %d: %w", id, err)
	}
	return nil
}

// unindexArticle removes an article's keys, as stored with it, from the
// index.
func unindexArticle(ctx context.Context, tx *sql.Tx, id int64, stored []byte) error {
	keys := dedup.DecodeKeys(stored)
	if len(keys) == 0 {
		return nil
	}
	_, err := tx.ExecContext(ctx, `DELETE FROM lsh WHERE article_id = ? AND key IN (`+placeholders(len(keys))+`)`,
		append([]any{id}, anySlice(keys)...)...)
	if err != nil {
		return fmt.Errorf("unindex article %d: %w", id, err)
	}
	return nil
}

// indexBatch is how many old articles indexOld indexes per transaction.
const indexBatch = 500

// indexOld indexes the articles kept before the index existed, a batch
// per transaction, so that a killed process resumes where it stopped.
func (s *Store) indexOld(ctx context.Context) error {
	total := 0
	for {
		n := 0
		err := s.inTx(ctx, func(tx *sql.Tx) error {
			rows, err := tx.QueryContext(ctx, `SELECT id, text FROM articles WHERE dedup_keys IS NULL ORDER BY id LIMIT ?`, indexBatch)
			if err != nil {
				return err
			}
			type old struct {
				id   int64
				text string
			}
			var batch []old
			for rows.Next() {
				var o old
				if err := rows.Scan(&o.id, &o.text); err != nil {
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
				keys := dedup.Of(o.text).Keys
				if err := indexArticle(ctx, tx, o.id, keys); err != nil {
					return err
				}
				if _, err := tx.ExecContext(ctx, `UPDATE articles SET dedup_keys = ? WHERE id = ?`, dedup.EncodeKeys(keys), o.id); err != nil {
					return err
				}
			}
			n = len(batch)
			return nil
		})
		if err != nil {
			return fmt.Errorf("index old articles: %w", err)
		}
		total += n
		if n < indexBatch {
			break
		}
	}
	if total > 0 {
		s.log.Info("old articles indexed for near duplicates", "articles", total)
	}
	return nil
}

// member is one article of a story, as electing its representative
// reads it.
type member struct {
	id                        int64
	outlet, source, url, wire string
	line, wireLine            string
	priority                  int
	published                 time.Time
}

// better reports whether m should represent a story rather than o: the
// higher priority, then the earlier published, then by source name and
// URL, so that the choice never depends on the order in which concurrent
// fetches finished.
func (m member) better(o member) bool {
	switch {
	case m.priority != o.priority:
		return m.priority > o.priority
	case m.published.IsZero() != o.published.IsZero():
		return !m.published.IsZero()
	case !m.published.Equal(o.published):
		return m.published.Before(o.published)
	case m.source != o.source:
		return m.source < o.source
	}
	return m.url < o.url
}

// election is a story's representative, whom its line credits and why.
type election struct {
	rep    member
	credit string
	line   string
	reason string
}

// elect chooses a story's representative among its articles: wire copy
// is credited to the agency whose byline most of the copies carry (unless
// creditOutlets), its link the best copy that carries it; otherwise the
// article of the source with the highest priority represents the story,
// and among equals the earliest published.
func elect(ms []member, creditOutlets bool) election {
	best := func(keep func(member) bool) (member, int) {
		var b member
		n := 0
		for _, m := range ms {
			if keep(m) {
				if n == 0 || m.better(b) {
					b = m
				}
				n++
			}
		}
		return b, n
	}
	if !creditOutlets {
		agency, carried := "", 0
		count := map[string]int{}
		for _, m := range ms {
			if m.wire != "" {
				count[m.wire]++
			}
		}
		for a, n := range count {
			if n > carried || (n == carried && a < agency) {
				agency, carried = a, n
			}
		}
		if agency != "" {
			rep, _ := best(func(m member) bool { return m.wire == agency })
			e := election{rep: rep, credit: agency, line: rep.wireLine}
			if e.line == "" {
				e.line = rep.line
			}
			if len(ms) == 1 {
				e.reason = fmt.Sprintf("carries the %s byline", agency)
			} else {
				e.reason = fmt.Sprintf("%d of %d copies carry the %s byline; linked to %s's copy", carried, len(ms), agency, rep.outlet)
			}
			return e
		}
	}
	rep, _ := best(func(member) bool { return true })
	e := election{rep: rep, credit: rep.outlet, line: rep.line}
	_, top := best(func(m member) bool { return m.priority == rep.priority })
	switch {
	case len(ms) == 1:
		e.reason = "the only copy"
	case top < len(ms):
		e.reason = fmt.Sprintf("highest source priority (%d) of %d copies", rep.priority, len(ms))
	case rep.published.IsZero():
		e.reason = fmt.Sprintf("first by source name of %d undated copies", len(ms))
	default:
		e.reason = fmt.Sprintf("earliest published of %d copies", len(ms))
	}
	return e
}

// electRepresentative re-elects a story's representative after one of
// its articles was added or changed. The line follows the representative
// unless staff edited it.
func (s *Store) electRepresentative(ctx context.Context, tx *sql.Tx, storyID int64, now time.Time) error {
	rows, err := tx.QueryContext(ctx, `SELECT id, outlet, source, canonical_url, wire, line, wire_line, priority, published_at
		FROM articles WHERE story_id = ?`, storyID)
	if err != nil {
		return err
	}
	var ms []member
	for rows.Next() {
		var m member
		var published sql.NullString
		if err := rows.Scan(&m.id, &m.outlet, &m.source, &m.url, &m.wire, &m.line, &m.wireLine, &m.priority, &published); err != nil {
			rows.Close()
			return err
		}
		m.published = parseTime(published)
		ms = append(ms, m)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	if len(ms) == 0 {
		return fmt.Errorf("story %d has no articles", storyID)
	}
	outlets := s.creditOutlets
	var creditTo string
	if err := tx.QueryRowContext(ctx, `SELECT credit_to FROM stories WHERE id = ?`, storyID).Scan(&creditTo); err != nil {
		return err
	}
	switch creditTo {
	case CreditOutlet:
		outlets = true
	case CreditAgency:
		outlets = false
	}
	e := elect(ms, outlets)
	if creditTo != "" {
		e.reason += " (staff chose to credit the " + creditTo + ")"
	}
	_, err = tx.ExecContext(ctx, `UPDATE stories SET representative_id = ?, credit = ?, credit_reason = ?, updated_at = ?,
		line = CASE WHEN line_edited = 0 THEN ? ELSE line END WHERE id = ?`,
		e.rep.id, e.credit, e.reason, fmtTime(now), e.line, storyID)
	return err
}
