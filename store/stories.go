package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"sort"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/pressclip/pressclip/credit"
)

// Review statuses.
const (
	StatusNew      = "new"
	StatusApproved = "approved"
	StatusRejected = "rejected"
)

// Story is one story as staff review it: its line and status, the article
// that represents it, and the other outlets that carried it.
type Story struct {
	ID         int64
	Status     string
	Line       string
	LineEdited bool
	CreatedAt  time.Time
	// UpdatedAt is the story's last change: its line, review, credit or
	// representative.
	UpdatedAt  time.Time
	ReviewedAt time.Time
	// Credit is whom the line credits: the representative's outlet, or
	// the wire agency whose byline the copies carry. CreditReason says why
	// the representative was chosen.
	Credit       string
	CreditReason string
	// CreditTo is staff's choice of whom to credit ("" as the config
	// says, CreditOutlet, CreditAgency); Agency is the wire agency whose
	// byline a copy carries ("" when none does).
	CreditTo, Agency string
	// MergeReason says why the representative joined the story, or
	// FirstCopy.
	MergeReason string

	// The representative article.
	ArticleID   int64
	Source      string
	Outlet      string
	Title       string
	URL         string
	PublishedAt time.Time
	Type        string
	Language    string
	Wire        string
	FromFeed    bool
	Partial     bool
	// LowConfidence: the representative's page text did not agree with
	// its headline or feed (see Article.LowConfidence).
	LowConfidence bool

	// Alternatives are the writer's other lines for the representative,
	// crediting whom the line credits; NeedsTranslation marks a line to
	// translate from SourceLead, the article's lead in its own language.
	Alternatives     []string
	NeedsTranslation bool
	SourceLead       string

	// Priority is the representative's source priority.
	Priority int
	// ExportID is the export the story went out in (0: not yet), at
	// ExportedAt.
	ExportID   int64
	ExportedAt time.Time
	// Matches say why the representative is a mention: each watch, where
	// it matched and the words.
	Matches []Match
	// Found is the snippet of the text search's best match in the story,
	// the matched words between \x02 and \x03 ("" without a search).
	Found string

	// Copies are the story's other articles, in the order they were found.
	Copies []Copy
	// Watches matched in any of the story's articles, and the snippet
	// (with the byte ranges of its matched words), score and role of the
	// representative's first mention. Low: every mention is below its
	// watch's minimum score.
	Watches []string
	Snippet string
	Marks   [][2]int
	Score   float64
	Role    string
	Low     bool
	// Audit are staff's decisions on the story, oldest first.
	Audit []AuditEntry
	// SectionRank is the story's place in the press section as staff
	// moved it (1 first; 0 not placed).
	SectionRank int

	highSeen bool // a mention at or above its minimum score was read
}

// Match is one watch found in an article.
type Match struct {
	Watch string
	Where string
	Terms []string
	Score float64
	Low   bool
}

// FirstCopy is the reason of the article that started its story.
const FirstCopy = "first copy found: started the story"

// Copy is another article of the same story.
type Copy struct {
	ArticleID int64
	Outlet    string
	URL       string
	Reason    string
}

// AlsoReportedBy lists the outlets that carried the story besides the
// one its line credits, once each: for wire copy credited to the agency,
// every outlet.
func (st Story) AlsoReportedBy() []string {
	seen := map[string]bool{st.Credit: true}
	var out []string
	for _, o := range append([]string{st.Outlet}, outlets(st.Copies)...) {
		if !seen[o] {
			seen[o] = true
			out = append(out, o)
		}
	}
	return out
}

func outlets(copies []Copy) []string {
	out := make([]string, len(copies))
	for i, c := range copies {
		out[i] = c.Outlet
	}
	return out
}

