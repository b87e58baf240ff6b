package mention

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Roles the organization plays in an article, weakest first.
const (
	RoleMention      = "mention"      // named, nothing more can be said
	RoleList         = "list"         // one name in a list of organizations
	RoleSubject      = "subject"      // it acts or speaks: "IOM said …", "IOM helped …"
	RoleSource       = "source"       // its figures are cited: "according to IOM", "IOM figures"
	RoleSpokesperson = "spokesperson" // its people are quoted: "IOM's Joel Millman said"
)

var rank = map[string]int{RoleMention: 0, RoleList: 1, RoleSubject: 2, RoleSource: 3, RoleSpokesperson: 4}

// The role is read from the words around a match, in English, French
// and Spanish: a few words before and after, within the sentence. Word
// lists, not regular expressions: this runs on every match of every
// article.
var (
	speechVerbs = wordSet(`said says told tells added adds explained explains warned warns noted notes stressed stresses
		urged urges declared declares stated states insisted insists emphasised emphasized according
		déclaré indiqué expliqué précisé souligné affirmé dit declaró indicó explicó afirmó dijo señaló`)
	staffNouns = wordSet(`spokesman spokeswoman spokesperson spokespeople official officials director directors chief head
		representative envoy coordinator staff worker workers employee employees expert experts officer officers
		chief-of-mission porte-parole portavoz responsable directeur directrice chef`)
	dataNouns = wordSet(`figures figure data estimate estimates statistics numbers report reports study studies survey
		surveys tally count counts analysis research database project projects records record monitoring matrix
		chiffres données estimations rapport étude enquête cifras datos estimaciones informe estudio encuesta`)
	subjectVerbs = wordSet(`has have had is was will would can could said says helped helps launched launches announced
		announces warned warns called calls urged urges opened opens provided provides estimated estimates recorded
		records registered reported reports plans planned aims supports supported assisted distributed organised
		organized runs ran started began welcomed condemned deployed confirmed counted appealed appeals
		a avait est sera estime indique annonce alerte ha había es informó indicó señaló advirtió`)
	listLeadIns  = wordSet(`including include includes such like among partners agencies organisations organizations groups`)
	conjunctions = wordSet(`and but while as that when since because et mais y pero`)
	dropArticles = wordSet(`the l la le el les los las`)
	prepositions = wordSet(`of for from at with de del`)
	listJoins    = wordSet(`, and or et ou y o`)
)

func wordSet(s string) map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(s) {
		m[w] = true
	}
	return m
}

// roleWindow is how many words on each side a role is read from, and
// sentenceReach how far the sentence around a match is looked for.
const (
	roleWindow    = 8
	sentenceReach = 300
)

// word is a word or a punctuation mark near a match.
type word struct {
	text  string // lower-cased
	upper bool   // starts with a capital
	punct bool
}

