package summarizer

import (
	"regexp"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Frame keys: the extractor's page types, and two frames of the writer's
// own.
const (
	frameTopic     = "topic"     // "reported on <topic>"
	frameInterview = "interview" // "interviewed <person> about <topic>"
)

// Frames by language and page type (SUMMARY-STYLE.md rules 5–9). Page
// types are the extractor's names; unknown types take the news frame. A
// line for an article in English, French, Spanish, German, Portuguese or
// Italian is written in that language, so that the clause, which is the
// article's own sentence, and its frame agree (German reports with a
// colon: its word order after "dass" would not be the article's). An
// article in another language gets "<Outlet> reported on “<headline>”
// (in <language>)"; a translating backend, the LLM writer with
// translate set, writes it in English instead.
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
	"de": {
		"news":          "berichtete:",
		"opinion":       "veröffentlichte einen Meinungsbeitrag:",
		"editorial":     "veröffentlichte einen Leitartikel:",
		"report":        "veröffentlichte einen Bericht:",
		"press_release": "erklärte:",
		"interview":     "berichtete:",
		frameTopic:      "berichtete über",
	},
	"pt": {
		"news":          "informou que",
		"opinion":       "publicou um artigo de opinião segundo o qual",
		"editorial":     "publicou um editorial segundo o qual",
		"report":        "publicou um relatório segundo o qual",
		"press_release": "declarou que",
		"interview":     "informou que",
		frameTopic:      "publicou um artigo sobre",
	},
	"it": {
		"news":          "ha riferito che",
		"opinion":       "ha pubblicato un commento secondo cui",
		"editorial":     "ha pubblicato un editoriale secondo cui",
		"report":        "ha pubblicato un rapporto secondo cui",
		"press_release": "ha dichiarato che",
		"interview":     "ha riferito che",
		frameTopic:      "ha pubblicato un articolo su",
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
// A language without frames gives "", and the English frames.
func frameFor(lang, kind string) (string, string) {
	base, _, _ := strings.Cut(strings.ToLower(lang), "-")
	if base == "" {
		base = "en"
	}
	fs, ok := frames[base]
	if !ok {
		base, fs = "", frames["en"]
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
	// customGlossary: the glossary is not the default, whose words all
	// hold "illegal".
	customGlossary bool
	// staff finds staff members named in a text, work a report, study or
	// survey of the organization's, orgWord its short name.
	staff   []*regexp.Regexp
	work    *regexp.Regexp
	orgWord *regexp.Regexp
	// names are the organization's names, for a quick look before the
	// mentions regexp.
	orgNames []string
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
	for _, n := range append(slices.Clone(o.OrgNames), o.Org) {
		if n = strings.TrimSpace(n); n != "" {
			s.orgNames = append(s.orgNames, n)
		}
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
		s.work = regexp.MustCompile(`\b` + org + `(?:’s|'s)?\s+(?:[\p{L}-]+\s+){0,3}?((?i:report|study|survey|assessment))\b|\b((?i:report|study|survey|assessment))\s+(?:by|from|of|published by|released by|conducted by|carried out by)\s+(?:the\s+)?` + org + `\b`)
		s.orgWord = regexp.MustCompile(`\b` + org + `\b`)
	}
	g := o.Glossary
	if g == nil {
		g = DefaultGlossary
	} else {
		s.customGlossary = true
	}
	s.glossary = compileGlossary(g)
	return s
}

// mentionsOrg reports whether text names the organization.
func (s *Summarizer) mentionsOrg(text string) bool {
	if s.mentions == nil {
		return false
	}
	for _, n := range s.orgNames {
		if strings.Contains(text, n) {
			return s.mentions.MatchString(text)
		}
	}
	return false
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
	// Lead: the sentence is the article's lead; First: it is the first
	// sentence that can be a line (the lead, or the one closest to it);
	// Org: it names the organization.
	Lead, First, Org bool
}

// Line drafts the line for a. It is deterministic: the same article gives
// the same line.
func (s *Summarizer) Line(a Article) string {
	return s.draft(a, false).Line
}

// Draft drafts the line for a and says how.
func (s *Summarizer) Draft(a Article) Draft { return s.draft(a, true) }

// draft drafts the line; withFirst works out Draft.First, which costs
// more edits.
func (s *Summarizer) draft(a Article, withFirst bool) Draft {
	outlet := strings.Join(strings.Fields(a.Outlet), " ")
	if outlet == "" {
		outlet = "An outlet"
	}
	doc := s.read(a)
	lang, frame := frameFor(a.Language, a.Type)
	if lang == "" {
		// No frames in the article's language: the headline, quoted, with
		// the language named.
		_, on := frameFor("en", frameTopic)
		line := outlet + " " + on + " “" + strings.TrimRight(strings.Join(strings.Fields(a.Title), " "), ".") + "”"
		if name := languageNames[baseLanguage(a.Language)]; name != "" {
			line += " (in " + name + ")"
		}
		return Draft{Line: line + ".", Frame: on}
	}
	english := lang == "en"
	if a.Type == frameInterview && english {
		if d, ok := s.interview(a, doc, outlet); ok {
			return d
		}
	}
	ctx := clauseContext{outlet: outlet, lang: lang, doc: doc}
	fits := func(i int) (string, bool) {
		clause, ok := s.eligible(doc.sentences[i], ctx)
		if !ok {
			return "", false
		}
		n := words(outlet + " " + frame + " " + clause)
		return clause, n >= minWords && n <= maxWords
	}
	if c, first, ok := s.choose(doc, fits, withFirst); ok {
		sent := doc.sentences[c.sent]
		d := Draft{Sentence: sent.raw, Frame: frame, Lead: c.sent == doc.lead, First: first, Org: sent.org}
		clause := c.clause
		if !strings.HasSuffix(frame, ":") {
			clause = lowerFirst(clause, doc.use)
		}
		d.Line = join(outlet, frame, finish(clause), lang)
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
	title = labelRe.ReplaceAllString(title, "")
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

// labelRe finds a headline's label: "Explainer: …", "Analysis | …".
var labelRe = regexp.MustCompile(`^(?i:explainer|analysis|feature|factbox|fact check|in pictures|in depth|q&a|live|watch|video)\s*[:|–—-]\s*`)

// finiteVerbs are verbs that make a headline a clause.
var finiteVerbs = toSet(`is are was were has have had will would can could may might must should says said
warns warned calls called urges urged opens opened launches launched reaches reached rises rose falls fell hits
seeks sought faces faced flee flees fled die dies died arrive arrives arrived return returns returned reports
reported`)

// clauseLike reports whether a headline has a finite verb after its first
// word and before a comma or a wh-word ("The Darién Gap crossing, and why
// fewer migrants are attempting it" is a noun phrase).
func clauseLike(title string) bool {
	for i, w := range strings.Fields(title) {
		bare := strings.ToLower(strings.Trim(w, `,.;:!?"“”‘’'`))
		if i > 0 && finiteVerbs[bare] {
			return true
		}
		if strings.ContainsAny(w, ",:;") || whWords[bare] {
			return false
		}
	}
	return false
}

var whWords = toSet(`why how what where when who which that whose`)

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
// non-space; in Chinese, Japanese and Korean, which write no spaces,
// every two characters.
func words(s string) int {
	n := 0
	for _, f := range strings.Fields(s) {
		cjk := 0
		for _, r := range f {
			if unicode.In(r, unicode.Han, unicode.Hiragana, unicode.Katakana, unicode.Hangul) {
				cjk++
			}
		}
		if cjk > 2 {
			n += (cjk + 1) / 2
		} else {
			n++
		}
	}
	return n
}

func baseLanguage(lang string) string {
	base, _, _ := strings.Cut(strings.ToLower(lang), "-")
	return base
}

// languageNames name the languages a line may have to mention.
var languageNames = map[string]string{
	"ar": "Arabic", "bn": "Bengali", "cs": "Czech", "da": "Danish", "el": "Greek", "fa": "Persian", "fi": "Finnish",
	"he": "Hebrew", "hi": "Hindi", "hu": "Hungarian", "id": "Indonesian", "ja": "Japanese", "ko": "Korean", "ms": "Malay",
	"nl": "Dutch", "no": "Norwegian", "pl": "Polish", "ro": "Romanian", "ru": "Russian", "sk": "Slovak", "sv": "Swedish",
	"sw": "Swahili", "th": "Thai", "tr": "Turkish", "uk": "Ukrainian", "ur": "Urdu", "vi": "Vietnamese", "zh": "Chinese",
	"am": "Amharic", "so": "Somali", "ha": "Hausa", "ps": "Pashto", "my": "Burmese",
}

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

// OutletName makes a page's site name fit to open a line when no
// configured name is given (rule 20 prefers the config's display names):
// no scheme or "www.", a capital first letter ("the Guardian" → "The
// Guardian").
func OutletName(site string) string {
	site = strings.Join(strings.Fields(site), " ")
	for _, p := range []string{"https://", "http://", "www."} {
		site = strings.TrimPrefix(site, p)
	}
	site = strings.TrimRight(site, "/")
	r, size := utf8.DecodeRuneInString(site)
	if size == 0 {
		return ""
	}
	return string(unicode.ToUpper(r)) + site[size:]
}
