package summarizer

import (
	"context"
	"regexp"
	"slices"
	"strings"
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
	// Glossary holds the house's words (rule 19); nil means the house's
	// own glossary.
	Glossary []Term
	// Language is the newsletter's language, the language of every line
	// (rule 26): one of Languages(); "" means English. An article in
	// another language gets the marked topic line and NeedsTranslation,
	// unless a translating writer (Translating, the LLM writer) writes it.
	Language string
}

// Summarizer drafts lines. It is safe for concurrent use.
type Summarizer struct {
	org       string
	lang      string
	headTitle string
	headName  string
	longNames *regexp.Regexp
	head      *regexp.Regexp
	// headDesc: the head named, then described ("Amy Pope, the head of
	// IOM,"), or described, then named ("the head of IOM, Amy Pope,").
	headDesc *regexp.Regexp
	glossary []term
	// customGlossary: the glossary is not the default, whose words all
	// hold "illegal".
	customGlossary bool
	// staff finds staff members named in a text, work a report, study or
	// survey of the organization's, orgWord its short name.
	staff   []*regexp.Regexp
	work    *regexp.Regexp
	orgWord *regexp.Regexp
	// orgNames are the organization's names, as mentionsOrg looks for
	// them.
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
	// Language is the article's language ("en", "fr"), as detected from
	// its text; "" is taken as the newsletter's.
	Language string
	// Standfirst is the paragraph the page marks as its standfirst, as
	// Paragraphs holds it (extractor.Article.Standfirst), or "": never the
	// lead.
	Standfirst string
}

// New builds a Summarizer.
func New(o Options) *Summarizer {
	s := &Summarizer{org: o.Org, headTitle: strings.TrimSpace(o.HeadTitle), headName: strings.TrimSpace(o.HeadName),
		longNames: compileLongNames(o.OrgNames, o.Org), lang: baseLanguage(o.Language)}
	if frames[s.lang] == nil {
		s.lang = "en"
	}
	for _, n := range append(slices.Clone(o.OrgNames), o.Org) {
		if n = strings.TrimSpace(n); n != "" {
			s.orgNames = append(s.orgNames, n)
		}
	}
	if s.headName != "" && s.headTitle != "" {
		s.head = compileHead(o.Org, s.headName)
		if o.Org != "" {
			s.headDesc = regexp.MustCompile(`(?:(?:the\s+)?` + regexp.QuoteMeta(o.Org) + `(?:’s|'s)?\s+(?i:director[- ]general|chief|head)\s+)?` + regexp.QuoteMeta(s.headName) + `(?:,\s+(?:the\s+)?(?i:head|chief|director[- ]general|leader)\s+of\s+(?:the\s+)?` + regexp.QuoteMeta(o.Org) + `,|\s+(?:of|from|at)\s+(?:the\s+)?` + regexp.QuoteMeta(o.Org) + `\b)` +
				// "the head of IOM, Mara Lindqvist," (the name after the title).
				`|(?:(?i:the)\s+)?(?i:head|chief|director[- ]general|leader)\s+of\s+(?:the\s+)?` + regexp.QuoteMeta(o.Org) + `,\s+` + regexp.QuoteMeta(s.headName) + `,`)
		}
	}
	if o.Org != "" {
		org := regexp.QuoteMeta(o.Org)
		s.staff = staffPatterns(o.Org)
		s.work = regexp.MustCompile(`\b` + org + `(?:’s|'s|-commissioned|-funded|-led|-backed|,\s+whose)?\s+(?:[\p{L}\d-]+\s+){0,3}?((?i:report|study|survey|assessment))\b|\b((?i:report|study|survey|assessment))\s+(?:[\p{L}\d-]+\s+){0,5}?(?:by|from|of|published by|released by|conducted by|carried out by|commissioned by|for)\s+(?:the\s+)?` + org + `\b|\b((?i:report|study|survey|assessment))\b[^.;]{0,90}?\b(?:carried out|conducted|commissioned|published|released|compiled|run)\s+(?:\w+\s+){0,3}?(?:by|for)\s+(?:the\s+)?` + org + `\b|\b` + org + `\b[^.;]{0,140}?\b(?:said|says|found|finds|showed|shows|estimated)\s+in\s+(?:a|an|its)\s+(?:[\p{L}\d-]+\s+){0,2}?((?i:report|study|survey|assessment))\b`)
		s.orgWord = regexp.MustCompile(`\b` + org + `\b`)
	}
	g := o.Glossary
	if g == nil {
		g = defaultGlossary
	} else {
		s.customGlossary = true
	}
	s.glossary = compileGlossary(g)
	return s
}

