// Package mention finds where an article names what staff watch: the
// organization, its head, a campaign. Each Watch is a query in pressclip's
// Boolean language (package query) or, as a shorthand, a list of aliases;
// phrases it excludes are masked before matching, and an acronym a text
// defines for one ("the Isle of Man (IOM)") is masked throughout that
// text.
//
// A Mention says where the watch matched (title, lead, body), how often,
// a score (title > lead > body, repeats count, a name in a list counts
// half), the role the organization plays (the subject, the cited source,
// a quoted spokesperson, a name in a list), the snippet around the first
// strong match with the matched words marked, and whether the score is
// below the watch's minimum (low relevance). When a query wants words
// beside the watch's names (IOM AND migra*), only the names — the terms
// that spell one of its aliases — make up the mention.
//
// The package matches plain text; it knows nothing of HTML, pages or
// storage. Files: mention.go (Watch, Matcher, Match), role.go (roles),
// snippet.go (snippets), window.go (long documents read in windows).
package mention

import (
	"fmt"
	"regexp"
	"slices"
	"strings"
	"sync"
	"unicode"

	"github.com/pressclip/pressclip/query"
)

// Watch is something to look for.
type Watch struct {
	Name string
	// Query, in the query language; when empty, Aliases are the query
	// (any of them).
	Query   string
	Aliases []string
	// Exclude lists phrases whose words never count (matched in any case).
	Exclude []string
	// MinScore is the score a mention needs to reach the list (default
	// 1); below it the mention is kept as low relevance.
	MinScore float64
	// StrictAccents matches accents as written.
	StrictAccents bool
}

// Document is the article text to search.
type Document struct {
	Title      string
	Paragraphs []string
}

// Where a mention was found, strongest first.
const (
	InTitle = "title"
	InLead  = "lead"
	InBody  = "body"
)

// leadParagraphs is how many opening paragraphs count as the lead.
const leadParagraphs = 2

// Mention is one watch found in one document.
type Mention struct {
	Watch string
	// Where is the strongest place it matched.
	Where string
	// Count is how many times the watch's terms matched (its names, when
	// the watch has aliases and its query holds them, not the words it
	// wants beside them).
	Count int
	// Score weighs the matches: 3 per title match, 2 per lead match, 1
	// per body match (half for a name in a list), capped at MaxScore.
	Score float64
	// Role is the organization's part in the article (Role constants).
	Role string
	// Low: the score is below the watch's minimum.
	Low bool
	// Terms are the distinct matched texts, in order of first appearance.
	Terms []string
	// Snippet is the text around the first strong match; Marks are the
	// byte ranges of matched words in it.
	Snippet string
	Marks   [][2]int
}

// MaxScore caps a mention's score.
const MaxScore = 10

// maxRoleHits is how many matches of a mention are read for its role.
const maxRoleHits = 4

// Matcher finds the mentions of a set of watches. It is safe for
// concurrent use.
type Matcher struct {
	watches []*compiled
	indexes sync.Pool // *query.Index, reused across documents
}

type compiled struct {
	name     string
	q        *query.Query
	excludes []*query.Term
	// names are the query's terms that spell an alias: when a match
	// has hits of them, only those describe the mention.
	names map[*query.Term]bool
	// entity: the watch names someone (it has aliases), so its mentions
	// have a role; a topic watch (a query alone) does not.
	entity   bool
	opts     query.Options
	minScore float64
}

// Error is a watch whose query does not parse: Pos is in the query text.
type Error struct {
	Watch string
	Err   *query.SyntaxError
}

func (e *Error) Error() string { return fmt.Sprintf("watch %q: query: %v", e.Watch, e.Err) }

// New compiles the watches.
func New(watches []Watch) (*Matcher, error) {
	m := &Matcher{}
	for _, w := range watches {
		c, err := compile(w)
		if err != nil {
			return nil, err
		}
		m.watches = append(m.watches, c)
	}
	return m, nil
}

// AliasQuery writes a list of aliases as a query: any of them, each as a
// phrase (a single word in capitals is matched exactly, as in queries).
func AliasQuery(aliases []string) string {
	var parts []string
	for _, a := range aliases {
		a = strings.TrimSpace(strings.NewReplacer(`"`, " ", `“`, " ", `”`, " ").Replace(a))
		if a != "" {
			parts = append(parts, `"`+a+`"`)
		}
	}
	return strings.Join(parts, " OR ")
}

