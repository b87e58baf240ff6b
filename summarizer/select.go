package summarizer

import (
	"regexp"
	"sort"
	"strings"
	"unicode/utf8"
)

// sentence is one sentence of the article.
type sentence struct {
	raw  string // as the article writes it
	text string // without a leading dateline, agency tag or byline
	para int    // its paragraph, counting text paragraphs only
	pos  int    // its place in the paragraph
	org  bool   // it names the organization
	// furniture: a byline, caption, "Read more" line or the like, which
	// is never text.
	furniture bool
}

// document is an article split into sentences.
type document struct {
	sentences []sentence
	// lead is the index of the article's first text sentence, or -1.
	lead int
	use  wordCase
	// orgSource: the first three text sentences name the organization,
	// so "the UN" or "the agency" in the lead is the organization.
	orgSource bool
}

// read splits the article into sentences and notes what selection needs.
func (s *Summarizer) read(a Article) document {
	d := document{lead: -1}
	var all []string
	textPara := 0
	for _, p := range a.Paragraphs {
		sents := Sentences(p)
		hasText := false
		for j, raw := range sents {
			text := raw
			if j == 0 {
				text = stripDateline(raw)
			}
			st := sentence{raw: raw, text: text, para: textPara, pos: j, furniture: isFurniture(text)}
			st.org = s.mentionsOrg(raw)
			if !st.furniture {
				hasText = true
				if d.lead < 0 && words(text) >= 4 {
					d.lead = len(d.sentences)
				}
			}
			d.sentences = append(d.sentences, st)
			all = append(all, text)
		}
		if hasText {
			textPara++
		}
	}
	d.use = wordCase{sentences: all}
	// Text above a byline near the top is the page's header (a rubric, a
	// standfirst): the lead is the first sentence after it.
	for i, st := range d.sentences {
		if st.para > 3 {
			break
		}
		if st.furniture && bylineRe.MatchString(strings.TrimSpace(st.text)) && i > d.lead && d.lead >= 0 {
			d.lead = -1
			for j := i + 1; j < len(d.sentences); j++ {
				if !d.sentences[j].furniture && words(d.sentences[j].text) >= 4 {
					d.lead = j
					break
				}
			}
			break
		}
	}
	// A first paragraph without a full stop is a standfirst or a heading,
	// not the lead.
	if d.lead >= 0 && !endsSentence(d.sentences[d.lead].text) && d.sentences[d.lead].pos == 0 {
		for j := d.lead + 1; j < len(d.sentences); j++ {
			if st := d.sentences[j]; !st.furniture && st.para > d.sentences[d.lead].para && words(st.text) >= 4 {
				d.lead = j
				break
			}
		}
	}
	seen := 0
	for _, st := range d.sentences {
		if st.furniture {
			continue
		}
		if st.org {
			d.orgSource = true
		}
		if seen++; seen >= 3 {
			break
		}
	}
	return d
}

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
	"lesen sie auch", "mehr zum thema", "leia também"}

var bylineRe = regexp.MustCompile(`^(?:By|BY|Par|Por|Von) \p{Lu}[\p{L}.'’-]*(?: (?:\p{Lu}[\p{L}.'’-]*|and|y|et|und|de|van|von))*(?:(?:[,|·]| [–—-] ).*)?$`)

// endsSentence reports final punctuation, before any closing quote.
func endsSentence(s string) bool {
	s = strings.TrimRight(strings.TrimSpace(s), `"'”’»)`)
	r, _ := utf8.DecodeLastRuneInString(s)
	return strings.ContainsRune(".!?…。！？", r)
}

func isFurniture(s string) bool {
	s = strings.TrimSpace(s)
	// A line of fields ("Le Monde | 04.05.2015 à 13h36 • Mis à jour …")
	// or an editor's note in brackets is not a sentence.
	if strings.IndexByte(s, '|') >= 0 || strings.Contains(s, "•") || strings.HasPrefix(s, "[") || strings.HasPrefix(s, "(") && strings.HasSuffix(strings.TrimRight(s, "."), ")") {
		return true
	}
	head := strings.ToLower(s[:min(len(s), 24)])
	for _, f := range furnitureStarts {
		if strings.HasPrefix(head, f) {
			return true
		}
	}
	for _, b := range []string{"By ", "BY ", "Par ", "Por ", "Von "} {
		if strings.HasPrefix(s, b) {
			return bylineRe.MatchString(s)
		}
	}
	return false
}

// candidate is a sentence that can be the line's clause, with its clause.
type candidate struct {
	sent   int
	clause string
}

