package summarizer

import (
	"regexp"
	"strings"
	"unicode/utf8"
)

// Frames by language and page type (SUMMARY-STYLE.md rules 5–9). Page
// types are the extractor's names; unknown types take the news frame and
// languages without frames take English. A line for a French or Spanish
// article is written in that language, so that the clause, which is the
// article's own sentence, and its frame agree.
var frames = map[string]map[string]string{
	"en": {
		"news":          "reported that",
		"opinion":       "published an op-ed which noted that",
		"editorial":     "published an editorial which noted that",
		"report":        "published a report which noted that",
		"press_release": "stated that",
		"interview":     "reported that",
		"title":         "reported on",
	},
	"fr": {
		"news":          "a rapporté que",
		"opinion":       "a publié une tribune selon laquelle",
		"editorial":     "a publié un éditorial selon lequel",
		"report":        "a publié un rapport selon lequel",
		"press_release": "a déclaré que",
		"interview":     "a rapporté que",
		"title":         "a publié",
	},
	"es": {
		"news":          "informó que",
		"opinion":       "publicó una columna de opinión que señalaba que",
		"editorial":     "publicó un editorial que señalaba que",
		"report":        "publicó un informe que señalaba que",
		"press_release": "declaró que",
		"interview":     "informó que",
		"title":         "publicó",
	},
}

// frameFor returns the frame for a page type in the article's language.
func frameFor(lang, kind string) (string, string) {
	base, _, _ := strings.Cut(strings.ToLower(lang), "-")
	fs, ok := frames[base]
	if !ok {
		base, fs = "en", frames["en"]
	}
	f, ok := fs[kind]
	if !ok {
		f = fs["news"]
	}
	return base, f
}

// Length budget of the main sentence in words, frame included (rule 2).
const (
	minWords = 12
	maxWords = 40
)

// Options configure a Summarizer.
type Options struct {
	// Org is the organization's short name in lines ("IOM").
	Org string
	// OrgNames are all its names: the longer ones are shortened to Org,
	// and a sentence holding any of them carries the mention.
	OrgNames []string
}

// Summarizer drafts lines. It is safe for concurrent use.
type Summarizer struct {
	org       string
	longNames *regexp.Regexp
	mentions  *regexp.Regexp
}

// Article is what the summarizer reads.
type Article struct {
	// Outlet is the name the line credits ("The Guardian", "AFP").
	Outlet     string
	Title      string
	Paragraphs []string
	// Type is the page type ("news", "opinion", …).
	Type string
	// Language is the article's language ("en", "fr"); names are
	// shortened to Org only in English text.
	Language string
}

// New builds a Summarizer.
func New(o Options) *Summarizer {
	s := &Summarizer{org: o.Org, longNames: compileLongNames(o.OrgNames, o.Org)}
	var alts []string
	for _, n := range o.OrgNames {
		if n = strings.TrimSpace(n); n != "" {
			alts = append(alts, regexp.QuoteMeta(n))
		}
	}
	if o.Org != "" {
		alts = append(alts, regexp.QuoteMeta(o.Org))
	}
	if len(alts) > 0 {
		s.mentions = regexp.MustCompile(`(?:^|[^\p{L}\p{N}])(?:` + strings.Join(alts, "|") + `)(?:$|[^\p{L}\p{N}])`)
	}
	return s
}

// candidate is a sentence that could become the line's clause.
type candidate struct {
	clause string
	para   int
	org    bool
}

// Line drafts the line for a. It is deterministic: the same article gives
// the same line.
func (s *Summarizer) Line(a Article) string {
	outlet := strings.TrimSpace(a.Outlet)
	if outlet == "" {
		outlet = "An outlet"
	}
	lang, frame := frameFor(a.Language, a.Type)
	var all []string
	var cands []candidate
	for i, p := range a.Paragraphs {
		for j, sent := range Sentences(p) {
			if i == 0 && j == 0 {
				sent = stripDateline(sent)
			}
			all = append(all, sent)
			if c, ok := s.eligible(sent, outlet, frame, a.Language); ok {
				cands = append(cands, candidate{clause: c, para: i, org: s.mentions != nil && s.mentions.MatchString(sent)})
			}
		}
	}
	use := wordUse(all)
	if c, ok := choose(cands); ok {
		return join(outlet, frame, finish(lowerFirst(c.clause, use)), lang)
	}
	title := strings.TrimRight(strings.TrimSpace(a.Title), ".")
	if title == "" {
		title = "?"
	}
	_, onTitle := frameFor(lang, "title")
	if lang == "fr" {
		return outlet + " " + onTitle + " « " + title + " »."
	}
	return outlet + " " + onTitle + " “" + title + "”."
}

