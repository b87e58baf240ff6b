package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/pressclip/pressclip/dedup"
)

// Outcome is what became of an item: its URL remembered as seen
// (seen_urls.outcome: OutcomeMention …) or its article saved (Saved:
// SavedNewStory …). One type, so that a pass counts both alike.
type Outcome string

// Outcomes of an item URL (seen_urls.outcome).
const (
	OutcomeMention    Outcome = "mention"
	OutcomeNoMention  Outcome = "no_mention"
	OutcomePageFailed Outcome = "page_failed"
	// OutcomeRobots: robots.txt disallows the page; the feed's text was
	// all there was to read.
	OutcomeRobots Outcome = "robots"
	// OutcomeOld: published before fetch.max_age (a feed's backlog, a
	// newly added source's archive): remembered, never a story.
	OutcomeOld Outcome = "old"
)

// MaxPageAttempts is how many passes try an article page that failed
// before the item is left with its feed text.
const MaxPageAttempts = 3

// Unseen returns the URLs in urls that no pass has finished with: never
// seen, or seen with a failed page fewer than MaxPageAttempts times.
func (s *Store) Unseen(ctx context.Context, urls []string) ([]string, error) {
	var out []string
	// Chunks keep the statement under SQLite's parameter limit.
	for start := 0; start < len(urls); start += 500 {
		chunk := urls[start:min(start+500, len(urls))]
		done := map[string]bool{}
		q := "SELECT url, outcome, attempts FROM seen_urls WHERE url IN (" + placeholders(len(chunk)) + ")"
		rows, err := s.rdb.QueryContext(ctx, q, anySlice(chunk)...)
		if err != nil {
			return nil, fmt.Errorf("unseen urls: %w", err)
		}
		for rows.Next() {
			var u string
			var outcome Outcome
			var attempts int
			if err := rows.Scan(&u, &outcome, &attempts); err != nil {
				rows.Close()
				return nil, fmt.Errorf("unseen urls: %w", err)
			}
			done[u] = outcome != OutcomePageFailed || attempts >= MaxPageAttempts
		}
		if err := rows.Close(); err != nil {
			return nil, fmt.Errorf("unseen urls: %w", err)
		}
		for _, u := range chunk {
			if !done[u] {
				out = append(out, u)
			}
		}
	}
	return out, nil
}

// Seen is an item URL a pass finished with, without an article to keep.
type Seen struct {
	URLs    []string
	Source  string
	Outcome Outcome
	Err     string
}

// MarkSeen remembers URLs so that later passes skip them (or, for
// OutcomePageFailed, retry them a limited number of times).
func (s *Store) MarkSeen(ctx context.Context, seen Seen) error {
	return s.inTx(ctx, func(tx *sql.Tx) error {
		return markSeen(ctx, tx, seen.URLs, seen.Source, seen.Outcome, seen.Err, s.now())
	})
}

func markSeen(ctx context.Context, tx *sql.Tx, urls []string, source string, outcome Outcome, errText string, now time.Time) error {
	for _, u := range dedupe(urls) {
		_, err := tx.ExecContext(ctx, `
			INSERT INTO seen_urls (url, source, first_seen, last_seen, outcome, attempts, last_error)
			VALUES (?, ?, ?, ?, ?, 1, ?)
			ON CONFLICT (url) DO UPDATE SET last_seen = excluded.last_seen, outcome = excluded.outcome,
				attempts = seen_urls.attempts + 1, last_error = excluded.last_error`,
			u, source, fmtTime(now), fmtTime(now), outcome, nullString(errText))
		if err != nil {
			return fmt.Errorf("mark seen %s: %w", u, err)
		}
	}
	return nil
}

