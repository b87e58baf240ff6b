package store

import (
	"cmp"
	"context"
	"database/sql"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/pressclip/pressclip/credit"
	"github.com/pressclip/pressclip/dedup"
)

// maxCandidates bounds the kept articles read and compared with a new
// one: those that share the most anchors with it.
const maxCandidates = 16

// maxPostings is the most kept articles read of one anchor's, the
// newest: the copies of a story arrive within days, so a wire story
// carried by a hundred outlets still finds its latest copies, and
// boilerplate (an agency's standard paragraph, a site's newsletter line)
// costs no more than this to look up.
const maxPostings = 40

// match is a kept article of the same story as a new one.
type match struct {
	articleID, storyID int64
	url                string
	v                  dedup.Verdict
}

// reason says why an article joined match's story.
func (m match) reason() string {
	return fmt.Sprintf("same story as article %d of story %d (%s): %s", m.articleID, m.storyID, m.url, m.v.Reason)
}

// related finds the kept articles (other than self) that dedup.Decide
// says are copies of doc's story, among the candidates, best first: one
// per story, the first of the story in the candidates' order that is a
// copy (the others of a story linked already are not read).
func related(ctx context.Context, tx *sql.Tx, doc *dedup.Doc, self int64) ([]match, error) {
	ids, err := candidates(ctx, tx, doc, self)
	if err != nil {
		return nil, fmt.Errorf("near duplicates: %w", err)
	}
	storyOf, err := storiesOf(ctx, tx, ids)
	if err != nil {
		return nil, fmt.Errorf("near duplicates: %w", err)
	}
	var out []match
	linked := map[int64]bool{}
	for _, id := range ids {
		if linked[storyOf[id]] {
			continue
		}
		m := match{articleID: id}
		var text, lang, wire string
		var when sql.NullString
		if err := tx.QueryRowContext(ctx, `SELECT story_id, canonical_url, text, COALESCE(published_at, found_at), language, wire
			FROM articles WHERE id = ?`, id).Scan(&m.storyID, &m.url, &text, &when, &lang, &wire); err != nil {
			return nil, fmt.Errorf("near duplicates: article %d: %w", id, err)
		}
		other := dedup.Read(text)
		other.Published, other.Lang, other.Wire = parseTime(when), lang, wire
		m.v = dedup.Decide(doc, &other)
		if m.v.Same {
			out = append(out, m)
			linked[m.storyID] = true
		}
	}
	slices.SortStableFunc(out, func(a, b match) int {
		return cmp.Compare(b.v.Containment, a.v.Containment)
	})
	return out, nil
}