// Filter selects stories by when they were found and by status.
type Filter struct {
	// From and To bound the time a story was found: From <= t < To. Zero
	// values leave that side open.
	From, To time.Time
	// Status is one of the Status constants, or "" / "all" for any.
	Status string
	// ExcludeRejected drops rejected stories whatever Status says.
	ExcludeRejected bool
	// Watch keeps only stories that mention this watch.
	Watch string
	// IncludeLow keeps stories whose mentions are all below their watch's
	// minimum score ("low relevance"), which are left out by default.
	IncludeLow bool
	// Outlet keeps stories credited to, or carried by, this outlet;
	// Language those whose representative is in this language.
	Outlet, Language string
	// NoSnippets leaves Found empty: a page that shows the search's
	// snippets of only some stories asks for those (Store.Snippets).
	NoSnippets bool
	// Query keeps stories with an article matching this full-text search
	// (words, "quoted phrases", prefix*), and fills Story.Found.
	Query string
	// Pending keeps stories not yet exported.
	Pending bool
	// ByPriority orders by the representative's source priority first.
	ByPriority bool
	// Limit bounds the list (0: no bound).
	Limit int
	// IDs keeps only these stories (at most 10,000).
	IDs []int64
	// AfterID and ThroughID, when ThroughID > 0, keep the stories with
	// AfterID < ID <= ThroughID: those found after a LastStoryID read and
	// up to another.
	AfterID, ThroughID int64
}

// Stories lists the stories found in the filter's period, the most
// recently published first.
func (s *Store) Stories(ctx context.Context, f Filter) ([]Story, error) {
	q := `SELECT s.id, s.status, s.line, s.line_edited, s.created_at, s.updated_at, s.reviewed_at, s.credit, s.credit_reason, s.credit_to,
			a.id, a.source, a.outlet, a.title, a.canonical_url, a.published_at, a.type, a.language, a.wire, a.from_feed, a.partial,
			a.merge_reason, a.priority, COALESCE(s.export_id, 0), e.at, a.alternatives, a.wire_alternatives, a.needs_translation, a.source_lead, a.low_confidence,
			s.section_rank
		FROM stories s JOIN articles a ON a.id = s.representative_id LEFT JOIN exports e ON e.id = s.export_id`
	if f.IDs != nil && len(f.IDs) == 0 {
		return nil, nil
	}
	w, match, err := f.where(s.pg)
	if err != nil {
		return nil, fmt.Errorf("list stories: %w", err)
	}
	q += w.sql() + f.orderBy()
	args := w.args
	if f.Limit > 0 {
		q += ` LIMIT ?`
		args = append(args, f.Limit)
	}
	rows, err := s.rdb.QueryContext(ctx, q, args...)
	if err != nil {
		return nil, fmt.Errorf("list stories: %w", err)
	}
	defer rows.Close()
	var out []Story
	index := map[int64]int{}
	for rows.Next() {
		var st Story
		var created, updated, reviewed, published, exported sql.NullString
		var edited, fromFeed, partial, translate, low int
		var alts, wireAlts string
		if err := rows.Scan(&st.ID, &st.Status, &st.Line, &edited, &created, &updated, &reviewed, &st.Credit, &st.CreditReason, &st.CreditTo,
			&st.ArticleID, &st.Source, &st.Outlet, &st.Title, &st.URL, &published, &st.Type, &st.Language, &st.Wire, &fromFeed, &partial,
			&st.MergeReason, &st.Priority, &st.ExportID, &exported, &alts, &wireAlts, &translate, &st.SourceLead, &low,
			&st.SectionRank); err != nil {
			return nil, fmt.Errorf("list stories: %w", err)
		}
		st.LineEdited, st.FromFeed, st.Partial, st.NeedsTranslation = edited != 0, fromFeed != 0, partial != 0, translate != 0
		st.LowConfidence = low != 0
		if st.Credit == "" {
			st.Credit = st.Outlet
		}
		st.Alternatives = decodeLines(alts)
		if st.Wire != "" && st.Credit == st.Wire && st.Credit != st.Outlet {
			if w := decodeLines(wireAlts); len(w) > 0 {
				st.Alternatives = w
			}
		}
		if st.MergeReason == "" {
			st.MergeReason = FirstCopy
		}
		st.CreatedAt, st.UpdatedAt, st.ReviewedAt, st.PublishedAt = parseTime(created), parseTime(updated), parseTime(reviewed), parseTime(published)
		st.ExportedAt = parseTime(exported)
		index[st.ID] = len(out)
		out = append(out, st)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("list stories: %w", err)
	}
	if err := s.fillDetails(ctx, out, index); err != nil {
		return nil, fmt.Errorf("list stories: %w", err)
	}
	if match != "" && !f.NoSnippets {
		if err := s.fillFound(ctx, out, index, match); err != nil {
			return nil, fmt.Errorf("list stories: %w", err)
		}
	}
	return out, nil
}

