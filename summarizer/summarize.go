package summarizer

import (
	"regexp"
	"strings"
	"unicode/utf8"
)

// Frame keys: the extractor's page types, and two frames of the writer's
// own.
const (
	frameTopic     = "topic"     // "reported on <topic>"
	frameInterview = "interview" // "interviewed <person> about <topic>"
)

// Frames by language and page type (SUMMARY-STYLE.md rules 5–9). Page
// types are the extractor's names; unknown types take the news frame and
// languages without frames take English. A line for a French or Spanish
// article is written in that language, so that the clause, which is the
// article's own sentence, and its frame agree; an article in another
// language gets the English frame around its own sentence (a translating
// backend, the LLM writer, can write it in English instead).
var frames = map[string]map[string]string{
	"en": {
		"news":          "reported that",
		"opinion":       "published an op-ed which noted that",
		"editorial":     "published an editorial which noted that",
		"report":        "published a report which noted that",
		"press_release": "stated that",
		"interview":     "reported that",
		frameTopic:      "reported on",
	},
	"fr": {
		"news":          "a rapporté que",
		"opinion":       "a publié une tribune selon laquelle",
		"editorial":     "a publié un éditorial selon lequel",
		"report":        "a publié un rapport selon lequel",
		"press_release": "a déclaré que",
		"interview":     "a rapporté que",
		frameTopic:      "a publié un article sur",
	},
	"es": {
		"news":          "informó que",
		"opinion":       "publicó una columna de opinión que señalaba que",
		"editorial":     "publicó un editorial que señalaba que",
		"report":        "publicó un informe que señalaba que",
		"press_release": "declaró que",
		"interview":     "informó que",
		frameTopic:      "publicó un artículo sobre",
	},
}

// frameFor returns the line's language and the frame for a page type.
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

// Length budget in words (SUMMARY-STYLE.md rule 2): the main sentence,
// outlet and frame included, and the whole item with its follow-up.
const (
	minWords  = 12
	maxWords  = 40
	maxItem   = 55
	minClause = 8  // words of a sentence that can be a clause (rule 12)
	leadParas = 3  // paragraphs in which a sentence naming the organization is preferred
	maxQuoted = .4 // share of a sentence's characters inside quotes (rule 12)
)

// Options configure a Summarizer.
type Options struct {
	// Org is the organization's short name in lines ("IOM").
	Org string
	// OrgNames are all its names: the longer ones are shortened to Org,
	// and a sentence holding any of them carries the mention.
	OrgNames []string
	// HeadTitle and HeadName name the organization's head as lines do:
	// "IOM Director General" and "Amy Pope" (rule 18).
	HeadTitle, HeadName string
	// Glossary holds the house's words (rule 19); nil means
	// DefaultGlossary.
	Glossary []Term
}

// Summarizer drafts lines. It is safe for concurrent use.
type Summarizer struct {
	org       string
	headTitle string
	headName  string
	longNames *regexp.Regexp
	mentions  *regexp.Regexp
	head      *regexp.Regexp
	glossary  []term
	// staff finds staff members named in a text, work a report, study or
	// survey of the organization's, orgWord its short name.
	staff   []*regexp.Regexp
	work    *regexp.Regexp
	orgWord *regexp.Regexp
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
	s := &Summarizer{org: o.Org, headTitle: strings.TrimSpace(o.HeadTitle), headName: strings.TrimSpace(o.HeadName),
		longNames: compileLongNames(o.OrgNames, o.Org)}
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
	if s.headName != "" && s.headTitle != "" {
		s.head = compileHead(o.Org, s.headName)
	}
	if o.Org != "" {
		org := regexp.QuoteMeta(o.Org)
		s.staff = staffPatterns(o.Org)
		s.work = regexp.MustCompile(`\b` + org + `(?:’s|'s)?\s+(?:[\p{L}-]+\s+){0,3}?(report|study|survey|assessment)\b|\b(report|study|survey|assessment)\s+(?:by|from|of|published by|released by|conducted by|carried out by)\s+(?:the\s+)?` + org + `\b`)
		s.orgWord = regexp.MustCompile(`\b` + org + `\b`)
	}
	g := o.Glossary
	if g == nil {
		g = DefaultGlossary
	}
	s.glossary = compileGlossary(g)
	return s
}

