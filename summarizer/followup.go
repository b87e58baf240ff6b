package summarizer

import (
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"
)

// The follow-up sentences (SUMMARY-STYLE.md rule 22), a closed set, each
// written only with evidence in the article and only when the clause does
// not name the organization, in this order of priority:
//
//	It quoted IOM’s <Name>.            the article quotes a staff member
//	It quoted <Head title> <Name>.     … or the organization's head
//	It cited an IOM report|study|survey|assessment.
//	It cited IOM figures.              the organization and a number in one sentence
//	It referenced IOM.                 any other mention
func (s *Summarizer) followUp(d *document) string {
	if s.org == "" {
		return ""
	}
	if !d.anyOrg() {
		return "" // rule 23: never invent a mention
	}
	d.all()
	var texts []string
	any := false
	for i, st := range d.sentences {
		t := st.raw
		if st.org {
			t = shortenOrg(t, s.longNames, s.org)
		}
		// "the agency" right after a sentence naming the organization is
		// the organization: "IOM welcomed the decision. “…,” said Iñigo
		// Sáez, who heads the agency's office in Madrid."
		if i > 0 && d.sentences[i-1].org || st.org {
			t = agencyRe.ReplaceAllString(t, s.org)
			if strings.HasPrefix(t, "Its ") && !st.org {
				t = s.org + "’s " + t[len("Its "):] // "Its coordinator in Juárez, Esteban Mora, says"
			}
		}
		texts = append(texts, t)
		any = any || st.org
	}
	if !any && !d.titleOrg && !d.namesOrgBeyond() {
		return "" // rule 23: never invent a mention
	}
	if who, head := s.quoted(texts, d.transcript()); who != "" {
		if head {
			return "It quoted " + s.headTitle + " " + s.headName + "."
		}
		return "It quoted " + s.org + "’s " + who + "."
	}
	for i, t := range texts {
		if d.sentences[i].org {
			if m := s.work.FindStringSubmatch(t); m != nil {
				return "It cited an " + s.org + " " + strings.ToLower(strings.Join(m[1:], "")) + "."
			}
		}
	}
	for i, t := range texts {
		if d.sentences[i].org && s.orgWord.MatchString(t) && hasFigure(t) {
			return "It cited " + s.org + " figures."
		}
	}
	return "It referenced " + s.org + "."
}

// agencyRe: the organization written as a common noun.
var agencyRe = regexp.MustCompile(`\bthe (?:agency|organization|organisation|UN agency|U\.N\. agency)\b`)

// figureRe finds a number that is not a bare year.
var figureRe = regexp.MustCompile(`\d[\d,.]*\d|\d`)

func hasFigure(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			continue
		}
		j := i
		for j < len(s) && (s[j] >= '0' && s[j] <= '9' || s[j] == ',' || s[j] == '.') {
			j++
		}
		n := strings.TrimRight(s[i:j], ".,")
		if !(len(n) == 4 && (strings.HasPrefix(n, "19") || strings.HasPrefix(n, "20"))) {
			return true
		}
		i = j
	}
	return false
}

// Where a staff member is named: "IOM’s Tomas Ferreira", "IOM spokesperson
// Tomas Ferreira", "Tomas Ferreira, a spokesperson for IOM", "Tomas
// Ferreira, IOM’s chief of mission".
func staffPatterns(org string) []*regexp.Regexp {
	o := regexp.QuoteMeta(org)
	return []*regexp.Regexp{
		regexp.MustCompile(`\b` + o + `(?:(?:’s|'s)\s+(?:(?:[\p{L}-]+\s+){0,2}?` + staffTitle + `,?\s+)?|\s+(?:[\p{L}-]+\s+){0,2}?` + staffTitle + `,?\s+)(` + personName + `)`),
		regexp.MustCompile(`(` + personName + `),\s+(?:an?\s+|the\s+)?(?:[\p{Ll}-]+\s+){0,4}?(?:at|for|of|with|from)\s+(?:the\s+)?` + o + `\b`),
		regexp.MustCompile(`(` + personName + `),\s+` + o + `(?:’s|'s)\s+`),
		// "Lucía Arbeláez, who coordinates Safe Mobility cases for IOM".
		regexp.MustCompile(`(` + personName + `),\s+who\s+(?:[\p{L}’'-]+\s+){1,6}?(?:the\s+|an?\s+)?` + o + `\b`),
		regexp.MustCompile(`(` + personName + `),\s+(?:an?\s+|the\s+)?` + o + `\s+\p{Ll}`),
		// "IOM’s coordinator in Juárez, Esteban Mora, says".
		regexp.MustCompile(`\b` + o + `(?:’s|'s)\s+(?:[\p{L}-]+\s+){0,3}?` + staffTitle + `\b[^,]{0,40},\s+(` + personName + `),`),
		// "Rafael Quintero heads the IOM office in Panama", "Lucia Bellini
		// works for IOM here".
		regexp.MustCompile(`(` + personName + `)\s+(?:heads|leads|runs|directs|coordinates|manages|works\s+for|works\s+with)\s+(?:the\s+|an?\s+)?` + o + `\b`),
		// "Losana Tuilagi of IOM’s Suva office", "Dewi Lestari of IOM".
		regexp.MustCompile(`(` + personName + `)\s+(?:of|from|at|with)\s+(?:the\s+)?` + o + `\b`),
	}
}

// speaksRe: a sentence where someone speaks or is quoted.
var speaksRe = regexp.MustCompile(`“[^”]{12,}”|"[^"]{12,}"|«[^»]{12,}»|\b(?:said|says|told|added|explained|warned|stressed|noted)\b`)