// where is a WHERE clause being built: conditions joined by AND, and
// their arguments in order.
type where struct {
	conds []string
	args  []any
}

func (w *where) add(cond string, args ...any) {
	w.conds = append(w.conds, cond)
	w.args = append(w.args, args...)
}

func (w where) sql() string {
	if len(w.conds) == 0 {
		return ""
	}
	return " WHERE " + strings.Join(w.conds, " AND ")
}

// where is the filter's WHERE clause over stories s and their
// representative a, and the full-text query it searches ("" none).
func (f Filter) where(pg bool) (w where, match string, err error) {
	if match, err = f.search(&w, pg); err != nil {
		return w, "", err
	}
	if err := f.ids(&w); err != nil {
		return w, "", err
	}
	if err := f.status(&w); err != nil {
		return w, "", err
	}
	f.place(&w)
	f.period(&w)
	f.mentions(&w)
	return w, match, nil
}

// search keeps the stories with an article matching the full-text query.
// On PostgreSQL the match is a tsquery (the generated articles.fts).
func (f Filter) search(w *where, pg bool) (string, error) {
	if f.Query == "" {
		return "", nil
	}
	match, err := searchQuery(f.Query)
	if err != nil {
		return "", err
	}
	if pg {
		match = tsQuery(match)
		w.add(`s.id IN (SELECT a3.story_id FROM articles a3 WHERE a3.fts @@ to_tsquery('pressclip', ?))`, match)
		return match, nil
	}
	w.add(`s.id IN (SELECT a3.story_id FROM articles_fts JOIN articles a3 ON a3.id = articles_fts.rowid WHERE articles_fts MATCH ?)`, match)
	return match, nil
}

// ids keeps the listed stories, or those in (AfterID, ThroughID].
func (f Filter) ids(w *where) error {
	if f.IDs != nil {
		if len(f.IDs) > 10000 {
			return fmt.Errorf("%w: %d IDs, at most 10,000", ErrInvalidInput, len(f.IDs))
		}
		w.add(`s.id IN (`+placeholders(len(f.IDs))+`)`, anySlice(f.IDs)...)
	}
	if f.ThroughID > 0 {
		w.add(`s.id > ? AND s.id <= ?`, f.AfterID, f.ThroughID)
	}
	return nil
}

// status keeps a review status, and leaves rejected stories out when
// asked.
func (f Filter) status(w *where) error {
	switch f.Status {
	case "", "all":
	case StatusNew, StatusApproved, StatusRejected:
		w.add(`s.status = ?`, f.Status)
	default:
		return fmt.Errorf("%w: unknown status %q", ErrInvalidInput, f.Status)
	}
	if f.ExcludeRejected {
		w.add(`s.status <> 'rejected'`)
	}
	return nil
}

// place keeps an outlet (credited, or carrying a copy), a language and
// the stories not yet exported.
func (f Filter) place(w *where) {
	if f.Outlet != "" {
		w.add(`(s.credit = ? OR EXISTS (SELECT 1 FROM articles a4 WHERE a4.story_id = s.id AND a4.outlet = ?))`, f.Outlet, f.Outlet)
	}
	if f.Language != "" {
		w.add(`a.language = ?`, f.Language)
	}
	if f.Pending {
		w.add(`s.export_id IS NULL`)
	}
}

// period keeps the stories found in [From, To).
func (f Filter) period(w *where) {
	if !f.From.IsZero() {
		w.add(`s.created_at >= ?`, fmtTime(f.From))
	}
	if !f.To.IsZero() {
		w.add(`s.created_at < ?`, fmtTime(f.To))
	}
}

// mentions keeps the stories mentioning the watch, and leaves those
// whose mentions are all low out unless IncludeLow.
func (f Filter) mentions(w *where) {
	if f.Watch == "" && f.IncludeLow {
		return
	}
	cond := `EXISTS (SELECT 1 FROM mentions m JOIN articles a2 ON a2.id = m.article_id WHERE a2.story_id = s.id`
	var args []any
	if f.Watch != "" {
		cond += ` AND m.watch = ?`
		args = append(args, f.Watch)
	}
	if !f.IncludeLow {
		cond += ` AND m.low = 0`
	}
	w.add(cond+`)`, args...)
}