// Article is an article that mentions a watch, ready to be kept.
type Article struct {
	Source   string
	Outlet   string
	Priority int
	// URL is where the page was served; CanonicalURL identifies it.
	URL          string
	CanonicalURL string
	// SeenURLs are the item URLs to remember with it (the feed link, the
	// final URL), canonical form.
	SeenURLs    []string
	Title       string
	Text        string
	PublishedAt time.Time
	Author      string
	SiteName    string
	Language    string
	Type        string
	Wire        string
	// FromFeed is set when the page could not be had and Text is the
	// feed item's text; Partial when the page gave only a teaser.
	FromFeed bool
	Partial  bool
	// LowConfidence: the page's text did not agree with its headline,
	// description or feed summary; Text is then the feed's when it had any.
	LowConfidence bool
	// Line is the drafted one-line summary, crediting Outlet; WireLine
	// credits the agency named by Wire, when there is one.
	Line     string
	WireLine string
	// Alternatives are up to two other lines the writer offers (and
	// WireAlternatives the same crediting the agency); NeedsTranslation
	// marks a line staff must translate from SourceLead, the article's
	// lead in its own language.
	Alternatives, WireAlternatives []string
	NeedsTranslation               bool
	SourceLead                     string
	Mentions                       []Mention
}

// Mention is one watch found in an article.
type Mention struct {
	Watch   string
	Where   string
	Count   int
	Score   float64
	Role    string
	Low     bool
	Terms   []string
	Snippet string
	Marks   [][2]int
}

// What SaveArticle did (Saved.Outcome).
const (
	SavedNewStory  Outcome = "new_story"
	SavedJoined    Outcome = "joined_story"
	SavedUpdated   Outcome = "updated"
	SavedUnchanged Outcome = "unchanged"
)

// Saved reports what SaveArticle did with an article.
type Saved struct {
	ArticleID int64
	StoryID   int64
	Outcome   Outcome
	// Reason says why an article joined an existing story.
	Reason string
}

// SaveArticle keeps an article in one transaction: the same canonical URL
// updates the article already kept (its story's review status and any
// edited line stay); the same text at another URL, or a near-duplicate
// text (a syndicated copy with its own headline, intro and boilerplate),
// joins that article's story; anything else starts a new story. The
// story's representative and credit are then elected again. The
// article's seen URLs are marked in the same transaction.
func (s *Store) SaveArticle(ctx context.Context, a Article) (Saved, error) {
	if a.CanonicalURL == "" || a.Source == "" {
		return Saved{}, fmt.Errorf("save article: %w: canonical URL and source are required", ErrInvalidInput)
	}
	now := s.now()
	// Outside the transaction: it holds the write lock.
	doc := dedup.Read(a.Text)
	doc.Published, doc.Lang, doc.Wire = a.PublishedAt, a.Language, a.Wire
	if doc.Published.IsZero() {
		doc.Published = now
	}
	keys := doc.Keys()
	hash, words := dedup.TextHash(a.Text)
	var saved Saved
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		var err error
		saved, err = s.saveArticle(ctx, tx, a, hash, words >= dedup.MinHashWords, &doc, keys, now)
		if err != nil {
			return err
		}
		return markSeen(ctx, tx, append(a.SeenURLs, a.CanonicalURL), a.Source, OutcomeMention, "", now)
	})
	if err != nil {
		return Saved{}, fmt.Errorf("save article %s: %w", a.CanonicalURL, err)
	}
	return saved, nil
}