// storiesOf returns the story of each article.
func storiesOf(ctx context.Context, tx *sql.Tx, ids []int64) (map[int64]int64, error) {
	out := make(map[int64]int64, len(ids))
	if len(ids) == 0 {
		return out, nil
	}
	rows, err := tx.QueryContext(ctx, `SELECT id, story_id FROM articles WHERE id IN (`+placeholders(len(ids))+`)`, anySlice(ids)...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	for rows.Next() {
		var id, story int64
		if err := rows.Scan(&id, &story); err != nil {
			return nil, err
		}
		out[id] = story
	}
	return out, rows.Err()
}

// maxByFigures is how many more candidates are read among those that
// share the most figures (but too few phrases to rank): a translation
// shares no phrase with the original.
const maxByFigures = 4

// candidates returns the kept articles (not self) worth comparing with
// doc: the maxCandidates that share the most anchors with it, and the
// maxByFigures others that share the most figure keys, newest first
// among equals. A key counts 1/n for each of the n articles it was found
// in (at most maxPostings+1): a rare sentence says more than
// boilerplate.
func candidates(ctx context.Context, tx *sql.Tx, doc *dedup.Doc, self int64) ([]int64, error) {
	stmt, err := tx.PrepareContext(ctx, `SELECT article_id FROM anchors WHERE key = ? ORDER BY article_id DESC LIMIT ?`)
	if err != nil {
		return nil, err
	}
	defer stmt.Close()
	byAnchors, err := sharing(ctx, stmt, doc.Anchors, self)
	if err != nil {
		return nil, err
	}
	byFigures, err := sharing(ctx, stmt, doc.FigureKeys(), self)
	if err != nil {
		return nil, err
	}
	ids := best(byAnchors, maxCandidates, nil)
	return append(ids, best(byFigures, maxByFigures, ids)...), nil
}

// sharing weighs the kept articles (not self) that hold each key.
func sharing(ctx context.Context, stmt *sql.Stmt, keys []uint64, self int64) (map[int64]float64, error) {
	shared := map[int64]float64{}
	var posting []int64
	for _, k := range keys {
		posting = posting[:0]
		rows, err := stmt.QueryContext(ctx, int64(k), maxPostings+1)
		if err != nil {
			return nil, err
		}
		for rows.Next() {
			var id int64
			if err := rows.Scan(&id); err != nil {
				rows.Close()
				return nil, err
			}
			posting = append(posting, id)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return nil, err
		}
		w := 1 / float64(len(posting))
		for _, id := range posting[:min(len(posting), maxPostings)] {
			if id != self {
				shared[id] += w
			}
		}
	}
	return shared, nil
}

// best returns the n articles of the highest weight not in skip, the
// newest first among equals.
func best(weights map[int64]float64, n int, skip []int64) []int64 {
	ids := make([]int64, 0, len(weights))
	for id := range weights {
		if !slices.Contains(skip, id) {
			ids = append(ids, id)
		}
	}
	slices.SortFunc(ids, func(a, b int64) int {
		if c := cmp.Compare(weights[b], weights[a]); c != 0 {
			return c
		}
		return cmp.Compare(b, a)
	})
	return ids[:min(len(ids), n)]
}

// indexArticle adds an article's anchors to the index.
func indexArticle(ctx context.Context, tx *sql.Tx, id int64, anchors []uint64) error {
	for len(anchors) > 0 {
		batch := anchors[:min(len(anchors), 200)]
		anchors = anchors[len(batch):]
		args := make([]any, 0, 2*len(batch))
		for _, k := range batch {
			args = append(args, int64(k), id)
		}
		q := `INSERT INTO anchors (key, article_id) VALUES ` + strings.TrimSuffix(strings.Repeat("(?, ?), ", len(batch)), ", ") + ` ON CONFLICT DO NOTHING`
		if _, err := tx.ExecContext(ctx, q, args...); err != nil {
			return fmt.Errorf("index article %d: %w", id, err)
		}
	}
	return nil
}

// unindexArticle removes an article's anchors, as stored with it, from
// the index.
func unindexArticle(ctx context.Context, tx *sql.Tx, id int64, stored []byte) error {
	keys := dedup.DecodeKeys(stored)
	for len(keys) > 0 {
		batch := keys[:min(len(keys), 200)]
		keys = keys[len(batch):]
		args := make([]any, 0, 1+len(batch))
		args = append(args, id)
		for _, k := range batch {
			args = append(args, int64(k))
		}
		_, err := tx.ExecContext(ctx, `DELETE FROM anchors WHERE article_id = ? AND key IN (`+placeholders(len(batch))+`)`, args...)
		if err != nil {
			return fmt.Errorf("unindex article %d: %w", id, err)
		}
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
				doc := dedup.Read(o.text)
				anchors := doc.Keys()
				if err := indexArticle(ctx, tx, o.id, anchors); err != nil {
					return err
				}
				if _, err := tx.ExecContext(ctx, `UPDATE articles SET dedup_keys = ? WHERE id = ?`, dedup.EncodeKeys(anchors), o.id); err != nil {
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

// electRepresentative re-elects a story's representative after one of
// its articles was added or changed. The line follows the representative
// unless staff edited it.
func (s *Store) electRepresentative(ctx context.Context, tx *sql.Tx, storyID int64, now time.Time) error {
	rows, err := tx.QueryContext(ctx, `SELECT id, outlet, source, canonical_url, wire, line, wire_line, priority, published_at
		FROM articles WHERE story_id = ?`, storyID)
	if err != nil {
		return err
	}
	var cs []credit.Copy
	for rows.Next() {
		var c credit.Copy
		var published sql.NullString
		if err := rows.Scan(&c.ID, &c.Outlet, &c.Source, &c.URL, &c.Wire, &c.Line, &c.WireLine, &c.Priority, &published); err != nil {
			rows.Close()
			return err
		}
		c.Published = parseTime(published)
		cs = append(cs, c)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	if len(cs) == 0 {
		return fmt.Errorf("story %d has no articles", storyID)
	}
	p := credit.Policy{CreditOutlets: s.creditOutlets}
	if err := tx.QueryRowContext(ctx, `SELECT credit_to FROM stories WHERE id = ?`, storyID).Scan(&p.Staff); err != nil {
		return err
	}
	e := credit.Elect(cs, p)
	_, err = tx.ExecContext(ctx, `UPDATE stories SET representative_id = ?, credit = ?, credit_reason = ?, updated_at = ?,
		line = CASE WHEN line_edited = 0 THEN ? ELSE line END WHERE id = ?`,
		e.Rep.ID, e.Credit, e.Reason, fmtTime(now), e.Line, storyID)
	return err
}