// orderBy is the newest first by the representative's publication (or
// the highest priority first); the rest of the key makes the order the
// same whatever order a pass stored things in.
func (f Filter) orderBy() string {
	if f.ByPriority {
		return ` ORDER BY a.priority DESC, COALESCE(a.published_at, s.created_at) DESC, a.outlet, a.title, s.id`
	}
	return ` ORDER BY COALESCE(a.published_at, s.created_at) DESC, a.outlet, a.title, s.id`
}

// Snippets are the search query's snippets (as Story.Found) of the
// stories ids: a page that draws only some stories whole asks for theirs
// after listing with Filter.NoSnippets.
func (s *Store) Snippets(ctx context.Context, query string, ids []int64) (map[int64]string, error) {
	var w where
	match, err := Filter{Query: query}.search(&w, s.pg)
	if err != nil || match == "" {
		return nil, err
	}
	stories := make([]Story, len(ids))
	index := make(map[int64]int, len(ids))
	for i, id := range ids {
		stories[i].ID = id
		index[id] = i
	}
	if err := s.fillFound(ctx, stories, index, match); err != nil {
		return nil, fmt.Errorf("snippets: %w", err)
	}
	out := make(map[int64]string, len(ids))
	for _, st := range stories {
		if st.Found != "" {
			out[st.ID] = st.Found
		}
	}
	return out, nil
}

// fillFound adds each story's best search snippet.
func (s *Store) fillFound(ctx context.Context, stories []Story, index map[int64]int, match string) error {
	for start := 0; start < len(stories); start += 500 {
		chunk := make([]any, 0, 501)
		chunk = append(chunk, match)
		for _, st := range stories[start:min(start+500, len(stories))] {
			chunk = append(chunk, st.ID)
		}
		q := `SELECT a.story_id, snippet(articles_fts, -1, char(2), char(3), '…', 24)
			FROM articles_fts JOIN articles a ON a.id = articles_fts.rowid
			WHERE articles_fts MATCH ? AND a.story_id IN (` + placeholders(len(chunk)-1) + `) ORDER BY rank`
		if s.pg {
			q = pgSnippets + placeholders(len(chunk)-1) + pgSnippetsEnd
		}
		rows, err := s.rdb.QueryContext(ctx, q, chunk...)
		if err != nil {
			return err
		}
		for rows.Next() {
			var id int64
			var snip string
			if err := rows.Scan(&id, &snip); err != nil {
				rows.Close()
				return err
			}
			if s.pg {
				// ts_headline marks a phrase's words one by one; FTS5
				// marks the phrase.
				snip = strings.ReplaceAll(snip, "\x03 \x02", " ")
			}
			if st := &stories[index[id]]; st.Found == "" {
				st.Found = snip
			}
		}
		if err := rows.Close(); err != nil {
			return err
		}
	}
	return nil
}

// ftsQuery turns what a person types into an FTS5 query: every word or
// "quoted phrase" must appear (a trailing * searches a prefix); FTS5's own
// operators and punctuation are taken as words, never as syntax.
// Search limits: a search is a few words, not a program. The cost of
// matching and of the snippets grows with the terms (and a one-letter
// prefix expands to most of the index), so longer or broader searches
// are refused with a clear error rather than tying up the readers.
const (
	maxSearchBytes  = 256
	maxSearchTerms  = 12
	minPrefixLetter = 3
)

// searchQuery is ftsQuery for a search someone typed, within the limits.
func searchQuery(in string) (string, error) {
	if len(in) > maxSearchBytes {
		return "", fmt.Errorf("%w: a search of %d characters: at most %d", ErrInvalidInput, len(in), maxSearchBytes)
	}
	match := ftsQuery(in)
	if match == "" {
		return "", fmt.Errorf("%w: the search %q has no words", ErrInvalidInput, in)
	}
	terms := strings.Fields(match)
	// Words, phrases' words included: "a.b.c.…" is one quoted phrase of
	// as many tokens as it has parts.
	if n := len(strings.Fields(strings.NewReplacer(`"`, " ", "*", " ").Replace(match))); n > maxSearchTerms {
		return "", fmt.Errorf("%w: a search of %d words: at most %d", ErrInvalidInput, n, maxSearchTerms)
	}
	for _, t := range terms {
		if strings.HasSuffix(t, "*") && utf8.RuneCountInString(strings.Trim(t, `"*`)) < minPrefixLetter {
			return "", fmt.Errorf("%w: a prefix search (%s) needs at least %d letters before the *", ErrInvalidInput, strings.Trim(t, `"`), minPrefixLetter)
		}
	}
	return match, nil
}