// join writes "<outlet> <frame> <clause>", eliding French "que" before a
// vowel ("a rapporté qu’une …").
func join(outlet, frame, clause, lang string) string {
	if lang == "fr" && strings.HasSuffix(frame, " que") {
		if r, _ := utf8.DecodeRuneInString(clause); strings.ContainsRune("aeiouyàâéèêëîïôûAEIOUYÀÂÉÈÊÎÔÛ", r) {
			return outlet + " " + strings.TrimSuffix(frame, "que") + "qu’" + clause
		}
	}
	return outlet + " " + frame + " " + clause
}

// choose prefers the lead: the first eligible sentence, unless it does not
// name the organization and one of the first five paragraphs has a
// sentence that does (SUMMARY-STYLE.md §3: lines are lead rewrites, the
// organization inside the clause when the article gives it early).
func choose(cands []candidate) (candidate, bool) {
	if len(cands) == 0 {
		return candidate{}, false
	}
	if cands[0].org {
		return cands[0], true
	}
	for _, c := range cands {
		if c.org && c.para < 5 {
			return c, true
		}
	}
	return cands[0], true
}

// Sentences that are never a line (SUMMARY-STYLE.md rule 12).
var (
	connectives = regexp.MustCompile(`^(?:He|She|They|It|This|These|Those|That|But|And|However|Meanwhile|Also|So|Yet|Still|Instead)\b`)
	boilerplate = regexp.MustCompile(`(?i)^(?:share this|media playback|image copyright|photo:|read more|sign up|advertisement|click here|subscribe|follow us|listen to)`)
)

// eligible returns the clause s would give, after the edits, if it can be a
// line at all.
func (s *Summarizer) eligible(sent, outlet, frame, lang string) (string, bool) {
	sent = strings.TrimSpace(sent)
	if first, _ := utf8.DecodeRuneInString(sent); sent == "" || strings.ContainsRune(`"“‘'«`, first) {
		return "", false
	}
	if strings.HasSuffix(sent, "?") || strings.HasSuffix(sent, "!") || strings.HasSuffix(sent, ":") {
		return "", false
	}
	if connectives.MatchString(sent) || boilerplate.MatchString(sent) {
		return "", false
	}
	if strings.Contains(sent, "http://") || strings.Contains(sent, "https://") || strings.Contains(sent, "…") || strings.Contains(sent, "...") {
		return "", false
	}
	if quotedShare(sent) > 0.4 {
		return "", false
	}
	clause := sent
	if lang == "" || strings.HasPrefix(lang, "en") {
		clause = shortenOrg(clause, s.longNames, s.org)
	}
	n := len(strings.Fields(outlet + " " + frame + " " + clause))
	if len(strings.Fields(clause)) < 8 || n < minWords || n > maxWords {
		return "", false
	}
	return clause, true
}

// quotedShare is the share of a sentence's characters inside quotes.
func quotedShare(s string) float64 {
	in := false
	quoted, total := 0, 0
	for _, r := range s {
		switch r {
		case '“', '”', '"', '«', '»':
			in = r == '“' || r == '«' || (r == '"' && !in)
			continue
		}
		total++
		if in {
			quoted++
		}
	}
	if total == 0 {
		return 0
	}
	return float64(quoted) / float64(total)
}

// finish ends the clause with exactly one period (or keeps .” when it
// ends in a quotation).
func finish(clause string) string {
	clause = strings.Join(strings.Fields(clause), " ")
	for _, end := range []string{".”", ".\"", ".’"} {
		if strings.HasSuffix(clause, end) {
			return clause
		}
	}
	return strings.TrimRight(clause, ".;:, ") + "."
}