// Draft is a drafted line with how it was made.
type Draft struct {
	Line string
	// Sentence is the article's sentence the clause comes from ("" when
	// the line is built on the headline); Frame the frame used.
	Sentence string
	Frame    string
	// FollowUp is the follow-up sentence, if any.
	FollowUp string
	// Lead: the sentence is the article's lead; Org: it names the
	// organization.
	Lead, Org bool
}

// Line drafts the line for a. It is deterministic: the same article gives
// the same line.
func (s *Summarizer) Line(a Article) string {
	return s.Draft(a).Line
}

// Draft drafts the line for a and says how.
func (s *Summarizer) Draft(a Article) Draft {
	outlet := strings.Join(strings.Fields(a.Outlet), " ")
	if outlet == "" {
		outlet = "An outlet"
	}
	doc := s.read(a)
	lang, frame := frameFor(a.Language, a.Type)
	english := lang == "en"
	if a.Type == frameInterview && english {
		if d, ok := s.interview(a, doc, outlet); ok {
			return d
		}
	}
	ctx := clauseContext{outlet: outlet, lang: lang, doc: doc}
	var cands []candidate
	for i, sent := range doc.sentences {
		if clause, ok := s.eligible(sent, ctx); ok {
			if n := words(outlet + " " + frame + " " + clause); n >= minWords && n <= maxWords {
				cands = append(cands, candidate{sent: i, clause: clause})
			}
		}
	}
	if c, ok := s.choose(cands, doc); ok {
		sent := doc.sentences[c.sent]
		d := Draft{Sentence: sent.raw, Frame: frame, Lead: c.sent == doc.lead, Org: sent.org}
		d.Line = join(outlet, frame, finish(lowerFirst(c.clause, doc.use)), lang)
		if english && !s.names(c.clause) {
			if f := s.followUp(doc); f != "" && words(d.Line+" "+f) <= maxItem {
				d.FollowUp = f
				d.Line += " " + f
			}
		}
		return d
	}
	_, onTopic := frameFor(lang, frameTopic)
	d := Draft{Frame: onTopic, Line: outlet + " " + onTopic + " " + topic(a.Title, doc.use, lang)}
	if english {
		if f := s.followUp(doc); f != "" && words(d.Line+" "+f) <= maxItem {
			d.FollowUp = f
			d.Line += " " + f
		}
	}
	return d
}

// topic is the headline as the object of "reported on <topic>" (rule
// 9): a headline that reads as a noun phrase ("The last ferry out of
// Lampedusa") with its first word lower-cased unless a proper noun; one
// that reads as a clause ("IOM opens new office") in quotation marks.
func topic(title string, use wordCase, lang string) string {
	title = strings.Join(strings.Fields(title), " ")
	title = strings.TrimRight(title, ".!?:;, ")
	if title == "" {
		return "a story."
	}
	if lang == "en" && !clauseLike(title) {
		return finish(lowerFirst(title, use))
	}
	if lang == "fr" {
		return "« " + title + " »."
	}
	return "“" + title + "”."
}

// finiteVerbs are verbs that make a headline a clause.
var finiteVerbs = toSet(`is are was were has have had will would can could may might must should says said
warns warned calls called urges urged opens opened launches launched reaches reached rises rose falls fell hits
seeks sought faces faced flee flees fled die dies died arrive arrives arrived return returns returned reports
reported`)

// clauseLike reports whether a headline has a finite verb after its first
// word.
func clauseLike(title string) bool {
	for i, w := range strings.Fields(title) {
		if i > 0 && finiteVerbs[strings.ToLower(strings.Trim(w, `,.;:!?"“”‘’'`))] {
			return true
		}
	}
	return false
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

// words counts the words of s as the style guide does: runs of
// non-space.
func words(s string) int { return len(strings.Fields(s)) }

// finish ends the clause with exactly one period (or keeps .” when it
// ends in a quotation), with single spaces inside.
func finish(clause string) string {
	clause = strings.Join(strings.Fields(clause), " ")
	for _, end := range []string{".”", ".\"", ".’", "?”", "!”"} {
		if strings.HasSuffix(clause, end) {
			return clause
		}
	}
	return strings.TrimRight(clause, ".;:,!? ") + "."
}