// Language is the newsletter's language: that of every line.
func (s *Summarizer) Language() string { return s.lang }

// Draft is a drafted line with how it was made.
type Draft struct {
	Line string
	// Alternatives are up to two other lines that pass the house rules
	// (another sentence, the headline, a lighter compression), offered to
	// staff beside Line.
	Alternatives []string
	// NeedsTranslation: the article is not in the newsletter's language
	// and no translating writer wrote its line, so Line is the marked
	// topic form ("… reported on “…” (in French).") and staff translate.
	NeedsTranslation bool
	// Source is the article's lead as it writes it, in its own language,
	// shown beside a line that needs translating.
	Source string
	// Writer names what wrote the line: "extractive", "llm" or
	// "translator".
	Writer string
	// Sentence is the article's sentence the clause comes from ("" when
	// the line is built on the headline); Frame the frame used.
	Sentence string
	Frame    string
	// FollowUp is the follow-up sentence, if any.
	FollowUp string
	// Lead: the sentence is the article's lead; Compressed: rule 2's
	// removals made it fit; First: it is the first sentence that can be a
	// line (the lead, or the one closest to it); Org: it names the
	// organization.
	Lead, Compressed, First, Org bool
	// lastResort: no sentence and no headline could be a line.
	lastResort bool
	// Clause is the sentence after the edits (before the line's final
	// full stop is settled); Edits are the changes that made it, in order:
	// Clause{Text: Clause, Edits: Edits}.Original() is Sentence.
	Clause string
	Edits  []Edit
}

// Line drafts the line for a. It is deterministic: the same article gives
// the same line.
func (s *Summarizer) Line(a Article) string {
	return s.draft(a, false, false).Line
}

// Draft drafts the line for a, its alternatives, and says how.
func (s *Summarizer) Draft(a Article) Draft { return s.draft(a, true, true) }

// Write is the extractive writer's Draft without Draft.First, as a
// Writer.
func (s *Summarizer) Write(_ context.Context, a Article) Draft { return s.draft(a, true, false) }

// outletOf is the article's outlet as lines write it.
func outletOf(a Article) string {
	if o := strings.Join(strings.Fields(a.Outlet), " "); o != "" {
		return o
	}
	return "An outlet"
}

// foreign reports whether the article is in another language than the
// newsletter's.
func (s *Summarizer) foreign(a Article) bool {
	l := baseLanguage(a.Language)
	return l != "" && l != s.lang
}

