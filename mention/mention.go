// Package mention finds where an article names a watched organization.
//
// A Watch is a name, its aliases in every language, and phrases to
// exclude. Matching follows what communications staff expect from a
// clipping service: aliases match as whole words (a letter or digit on
// either side is no match), aliases written in capitals (IOM, OIM) match
// case-sensitively and others case-insensitively, and aliases in scripts
// written without spaces (Chinese, Japanese, Thai) match as substrings.
// URLs, e-mail addresses, hashtags and excluded phrases are blanked
// before matching; an acronym that the text defines for an excluded
// phrase ("the Isle of Man (IOM)") is blanked throughout that text.
//
// The package matches plain text; it knows nothing of HTML, pages or
// storage. Files: mention.go (Watch, Matcher, Match), scan.go (masking and
// the word-boundary scan), snippet.go (the text around a mention).
package mention

import (
	"fmt"
	"regexp"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// Watch is something to look for: the organization, its head, a campaign.
type Watch struct {
	Name    string
	Aliases []string
	Exclude []string
}

// Document is the article text to search, split by where it appears.
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
	// Where is the strongest place it was found (InTitle, InLead, InBody).
	Where string
	// Count is how many times it was found in all.
	Count int
	// Score weighs the finds: 3 per title match, 2 per lead match, 1 per
	// body match, capped at 10.
	Score float64
	// Terms are the distinct aliases found, in order of first appearance.
	Terms []string
	// Snippet is the text around the first match in the article text (or
	// the title when only the title matched).
	Snippet string
}

// Matcher finds the mentions of a set of watches. It is safe for
// concurrent use.
type Matcher struct {
	watches []*compiled
}

type compiled struct {
	name     string
	alias    *regexp.Regexp
	spaced   []bool // per alias group: does it need word boundaries
	exclude  *regexp.Regexp
	excludes []string
}

// New compiles the watches; a watch with no names is an error.
func New(watches []Watch) (*Matcher, error) {
	m := &Matcher{}
	for _, w := range watches {
		c, err := compile(w)
		if err != nil {
			return nil, fmt.Errorf("watch %q: %w", w.Name, err)
		}
		m.watches = append(m.watches, c)
	}
	return m, nil
}

func compile(w Watch) (*compiled, error) {
	names := append([]string{}, w.Aliases...)
	if w.Name != "" {
		names = append(names, w.Name)
	}
	names = dedupe(names)
	if len(names) == 0 {
		return nil, fmt.Errorf("no name or alias")
	}
	// Longest first, so that "International Organization for Migration"
	// wins over a shorter alias at the same position.
	sort.SliceStable(names, func(i, j int) bool { return len(names[i]) > len(names[j]) })
	c := &compiled{name: w.Name}
	var parts []string
	for _, n := range names {
		parts = append(parts, "("+aliasPattern(n)+")")
		c.spaced = append(c.spaced, !unspaced(n))
	}
	re, err := regexp.Compile(strings.Join(parts, "|"))
	if err != nil {
		return nil, err
	}
	c.alias = re
	if ex := dedupe(w.Exclude); len(ex) > 0 {
		var ps []string
		for _, e := range ex {
			ps = append(ps, phrasePattern(e))
		}
		c.exclude = regexp.MustCompile(`(?i)(?:` + strings.Join(ps, "|") + `)(?:\s*\(([\p{Lu}\d]{2,6})\))?`)
		c.excludes = ex
	}
	return c, nil
}

func dedupe(in []string) []string {
	seen := map[string]bool{}
	var out []string
	for _, s := range in {
		s = norm.NFC.String(strings.TrimSpace(s))
		if s != "" && !seen[s] {
			seen[s] = true
			out = append(out, s)
		}
	}
	return out
}

// IsAcronym reports whether an alias is written in capitals (2–6 letters
// or digits with at least two capitals): such aliases match
// case-sensitively, so "IOM" never matches "iom" or "Iom".
func IsAcronym(s string) bool {
	n, upper := 0, 0
	for _, r := range s {
		switch {
		case unicode.IsUpper(r):
			upper++
		case unicode.IsDigit(r):
		default:
			return false
		}
		n++
	}
	return n >= 2 && n <= 6 && upper >= 2
}

// aliasPattern is the regexp for one alias: literal words joined by any
// run of white space, case-insensitive unless the alias is an acronym.
func aliasPattern(alias string) string {
	if IsAcronym(alias) {
		return regexp.QuoteMeta(alias)
	}
	return "(?i:" + phrasePattern(alias) + ")"
}

