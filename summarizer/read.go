package summarizer

import (
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Step 1 of a line: the article read as sentences. Each sentence keeps
// its place (paragraph, position), the edits that took a dateline, byline
// or label off its front, whether it names the organization, and what the
// sentence test says of it. The lead is the first sentence of the body
// text: after the header (a rubric or standfirst above a byline), captions,
// player labels, bylines and time rows.

// sentence is one sentence of the article.
type sentence struct {
	raw string // as the article writes it
	// head holds the edits that took a dateline, byline or label off its
	// front; head.Text is the sentence without them.
	head Clause
	para int // its paragraph, counting text paragraphs only
	pos  int // its place in the paragraph
	org  bool
	// problem is why the sentence cannot be a clause ("" when it can, as
	// far as the sentence alone tells), once checked.
	problem string
	checked bool
	// n is the number of words of the body, once counted (-1 before).
	n int
	// standfirst: the sentence is in the paragraph the page marks as its
	// standfirst.
	standfirst bool
}

// body returns the sentence without its dateline, byline or label.
func (st sentence) body() string { return st.head.Text }

// document is an article split into sentences.
type document struct {
	sentences []sentence
	// lead is the index of the article's first text sentence, or -1.
	lead int
	use  *wordCase
	// orgSource: the first three text sentences name the organization,
	// so "the UN" or "the agency" in the lead is the organization.
	orgSource bool
	english   bool
	// rest are the paragraphs below the first eagerParas text paragraphs,
	// split into sentences only when something needs them (all); restOrg:
	// one of them names the organization.
	rest    []string
	restOrg bool
	// beyond is the text past maxArticleBytes, which the writer does not
	// read (readable), only searches for the organization's names
	// (beyondOrg).
	beyond    []string
	beyondOrg *bool
	// titleOrg: the headline names the organization.
	titleOrg bool
	// standfirst is the page's marked standfirst (Article.Standfirst).
	standfirst string
	textPara   int
	s          *Summarizer
}

// eagerParas is how many text paragraphs read splits at once: the lead,
// the thesis and the stand-ins are all in them.
const eagerParas = 6

// wordsOf counts the words of sentence i's body once.
func (d *document) wordsOf(i int) int {
	st := &d.sentences[i]
	if st.n < 0 {
		st.n = words(st.body())
	}
	return st.n
}

// problemOf runs the sentence test on sentence i once.
func (d *document) problemOf(i int) string {
	st := &d.sentences[i]
	if !st.checked {
		st.problem, st.checked = sentenceProblem(st.body(), d.english), true
	}
	return st.problem
}

// isText: sentence i is body text (the lead can be it), not the marked
// standfirst, a caption, byline, label, time row or other furniture.
func (d *document) isText(i int) bool {
	return !d.sentences[i].standfirst && d.wordsOf(i) >= 4 && !notText[d.problemOf(i)]
}

// notText are the sentence test's answers for what is not body text at
// all: the lead is never one of these.
var notText = map[string]bool{notTemplate: true, notCaption: true, notByline: true, notFurniture: true, notTimestamp: true,
	notAddress: true, notScore: true, notWords: true, notPromo: true, notFinished: true, notTitleCase: true, notLabel: true,
	notVerb: true}

// read splits the article into sentences and finds its lead. Sentences
// are tested only as far as the lead and the choice need (problemOf).
// Long: one walk over the paragraphs that keeps the lead, the dateline
// and the standfirst state together; split, that state would be passed
// around.
func (s *Summarizer) read(a Article, english bool) *document {
	d := &document{lead: -1, english: english, s: s, standfirst: a.Standfirst}
	title := cleanHeadline(a.Title)
	d.titleOrg = s.mentionsOrg(title)
	var all []string
	for pi, p := range a.Paragraphs {
		if d.textPara >= eagerParas {
			d.rest = a.Paragraphs[pi:]
			for _, r := range d.rest {
				d.restOrg = d.restOrg || s.mentionsOrg(r)
			}
			// How the rest writes words still counts (wordCase).
			all = append(all, d.rest...)
			break
		}
		all = d.add(p, all)
	}
	d.use = &wordCase{sentences: all}
	for i := range d.sentences {
		if d.sentences[i].para > leadParas {
			break
		}
		if d.isText(i) {
			d.lead = i
			break
		}
	}
	// A dateline opens the story: a paragraph above the first one that
	// carries one is a standfirst ("Departures from Guinea … " above
	// "DAKAR, Nov 3 (Orbis) - At least 1,146 people …").
	// A summary box ("Key points:" and its bullets) stands above the story
	// like a standfirst: the lead is the first text sentence below it.
	if d.lead >= 0 {
		d.lead = d.belowSummaryBox(d.lead)
	}
	// In a transcript, "REYES:" is a speaker, not a place.
	if d.lead >= 0 && !hasDateline(d.sentences[d.lead].head) {
		for i := d.lead + 1; i < len(d.sentences) && d.sentences[i].para <= 2; i++ {
			if d.sentences[i].pos == 0 && hasDateline(d.sentences[i].head) && !(colonDateline(d.sentences[i].head) && d.transcript()) && d.isText(i) {
				d.lead = i
				break
			}
		}
	}
	// A one-sentence paragraph above a fuller one that tells the
	// headline's news is a standfirst ("Unions say local graduates are
	// overlooked." above "The Gauteng health department … will recruit
	// 600 nurses …" under "Gauteng to recruit 600 nurses …") — unless
	// the fuller one leans on it ("But those towels …").
	if d.lead >= 0 && title != "" && !hasDateline(d.sentences[d.lead].head) {
		if next := d.nextPara(d.lead); next >= 0 && d.isText(next) && d.problemOf(next) != notConnective && d.wordsOf(next) > d.wordsOf(d.lead) &&
			d.singleSentence(d.lead) {
			if a, b := overlap(title, d.sentences[d.lead].body()), overlap(title, d.sentences[next].body()); b >= 3 && b >= a+2 {
				d.lead = next
			}
		}
	}
	// Text above a byline near the top is the page's header (a rubric, a
	// standfirst): the lead is the first text sentence after it. So is a
	// one-sentence paragraph above a header row (a template's byline
	// slot, a time or date row, a ticker).
	if d.lead >= 0 {
		leadPara := d.sentences[d.lead].para
		single := d.lead+1 >= len(d.sentences) || d.sentences[d.lead+1].para != leadPara
		for i := d.lead + 1; i < len(d.sentences) && d.sentences[i].para <= 3; i++ {
			body := strings.TrimSpace(d.sentences[i].body())
			header := single && d.sentences[i].para == leadPara+1 && headerRows[d.problemOf(i)] ||
				d.sentences[i].para == leadPara+1 && d.sentences[i].pos == 0 && shortHead(d, d.lead) && dateRow(d, i)
			if header || d.wordsOf(i) <= 12 && (bylineRe.MatchString(body) || gluedBylineRe.MatchString(body)) {
				d.lead = -1
				for j := i + 1; j < len(d.sentences); j++ {
					if d.isText(j) {
						d.lead = j
						break
					}
				}
				break
			}
		}
	}
	seen := 0
	for i, st := range d.sentences {
		if seen >= 3 || st.para > 3 {
			break
		}
		if !d.isText(i) {
			continue
		}
		if st.org {
			d.orgSource = true
		}
		seen++
	}
	return d
}

// summaryBoxRe: the label of a summary box.
var summaryBoxRe = regexp.MustCompile(`^(?i:summary|in summary|key points|key facts|in brief|in short|at a glance|what we know|what you need to know|the essentials|highlights|tl;?dr)\s*:?$`)

// belowSummaryBox returns the lead below a summary box whose label comes
// before lead: past the label, its bullets (paragraphs of one sentence of
// 20 words at most, six at most) are skipped.
func (d *document) belowSummaryBox(lead int) int {
	label := -1
	for i := 0; i <= lead; i++ {
		if summaryBoxRe.MatchString(strings.TrimSpace(d.sentences[i].body())) {
			label = i
		}
	}
	if label < 0 {
		return lead
	}
	i := label + 1
	for n := 0; i < len(d.sentences) && n < 6 && d.singleSentence(i) && d.wordsOf(i) <= 20; n++ {
		i++
	}
	for ; i < len(d.sentences) && d.sentences[i].para <= leadParas+6; i++ {
		if d.isText(i) {
			return i
		}
	}
	return lead
}

// shortHead: the lead's paragraph is short enough to be a standfirst (two
// sentences at most, 35 words).
func shortHead(d *document, lead int) bool {
	n, sents := 0, 0
	for j := lead; j < len(d.sentences) && d.sentences[j].para == d.sentences[lead].para; j++ {
		n += d.wordsOf(j)
		sents++
	}
	return sents <= 3 && n <= 45
}

// dateRow: sentence i is a row of a header: short, unfinished, with a
// date, a time or a field separator ("Abdirahman Yusuf/2025-08-19").
func dateRow(d *document, i int) bool {
	body := d.sentences[i].body()
	return d.wordsOf(i) <= 12 && !finished(body) && (strings.ContainsAny(body, "/|·•") || strings.IndexFunc(body, unicode.IsDigit) >= 0 || roleWord(body) ||
		strings.Contains(strings.ToLower(body), "journalist"))
}

// headerRows are rows of a page's header that can follow its standfirst.
var headerRows = map[string]bool{notByline: true, notTemplate: true, notTimestamp: true, notScore: true}

// add splits a paragraph into the document's sentences, and appends the
// text that tells how the article writes words to all.
func (d *document) add(p string, all []string) []string {
	hasText := false
	sents := Sentences(p)
	pOrg := d.s.mentionsOrg(p)
	// A paragraph that ends with a photo credit is a caption, all of it:
	// "Refugees wait for food in Adré. (Photo: Jane Roe/Reuters)".
	captionPara := len(sents) > 1 && caption(sents[len(sents)-1]) && !endsWithSentence(sents[len(sents)-1])
	standfirst := d.standfirst != "" && d.textPara < 3 && p == d.standfirst
	for j, raw := range sents {
		st := sentence{raw: raw, head: newClause(raw), para: d.textPara, pos: j, n: -1, standfirst: standfirst}
		if captionPara {
			st.problem, st.checked = notCaption, true
		}
		if j == 0 {
			stripFront(&st.head)
		}
		st.org = pOrg && (len(sents) == 1 || d.s.mentionsOrg(raw))
		if !hasText && !captionPara && finished(st.body()) && !isFurniture(st.body()) && words(st.body()) >= 4 {
			hasText = true
		}
		d.sentences = append(d.sentences, st)
		if !captionPara {
			// How the text writes a word; a caption says nothing of it.
			all = append(all, st.body())
		}
	}
	if hasText {
		d.textPara++
	}
	return all
}

// nextPara returns the first sentence of the paragraph after sentence
// i's, or -1.
func (d *document) nextPara(i int) int {
	for j := i + 1; j < len(d.sentences); j++ {
		if d.sentences[j].para > d.sentences[i].para && d.sentences[j].pos == 0 {
			return j
		}
	}
	return -1
}

// singleSentence: sentence i is its paragraph's only sentence.
func (d *document) singleSentence(i int) bool {
	st := d.sentences[i]
	if st.pos != 0 {
		return false
	}
	return i+1 >= len(d.sentences) || d.sentences[i+1].pos == 0
}

// overlap counts the headline's content words (by their first five
// letters, so that "fees" meets "fee" and "recruit" "recruits") that a
// sentence holds.
func overlap(title, sentence string) int {
	stems := map[string]bool{}
	for _, w := range contentWords(sentence) {
		stems[w] = true
	}
	n := 0
	for _, w := range contentWords(title) {
		if stems[w] {
			n++
			delete(stems, w)
		}
	}
	return n
}

func contentWords(s string) []string {
	var out []string
	for _, f := range strings.FieldsFunc(strings.ToLower(s), func(r rune) bool { return !isWordRune(r) }) {
		if utf8.RuneCountInString(f) < 3 || stopWords[f] {
			continue
		}
		if r := []rune(f); len(r) > 5 {
			f = string(r[:5])
		}
		out = append(out, f)
	}
	return out
}

var stopWords = toSet(`the and for with from that this have has had was were are will would into over after about than
their them they its his her our not but says said say new more most also been being which who whom what when where`)

// finished: a sentence that ends as text does, with a full stop, a
// question or exclamation mark (and a closing quote): not a heading, a
// list item or a row.
func finished(s string) bool {
	end := strings.TrimRight(strings.TrimSpace(s), closers)
	r, _ := utf8.DecodeLastRuneInString(end)
	return r == '.' || r == '?' || r == '!' || r == '。'
}

// all splits the paragraphs left, so that every sentence of the article
// is in d.sentences.
func (d *document) all() {
	rest := d.rest
	d.rest = nil
	for _, p := range rest {
		d.add(p, nil)
	}
}

// namesOrgBeyond: the text past maxArticleBytes names the organization;
// searched once, when asked.
func (d *document) namesOrgBeyond() bool {
	if d.beyondOrg == nil {
		found := d.s.mentionsOrgIn(d.beyond)
		d.beyondOrg = &found
	}
	return *d.beyondOrg
}

// anyOrg: the article names the organization somewhere.
func (d *document) anyOrg() bool {
	if d.restOrg || d.titleOrg {
		return true
	}
	for _, st := range d.sentences {
		if st.org {
			return true
		}
	}
	return d.namesOrgBeyond()
}

// leadParas is how deep the lead is looked for: past the first paragraphs
// of text there is no lead, only furniture.
const leadParas = 4

// stripFront takes a dateline, a glued byline or a label off the front of
// a paragraph's first sentence, as logged edits (rule 11): "ROME, Dec 31
// (Reuters) - ", "GENEVA: ", "EL PASO, Texas – ", "HOUSTON, Texas (KHOU)
// - ", "By Jane Roe ", "Jane Roe Staff Writer ", "Summary: ", a stray dash.
func stripFront(c *Clause) {
	for range 3 {
		before := c.Text
		if n := bylineEnd(c.Text); n > 0 {
			c.splice(kindByline, 0, n, "")
		}
		if n := datelineEnd(c.Text); n > 0 {
			c.splice(kindDateline, 0, n, "")
		}
		if labelChars(c.Text[:min(len(c.Text), 32)]) {
			if m := frontLabelRe.FindStringIndex(c.Text); m != nil && m[1] < len(c.Text) {
				c.splice(kindLabel, 0, m[1], "")
			}
		}
		if c.Text == before {
			return
		}
	}
}

// frontLabelRe: a label before a sentence, which the sentence does not
// need ("Summary: ", "BREAKING: ", "Analysis | ", "Key points: ").
var frontLabelRe = regexp.MustCompile(`^(?i:summary|in summary|key points?|in brief|at a glance|breaking(?: news)?|exclusive|analysis|update|updated|just in|developing|news|latest|the latest|column|comment|opinion|editorial|explainer|factbox|fact check|live|watch|video|audio|editor['’]s pick)\s*[:|–—-]\s+`)

// datelineEnd returns where a leading dateline ends, or 0. A speaker's
// label ("ANCHOR: ") is no dateline.
func datelineEnd(s string) int {
	head := s[:min(len(s), 140)]
	if !datelineChars(head) && !strings.HasPrefix(s, "By ") {
		return 0
	}
	if label, _, ok := strings.Cut(head, ":"); ok && speakerLabel(label) {
		return 0
	}
	paren, dash, colon := parenSep(head), dashSep(head), colonSep(head)
	for _, re := range datelines {
		switch {
		case re.need == "(" && !paren, re.need == "-–—" && !dash, re.need == ":" && !colon,
			re.need == "/(" && !paren && !strings.Contains(head, "/"), re.need == "/" && !strings.Contains(head, "/"):
			continue
		}
		if loc := re.FindStringIndex(s); loc != nil && loc[1] < len(s) && loc[1] > 0 {
			if label, rest, ok := strings.Cut(s, ":"); ok && len(label)+1 < loc[1] && loc[1] <= len(label)+3 &&
				strings.ToUpper(label) != label && !cityLabel(label, rest) {
				continue // a title-case label that is no city
			}
			rest := s[loc[1]:]
			if r, _ := utf8.DecodeRuneInString(rest); unicode.IsLetter(r) || unicode.IsDigit(r) || strings.ContainsRune(`"“‘'«(`, r) {
				return loc[1]
			}
		}
	}
	return 0
}

// stripDateline removes a leading dateline, agency tag, byline or label.
func stripDateline(s string) string {
	c := newClause(s)
	stripFront(&c)
	return c.Text
}

// dateline is one shape of dateline, and the characters its first 140
// bytes must hold for it to be worth trying.
type dateline struct {
	need string
	*regexp.Regexp
}

// Datelines and bylines at the start of a lead (SUMMARY-STYLE.md rule 11
// and shared/corpus/wire-agencies.md).
var datelines = []dateline{
	// "(ANSA) - ROME, JUL 11 - ", "(CNN) -- ".
	{"(", regexp.MustCompile(`^\((?:ANSA|CNN|Belga|BELGA)\)\s*[-–—]+\s*(?:[\p{Lu}][\p{Lu} .,'’-]{1,40}\d{0,2}\s*[-–—]\s*)?`)},
	// "ROME, Dec 31 (Reuters) - ", "GENEVA (AP) — ", "By Jane Roe NEW
	// YORK (AP) — ", "Madrid, 5 nov (EFE).- ", "Mumbai, Dec 9 (PTI) ",
	// "Damascus [Syria], June 9 (ANI): ", "SHARJAH, 17th April, 2026
	// (WAM) -- ".
	{"(", regexp.MustCompile(`^(?:By [^()]{1,80}?\s+)?(?:\p{Lu}[\p{L}\p{M}.'’\]-]*(?:[ ,]+\[?\p{Lu}[\p{L}\p{M}.'’\]-]*){0,5}?(?:\s*\(\p{Lu}[\p{L} .]{1,30}\))?(?:,?\s*(?:[\p{Lu}][\p{L}]{2,8}\.?\s*\d{1,2}|\d{1,2}(?:st|nd|rd|th)?\s+[\p{L}]{3,9}\.?)(?:,?\s*\d{4})?)?\s*)?\((?:Reuters|REUTERS|AP|AFP|Xinhua|XINHUA|IPS|dpa|DPA|EFE|ANSA|IANS|PTI|ANI|UNB|Bernama|BERNAMA|Kyodo|Yonhap|Anadolu|AA|CNN|IRIN|KUNA|WAM|UPI|Belga|BELGA|NAN|APA|Thomson Reuters Foundation|EUROPA PRESS|Europa Press)\)\s*(?:[-–—_:=]+|\.\s?-)?\s*(?:[-–—]+\s+)?`)},
	// "DAKAR, Nov 3 (Orbis) - ": a city in capitals, a date and any
	// agency or outlet in parentheses before a dash.
	{"(", regexp.MustCompile(`^[\p{Lu}][\p{Lu} .'’-]{1,40}(?:,\s*\p{Lu}[\p{L} .]{1,30}?)?(?:,\s*(?:[\p{Lu}][\p{L}]{2,8}\.?\s*\d{1,2}|\d{1,2}\s+[\p{L}]{3,9}\.?)(?:,?\s*\d{4})?)?\s*\([\p{Lu}][\p{L} .&-]{1,30}\)\s*(?:--|[-–—_]|\.-)\s*`)},
	// "HOUSTON, Texas (KHOU) - ": a US station's call sign.
	{"(", regexp.MustCompile(`^[\p{Lu}][\p{Lu}\p{L} .'’-]{1,40},\s*\p{Lu}[\p{L}.]{1,20}(?:\s\p{Lu}[\p{L}.]{1,20})?\s*\([A-Z]{3,5}(?:-TV|-FM)?\)\s*[-–—]+\s*`)},
	// "GENEVA — ", "GENEVA/ISLAMABAD – ", "NAIROBI, Kenya – ", "ATHENS, 9
	// December 2026 – ", "MANILA, May 3, 2026 — ".
	{"-–—", regexp.MustCompile(`^[\p{Lu}][\p{Lu} .,/'’-]{2,40}(?:,\s*(?:[\p{Lu}][\p{L}]{2,8}\.?\s*\d{1,2}(?:,\s*\d{4})?|\d{1,2}\s+[\p{L}]{3,9}\.?(?:\s+\d{4})?))?\s*[-–—]+\s+`)},
	// "PORT SUDAN, Sudan, Oct 15 - ".
	{"-–—", regexp.MustCompile(`^[\p{Lu}][\p{Lu} .'’-]{1,40},\s*\p{Lu}[\p{L} .]{1,30},\s*(?:[\p{Lu}][\p{L}]{2,8}\.?\s*\d{1,2}|\d{1,2}\s+[\p{L}]{3,9}\.?)(?:,?\s*\d{4})?\s*[-–—]+\s+`)},
	// "SEOUL, South Korea — ", "EL PASO, Texas – ", "Brownsville, TX — ".
	{"-–—", regexp.MustCompile(`^[\p{Lu}][\p{L} .'’-]{2,40},\s*\p{Lu}[\p{L}. ]{1,30}?\s*[-–—]+\s+`)},
	// "Geneva – ", "Buenos Aires — ": a place in title case before an en or
	// em dash.
	{"-–—", regexp.MustCompile(`^\p{Lu}[\p{Ll}’']+(?:[ /-]\p{Lu}[\p{L}’']+){0,3}\s+[–—]\s+`)},
	// "Chennai: ", "New Delhi: " in title case, when cityLabel says so.
	{":", regexp.MustCompile(`^\p{Lu}\p{Ll}+(?:\s\p{Lu}\p{Ll}+){0,2}:\s+`)},
	// "GENEVA: ", "NEW DELHI: " (all capitals; "ANCHOR:" is a speaker).
	{":", regexp.MustCompile(`^[\p{Lu}][\p{Lu} .'’-]{2,30}(?:,\s*[\p{Lu}][\p{L} .]{1,30})?\s*:\s+`)},
	// "Feb. 23, 2015 -- ", "12:00 PM PT -- ".
	{"-–—", regexp.MustCompile(`^(?:Jan|Feb|Mar|Apr|May|June?|July?|Aug|Sept?|Oct|Nov|Dec)[a-z]*\.? \d{1,2}(?:, \d{4})?\s*(?:--|[–—])\s*`)},
	{"-–—", regexp.MustCompile(`^\d{1,2}:\d{2}\s*(?:AM|PM|am|pm|a\.m\.|p\.m\.)?\s*(?:[A-Z]{2,4})?\s*(?:--|[–—])\s*`)},
	// "OSLO, Nov. 17, 2026 /PRNewswire/ -- ", "GENEVA, May 3, 2026
	// (BUSINESS WIRE) -- ": press-release wires.
	{"/(", regexp.MustCompile(`^[\p{Lu}][\p{L} .,'’-]{1,40}?,?\s*(?:\p{L}{3,9}\.?\s+\d{1,2},?\s+\d{4}\s*)?(?:/[\p{L}\p{N} .-]{2,30}/|\((?i:business wire|globe newswire|pr newswire|accesswire|newswire)\))\s*(?:--|[-–—])\s*`)},
	// "MOSCOW, January 21. /TASS/. ".
	{"/", regexp.MustCompile(`^[\p{Lu}][\p{Lu} ,'’-]{2,40}, \p{Lu}[\p{L}.]{1,9}\.? \d{1,2}\. /TASS/\.\s+`)},
	// "By Jane Roe. ".
	{"", regexp.MustCompile(`^By [\p{Lu}][^.]{0,60}\.\s+`)},
	// A dash left where a dateline was cut off: "— The U.N. …".
	{"-–—_", regexp.MustCompile(`^[-–—_]+\s+`)},
}

// bylineEnd returns where a byline run into the first sentence ends
// ("By Jane Roe The ministry said …", "Jane Roe Staff Writer The …",
// "By JANE ROE, Associated Press WASHINGTON (AP) — …"), or 0.
func bylineEnd(s string) int {
	if roleWord(s[:min(len(s), 120)]) {
		if m := gluedRoleRe.FindStringIndex(s); m != nil && m[1] < len(s) {
			return m[1]
		}
	}
	if len(s) > 8 && capitalsFirst(s) {
		if m := capsBylineRe.FindStringSubmatchIndex(s); m != nil {
			return m[2] // "TOMÁS ARRIAGA Chile will deport …"
		}
	}
	if i := strings.Index(s[:min(len(s), 48)], ", "); i > 0 {
		if m := agencyBylineRe.FindStringSubmatchIndex(s); m != nil {
			return m[2] // "Kiri Matagi, AFP The bodies of 11 people …"
		}
	}
	rest, ok := strings.CutPrefix(s, "By ")
	if !ok {
		rest, ok = strings.CutPrefix(s, "BY ")
	}
	if !ok {
		return 0
	}
	// Up to four name words (and "and", "&", a comma and an employer),
	// then a word that starts sentences, or a dateline.
	f := strings.Fields(rest)
	offset := len(s) - len(rest)
	pos := 0
	for i := 0; i < len(f) && i < 9; i++ {
		w := f[i]
		pos = strings.Index(rest[pos:], w) + pos
		if i >= 1 {
			tail := rest[pos:]
			if datelineEnd(tail) > 0 || starters[strings.Trim(w, ",")] && words(tail) >= minSentenceWord && !nameWord(f[i-1]) {
				return offset + pos
			}
		}
		bare := strings.Trim(w, ",")
		if r, _ := utf8.DecodeRuneInString(bare); !unicode.IsUpper(r) && bare != "and" && bare != "&" && bare != "y" && bare != "et" {
			return 0
		}
		pos += len(w)
	}
	return 0
}

// capitalsFirst: the text's first three letters are capitals.
func capitalsFirst(s string) bool {
	for i, r := range s {
		if i >= 3 && r != utf8.RuneError {
			return true
		}
		if !unicode.IsUpper(r) {
			return false
		}
	}
	return false
}

// capsBylineRe: a name in capitals glued to the first sentence, two or
// three words of four letters or more (no acronym: "IOM DG António …"
// stays); group 1 is the sentence.
var capsBylineRe = regexp.MustCompile(`^\p{Lu}[\p{Lu}'’-]{3,}(?:\s+\p{Lu}[\p{Lu}'’-]{3,}){1,2}\s+(\p{Lu}\p{Ll}+\s)`)

// agencyBylineRe: a name and a wire agency glued to the first sentence;
// group 1 is the sentence.
var agencyBylineRe = regexp.MustCompile(`^\p{Lu}[\p{L}'’.-]+(?:\s+\p{Lu}[\p{L}'’.-]+){1,2},\s+(?:AFP|AP|Reuters|dpa|DPA|EFE|ANSA|PTI|IANS|IPS|Xinhua|Bernama|Anadolu|Kyodo|Yonhap|Lusa|APA|ANP|TASS)\s+(\p{Lu}\p{Ll}*\s)`)

// nameWord: a word that only continues a name ("de", "van").
func nameWord(w string) bool { return w == "de" || w == "van" || w == "von" || w == "da" || w == "al" }

// gluedRoleRe: "Jane Roe Staff Writer ", "By Jane Roe | Senior Correspondent
// ", "Jane Roe, Reporter " before the first sentence.
var gluedRoleRe = regexp.MustCompile(`^(?:By\s+)?\p{Lu}[\p{L}'’.-]+(?:\s+\p{Lu}[\p{L}'’.-]+){0,3}\s*[,|–—-]?\s*(?:[\p{Lu}\d][\p{L}\d&.-]*\s+){0,3}(?:Writer|Reporter|Correspondent|Editor|Contributor|Columnist|Producer|Journalist)\b\s*[|,–—-]?\s*(?:\p{Lu}[\p{L}]+\s+\d{1,2},\s+\d{4}\s*)?`)

// Furniture that extraction can leave in the text: bylines, captions,
// credits, prompts (SUMMARY-STYLE.md rule 12), by how they start, in
// lower case.
var furnitureStarts = []string{"share this", "share on", "media playback", "image copyright", "image:", "photo:",
	"photograph:", "picture:", "credit:", "caption:", "file photo", "read more", "read also", "see also", "also read",
	"related:", "sign up", "subscribe", "advertisement", "click here", "follow us", "listen to", "watch:",
	"story continues", "copyright", "©", "updated:", "published:", "last updated", "posted:", "this story was",
	"this story has been", "this article was", "this article has been", "additional reporting", "reporting by",
	"editing by", "writing by", "enditem", "retrouvez", "découvrez", "lisez", "abonnez", "inscrivez", "suivez-nous",
	"partagez", "lire aussi", "à lire aussi", "descubre", "suscríbete", "síguenos", "lee también", "ver también",
	"lesen sie auch", "mehr zum thema", "leia também", "leggi anche", "editor's note", "editor’s note", "note:",
	"disclaimer", "sponsored", "advertising", "ad:", "most read", "trending", "recommended", "more from"}

// furnitureByFirst indexes furnitureStarts by their first byte.
var furnitureByFirst = func() map[byte][]string {
	m := map[byte][]string{}
	for _, f := range furnitureStarts {
		m[f[0]] = append(m[f[0]], f)
	}
	return m
}()

// bylineRe: a byline standing alone ("By Jane Roe", "By Jane Roe and
// Tomas Ferreira, Reuters").
var bylineRe = regexp.MustCompile(`^(?:By|BY|Par|Por|Von|Di) \p{Lu}[\p{L}.'’-]*(?: (?:\p{Lu}[\p{L}.'’-]*|and|y|et|und|e|de|van|von|&))*(?:(?:[,|·]| [–—-] ).{0,60})?$`)

func isFurniture(s string) bool {
	s = strings.TrimSpace(s)
	// A line of fields ("Le Monde | 04.05.2015 à 13h36 • Mis à jour …")
	// or an editor's note in brackets is not a sentence.
	if strings.IndexByte(s, '|') >= 0 || strings.Contains(s, "•") || strings.HasPrefix(s, "[") || strings.HasPrefix(s, "(") && strings.HasSuffix(strings.TrimRight(s, "."), ")") {
		return true
	}
	if s == "" {
		return false
	}
	head := strings.ToLower(s[:min(len(s), 24)])
	for _, f := range furnitureByFirst[head[0]] {
		if strings.HasPrefix(head, f) {
			return true
		}
	}
	for _, b := range []string{"By ", "BY ", "Par ", "Por ", "Von "} {
		if strings.HasPrefix(s, b) {
			return words(s) <= 12 && bylineRe.MatchString(s)
		}
	}
	return false
}

// Sentences that are never a line (SUMMARY-STYLE.md rule 12).
// A sentence opening with a pronoun or connective leans on the one
// before; one opening in the first person is the writer's, not the news.
var connectives = regexp.MustCompile(`^(?:He|She|They|It|This|These|Those|That|But|And|However|Meanwhile|Also|So|Yet|Still|Instead|Moreover|Furthermore|Besides|Then|His|Her|Their|Its|First|Second|Third|Finally|Now|Likewise|Similarly|Nevertheless|Nonetheless|Otherwise|Thus|Hence|Therefore|Indeed|Others|Another|Both|I|I’m|I'm|I’ve|I've|We|My|Our|You|Your|Let’s|Let's|Il|Elle|Ils|Elles|Mais|Cependant|Él|Ella|Ellos|Pero|Sin embargo|Er|Sie|Es|Aber|Ele|Ela|Eles|Mas|Lui|Lei|Loro|Ma)\b`)

// unwanted finds what a line never holds: links, hashtags, handles,
// ellipses (rule 1).
var unwanted = regexp.MustCompile(`https?://|www\.|(?:^|\s)#\p{L}|(?:^|\s)@\w|…|\.\.\.`)

// Share of a sentence inside quotes above which it is a quotation (rule 12).
const maxQuoted = .4

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

// hasEmoji reports pictographs, which lines never carry (rule 1).
func hasEmoji(s string) bool {
	for _, r := range s {
		if r >= 0x1F300 && r <= 0x1FAFF || r >= 0x2600 && r <= 0x27BF && r != 0x2713 {
			return true
		}
	}
	return false
}

// endsWithSentence: a credit that is itself a sentence of text ("… told
// Reuters/Ipsos pollsters.") is not a caption's credit: it has a verb
// and more than a few words.
func endsWithSentence(s string) bool {
	return words(s) >= minSentenceWord && hasFiniteVerb(s)
}

// hasDateline: the sentence opened with a dateline (stripFront took one
// off).
func hasDateline(c Clause) bool {
	for _, e := range c.Edits {
		if e.Kind == kindDateline && strings.Trim(e.Removed, " -–—_") != "" {
			return true
		}
	}
	return false
}

// transcript: the page's turns open with speakers' labels in capitals
// ("ANCHOR: …", "MARISOL REYES, BYLINE: …", "REYES: …", "HOST Grace
// Atim: …"), three
// paragraphs at least; a dateline opens one.
func (d *document) transcript() bool {
	n := 0
	for _, st := range d.sentences {
		if st.pos == 0 && speakerRe.MatchString(st.raw) {
			n++
		}
	}
	return n >= 3
}

var speakerRe = regexp.MustCompile(`^(?:[\p{Lu}][\p{Lu} ,.'’-]{1,70}|(?:HOST|GUEST|ANCHOR|REPORTER|PRESENTER|CORRESPONDENT|INTERVIEWER|CALLER)\s+\p{Lu}[\p{L}'’-]+(?:\s+\p{Lu}[\p{L}'’-]+){0,2})(?:\s\([^()]{1,40}\))?:\s`)

// colonDateline: the dateline taken off is a word and a colon ("REYES:",
// "GENEVA:").
func colonDateline(c Clause) bool {
	for _, e := range c.Edits {
		if e.Kind == kindDateline && strings.HasSuffix(strings.TrimSpace(e.Removed), ":") {
			return true
		}
	}
	return false
}

// roleWord: a journalist's role that a glued byline ends with.
func roleWord(head string) bool {
	for _, w := range []string{"Writer", "Reporter", "Correspondent", "Editor", "Contributor", "Columnist", "Producer", "Journalist"} {
		if strings.Contains(head, w) {
			return true
		}
	}
	return false
}

// parenSep: a parenthesis whose closing is followed by a separator or a
// capital ("(AFP) - ", "(PTI) The"), as an agency tag's is.
func parenSep(head string) bool {
	for i := strings.IndexByte(head, ')'); i >= 0; {
		rest := strings.TrimLeft(head[i+1:], " ")
		if rest == "" {
			return true
		}
		r, _ := utf8.DecodeRuneInString(rest)
		if unicode.IsUpper(r) || strings.ContainsRune("-–—_:=.", r) {
			return true
		}
		j := strings.IndexByte(head[i+1:], ')')
		if j < 0 {
			break
		}
		i += 1 + j
	}
	return false
}

// dashSep: a dash followed by a space ("GENEVA — ", "-- ").
func dashSep(head string) bool {
	for _, d := range []string{"- ", "– ", "— ", "_ "} {
		if strings.Contains(head, d) {
			return true
		}
	}
	return false
}

// colonSep: a colon followed by a space near the start ("GENEVA: ").
func colonSep(head string) bool {
	i := strings.Index(head, ": ")
	return i > 0 && i < 48
}

// datelineChars: the bytes a dateline needs: a parenthesis, a dash, a
// slash, a colon, an underscore (0xE2 leads the en and em dashes).
func datelineChars(head string) bool {
	for i := 0; i < len(head); i++ {
		switch head[i] {
		case '(', '-', '/', ':', '_', 0xE2:
			return true
		}
	}
	return false
}

// labelChars: the separator a front label needs.
func labelChars(head string) bool {
	for i := 0; i < len(head); i++ {
		switch head[i] {
		case ':', '|', '-', 0xE2:
			return true
		}
	}
	return false
}