func compile(w Watch) (*compiled, error) {
	src := w.Query
	if strings.TrimSpace(src) == "" {
		names := append([]string{}, w.Aliases...)
		if w.Name != "" {
			names = append(names, w.Name)
		}
		src = AliasQuery(names)
	}
	q, err := query.Parse(src)
	if err != nil {
		se, _ := err.(*query.SyntaxError)
		if se == nil {
			se = &query.SyntaxError{Pos: 1, Msg: err.Error()}
		}
		return nil, &Error{Watch: w.Name, Err: se}
	}
	c := &compiled{name: w.Name, q: q, opts: query.Options{StrictAccents: w.StrictAccents}, minScore: w.MinScore}
	if strings.TrimSpace(w.Query) != "" {
		c.names = nameTerms(q, w.Aliases)
	}
	c.entity = len(w.Aliases) > 0 || strings.TrimSpace(w.Query) == ""
	if c.minScore == 0 {
		c.minScore = 1
	}
	for _, e := range w.Exclude {
		e = strings.TrimSpace(strings.NewReplacer(`"`, " ", `“`, " ", `”`, " ").Replace(e))
		if e == "" {
			continue
		}
		eq, err := query.Parse(`~"` + e + `"`)
		if err != nil {
			return nil, &Error{Watch: w.Name, Err: err.(*query.SyntaxError)}
		}
		if t, ok := eq.Root.(*query.Term); ok {
			c.excludes = append(c.excludes, t)
		}
	}
	return c, nil
}

// texts lays a document out as the query package reads it.
func texts(doc Document) []query.Text {
	out := make([]query.Text, 0, len(doc.Paragraphs)+1)
	out = append(out, query.Text{Field: query.Title, S: doc.Title})
	for i, p := range doc.Paragraphs {
		f := query.Body
		if i < leadParagraphs {
			f = query.Lead
		}
		out = append(out, query.Text{Field: f, S: p})
	}
	return out
}

// Match returns the mentions of every watch found in doc, in watch order.
// A document longer than matchWindow is read window by window
// (eachWindow), and each watch's mentions in them are added up.
func (m *Matcher) Match(doc Document) []Mention { return m.matchIn(doc, matchWindow) }

// matchIn is Match reading window bytes of text at a time.
func (m *Matcher) matchIn(doc Document, window int) []Mention {
	idx, _ := m.indexes.Get().(*query.Index)
	if idx == nil {
		idx = &query.Index{}
	}
	defer m.indexes.Put(idx)
	tallies := make([]*tally, len(m.watches))
	eachWindow(texts(doc), window, func(win []query.Text) {
		idx.Reset(win)
		for i, c := range m.watches {
			if hits, ok := c.match(idx); ok {
				if tallies[i] == nil {
					tallies[i] = &tally{}
				}
				tallies[i].add(c, idx.Texts(), c.named(hits))
			}
		}
	})
	var out []Mention
	for i, c := range m.watches {
		if tallies[i] != nil {
			out = append(out, tallies[i].mention(c))
		}
	}
	return out
}

// Excluded reports whether text holds one of any watch's excluded
// phrases.
func (m *Matcher) Excluded(text string) bool {
	idx := query.NewIndex([]query.Text{{Field: query.Title, S: text}})
	for _, c := range m.watches {
		for _, t := range c.excludes {
			if len(idx.Find(t, query.Options{})) > 0 {
				return true
			}
		}
	}
	return false
}

// localAcronym finds "(IOM)" right after an excluded phrase.
var localAcronym = regexp.MustCompile(`^\s*\(\s*(\p{Lu}[\p{Lu}\d]{1,5})\s*\)`)

// match returns the hits of the watch in the index, when it matches.
func (c *compiled) match(idx *query.Index) ([]query.Hit, bool) {
	opts := c.opts
	if len(c.excludes) > 0 {
		texts := idx.Texts()
		for _, t := range c.excludes {
			for _, h := range idx.Find(t, query.Options{}) {
				if opts.Masked == nil {
					opts.Masked = make([]bool, idx.Len())
				}
				for i := h.First; i <= h.Last && i >= 0; i++ {
					opts.Masked[i] = true
				}
				// An acronym the text defines for the excluded phrase
				// means the same thing everywhere in the text.
				if m := localAcronym.FindStringSubmatch(texts[h.Text].S[h.End:]); m != nil {
					for _, i := range idx.Words(m[1]) {
						opts.Masked[i] = true
					}
				}
			}
		}
	}
	ok, hits := c.q.Match(idx, opts)
	return hits, ok && len(hits) > 0
}