func ftsQuery(in string) string {
	var terms []string
	add := func(t string, prefix bool) {
		t = strings.Join(strings.FieldsFunc(t, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) }), " ")
		if t == "" {
			return
		}
		q := `"` + strings.ReplaceAll(t, `"`, `""`) + `"`
		if prefix {
			q += "*"
		}
		terms = append(terms, q)
	}
	rest := in
	for {
		i := strings.IndexByte(rest, '"')
		if i < 0 {
			break
		}
		j := strings.IndexByte(rest[i+1:], '"')
		if j < 0 {
			break
		}
		for _, w := range strings.Fields(rest[:i]) {
			add(w, strings.HasSuffix(w, "*"))
		}
		add(rest[i+1:i+1+j], false)
		rest = rest[i+1+j+1:]
	}
	for _, w := range strings.Fields(rest) {
		add(w, strings.HasSuffix(w, "*"))
	}
	return strings.Join(terms, " ")
}

// fillDetails adds each story's copies, mentions and audit with a query
// each for the whole list rather than per story.
func (s *Store) fillDetails(ctx context.Context, stories []Story, index map[int64]int) error {
	if len(stories) == 0 {
		return nil
	}
	ids := make([]any, 0, len(stories))
	for _, st := range stories {
		ids = append(ids, st.ID)
	}
	for start := 0; start < len(ids); start += 500 {
		chunk := ids[start:min(start+500, len(ids))]
		if err := s.fillCopies(ctx, stories, index, chunk); err != nil {
			return err
		}
		if err := s.fillMentions(ctx, stories, index, chunk); err != nil {
			return err
		}
		if err := s.fillAudit(ctx, stories, index, chunk); err != nil {
			return err
		}
	}
	for i := range stories {
		sort.Strings(stories[i].Watches)
		stories[i].Low = !stories[i].highSeen
	}
	return nil
}

// fillCopies adds the stories' other articles and the wire agency a copy
// carries.
func (s *Store) fillCopies(ctx context.Context, stories []Story, index map[int64]int, chunk []any) error {
	rows, err := s.rdb.QueryContext(ctx, `SELECT a.story_id, a.id, a.outlet, a.canonical_url, a.merge_reason, a.wire FROM articles a
		WHERE a.story_id IN (`+placeholders(len(chunk))+`) ORDER BY a.id`, chunk...)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var storyID int64
		var c Copy
		var wire string
		if err := rows.Scan(&storyID, &c.ArticleID, &c.Outlet, &c.URL, &c.Reason, &wire); err != nil {
			return err
		}
		st := &stories[index[storyID]]
		if st.Agency == "" || wire == st.Credit {
			if wire != "" {
				st.Agency = wire
			}
		}
		if c.Reason == "" {
			c.Reason = FirstCopy
		}
		if c.ArticleID != st.ArticleID {
			st.Copies = append(st.Copies, c)
		}
	}
	return rows.Err()
}

// fillMentions adds the stories' watches and their representative's
// matches, snippet, score and role.
func (s *Store) fillMentions(ctx context.Context, stories []Story, index map[int64]int, chunk []any) error {
	rows, err := s.rdb.QueryContext(ctx, `SELECT a.story_id, a.id, m.watch, m.score, m.snippet, m.role, m.low, m.marks, m.location, m.terms FROM mentions m
		JOIN articles a ON a.id = m.article_id WHERE a.story_id IN (`+placeholders(len(chunk))+`) ORDER BY a.id, m.watch`, chunk...)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var storyID, articleID int64
		var watch, snippet, role, marks, where, terms string
		var score float64
		var low int
		if err := rows.Scan(&storyID, &articleID, &watch, &score, &snippet, &role, &low, &marks, &where, &terms); err != nil {
			return err
		}
		st := &stories[index[storyID]]
		if articleID == st.ArticleID {
			m := Match{Watch: watch, Where: where, Score: score, Low: low != 0}
			if err := json.Unmarshal([]byte(terms), &m.Terms); err != nil {
				s.log.Warn("a mention's words could not be read", "article", articleID, "error", err)
			}
			st.Matches = append(st.Matches, m)
		}
		if !contains(st.Watches, watch) {
			st.Watches = append(st.Watches, watch)
		}
		if articleID == st.ArticleID && st.Snippet == "" {
			st.Snippet, st.Score, st.Role = snippet, score, role
			if err := json.Unmarshal([]byte(marks), &st.Marks); err != nil {
				s.log.Warn("a snippet's marks could not be read", "article", articleID, "error", err)
			}
		}
		if low == 0 {
			st.highSeen = true
		}
	}
	return rows.Err()
}

