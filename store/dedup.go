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
func (s *Store) related(ctx context.Context, tx *sql.Tx, doc *dedup.Doc, self int64) ([]match, error) {
	ids, err := s.candidates(ctx, tx, doc, self)
	if err != nil {
		return nil, fmt.Errorf("near duplicates: %w", err)
	}
	storyOf, err := storiesOf(ctx, tx, ids)
	if err != nil {
		return nil, fmt.Errorf("near duplicates: %w", err)
	}
	// On PostgreSQL the candidates' texts in one round trip (a read per
	// candidate is cheap in SQLite's process, not over the network).
	var read map[int64]candidate
	if s.pg {
		if read, err = readCandidates(ctx, tx, ids); err != nil {
			return nil, fmt.Errorf("near duplicates: %w", err)
		}
	}
	var out []match
	linked := map[int64]bool{}
	for _, id := range ids {
		if linked[storyOf[id]] {
			continue
		}
		m := match{articleID: id}
		c, ok := read[id]
		if !ok {
			if err := tx.QueryRowContext(ctx, `SELECT story_id, canonical_url, text, COALESCE(published_at, found_at), language, wire
				FROM articles WHERE id = ?`, id).Scan(&c.story, &c.url, &c.text, &c.when, &c.lang, &c.wire); err != nil {
				return nil, fmt.Errorf("near duplicates: article %d: %w", id, err)
			}
		}
		m.storyID, m.url = c.story, c.url
		other := dedup.Read(c.text)
		other.Published, other.Lang, other.Wire = parseTime(c.when), c.lang, c.wire
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

// candidate is what the decision reads of a candidate article.
type candidate struct {
	story      int64
	url, text  string
	when       sql.NullString
	lang, wire string
}

// readCandidates reads the candidates ids at once (PostgreSQL).
func readCandidates(ctx context.Context, tx *sql.Tx, ids []int64) (map[int64]candidate, error) {
	out := make(map[int64]candidate, len(ids))
	if len(ids) == 0 {
		return out, nil
	}
	rows, err := tx.QueryContext(ctx, `SELECT id, story_id, canonical_url, text, COALESCE(published_at, found_at), language, wire
		FROM articles WHERE id = ANY(?)`, ids)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	for rows.Next() {
		var id int64
		var c candidate
		if err := rows.Scan(&id, &c.story, &c.url, &c.text, &c.when, &c.lang, &c.wire); err != nil {
			return nil, err
		}
		out[id] = c
	}
	return out, rows.Err()
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
func (s *Store) candidates(ctx context.Context, tx *sql.Tx, doc *dedup.Doc, self int64) ([]int64, error) {
	postings := func(keys []uint64) ([][]int64, error) {
		if s.pg {
			return postingsAtOnce(ctx, tx, keys)
		}
		return postingsEach(ctx, tx, keys)
	}
	pa, err := postings(doc.Anchors)
	if err != nil {
		return nil, err
	}
	pf, err := postings(doc.FigureKeys())
	if err != nil {
		return nil, err
	}
	byAnchors, byFigures := sharing(pa, self), sharing(pf, self)
	ids := best(byAnchors, maxCandidates, nil)
	return append(ids, best(byFigures, maxByFigures, ids)...), nil
}

// postingsEach reads each key's posting, the newest maxPostings+1
// articles holding it, a query per key (SQLite: in-process, each cheap).
func postingsEach(ctx context.Context, tx *sql.Tx, keys []uint64) ([][]int64, error) {
	stmt, err := tx.PrepareContext(ctx, `SELECT article_id FROM anchors WHERE key = ? ORDER BY article_id DESC LIMIT ?`)
	if err != nil {
		return nil, err
	}
	defer stmt.Close()
	out := make([][]int64, len(keys))
	for i, k := range keys {
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
			out[i] = append(out[i], id)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// postingsAtOnce is postingsEach in one round trip (PostgreSQL): a
// lateral read of each key's posting, keys numbered as given.
func postingsAtOnce(ctx context.Context, tx *sql.Tx, keys []uint64) ([][]int64, error) {
	out := make([][]int64, len(keys))
	if len(keys) == 0 {
		return out, nil
	}
	signed := make([]int64, len(keys))
	for i, k := range keys {
		signed[i] = int64(k)
	}
	rows, err := tx.QueryContext(ctx, `SELECT k.n, p.article_id FROM unnest(CAST(? AS BIGINT[])) WITH ORDINALITY AS k (key, n)
		CROSS JOIN LATERAL (SELECT article_id FROM anchors WHERE anchors.key = k.key ORDER BY article_id DESC LIMIT ?) p
		ORDER BY k.n, p.article_id DESC`, signed, maxPostings+1)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	for rows.Next() {
		var n, id int64
		if err := rows.Scan(&n, &id); err != nil {
			return nil, err
		}
		out[n-1] = append(out[n-1], id)
	}
	return out, rows.Err()
}

// sharing weighs the kept articles (not self) that hold each key: a key
// held by n articles counts 1/n for each.
func sharing(postings [][]int64, self int64) map[int64]float64 {
	shared := map[int64]float64{}
	for _, posting := range postings {
		w := 1 / float64(len(posting))
		for _, id := range posting[:min(len(posting), maxPostings)] {
			if id != self {
				shared[id] += w
			}
		}
	}
	return shared
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