// roleAt reads the role of the match text[start:end] from the words
// around it, within its sentence.
// Long: one ordered list of cues (subject, spokesperson, source, list),
// each reading the same sentence window; apart they would hide the order
// that decides between them.
func roleAt(text string, start, end int) string {
	a, b := sentenceAround(text, start, end)
	before := lastWords(text[a:start], roleWindow)
	after := firstWords(skipAside(text[end:b]), roleWindow)
	atStart := len(before) == 0 || (len(before) == 1 && dropArticles[before[0].text])

	// Skip a possessive: "IOM's Joel Millman", "IOM’s figures".
	next := after
	possessive := len(next) > 0 && next[0].text == "s" && (strings.HasPrefix(text[end:], "'s") || strings.HasPrefix(text[end:], "’s"))
	if possessive {
		next = next[1:]
	}
	first := func(ws []word) string {
		if len(ws) == 0 {
			return ""
		}
		return ws[0].text
	}
	hasWord := func(ws []word, set map[string]bool, n int) bool {
		for i := 0; i < len(ws) && i < n; i++ {
			if set[ws[i].text] {
				return true
			}
		}
		return false
	}
	prevText := func(n int) string { // the n words before, joined
		var parts []string
		for i := max(0, len(before)-n); i < len(before); i++ {
			parts = append(parts, before[i].text)
		}
		return strings.Join(parts, " ")
	}
	// The noun a preposition ties the match to: "spokesman" in "a
	// spokesman for the IOM", "figures" in "figures from IOM".
	owner := ""
	if n := len(before); n > 0 {
		if dropArticles[before[n-1].text] {
			n--
		}
		if n >= 2 && prepositions[before[n-1].text] {
			owner = before[n-2].text
		}
	}
	// Data named after the match: "IOM figures", "IOM's latest report",
	// "IOM's Missing Migrants Project"; a verb, a comma or a conjunction
	// ends the search.
	dataAhead := false
	for i, w := range next {
		if dataNouns[w.text] {
			dataAhead = true
			break
		}
		if i >= 2 || w.punct || conjunctions[w.text] || subjectVerbs[w.text] || speechVerbs[w.text] || !possessive && !w.upper {
			break
		}
	}

	// Spokesperson: "IOM's Joel Millman said", "IOM spokesman X",
	// "said Jane Roe of IOM", "porte-parole de l'OIM".
	switch {
	case possessive && hasWord(next, speechVerbs, 6) && !dataAhead:
		return RoleSpokesperson
	case staffNouns[first(next)]:
		return RoleSpokesperson
	case staffNouns[owner]:
		return RoleSpokesperson
	case endsWithAny(prevText(3), "of", "from", "at", "with", "of the", "from the", "at the", "with the") && hasWord(before, speechVerbs, roleWindow) && !dataNouns[owner]:
		return RoleSpokesperson
	case endsWithAny(prevText(3), "porte-parole de", "porte-parole de l", "portavoz de", "portavoz de la", "responsable de l", "directeur de l", "directrice de l", "chef de l"):
		return RoleSpokesperson
	}
	// Source: "according to IOM", "IOM figures", "citing IOM",
	// "…, IOM said.", "selon l'OIM", "según la OIM".
	switch {
	case strings.Contains(prevText(5), "according to"):
		return RoleSource
	case dataAhead || dataNouns[owner]:
		return RoleSource
	case endsWithAny(prevText(3), "citing", "citing the", "selon", "selon l", "selon la", "d après", "d après l", "según", "según la", "de acuerdo con", "con la", "by the", "by"):
		if strings.HasSuffix(prevText(2), "by") || strings.HasSuffix(prevText(2), "by the") {
			if !hasWord(before, dataNouns, roleWindow) {
				break
			}
		}
		return RoleSource
	case len(before) > 0 && before[len(before)-1].text == "," || len(before) > 1 && before[len(before)-2].text == "," && dropArticles[before[len(before)-1].text]:
		if (first(next) == "said" || first(next) == "says" || first(next) == "reported" || first(next) == "estimated") && len(next) <= 4 {
			return RoleSource
		}
	}
	// Subject: the organization acts or speaks, at the start of a clause.
	clauseStart := atStart
	if n := len(before); n > 0 {
		last := before[n-1]
		if dropArticles[last.text] && n > 1 {
			last = before[n-2]
		}
		if last.punct && (last.text == "," || last.text == ";" || last.text == ":") || conjunctions[last.text] {
			clauseStart = true
		}
	}
	if clauseStart && subjectVerbs[first(next)] && !possessive {
		return RoleSubject
	}
	// List: "UNHCR, IOM and UNICEF", "agencies such as IOM".
	if hasWord(reverse(before), listLeadIns, roleWindow) {
		return RoleList
	}
	// Articles aside: "Le HCR, l'OIM et l'UNICEF".
	var bbuf, abuf [roleWindow]word
	bl, al := withoutArticles(bbuf[:0], before), withoutArticles(abuf[:0], after)
	nameBefore := len(bl) >= 2 && listJoins[bl[len(bl)-1].text] && bl[len(bl)-2].upper
	nameAfter := len(al) >= 2 && listJoins[al[0].text] && al[1].upper
	if nameBefore && nameAfter || nameBefore && len(bl) >= 4 && bl[len(bl)-3].text == "," || nameAfter && len(al) >= 4 && al[2].text == "," {
		return RoleList
	}
	return RoleMention
}

