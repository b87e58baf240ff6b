package summarizer

import (
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Headlines of interviews: "Interview: IOM’s Ana Duarte on climate
// migration", "Q&A with researcher Lena Brandt about border deaths",
// "Ana Duarte on climate migration: an interview". Groups: the person,
// the topic.
var interviewTitles = []*regexp.Regexp{
	// "‘Our clinics would close’: Naledi Khumalo on the Gulf exodus".
	regexp.MustCompile(`^[‘“"'«].+?[’”"'»]\s*[:|–—-]\s*(.+?)\s+(?:on|about)\s+(.+)$`),
	// "Q&A: ‘People are already moving’ — Teuila Fa’asalele on climate …".
	regexp.MustCompile(`^(?i:interview|q\s*&\s*a)\s*[:|–—-]\s*[‘“"'«].+?[’”"'»]\s*[:|–—-]\s*(.+?)\s+(?:on|about)\s+(.+)$`),
	regexp.MustCompile(`^(?i:interview|q\s*&\s*a|in conversation)(?:\s+with)?\s*[:|–—-]?\s*([^:|–—]+?)\s*[:|–—]\s*(.+)$`),
	regexp.MustCompile(`^(?i:interview|q\s*&\s*a|in conversation)(?:\s+with)?\s*[:|–—-]?\s*(.+?)\s+(?:on|about)\s+(.+)$`),
	regexp.MustCompile(`^(.+?)\s+(?:on|about)\s+(.+?)\s*[:|–—-]\s*(?i:an?\s+)?(?i:interview|q\s*&\s*a)$`),
}

// topicTitle: an interview's headline that gives the topic alone ("Q&A:
// Why climate migration in the Sahel is mostly short-distance").
var topicTitle = regexp.MustCompile(`^(?i:interview|q\s*&\s*a)\s*[:|–—-]\s*(.+)$`)

// subjectRe: an interview's first sentence that presents the person
// ("Geographer Aïssatou Ndiaye has spent a decade …", "Geographer Farhana
// Rahim of Khulna University has spent …").
var subjectRe = regexp.MustCompile(`^((?:\p{Lu}\p{Ll}+\s+)?` + personName + `)(?:\s+(?:of|at|from)\s+(?:the\s+)?\p{Lu}[\p{L}'’-]+(?:\s+\p{Lu}[\p{L}'’-]+){0,4})?\s+(?:has|is|was|teaches|works|leads|heads|runs|spent|studies|directs|coordinates|joined|became)\b`)

// talksRe: a standfirst "<who> talks (to <outlet>) about <topic>, and …".
var talksRe = regexp.MustCompile(`^(.{3,80}?)\s+(?:talks|speaks|spoke|talked)(?:\s+(?:to|with)\s+[^,]{2,40}?)?\s+about\s+(.+?)(?:,\s+and\s+.*)?\.$`)

// personNameRe: a person's name somewhere in a text.
var personNameRe = regexp.MustCompile(personName)

// namesPerson: a text holds a person's name — two or three capitalized
// words that are no place, no organization ("Nadia Karimova", not "IOM’s
// Libya").
func namesPerson(who string) bool {
	for _, m := range personNameRe.FindAllString(who, -1) {
		var name []string
		for _, w := range strings.Fields(m) {
			if w = strings.TrimSuffix(strings.TrimSuffix(w, "’s"), "'s"); strings.ToUpper(w) != w {
				name = append(name, w) // "IOM’s Samir Haddad": the acronym is no part of the name
			}
		}
		if len(name) >= 2 && isPerson(strings.Join(name, " ")) {
			return true
		}
	}
	return false
}

// conversationRe: an interview's headline that names whom, not what about
// ("In conversation with IOM's regional director for the East and Horn
// of Africa").
var conversationRe = regexp.MustCompile(`^(?i:in conversation with|interview with|q\s*&\s*a with|a conversation with)\s+(.+)$`)

// conversation is "<Outlet> spoke with <whom>." from such a headline, or
// nothing.
func (s *Summarizer) conversation(a Article, d *document, outlet string) (Draft, bool) {
	m := conversationRe.FindStringSubmatch(strings.TrimRight(strings.TrimSpace(a.Title), ".!?"))
	if m == nil || quoted(m[1]) {
		return Draft{}, false
	}
	line := outlet + " spoke with " + finish(m[1])
	if n := words(line); n < minWords || n > maxWords || len(Check(line)) > 0 {
		return Draft{}, false
	}
	dr := Draft{Line: line, Frame: "spoke with", Writer: "extractive"}
	s.addFollowUp(&dr, d, m[1])
	return dr, true
}

// deckRe: a standfirst "<who> on <topic>" ("IOM’s Director General on
// funding cuts, the Sudan crisis and …").
var deckRe = regexp.MustCompile(`^(.{3,60}?)\s+on\s+(.{8,})$`)

// interview writes "<Outlet> spoke with IOM’s <Name> about <topic>." or
// "<Outlet> interviewed <person> about <topic>." (SUMMARY-STYLE.md rule
// 8). The person and the topic come from the headline ("Interview: IOM’s
// Ana Duarte on climate migration"); the standfirst fills in what the
// headline leaves out: the person when the headline names a role ("Q&A:
// IOM’s Libya chief on …" over "Nadia Karimova, IOM’s chief of mission
// in Libya, on why …"), the topic when the headline quotes the person or
// names only whom ("In conversation with IOM's regional director" over
// "Amina Wekesa on the Eastern Route …"). Without a person and a topic
// the caller falls back to the news frame.
func (s *Summarizer) interview(a Article, d *document, outlet string) (Draft, bool) {
	title := strings.TrimSpace(strings.TrimRight(strings.TrimSpace(a.Title), ".!?"))
	who, about := "", ""
	for _, re := range interviewTitles {
		if m := re.FindStringSubmatch(title); m != nil && words(m[1]) <= 8 {
			who, about = strings.TrimSpace(m[1]), strings.TrimSpace(m[2])
			break
		}
	}
	if who == "" {
		if m := conversationRe.FindStringSubmatch(title); m != nil && !quoted(m[1]) {
			who = m[1] // whom, without a topic
		} else if m := topicTitle.FindStringSubmatch(title); m != nil {
			about = strings.TrimSpace(m[1])
		}
	}
	deckWho, deckAbout, talks := standfirst(d)
	if talks && namesPerson(deckWho) && (who == "" || !namesPerson(who) || strings.Contains(deckWho, lastWord(who))) {
		// A standfirst that says who talks about what says it best:
		// "Nursing researcher Naledi Khumalo of the University of Limpopo
		// talks to Highveld Wire about why …, and what …".
		who, about = deckWho, deckAbout
	}
	if !namesPerson(who) {
		person := ""
		if namesPerson(deckWho) {
			person = deckWho
		} else {
			person = presented(d)
		}
		if person != "" {
			if s.org != "" && s.mentionsOrg(who) && !s.mentionsOrg(person) {
				person = s.org + "’s " + person // the headline's "IOM’s regional director"
			}
			who = person
		}
	}
	if about == "" || quoted(about) {
		about = deckAbout
	}
	about = unquote(strings.TrimSpace(about))
	if who == "" || words(about) < 2 || quoted(about) || !namesPerson(who) {
		return s.conversation(a, d, outlet) // no person named ("IOM’s Libya chief")
	}
	about = lowerFirst(about, d.use)
	if s.headName != "" && strings.Contains(who, s.headName) {
		return s.interviewLine(d, outlet, "spoke with", s.headTitle+" "+s.headName, about, false)
	}
	if s.org != "" {
		for _, re := range s.staff {
			if sm := re.FindStringSubmatch(shortenOrg(who, s.longNames, s.org)); sm != nil {
				if dr, ok := s.interviewLine(d, outlet, "spoke with", s.org+"’s "+sm[1], about, false); ok {
					return dr, true
				}
			}
		}
	}
	if i := strings.IndexByte(who, ','); i > 0 && namesPerson(who[:i]) {
		who = who[:i] // "Nadia Karimova, a lawyer in Tripoli" → "Nadia Karimova"
	}
	who = withoutAffiliation(who)
	return s.interviewLine(d, outlet, "interviewed", personTitle(who, d.use), about, !s.names(who))
}

// standfirst reads an interview's standfirst, one of its first three
// sentences (a kicker such as "Interviews" may come before it): "<who>
// talks to <outlet> about <topic>" (talks) or "<who> on <topic>".
func standfirst(d *document) (who, about string, talks bool) {
	for i := range d.sentences[:min(len(d.sentences), 3)] {
		first := d.sentences[i].body()
		if m := talksRe.FindStringSubmatch(first); m != nil {
			return m[1], m[2], true
		}
		if m := deckRe.FindStringSubmatch(strings.TrimRight(first, ".")); m != nil && !hasStrictVerb(m[1]) {
			return strings.TrimRight(m[1], ", "), m[2], false
		}
	}
	return "", "", false
}

// presented finds the person an interview's first sentences present:
// "Geographer Aïssatou Ndiaye has spent a decade …", "The Dhaka Sentinel
// spoke to Farhana Chowdhury, who coordinates … for IOM".
func presented(d *document) string {
	for i := range d.sentences[:min(len(d.sentences), 3)] {
		body := d.sentences[i].body()
		if m := subjectRe.FindStringSubmatch(body); m != nil {
			return m[1]
		}
		if m := spokeToRe.FindStringSubmatch(body); m != nil {
			return strings.TrimRight(m[1], ".")
		}
	}
	return ""
}

// spokeToRe: "<outlet> spoke to <Name>, who …".
var spokeToRe = regexp.MustCompile(`\b(?:spoke|talked|speaks|talks)\s+(?:to|with)\s+(` + personName + `(?:,\s+[^.]*)?)`)

// interviewLine is "<outlet> <verb> <who> about <about>.", with the
// follow-up when followUp.
func (s *Summarizer) interviewLine(d *document, outlet, verb, who, about string, followUp bool) (Draft, bool) {
	line := outlet + " " + verb + " " + who + " about " + finish(about)
	if n := words(line); n < minWords || n > maxWords || len(Check(line)) > 0 {
		return Draft{}, false
	}
	dr := Draft{Line: line, Frame: verb, Writer: "extractive"}
	if followUp {
		if f := s.followUp(d); f != "" && words(line+" "+f) <= maxItem {
			dr.FollowUp, dr.Line = f, line+" "+f
		}
	}
	return dr, true
}

func lastWord(s string) string {
	f := strings.Fields(s)
	if len(f) == 0 {
		return "\x00"
	}
	return f[len(f)-1]
}

// withoutAffiliation drops a person's affiliation after the name:
// "Naledi Khumalo of the University of Limpopo" → "Naledi Khumalo".
func withoutAffiliation(who string) string {
	if i := strings.Index(who, " of "); i > 0 {
		if r, _ := utf8.DecodeLastRuneInString(strings.TrimSpace(who[:i])); unicode.IsLetter(r) {
			return who[:i]
		}
	}
	return who
}

// unquote takes off quotation marks that enclose the whole text, and
// only those: "the limits of ‘voluntary’" keeps its pair.
func unquote(s string) string {
	first, fs := utf8.DecodeRuneInString(s)
	last, ls := utf8.DecodeLastRuneInString(s)
	if fs > 0 && ls > 0 && len(s) > fs+ls && strings.ContainsRune(`"“‘'«`, first) && strings.ContainsRune(`"”’'»`, last) {
		return strings.TrimSpace(s[fs : len(s)-ls])
	}
	return s
}

// quoted: a text in quotation marks.
func quoted(s string) bool {
	r, _ := utf8.DecodeRuneInString(strings.TrimSpace(s))
	return strings.ContainsRune(`"“‘'«`, r)
}

// personTitle writes a person as a line names them: a job title before
// the name in lower case ("Geographer Nadia Okonkwo" → "geographer Nadia
// Okonkwo"), a name as it is.
func personTitle(who string, w *wordCase) string {
	f := strings.Fields(who)
	if len(f) >= 3 && jobTitle(f[0]) && !gazetteer[f[0]] {
		r, size := utf8.DecodeRuneInString(who)
		return string(unicode.ToLower(r)) + who[size:]
	}
	return lowerFirst(who, w)
}

// jobTitle: a word that names a trade ("Geographer", "Economist",
// "Researcher", "Professor").
func jobTitle(w string) bool {
	if jobTitles[w] {
		return true
	}
	if utf8.RuneCountInString(w) < 6 || strings.ToUpper(w) == w {
		return false
	}
	for _, suf := range []string{"er", "ist", "or", "ian", "ant", "ent"} {
		if strings.HasSuffix(w, suf) {
			return true
		}
	}
	return false
}

var jobTitles = toSet(`Professor Lawyer Doctor Nurse Farmer Fisherman Activist Author Poet Novelist Economist Historian Scientist
Researcher Reporter Photographer Journalist Anthropologist Sociologist Demographer Geographer Priest Pastor Imam Bishop Mayor
Teacher Student Volunteer Filmmaker Artist Musician Singer Chef Architect Engineer Analyst Expert Scholar Lecturer`)