func contains(list []string, s string) bool {
	for _, v := range list {
		if v == s {
			return true
		}
	}
	return false
}

// Review is a staff decision on stories: a new status, a new line, or
// both.
type Review struct {
	// Status is StatusApproved, StatusRejected, StatusNew (undo) or "" to
	// leave it.
	Status string
	// Line, when not nil, replaces the drafted line; later refetches never
	// overwrite it.
	Line *string
	// ResetLine gives the story its drafted line back (undoing an edit).
	ResetLine bool
	// CreditTo, when not nil, chooses whom the line credits: "" as the
	// config says, CreditOutlet or CreditAgency. The drafted line follows.
	CreditTo *string
}

// Whom a story's line credits, as staff choose it (package credit
// decides what follows).
const (
	CreditOutlet = credit.Outlet
	CreditAgency = credit.Agency
)

// Review applies r to every story in ids in one transaction; if any id is
// unknown nothing changes and the error names the unknown ids.
func (s *Store) Review(ctx context.Context, ids []int64, r Review) error {
	switch r.Status {
	case "", StatusNew, StatusApproved, StatusRejected:
	default:
		return fmt.Errorf("review: %w: unknown status %q", ErrInvalidInput, r.Status)
	}
	if r.Line != nil && strings.TrimSpace(*r.Line) == "" {
		return fmt.Errorf("review: %w: the summary is empty", ErrInvalidInput)
	}
	if r.Line != nil && r.ResetLine {
		return fmt.Errorf("review: %w: a new line and the drafted one at once", ErrInvalidInput)
	}
	if c := r.CreditTo; c != nil && *c != "" && *c != CreditOutlet && *c != CreditAgency {
		return fmt.Errorf("review: %w: credit %q: want outlet, agency or nothing", ErrInvalidInput, *c)
	}
	if len(ids) == 0 {
		return fmt.Errorf("review: %w: no story IDs", ErrInvalidInput)
	}
	ids = uniqueIDs(ids)
	when := s.now()
	now := fmtTime(when)
	return s.inTx(ctx, func(tx *sql.Tx) error {
		var missing []string
		for _, id := range ids {
			var was reviewState
			err := tx.QueryRowContext(ctx, `SELECT status, line, line_edited, credit_to FROM stories WHERE id = ?`, id).
				Scan(&was.status, &was.line, &was.edited, &was.creditTo)
			if errors.Is(err, sql.ErrNoRows) {
				missing = append(missing, fmt.Sprint(id))
				continue
			}
			if err != nil {
				return fmt.Errorf("review story %d: %w", id, err)
			}
			var set []string
			var args []any
			if r.Status != "" {
				set = append(set, "status = ?", "reviewed_at = ?")
				args = append(args, r.Status, now)
			}
			if r.Line != nil {
				set = append(set, "line = ?", "line_edited = 1")
				args = append(args, strings.Join(strings.Fields(*r.Line), " "))
			}
			if r.CreditTo != nil {
				set = append(set, "credit_to = ?")
				args = append(args, *r.CreditTo)
			}
			set = append(set, "updated_at = ?")
			args = append(args, now, id)
			res, err := tx.ExecContext(ctx, `UPDATE stories SET `+strings.Join(set, ", ")+` WHERE id = ?`, args...)
			if err != nil {
				return fmt.Errorf("review story %d: %w", id, err)
			}
			if n, _ := res.RowsAffected(); n == 0 {
				missing = append(missing, fmt.Sprint(id))
				continue
			}
			if r.ResetLine {
				if _, err := tx.ExecContext(ctx, `UPDATE stories SET line_edited = 0 WHERE id = ?`, id); err != nil {
					return fmt.Errorf("review story %d: %w", id, err)
				}
			}
			if r.ResetLine || r.CreditTo != nil {
				if err := s.electRepresentative(ctx, tx, id, s.now()); err != nil {
					return fmt.Errorf("review story %d: %w", id, err)
				}
			}
			if err := auditReview(ctx, tx, id, r, was, when); err != nil {
				return err
			}
		}
		if len(missing) > 0 {
			return fmt.Errorf("review: %w: no story %s", ErrNotFound, strings.Join(missing, ", "))
		}
		return nil
	})
}