// skipAside drops a bracketed aside at the start of s, so that in "The
// International Organization for Migration (IOM) said" the name is
// followed by "said".
func skipAside(s string) string {
	t := strings.TrimLeft(s, " ")
	if !strings.HasPrefix(t, "(") {
		return s
	}
	if i := strings.IndexByte(t, ')'); i > 0 && i <= 40 {
		return t[i+1:]
	}
	return s
}

// withoutArticles appends the words of ws that are not articles to dst.
func withoutArticles(dst, ws []word) []word {
	for _, w := range ws {
		if !dropArticles[w.text] {
			dst = append(dst, w)
		}
	}
	return dst
}

func endsWithAny(s string, suffixes ...string) bool {
	for _, x := range suffixes {
		if s == x || strings.HasSuffix(s, " "+x) {
			return true
		}
	}
	return false
}

func reverse(ws []word) []word {
	out := make([]word, len(ws))
	for i, w := range ws {
		out[len(ws)-1-i] = w
	}
	return out
}

// splitWords splits s into words and the punctuation marks , ; : (other
// characters separate words); apostrophes split ("l'OIM" is l, OIM).
func splitWords(s string) []word {
	var out []word
	start := -1
	flush := func(end int) {
		if start >= 0 {
			w := s[start:end]
			r, _ := utf8.DecodeRuneInString(w)
			out = append(out, word{text: lower(w), upper: unicode.IsUpper(r)})
			start = -1
		}
	}
	for i, r := range s {
		switch {
		case unicode.IsLetter(r) || unicode.IsDigit(r) || r == '-':
			if start < 0 {
				start = i
			}
		default:
			flush(i)
			if r == ',' || r == ';' || r == ':' {
				out = append(out, word{text: string(r), punct: true})
			}
		}
	}
	flush(len(s))
	return out
}

// lower lower-cases w, without allocating when it already is.
func lower(w string) string {
	for i := 0; i < len(w); i++ {
		if c := w[i]; c >= 'A' && c <= 'Z' || c >= utf8.RuneSelf {
			return strings.ToLower(w)
		}
	}
	return w
}

func lastWords(s string, n int) []word {
	if len(s) > 160 {
		s = s[len(s)-160:]
		for len(s) > 0 && !utf8.RuneStart(s[0]) {
			s = s[1:]
		}
	}
	ws := splitWords(s)
	if len(ws) > n {
		ws = ws[len(ws)-n:]
	}
	return ws
}

func firstWords(s string, n int) []word {
	if len(s) > 160 {
		s = s[:160]
		for len(s) > 0 && !utf8.RuneStart(s[len(s)-1]) {
			s = s[:len(s)-1]
		}
	}
	ws := splitWords(s)
	if len(ws) > n {
		ws = ws[:n]
	}
	return ws
}

// sentenceAround returns the bounds of the sentence holding [start, end),
// looking no further than sentenceReach bytes either way.
func sentenceAround(text string, start, end int) (int, int) {
	a := start
	for a > 0 && start-a < sentenceReach {
		c := text[a-1]
		if (c == '.' || c == '!' || c == '?') && a < len(text) && (text[a] == ' ' || text[a] == '\n') {
			break
		}
		a--
	}
	b := end
	for b < len(text) && b-end < sentenceReach {
		c := text[b]
		b++
		if (c == '.' || c == '!' || c == '?') && (b == len(text) || text[b] == ' ' || text[b] == '\n') {
			break
		}
	}
	return a, b
}