// turnRe: a transcript's turn, opening with its speaker's label
// ("RAFAEL QUINTERO, IOM: …", "GUEST Brenda Nakato: …"); group 1 is the
// label.
var turnRe = regexp.MustCompile(`^(` + labelPattern(5) + `):\s`)

// quoted finds the first staff member (or the head) the article quotes:
// named in a sentence next to (±1) a quotation or speech, by full name or
// surname — in a transcript, a turn is speech, and a turn whose label
// names the organization is a staff member's. head reports that it is
// the head.
func (s *Summarizer) quoted(texts []string, transcript bool) (who string, head bool) {
	type person struct {
		name, surname string
		head          bool
	}
	var people []person
	seen := map[string]bool{}
	if s.headName != "" {
		f := strings.Fields(s.headName)
		people = append(people, person{name: s.headName, surname: f[len(f)-1], head: true})
		seen[s.headName] = true
	}
	for _, re := range s.staff {
		for _, t := range texts {
			if !strings.Contains(t, s.org) {
				continue
			}
			for _, m := range re.FindAllStringSubmatch(t, -1) {
				name := withoutOpening(strings.TrimSpace(m[1]))
				if !seen[name] && isPerson(name) {
					seen[name] = true
					f := strings.Fields(name)
					people = append(people, person{name: name, surname: f[len(f)-1]})
				}
			}
		}
	}
	if transcript {
		for _, t := range texts {
			m := turnRe.FindStringSubmatch(t)
			if m == nil || !strings.Contains(m[1], s.org) {
				continue
			}
			name, _, _ := strings.Cut(m[1], ",")
			name, _, _ = strings.Cut(name, " (")
			if name = nameCase(strings.TrimSpace(name)); !seen[name] && isPerson(name) {
				seen[name] = true
				f := strings.Fields(name)
				people = append(people, person{name: name, surname: f[len(f)-1]})
			}
		}
	}
	if len(people) == 0 {
		return "", false
	}
	speaks := func(i int) bool { return speaksRe.MatchString(texts[i]) || transcript && turnRe.MatchString(texts[i]) }
	// The first mention in the article order wins.
	for i, t := range texts {
		for _, p := range people {
			if !strings.Contains(t, p.name) && !containsWord(t, p.surname) && !strings.Contains(t, strings.ToUpper(p.name)) {
				continue
			}
			for j := max(0, i-1); j <= min(len(texts)-1, i+1); j++ {
				if speaks(j) {
					return p.name, p.head
				}
			}
		}
	}
	return "", false
}

// nameCase writes a name in capitals as a name: "RAFAEL QUINTERO" →
// "Rafael Quintero"; any other name stays as it is.
func nameCase(name string) string {
	if strings.ToUpper(name) != name {
		return name
	}
	f := strings.Fields(strings.ToLower(name))
	for i, w := range f {
		r, size := utf8.DecodeRuneInString(w)
		f[i] = string(unicode.ToUpper(r)) + w[size:]
	}
	return strings.Join(f, " ")
}

// withoutOpening drops a capitalized word that opens a sentence, not a
// name ("As Losana Vuki" → "Losana Vuki").
func withoutOpening(name string) string {
	if first, rest, ok := strings.Cut(name, " "); ok && (notNameStarts[first] || starters[first]) && strings.Contains(rest, " ") {
		return rest
	}
	return name
}

// containsWord reports w in s as a whole word.
func containsWord(s, w string) bool {
	if w == "" {
		return false
	}
	for i := strings.Index(s, w); i >= 0; {
		end := i + len(w)
		before, _ := utf8.DecodeLastRuneInString(s[:i])
		after, _ := utf8.DecodeRuneInString(s[end:])
		if (i == 0 || !isWordRune(before) && !strings.ContainsRune("@./", before)) && (end == len(s) || !isWordRune(after) && !inAddress(s[end:])) {
			return true // not part of an address: "press@remitra.example"
		}
		next := strings.Index(s[end:], w)
		if next < 0 {
			return false
		}
		i = end + next
	}
	return false
}

// inAddress: the text after a word goes on as an e-mail or web address
// ("@…", ".example").
func inAddress(after string) bool {
	if strings.HasPrefix(after, "@") {
		return true
	}
	if rest, ok := strings.CutPrefix(after, "."); ok {
		r, _ := utf8.DecodeRuneInString(rest)
		return unicode.IsLetter(r)
	}
	return false
}

func isWordRune(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }

// notNames are words that make a capitalized phrase a thing, not a
// person: "IOM’s Displacement Tracking Matrix", "IOM’s Missing Migrants
// Project".
var notNames = toSet(`Matrix Project Programme Program Report Office Mission Fund Centre Center Agency Organization
Organisation Migration Day Plan Appeal Compact Initiative Unit Team Department Division Council Board Committee
Network Platform Portal Dashboard Tracking Survey Study Data Index Framework Strategy Response Facility Camp Camps
Hub Service Services Foundation Institute University Ministry Government Republic Sea Ocean Route Corridor
Community Union Alliance Coalition Partnership Consortium Cluster Group Association Society Federation Secretariat
Commission Agency Bank Forum Summit Conference Council Islands Region Province Coordinator Director Officer Manager
Chief Head Representative Spokesperson Spokesman Spokeswoman Adviser Advisor Minister Secretary Commissioner Zonal`)

// isPerson reports whether a capitalized phrase can be a person's name.
func isPerson(name string) bool {
	f := strings.Fields(name)
	for _, w := range f {
		if notNames[strings.Trim(w, "’'")] {
			return false
		}
	}
	// "New Delhi", "Addis Ababa": a place, not "Sofia Marinou".
	return len(f) == 0 || !gazetteer[strings.Trim(f[len(f)-1], "’'")]
}