// SetSectionOrder keeps the press section's order as staff set it: the
// stories in ids take places 1, 2, … in that order; other stories keep
// theirs. An unknown ID changes nothing and is an error.
func (s *Store) SetSectionOrder(ctx context.Context, ids []int64) error {
	if len(ids) == 0 || len(ids) > 10000 {
		return fmt.Errorf("section order: %w: between 1 and 10,000 stories", ErrInvalidInput)
	}
	seen := map[int64]bool{}
	for _, id := range ids {
		if seen[id] {
			return fmt.Errorf("section order: %w: story %d twice", ErrInvalidInput, id)
		}
		seen[id] = true
	}
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		for i, id := range ids {
			res, err := tx.ExecContext(ctx, `UPDATE stories SET section_rank = ? WHERE id = ?`, i+1, id)
			if err != nil {
				return err
			}
			if n, _ := res.RowsAffected(); n == 0 {
				return fmt.Errorf("%w: no story %d", ErrNotFound, id)
			}
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("section order: %w", err)
	}
	return nil
}

// reviewState is a story's review before a change.
type reviewState struct {
	status, line, creditTo string
	edited                 bool
}

// uniqueIDs drops repeated IDs, keeping the first of each.
func uniqueIDs(ids []int64) []int64 {
	seen := make(map[int64]bool, len(ids))
	out := ids[:0:0]
	for _, id := range ids {
		if !seen[id] {
			seen[id] = true
			out = append(out, id)
		}
	}
	return out
}

// auditReview writes the audit lines of a review of story id: what
// changed from was (approving an approved story records nothing).
func auditReview(ctx context.Context, tx *sql.Tx, id int64, r Review, was reviewState, now time.Time) error {
	type line struct{ action, detail string }
	var lines []line
	if r.Status != was.status {
		switch r.Status {
		case StatusApproved:
			lines = append(lines, line{AuditApproved, ""})
		case StatusRejected:
			lines = append(lines, line{AuditRejected, ""})
		case StatusNew:
			lines = append(lines, line{AuditReopened, ""})
		}
	}
	if r.Line != nil {
		if l := strings.Join(strings.Fields(*r.Line), " "); l != was.line || !was.edited {
			lines = append(lines, line{AuditLineEdited, l})
		}
	}
	if r.ResetLine && was.edited {
		lines = append(lines, line{AuditLineReset, ""})
	}
	if r.CreditTo != nil && *r.CreditTo != was.creditTo {
		to := *r.CreditTo
		if to == "" {
			to = "as configured"
		}
		lines = append(lines, line{AuditCredit, to})
	}
	for _, l := range lines {
		if err := audit(ctx, tx, id, l.action, l.detail, now); err != nil {
			return err
		}
	}
	return nil
}

// StoryText is a story's representative article as a line is checked
// against it: whom the line credits, and the article's words.
type StoryText struct {
	Credit, Title, Text, Type, Language string
}

// StoryText returns the text of a story's representative article.
func (s *Store) StoryText(ctx context.Context, id int64) (StoryText, error) {
	var t StoryText
	err := s.rdb.QueryRowContext(ctx, `SELECT CASE WHEN s.credit <> '' THEN s.credit ELSE a.outlet END, a.title, a.text, a.type, a.language
		FROM stories s JOIN articles a ON a.id = s.representative_id WHERE s.id = ?`, id).Scan(&t.Credit, &t.Title, &t.Text, &t.Type, &t.Language)
	if errors.Is(err, sql.ErrNoRows) {
		return StoryText{}, fmt.Errorf("story %d: %w", id, ErrNotFound)
	}
	if err != nil {
		return StoryText{}, fmt.Errorf("story %d: %w", id, err)
	}
	return t, nil
}