// choose takes the lead when it can be a line (SUMMARY-STYLE.md §3: the
// house's lines are lead rewrites). Otherwise it scores the other
// sentences (rule 25): a prior that decays with the paragraph and the
// place in it (a paragraph's first sentence states its point), plus the
// organization's name in the first paragraphs, plus a little for a
// figure; the best that can be a
// line wins, ties going to the earlier sentence. fits edits a sentence
// and says whether it can be a line; it is called only on the sentences
// considered, best first. first reports (when withFirst) that no earlier
// sentence could be a line.
func (s *Summarizer) choose(d document, fits func(int) (string, bool), withFirst bool) (c candidate, first bool, ok bool) {
	if d.lead >= 0 {
		if clause, ok := fits(d.lead); ok {
			return candidate{sent: d.lead, clause: clause}, true, true
		}
	}
	type scored struct {
		sent  int
		score float64
	}
	var order []scored
	for i, st := range d.sentences {
		if i == d.lead || st.furniture || !cheaplyEligible(st.text) {
			continue
		}
		score := 1 / (1 + 0.5*float64(st.para) + 0.25*float64(st.pos))
		if st.org && st.para < orgParas {
			score += weightOrg
		}
		if hasFigure(st.text) {
			score += weightFigure
		}
		order = append(order, scored{i, score})
	}
	sort.SliceStable(order, func(i, j int) bool { return order[i].score > order[j].score })
	for _, o := range order {
		clause, ok := fits(o.sent)
		if !ok {
			continue
		}
		first = true
		for _, e := range order {
			if withFirst && e.sent < o.sent {
				if _, ok := fits(e.sent); ok {
					first = false
					break
				}
			}
		}
		return candidate{sent: o.sent, clause: clause}, first, true
	}
	return candidate{}, false, false
}

// cheaplyEligible rules out, before any edit, the sentences too long to
// be a line whatever the edits (which shorten more than they lengthen).
func cheaplyEligible(text string) bool {
	return strings.Count(text, " ") < maxWords+8 || words(text) <= maxWords+8
}

// Weights of the organization's name and of a figure in a sentence that
// stands in for an ineligible lead.
const (
	weightOrg    = 0.5
	weightFigure = 0.05
	// orgParas is how many paragraphs from the top a sentence naming the
	// organization is preferred in: deeper, the sentence closest to the
	// lead is the line, and the organization goes in the follow-up.
	orgParas = 3
)

// Sentences that are never a line (SUMMARY-STYLE.md rule 12).
// A sentence opening with a pronoun or connective leans on the one
// before; one opening in the first person is the writer's, not the news.
var connectives = regexp.MustCompile(`^(?:He|She|They|It|This|These|Those|That|But|And|However|Meanwhile|Also|So|Yet|Still|Instead|Moreover|Furthermore|Besides|Then|His|Her|Their|Its|First|Second|Finally|Now|I|I’m|I'm|I’ve|I've|We|My|Our|Let’s|Let's|Il|Elle|Ils|Elles|Mais|Cependant|Él|Ella|Ellos|Pero|Sin embargo)\b`)

// unwanted finds what a line never holds: links, hashtags, handles,
// ellipses (rule 1).
var unwanted = regexp.MustCompile(`https?://|www\.|(?:^|\s)#\p{L}|(?:^|\s)@\w|…|\.\.\.`)

// clauseContext is what clause editing needs besides the sentence.
type clauseContext struct {
	outlet string
	lang   string
	doc    document
}

// eligible returns the clause a sentence gives after the house's edits,
// if it can be a line at all.
func (s *Summarizer) eligible(st sentence, c clauseContext) (string, bool) {
	text := strings.TrimSpace(st.text)
	if st.furniture || text == "" {
		return "", false
	}
	if first, _ := utf8.DecodeRuneInString(text); strings.ContainsRune(`"“”‘’'«»—–-`, first) {
		return "", false
	}
	if strings.HasSuffix(text, "?") || strings.HasSuffix(text, "!") || strings.HasSuffix(text, ":") ||
		strings.HasSuffix(text, "?”") || strings.HasSuffix(text, "?\"") {
		return "", false
	}
	if connectives.MatchString(text) || unwanted.MatchString(text) || hasEmoji(text) {
		return "", false
	}
	if quotedShare(text) > maxQuoted || words(text) < minClause {
		return "", false
	}
	clause := s.edit(text, c)
	if words(clause) < minClause {
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

// hasEmoji reports pictographs, which lines never carry (rule 1).
func hasEmoji(s string) bool {
	for _, r := range s {
		if r >= 0x1F300 && r <= 0x1FAFF || r >= 0x2600 && r <= 0x27BF && r != 0x2713 {
			return true
		}
	}
	return false
}