// named keeps the hits of the watch's names, when there are any: in
// IOM AND (migra* OR refugee*) the mention is the IOM, and the
// "migrants" beside it is context, which must not add to the score, the
// role, the terms or the snippet.
func (c *compiled) named(hits []query.Hit) []query.Hit {
	if c.names == nil || !slices.ContainsFunc(hits, func(h query.Hit) bool { return c.names[h.Term] }) {
		return hits
	}
	return slices.DeleteFunc(hits, func(h query.Hit) bool { return !c.names[h.Term] })
}

// nameTerms returns the terms of q that match one of the aliases whole
// (IOM, "International Organization for Migration", a Russian phrase
// with wildcards that matches its inflected forms), or nil.
func nameTerms(q *query.Query, aliases []string) map[*query.Term]bool {
	var idxs []*query.Index
	for _, a := range aliases {
		if strings.TrimSpace(a) != "" {
			idxs = append(idxs, query.NewIndex([]query.Text{{Field: query.Any, S: a}}))
		}
	}
	names := map[*query.Term]bool{}
	check := func(t *query.Term) {
		for _, idx := range idxs {
			s := idx.Texts()[0].S
			for _, h := range idx.Find(t, query.Options{}) {
				if !hasLetters(s[:h.Start]) && !hasLetters(s[h.End:]) {
					names[t] = true
					return
				}
			}
		}
	}
	var walk func(n query.Node)
	walk = func(n query.Node) {
		switch n := n.(type) {
		case *query.Term:
			check(n)
		case *query.Near:
			for _, t := range append(append([]*query.Term{}, n.Left...), n.Right...) {
				check(t)
			}
		case *query.And:
			for _, it := range n.Items {
				walk(it)
			}
		case *query.Or:
			for _, it := range n.Items {
				walk(it)
			}
		} // terms under a NOT give no hits
	}
	walk(q.Root)
	if len(names) == 0 {
		return nil
	}
	return names
}

func hasLetters(s string) bool {
	return strings.IndexFunc(s, func(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }) >= 0
}

// tally adds up a watch's hits, window by window, into its Mention.
type tally struct {
	mn        Mention
	score     float64
	strongest query.Field
	seen      map[string]bool
	// snippet ranks the match the snippet is around: 0 none yet, 1 the
	// title, 2 the text, 3 a strong match (in the text, not a name in a
	// list). The first match of the best rank gives it.
	snippet int
}

// add counts the hits of one window, whose texts are texts, in document
// order after those added before.
func (t *tally) add(c *compiled, texts []query.Text, hits []query.Hit) {
	if t.seen == nil {
		t.seen = map[string]bool{}
		t.mn.Role = RoleMention
	}
	roles := make([]string, len(hits))
	for i, h := range hits {
		term := texts[h.Text].S[h.Start:h.End]
		if !t.seen[term] {
			t.seen[term] = true
			t.mn.Terms = append(t.mn.Terms, term)
		}
		// The first matches tell the organization's role; past them a
		// long article's hundredth "IOM" says nothing new.
		roles[i] = RoleMention
		if c.entity && t.mn.Count+i < maxRoleHits {
			roles[i] = roleAt(texts[h.Text].S, h.Start, h.End)
		}
		weight := 1.0
		switch h.Field {
		case query.Title:
			weight = 3
		case query.Lead:
			weight = 2
		}
		if roles[i] == RoleList {
			weight /= 2
		}
		t.score += weight
		if t.strongest == 0 || h.Field < t.strongest {
			t.strongest = h.Field
		}
		if rank[roles[i]] > rank[t.mn.Role] {
			t.mn.Role = roles[i]
		}
	}
	t.mn.Count += len(hits)
	if t.snippet < 3 {
		if pick, r := snippetPick(hits, roles); r > t.snippet {
			t.snippet = r
			t.mn.Snippet, t.mn.Marks = snippetAt(texts, hits, pick)
		}
	}
}

// mention is the Mention the hits added up to.
func (t *tally) mention(c *compiled) Mention {
	mn := t.mn
	mn.Watch = c.name
	mn.Score = min(t.score, MaxScore)
	mn.Low = mn.Score < c.minScore
	mn.Where = t.strongest.String()
	return mn
}