// draft makes the line in the order a line is made: the article read as
// sentences (read.go), the candidates (candidates.go), the house's edits
// and compression (compress.go), the frame (frame.go), the follow-up
// (followup.go); every line it returns passes Check. full also works out
// the alternatives, first Draft.First; both cost more edits. It reads
// the first maxArticleBytes of the article (readable).
func (s *Summarizer) draft(a Article, full, first bool) Draft {
	a, beyond := readable(a)
	outlet := outletOf(a)
	if s.foreign(a) {
		return s.untranslated(a, outlet)
	}
	english := s.lang == "en"
	d := s.read(a, english)
	d.beyond = beyond
	if a.Type == frameInterview && english {
		if dr, ok := s.interview(a, d, outlet); ok {
			return dr
		}
	}
	var made []Draft
	want := 1
	if full {
		want = 3
	}
	for _, c := range s.candidates(d, a) {
		dr, ok := s.make(c, d, a, outlet)
		if !ok || slices.ContainsFunc(made, func(m Draft) bool { return m.Line == dr.Line }) {
			continue
		}
		made = append(made, dr)
		if len(made) == 1 && full && dr.Compressed {
			// A lighter compression is the first alternative.
			if light, ok := s.lighter(c, d, a, outlet, dr.Line); ok {
				made = append(made, light)
			}
		}
		if len(made) >= want {
			break
		}
	}
	if len(made) == 0 {
		return s.lastResort(a, d, outlet)
	}
	best := made[0]
	best.Writer = "extractive"
	for _, m := range made[1:] {
		best.Alternatives = append(best.Alternatives, m.Line)
	}
	if first && best.Sentence != "" {
		best.First = s.isFirst(d, a, outlet, best)
	}
	return best
}

// make turns a candidate into a line, if it can be one.
func (s *Summarizer) make(c candidate, d *document, a Article, outlet string) (Draft, bool) {
	if c.sent == headline {
		return s.topicLine(a, d, outlet)
	}
	if d.problemOf(c.sent) != "" {
		return Draft{}, false
	}
	st := d.sentences[c.sent]
	frame := frameFor(s.lang, a.Type)
	cl := Clause{Text: st.head.Text, Edits: slices.Clip(st.head.Edits)} // appends never write into the sentence's own log
	s.houseEdits(&cl, outlet, *d)
	if words(cl.Text) < minClause {
		return Draft{}, false
	}
	prefix := words(outlet + " " + frame)
	if !s.fit(&cl, prefix, *d, c.why == "lead" || c.why == "thesis") {
		return Draft{}, false
	}
	if !strings.HasSuffix(frame, ":") {
		lowerClause(&cl, d.use)
	}
	dr := Draft{Sentence: st.raw, Frame: frame, Lead: c.sent == d.lead, Org: st.org, Compressed: cl.compressed(),
		Clause: cl.Text, Edits: cl.Edits, Line: join(outlet, frame, finish(cl.Text), s.lang)}
	if len(check(dr.Line, outlet, frame, dr.Compressed)) > 0 {
		return Draft{}, false
	}
	s.addFollowUp(&dr, d, cl.Text)
	return dr, true
}

// lighter is the lead compressed only to maxCompressed words, when that
// differs from the line: the house prints 40+-word lines, and staff may
// prefer the fuller clause.
func (s *Summarizer) lighter(c candidate, d *document, a Article, outlet, line string) (Draft, bool) {
	if c.sent == headline {
		return Draft{}, false
	}
	st := d.sentences[c.sent]
	frame := frameFor(s.lang, a.Type)
	cl := Clause{Text: st.head.Text, Edits: slices.Clip(st.head.Edits)} // appends never write into the sentence's own log
	s.houseEdits(&cl, outlet, *d)
	prefix := words(outlet + " " + frame)
	s.compress(&cl, *d, func() bool { return prefix+words(cl.Text) > maxCompressed })
	if prefix+words(cl.Text) > maxCompressed || words(cl.Text) < minClause {
		return Draft{}, false
	}
	lowerClause(&cl, d.use)
	dr := Draft{Sentence: st.raw, Frame: frame, Lead: c.sent == d.lead, Org: st.org, Compressed: cl.compressed(), Clause: cl.Text,
		Edits: cl.Edits, Line: join(outlet, frame, finish(cl.Text), s.lang)}
	if dr.Line == line || len(check(dr.Line, outlet, frame, dr.Compressed)) > 0 {
		return Draft{}, false
	}
	s.addFollowUp(&dr, d, cl.Text)
	return dr, true
}