// saveArticle does SaveArticle's work; hash identifies a story when
// identifies is set (the text is long enough).
// Long: one transaction's steps (the same URL, the same text, the
// anchors' candidates, the new story, the index, the election) in the
// order that keeps them consistent.
func (s *Store) saveArticle(ctx context.Context, tx *sql.Tx, a Article, hash string, identifies bool, doc *dedup.Doc, keys []uint64, now time.Time) (Saved, error) {
	var id, storyID int64
	var oldHash string
	var oldKeys []byte
	err := tx.QueryRowContext(ctx, `SELECT id, story_id, text_hash, dedup_keys FROM articles WHERE canonical_url = ?`, a.CanonicalURL).
		Scan(&id, &storyID, &oldHash, &oldKeys)
	switch {
	case err == nil:
		if oldHash == hash {
			return Saved{ArticleID: id, StoryID: storyID, Outcome: SavedUnchanged}, nil
		}
		if err := updateArticle(ctx, tx, id, a, hash, oldKeys, keys, now); err != nil {
			return Saved{}, err
		}
		if err := s.electRepresentative(ctx, tx, storyID, now); err != nil {
			return Saved{}, err
		}
		return Saved{ArticleID: id, StoryID: storyID, Outcome: SavedUpdated}, nil
	case !errors.Is(err, sql.ErrNoRows):
		return Saved{}, err
	}

	saved := Saved{Outcome: SavedNewStory}
	if identifies {
		var otherID int64
		var otherURL string
		err := tx.QueryRowContext(ctx, `SELECT id, story_id, canonical_url FROM articles WHERE text_hash = ? ORDER BY id LIMIT 1`, hash).Scan(&otherID, &storyID, &otherURL)
		switch {
		case err == nil:
			saved.Outcome = SavedJoined
			saved.Reason = fmt.Sprintf("same text as article %d of story %d (%s)", otherID, storyID, otherURL)
		case !errors.Is(err, sql.ErrNoRows):
			return Saved{}, err
		}
	}
	if saved.Outcome == SavedNewStory {
		ms, err := s.related(ctx, tx, doc, 0)
		if err != nil {
			return Saved{}, err
		}
		if len(ms) > 0 {
			// The copy may link stories that arrived apart (two cuts of
			// different parts of one wire story): they become one, the
			// oldest, so that the stories never depend on the order in
			// which copies came.
			saved.Outcome, saved.Reason = SavedJoined, ms[0].reason()
			if storyID, err = s.joinLinked(ctx, tx, ms, now); err != nil {
				return Saved{}, err
			}
		}
	}
	if saved.Outcome == SavedNewStory {
		// The next ID of the sequence, never one a deleted story had.
		if err := tx.QueryRowContext(ctx, `UPDATE story_sequence SET last = last + 1 WHERE one = 1 RETURNING last`).Scan(&storyID); err != nil {
			return Saved{}, fmt.Errorf("next story ID: %w", err)
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO stories (id, status, line, created_at, updated_at) VALUES (?, 'new', ?, ?, ?)`,
			storyID, a.Line, fmtTime(now), fmtTime(now)); err != nil {
			return Saved{}, err
		}
	}
	err = tx.QueryRowContext(ctx, `
		INSERT INTO articles (story_id, source, outlet, priority, url, canonical_url, title, text, text_hash,
			published_at, found_at, updated_at, author, site_name, language, type, wire, from_feed, partial, line, wire_line,
			merge_reason, dedup_keys, alternatives, wire_alternatives, needs_translation, source_lead, low_confidence)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`,
		storyID, a.Source, a.Outlet, a.Priority, a.URL, a.CanonicalURL, a.Title, a.Text, hash,
		nullTime(a.PublishedAt), fmtTime(now), fmtTime(now), a.Author, a.SiteName, a.Language, a.Type, a.Wire,
		boolInt(a.FromFeed), boolInt(a.Partial), a.Line, a.WireLine, saved.Reason, dedup.EncodeKeys(keys),
		encodeLines(a.Alternatives), encodeLines(a.WireAlternatives), boolInt(a.NeedsTranslation), a.SourceLead, boolInt(a.LowConfidence)).Scan(&saved.ArticleID)
	if err != nil {
		return Saved{}, err
	}
	saved.StoryID = storyID
	if err := indexArticle(ctx, tx, saved.ArticleID, keys); err != nil {
		return Saved{}, err
	}
	if err := insertMentions(ctx, tx, saved.ArticleID, a.Mentions); err != nil {
		return Saved{}, err
	}
	return saved, s.electRepresentative(ctx, tx, storyID, now)
}

// updateArticle replaces a re-fetched article's text, title, lines,
// index keys and mentions; the caller elects the story's representative
// again. The story keeps its status and any edited line.
func updateArticle(ctx context.Context, tx *sql.Tx, id int64, a Article, hash string, oldKeys []byte, anchors []uint64, now time.Time) error {
	_, err := tx.ExecContext(ctx, `
		UPDATE articles SET url = ?, title = ?, text = ?, text_hash = ?, published_at = COALESCE(?, published_at),
			updated_at = ?, author = ?, site_name = ?, language = ?, type = ?, wire = ?, from_feed = ?, partial = ?, line = ?,
			wire_line = ?, dedup_keys = ?, alternatives = ?, wire_alternatives = ?, needs_translation = ?, source_lead = ?,
			low_confidence = ?
		WHERE id = ?`,
		a.URL, a.Title, a.Text, hash, nullTime(a.PublishedAt), fmtTime(now), a.Author, a.SiteName, a.Language,
		a.Type, a.Wire, boolInt(a.FromFeed), boolInt(a.Partial), a.Line, a.WireLine, dedup.EncodeKeys(anchors),
		encodeLines(a.Alternatives), encodeLines(a.WireAlternatives), boolInt(a.NeedsTranslation), a.SourceLead, boolInt(a.LowConfidence), id)
	if err != nil {
		return err
	}
	if err := unindexArticle(ctx, tx, id, oldKeys); err != nil {
		return err
	}
	if err := indexArticle(ctx, tx, id, anchors); err != nil {
		return err
	}
	if _, err := tx.ExecContext(ctx, `DELETE FROM mentions WHERE article_id = ?`, id); err != nil {
		return err
	}
	return insertMentions(ctx, tx, id, a.Mentions)
}

func insertMentions(ctx context.Context, tx *sql.Tx, articleID int64, ms []Mention) error {
	for _, m := range ms {
		terms, err := json.Marshal(m.Terms)
		if err != nil {
			return err
		}
		marks, err := json.Marshal(m.Marks)
		if err != nil {
			return err
		}
		if m.Marks == nil {
			marks = []byte("[]")
		}
		role := m.Role
		if role == "" {
			role = "mention"
		}
		if _, err := tx.ExecContext(ctx, `
			INSERT INTO mentions (article_id, watch, location, count, score, terms, snippet, role, low, marks) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
			ON CONFLICT (article_id, watch) DO NOTHING`,
			articleID, m.Watch, m.Where, m.Count, m.Score, string(terms), m.Snippet, role, boolInt(m.Low), string(marks)); err != nil {
			return fmt.Errorf("mention %s: %w", m.Watch, err)
		}
	}
	return nil
}

func placeholders(n int) string {
	if n <= 0 {
		return ""
	}
	return strings.Repeat("?, ", n-1) + "?"
}

func anySlice[T any](in []T) []any {
	out := make([]any, len(in))
	for i, v := range in {
		out[i] = v
	}
	return out
}

func dedupe(in []string) []string {
	seen := map[string]bool{}
	var out []string
	for _, s := range in {
		if s != "" && !seen[s] {
			seen[s] = true
			out = append(out, s)
		}
	}
	return out
}

func nullString(s string) any {
	if s == "" {
		return nil
	}
	return s
}

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}

// CountArticles returns how many articles the store keeps.
func (s *Store) CountArticles(ctx context.Context) (int, error) {
	var n int
	if err := s.rdb.QueryRowContext(ctx, `SELECT COUNT(*) FROM articles`).Scan(&n); err != nil {
		return 0, fmt.Errorf("count articles: %w", err)
	}
	return n, nil
}

// encodeLines stores a list of lines as a JSON array ("[]" for none).
func encodeLines(lines []string) string {
	if len(lines) == 0 {
		return "[]"
	}
	b, err := json.Marshal(lines)
	if err != nil {
		return "[]" // a []string always marshals
	}
	return string(b)
}

// decodeLines reads what encodeLines stored; anything else is no lines.
func decodeLines(s string) []string {
	var out []string
	if json.Unmarshal([]byte(s), &out) != nil {
		return nil
	}
	return out
}