func phrasePattern(p string) string {
	words := strings.Fields(p)
	for i, w := range words {
		q := regexp.QuoteMeta(w)
		// Typographic and straight apostrophes are the same character to
		// a reader.
		q = strings.NewReplacer("'", "['’]", "’", "['’]").Replace(q)
		words[i] = q
	}
	return strings.Join(words, `\s+`)
}

// unspaced reports whether s is written in a script without spaces
// between words, where whole-word matching makes no sense.
func unspaced(s string) bool {
	for _, r := range s {
		if unicode.In(r, unicode.Han, unicode.Hiragana, unicode.Katakana, unicode.Thai, unicode.Lao, unicode.Khmer, unicode.Myanmar) {
			return true
		}
	}
	return false
}

// Match returns the mentions of every watch found in doc, in watch order.
func (m *Matcher) Match(doc Document) []Mention {
	title := norm.NFC.String(doc.Title)
	paras := make([]string, len(doc.Paragraphs))
	for i, p := range doc.Paragraphs {
		paras[i] = norm.NFC.String(p)
	}
	var out []Mention
	for _, c := range m.watches {
		if mn, ok := c.match(title, paras); ok {
			out = append(out, mn)
		}
	}
	return out
}

func (c *compiled) match(title string, paras []string) (Mention, bool) {
	// Acronyms the text defines for excluded phrases are excluded in the
	// whole text, title included.
	local := c.localAcronyms(title, paras)
	mn := Mention{Watch: c.name}
	seen := map[string]bool{}
	firstSnippet := ""
	add := func(text, where string, weight float64) {
		for _, loc := range c.find(text, local) {
			mn.Count++
			mn.Score += weight
			if mn.Where == "" {
				mn.Where = where
			}
			term := text[loc[0]:loc[1]]
			if !seen[term] {
				seen[term] = true
				mn.Terms = append(mn.Terms, term)
			}
			if firstSnippet == "" && where != InTitle {
				firstSnippet = snippet(text, loc[0], loc[1])
			}
		}
	}
	add(title, InTitle, 3)
	for i, p := range paras {
		if i < leadParagraphs {
			add(p, InLead, 2)
		} else {
			add(p, InBody, 1)
		}
	}
	if mn.Count == 0 {
		return Mention{}, false
	}
	mn.Score = min(mn.Score, 10)
	mn.Snippet = firstSnippet
	if mn.Snippet == "" {
		mn.Snippet = title
	}
	return mn, true
}

// localAcronyms collects the acronyms a text defines for an excluded
// phrase: "the Isle of Man (IOM)" makes a bare "IOM" mean the island in
// that text.
func (c *compiled) localAcronyms(title string, paras []string) map[string]bool {
	if c.exclude == nil {
		return nil
	}
	var local map[string]bool
	scan := func(s string) {
		for _, m := range c.exclude.FindAllStringSubmatch(s, -1) {
			if m[1] != "" {
				if local == nil {
					local = map[string]bool{}
				}
				local[m[1]] = true
			}
		}
	}
	scan(title)
	for _, p := range paras {
		scan(p)
	}
	return local
}

// find returns the byte ranges of the aliases in text after masking.
func (c *compiled) find(text string, local map[string]bool) [][2]int {
	masked := mask(text, c.exclude)
	var out [][2]int
	for _, m := range c.alias.FindAllStringSubmatchIndex(masked, -1) {
		group := 0
		for g := 1; g*2 < len(m); g++ {
			if m[2*g] >= 0 {
				group = g - 1
				break
			}
		}
		start, end := m[0], m[1]
		if c.spaced[group] && !atWordBoundary(masked, start, end) {
			continue
		}
		if local[masked[start:end]] {
			continue
		}
		out = append(out, [2]int{start, end})
	}
	return out
}

// atWordBoundary reports whether text[start:end] has no letter, digit or
// combining mark immediately before or after it.
func atWordBoundary(text string, start, end int) bool {
	if start > 0 {
		r, _ := utf8.DecodeLastRuneInString(text[:start])
		if isWordRune(r) {
			return false
		}
	}
	if end < len(text) {
		r, _ := utf8.DecodeRuneInString(text[end:])
		if isWordRune(r) {
			return false
		}
	}
	return true
}

func isWordRune(r rune) bool {
	return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r) || r == '_'
}

// Excluded reports whether text holds one of any watch's excluded phrases.
func (m *Matcher) Excluded(text string) bool {
	text = norm.NFC.String(text)
	for _, c := range m.watches {
		if c.exclude != nil && c.exclude.MatchString(text) {
			return true
		}
	}
	return false
}