// topicLine is "<Outlet> reported on <headline>." with the follow-up.
func (s *Summarizer) topicLine(a Article, d *document, outlet string) (Draft, bool) {
	t := topic(a.Title, d.use, s.lang)
	if t == "" {
		return Draft{}, false
	}
	on := frameFor(s.lang, frameTopic)
	dr := Draft{Frame: on, Line: outlet + " " + on + " " + t}
	if len(check(dr.Line, outlet, on, false)) > 0 {
		return Draft{}, false
	}
	s.addFollowUp(&dr, d, t)
	return dr, true
}

// lastResort: no sentence and no headline can be a line.
func (s *Summarizer) lastResort(a Article, d *document, outlet string) Draft {
	on := frameFor(s.lang, frameTopic)
	dr := Draft{Frame: on, Line: outlet + " " + on + " " + lastResortTopic[s.lang], Writer: "extractive", lastResort: true}
	s.addFollowUp(&dr, d, "")
	return dr
}

var lastResortTopic = map[string]string{"en": "a story.", "fr": "un sujet.", "es": "un tema.", "de": "ein Thema.", "pt": "um tema.", "it": "un tema."}

// addFollowUp adds the follow-up to an English line whose clause names
// neither the organization nor its head, when it fits (rule 22).
func (s *Summarizer) addFollowUp(dr *Draft, d *document, clause string) {
	if !d.english || s.names(clause) {
		return
	}
	if f := s.followUp(d); f != "" && words(dr.Line+" "+f) <= maxItem {
		dr.FollowUp = f
		dr.Line += " " + f
	}
}

// names reports whether a clause names the organization or its head.
func (s *Summarizer) names(clause string) bool {
	return s.mentionsOrg(clause) || s.headName != "" && strings.Contains(clause, s.headName)
}

// isFirst reports that no text sentence before the chosen one can be a
// line.
func (s *Summarizer) isFirst(d *document, a Article, outlet string, best Draft) bool {
	for i, st := range d.sentences {
		if st.raw == best.Sentence {
			return true
		}
		if d.problemOf(i) != "" {
			continue
		}
		if _, ok := s.make(candidate{sent: i}, d, a, outlet); ok {
			return false
		}
	}
	return true
}

// untranslated is the line of an article in another language than the
// newsletter's when no translating writer wrote it: "<Outlet> reported
// on “<headline>” (in French)." (rule 26), marked for translation, with
// the article's lead beside it.
func (s *Summarizer) untranslated(a Article, outlet string) Draft {
	dr := Draft{NeedsTranslation: true, Writer: "extractive", Frame: frameFor(s.lang, frameTopic), Source: leadOf(a)}
	title := cleanHeadline(a.Title)
	if title == "" {
		title = cleanHeadline(dr.Source)
	}
	mark := inLanguage(a.Language, s.lang)
	if title == "" {
		dr.Line = outlet + " " + dr.Frame + " " + lastResortTopic[s.lang]
		return dr
	}
	dr.Line = outlet + " " + dr.Frame + " " + quoteHeadline(title, s.lang)
	if mark != "" {
		dr.Line += " " + mark
	}
	dr.Line += "."
	if len(Check(dr.Line)) > 0 {
		// A headline (or lead) too long or holding a link: the mark alone,
		// with the lead beside it on the review page.
		dr.Line = strings.TrimSuffix(outlet+" "+dr.Frame+" "+lastResortTopic[s.lang], ".")
		if mark != "" {
			dr.Line += " " + mark
		}
		dr.Line += "."
	}
	return dr
}

// leadOf is the article's first sentence of text, in any language,
// without its dateline: what a line to translate is drafted from.
func leadOf(a Article) string {
	for pi, p := range a.Paragraphs {
		if pi > leadParas {
			break
		}
		for j, raw := range Sentences(p) {
			c := newClause(raw)
			if j == 0 {
				stripFront(&c)
			}
			if words(c.Text) >= 4 && !notText[sentenceProblem(c.Text, false)] {
				return c.Text
			}
		}
	}
	return ""
}
