package summarizer

import (
	"regexp"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Step 2 of a line: the candidates, in the order the house would take
// them (SUMMARY-STYLE.md rules 2 and 25). The lead comes first: the
// house's lines are lead rewrites. An op-ed or editorial that opens on a
// hook gives way to its thesis. When the lead cannot be a line, the
// headline comes next when it carries the news, then the sentences of
// the first paragraphs that stand on their own (not referring back to
// the lead), those naming the organization first; deeper sentences only
// when there is no headline at all.

// candidate is one way to make the line: a sentence of the article, or
// the headline (sent == headline).
type candidate struct {
	sent int
	why  string // how it was chosen: "lead", "thesis", "headline", "org", "next", "deep"
}

const headline = -1

// candidates lists the ways to make the line, best first. Whether a
// sentence passes the sentence test and fits the length budget is known
// only once tested and edited, which the caller does lazily, in order.
// Long: the candidates in their order of preference, one block each;
// the order is the rule, and apart it would be lost.
func (s *Summarizer) candidates(d *document, a Article) []candidate {
	var out []candidate
	lead := d.lead
	// A lead that follows a sentence of its paragraph that could not be
	// one (a speaker's label) and leans on it is no lead: "The agency
	// also says …" after "HOST: Libya's coast guard … according to IOM."
	leadOK := lead >= 0 && d.problemOf(lead) == "" && !(d.sentences[lead].pos > 0 && refersBack(d.sentences[lead].body()))
	if opinionType(a.Type) {
		if t := s.thesis(d); t >= 0 {
			out = append(out, candidate{t, "thesis"})
		}
	}
	if live(a.Title) {
		// A live blog's lead is whatever happened last: the entry that
		// names the organization is the story for its newsletter.
		d.all()
		for i, st := range d.sentences {
			if st.org && d.problemOf(i) == "" {
				out = append(out, candidate{i, "live"})
				break
			}
		}
	}
	title := cleanHeadline(a.Title)
	news := carriesNews(title)
	if leadOK {
		// The lead, and when it is over budget even compressed, the
		// headline (rule 2).
		out = append(out, candidate{lead, "lead"})
		if news {
			out = append(out, candidate{headline, "headline"})
		}
	}
	type scored struct {
		sent  int
		score float64
	}
	// The body starts at the lead: paragraphs above it are the page's
	// header (a kicker, a standfirst, a byline row), tried only after
	// the body's own sentences.
	top := 0
	if lead >= 0 {
		top = d.sentences[lead].para
	}
	var order []scored
	for i, st := range d.sentences {
		if i == lead || st.para >= top+fallbackParas || !cheaplyEligible(st.raw) || refersBack(st.body()) {
			continue
		}
		score := 1 / (1 + 0.5*float64(max(st.para-top, 0)) + 0.25*float64(st.pos))
		if st.org {
			score += weightOrg
		}
		if st.para < top {
			score -= 2
		}
		order = append(order, scored{i, score})
	}
	sort.SliceStable(order, func(i, j int) bool { return order[i].score > order[j].score })
	for _, o := range order {
		why := "next"
		if d.sentences[o.sent].org {
			why = "org"
		}
		out = append(out, candidate{o.sent, why})
	}
	if !leadOK && news {
		// A lead that fails the sentence test gives way to the sentences
		// that stand on their own first (rules 12 and 25), then the
		// headline.
		out = append(out, candidate{headline, "headline"})
	}
	if !news && title != "" {
		// A headline that does not carry the news still beats nothing.
		out = append(out, candidate{headline, "headline"})
	}
	if title == "" {
		// No headline to fall back on: any sentence that passes the test.
		d.all()
		for i, st := range d.sentences {
			if i != lead && st.para >= fallbackParas && cheaplyEligible(st.raw) {
				out = append(out, candidate{i, "deep"})
			}
		}
	}
	return out
}

// featureOpeners open a feature's title, not news: "Nowhere left to run",
// "Nothing to go back to".
var featureOpeners = toSet(`Nowhere Nothing Nobody Everywhere Somewhere Anywhere Everything Everyone Someone`)

// fallbackParas is how many text paragraphs from the top a sentence may
// stand in for the lead from.
const fallbackParas = 3

// weightOrg is what naming the organization adds to a stand-in
// sentence's score.
const weightOrg = 0.5

// cheaplyEligible rules out, before any edit, the sentences too long to
// be a line whatever the edits remove.
func cheaplyEligible(text string) bool {
	return strings.Count(text, " ") < 2*maxWords || words(text) <= 2*maxWords
}

// carriesNews: a headline that can stand for the story: one that says
// what happened (a clause, "Floods leave 30,000 homeless"), names the
// event in a noun phrase of six words or more ("A first charter flight
// home for Kenyans stranded in Libya") or names a figure ("The long wait
// of nine stowaways at Tema port") — not a
// question, a teaser ("Why …", "How …"), a quotation or a feature's
// title ("After the desert, a harder road home").
func carriesNews(title string) bool {
	if words(title) < 4 || strings.HasSuffix(title, "?") {
		return false
	}
	f := strings.Fields(title)
	first, _ := utf8.DecodeRuneInString(title)
	if whWords[strings.ToLower(f[0])] || subordinators[f[0]] || featureOpeners[f[0]] || strings.ContainsRune(`"“‘'«`, first) {
		return false // "Why …", "After the mountain came down", "Nowhere left to run", a quotation
	}
	if clauseLike(title) || subordinateRe.MatchString(title) || titleCase(title) {
		return true
	}
	if len(f) >= 6 && (f[0] == "A" || f[0] == "An" || f[0] == "The") {
		return true // a noun phrase that names the event: "The last ferry out of Lampedusa"
	}
	// A figure, not a time ("The long wait of nine stowaways", not "Ten
	// years on" or "since 2015").
	for i, w := range f {
		w = strings.Trim(w, ",.:;")
		if !numberWord(w) && !(strings.ContainsFunc(w, unicode.IsDigit) && !yearRe.MatchString(w)) {
			continue
		}
		if i+1 < len(f) && timeUnits[strings.ToLower(strings.Trim(f[i+1], ",.:;"))] {
			continue
		}
		return true
	}
	return false
}

var (
	yearRe    = regexp.MustCompile(`^(?:19|20)\d\d$`)
	timeUnits = toSet(`year years month months week weeks day days decade decades hour hours minute minutes century centuries`)
)

// subordinators open a headline that is a feature's title, not news.
var subordinators = toSet(`After When While Before Since Until If Once Where Though Although`)

func opinionType(t string) bool { return t == "opinion" || t == "editorial" }

// thesis finds the sentence that states an op-ed's or editorial's
// argument ("Europe should …", "… is a mistake", "it is time …") in its
// first paragraphs, or -1: when the opening is a hook (a scene, a
// question, a memory) or a standfirst, the thesis is the line; a piece
// that argues nowhere keeps its lead.
func (s *Summarizer) thesis(d *document) int {
	for i, st := range d.sentences {
		if st.para > thesisParas {
			break
		}
		if argues(st.body()) && d.problemOf(i) == "" {
			return i
		}
	}
	return -1
}

// thesisParas is how deep an op-ed's thesis is looked for.
const thesisParas = 4

// live: a live blog's headline ("Live: …", "… – live updates").
func live(title string) bool { return liveRe.MatchString(title) }

var liveRe = regexp.MustCompile(`(?i)^(?:live|live updates|live blog|as it happened|en direct|en vivo|ao vivo|in diretta)\b|\b(?:live updates|live blog|as it happened)\b|[–—|-]\s*live$`)

// argues: a sentence that states a position ("Europe should …", "it is
// time …", "… is a mistake").
func argues(text string) bool {
	lower := strings.ToLower(text)
	for _, k := range argueHints {
		if strings.Contains(lower, k) {
			return argueRe.MatchString(text)
		}
	}
	return false
}

// argueHints are substrings argueRe needs one of.
var argueHints = []string{"should", "must", "ought", "need", "have to", "has to", "afford", "no longer", "time", "mistake",
	"wrong", "wise", "do well", "answer", "solution", "the real", "deserve", "not enough", "false", "no sense", "only way",
	"better way", "right way", "will fail", "would fail", "would do", "would be", "overdue", "need", "is not", "sooner"}

var argueRe = regexp.MustCompile(`(?i)\b(?:should|must|ought to|need to|needs to|has to|have to|will have to|will fail|would fail|cannot afford|can no longer|can ill afford|it is time|it’s time|it's time|time has come|is a mistake|is wrong|would be wise|would do well|the answer is|the answer lies|the solution is|the real (?:problem|question|lesson|test|scandal|danger)|deserves? better|is not the answer|is no answer|is not enough|is a false|makes no sense|is the only way|the better way|the right way|needs? (?:a|an|more|better|new|urgent)|is not (?:a|an|the) [^,.]{1,40}? but|the sooner|would do (?:more|far more|much more|better)|would be (?:better|fairer|wiser|cheaper)|is (?:long )?overdue)\b`)
