package summarizer

import (
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Datelines and bylines at the start of a lead (SUMMARY-STYLE.md rule 11):
// "ROME, Dec 31 (Reuters) - ", "GENEVA (AP) — ", "Berlin (dpa) - ",
// "(ANSA) - ROME, JUL 11 - ", "GENEVA — ", "By Jane Roe. ",
// "By Jane Roe NEW YORK (AP) — ", "Madrid, 5 nov (EFE).- ".
var datelines = []*regexp.Regexp{
	regexp.MustCompile(`^\((?:ANSA|CNN)\)\s*[-–—]+\s*(?:[\p{Lu}][\p{Lu} .,'’-]{1,40}\d{0,2}\s*[-–—]\s*)?`),
	regexp.MustCompile(`^(?:By [^()]{1,80}?\s+)?(?:[\p{Lu}][\p{L}\p{M}.'’ ,\[\]-]{0,60}?(?:\s*\(\p{Lu}[\p{L} .]{1,30}\))?(?:,\s*(?:[\p{Lu}][\p{L}]{2,8}\.?\s*\d{1,2}|\d{1,2}\s+[\p{L}]{3,9}\.?)(?:,?\s*\d{4})?)?\s*)?\((?:Reuters|REUTERS|AP|AFP|Xinhua|IPS|dpa|DPA|EFE|ANSA|IANS|PTI|ANI|UNB|Bernama|Kyodo|Anadolu|AA|CNN|IRIN|Thomson Reuters Foundation|EUROPA PRESS|Europa Press)\)\s*(?:[-–—_:=]+|\.\s?-)?\s*`),
	regexp.MustCompile(`^[\p{Lu}][\p{Lu} .,/'’-]{2,40}(?:,\s*[\p{Lu}][\p{L}]{2,8}\.?\s*\d{1,2})?\s*[-–—]+\s+`),
	// "SEOUL, South Korea — ", "Feb. 23, 2015 -- ", "12:00 PM PT -- ".
	regexp.MustCompile(`^[\p{Lu}][\p{Lu} .'’-]{2,40},\s*\p{Lu}[\p{L}. ]{1,30}?\s*[-–—]+\s+`),
	regexp.MustCompile(`^(?:Jan|Feb|Mar|Apr|May|June?|July?|Aug|Sept?|Oct|Nov|Dec)[a-z]*\.? \d{1,2}(?:, \d{4})?\s*(?:--|[–—])\s*`),
	regexp.MustCompile(`^\d{1,2}:\d{2}\s*(?:AM|PM|am|pm|a\.m\.|p\.m\.)?\s*(?:[A-Z]{2,4})?\s*(?:--|[–—])\s*`),
	regexp.MustCompile(`^[\p{Lu}][\p{Lu} ,'’-]{2,40}, \p{Lu}[\p{L}.]{1,9}\.? \d{1,2}\. /TASS/\.\s+`),
	regexp.MustCompile(`^By [\p{Lu}][^.]{0,60}\.\s+`),
}

// stripDateline removes a leading dateline, agency tag or byline.
func stripDateline(s string) string {
	head := s[:min(len(s), 120)]
	if strings.IndexByte(head, '(') < 0 && strings.IndexByte(head, '-') < 0 && strings.IndexByte(head, '/') < 0 &&
		strings.IndexByte(head, ':') < 0 && !strings.Contains(head, "—") && !strings.Contains(head, "–") && !strings.HasPrefix(s, "By ") {
		return s
	}
	for _, re := range datelines {
		if loc := re.FindStringIndex(s); loc != nil && loc[1] < len(s) {
			return strings.TrimSpace(s[loc[1]:])
		}
	}
	return s
}

// edit applies the house's edits to a sentence (rules 13, 14, 17–19, 21),
// in the article's own language only those that hold in any language.
func (s *Summarizer) edit(text string, c clauseContext) string {
	// Each edit runs only when a cheap look says it may apply.
	if strings.ContainsAny(text, "([") || strings.Contains(text, " said.") || strings.Contains(text, " added.") {
		text = removeAsides(text)
	}
	if c.lang != "en" {
		return text
	}
	lower := strings.ToLower(text)
	if s.longNames != nil && (strings.Contains(lower, "migration") || strings.Contains(lower, "migra") || strings.Contains(text, s.org)) {
		text = shortenOrg(text, s.longNames, s.org)
	}
	if s.headName != "" && strings.Contains(text, s.headName) {
		text = s.nameHead(text)
	}
	if s.org != "" && strings.Contains(text, s.org) {
		text = s.nameStaff(text)
	}
	if speechVerbHint(lower) {
		text = s.attribution(text, c.doc)
		text = dropSpeechTime(text)
	}
	if strings.Contains(lower, "illegal") || s.customGlossary {
		text = s.applyGlossary(text)
	}
	if name := strings.ToLower(strings.TrimPrefix(c.outlet, "The ")); name != "" && strings.Contains(lower, name) {
		text = selfReference(text, c.outlet)
	}
	return text
}

// speechVerbHint: the sentence may hold an attribution or a time of
// speaking.
func speechVerbHint(lower string) bool {
	for _, v := range []string{" said", " says", " announced", " warned", " reported", " stated", " estimated", " told", " confirmed", " added"} {
		if strings.Contains(lower, v) {
			return true
		}
	}
	return false
}

// asideRe finds the asides a line drops (rule 17): "(pictured)", "(file
// photo)", "[…]", an agency tag in parentheses.
var asideRe = regexp.MustCompile(`\s*(?:\((?i:pictured|pictured above|pictured below|left|right|centre|center|above|below|file|file photo|archive photo|photo|video|seen here)\)|\((?:Reuters|AP|AFP|dpa|EFE|Xinhua)\)|\[(?:…|\.\.\.)\])`)

// speakerTagRe finds a speaker tag ending a sentence: ", he said."
var speakerTagRe = regexp.MustCompile(`,\s+(?:he|she|they)\s+(?:said|added|says|told \p{Lu}\w+)\.$`)

func removeAsides(s string) string {
	s = asideRe.ReplaceAllString(s, "")
	return speakerTagRe.ReplaceAllString(s, ".")
}

// Days and times of speaking (rule 14).
const (
	weekdays   = `(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)`
	speechTime = `(?:(?:on\s+)?` + weekdays + `|today|yesterday|this week|last week|this morning|on \p{Lu}\p{Ll}+ \d{1,2})`
	speechVerb = `(?:said|says|announced|warned|reported|stated|estimated|told reporters|told journalists|confirmed|added)`
)

var (
	// "IOM said on Tuesday", "said Tuesday that": the time of speaking
	// goes, the event's time stays ("called Monday for").
	speechTimeAfter  = regexp.MustCompile(`\b(` + speechVerb + `)\s+` + speechTime + `\b`)
	speechTimeBefore = regexp.MustCompile(`\s+(?:on\s+` + weekdays + `|today|yesterday)\s+(` + speechVerb + `)\b`)
)

// dropSpeechTime removes the time of speaking from attributions.
func dropSpeechTime(s string) string {
	s = speechTimeAfter.ReplaceAllString(s, "$1")
	return speechTimeBefore.ReplaceAllString(s, " $1")
}

// tailRe finds an attribution ending the sentence: ", the International
// Organization for Migration said on Tuesday." (names already
// shortened). Groups: 1 the source.
var tailRe = regexp.MustCompile(`,\s+((?:the\s+)?[^,]{2,60}?)\s+` + speechVerb + `(?:\s+in\s+a\s+(?:statement|report|press release))?(?:\s+` + speechTime + `)?(?:\s+in\s+\p{Lu}[\p{L}-]+)?\.$`)

// attribution turns an attribution tail naming the organization into
// ", according to IOM." (rule 13). "The United Nations", "the UN" and
// "the agency" are the organization when the article's first sentences
// name it.
func (s *Summarizer) attribution(text string, d document) string {
	m := tailRe.FindStringSubmatchIndex(text)
	if m == nil || s.org == "" {
		return text
	}
	src := strings.TrimSpace(text[m[2]:m[3]])
	low := strings.ToLower(strings.TrimPrefix(strings.TrimPrefix(src, "the "), "The "))
	isOrg := src == s.org || low == strings.ToLower(s.org) || low == strings.ToLower(s.org)+" in a statement"
	if !isOrg && d.orgSource {
		switch low {
		case "united nations", "un", "u.n.", "un agency", "u.n. agency", "agency", "un migration agency", "organization", "organisation":
			isOrg = true
		}
	}
	if !isOrg {
		return text
	}
	return text[:m[0]] + ", according to " + s.org + "."
}

// nameHead writes the organization's head as the house does: "IOM
// Director General Amy Pope" wherever the sentence gives a title before
// the name ("IOM chief Amy Pope", "Director-General Amy Pope").
func (s *Summarizer) nameHead(text string) string {
	if s.head == nil {
		return text
	}
	return s.head.ReplaceAllLiteralString(text, s.headTitle+" "+s.headName)
}

func compileHead(org, name string) *regexp.Regexp {
	orgPart := ``
	if org != "" {
		orgPart = `(?:(?:the\s+)?` + regexp.QuoteMeta(org) + `(?:’s|'s)?\s+)?`
	}
	return regexp.MustCompile(orgPart + `(?i:(?:director[- ]general|chief|head|director)\s+)` + regexp.QuoteMeta(name) + `\b`)
}

// Staff titles written between the organization and a name ("IOM
// spokesperson Tomas Ferreira", "IOM Chief of Mission in Libya Ana
// Ruiz"): lines write "IOM’s Tomas Ferreira" (rule 18).
const staffTitle = `(?i:spokesperson|spokesman|spokeswoman|spokesperson in \p{Lu}\p{L}+|senior \p{Ll}+ officer|\p{Ll}+ officer|chief of mission(?: (?:in|for|to) \p{Lu}[\p{L}-]+(?: \p{Lu}[\p{L}-]+)?)?|regional director(?: for [\p{L} ]{3,40}?)?|deputy director general|country director|head of office|programme manager|program manager|emergency coordinator|migration health officer|representative|official|researcher|expert|specialist)`

const personName = `\p{Lu}[\p{L}’'-]+(?:\s+\p{Lu}[\p{L}’'-]+){1,2}`

// nameStaff writes "<Org>’s <Name>" for a staff member named with a
// title: the first of the staff patterns.
func (s *Summarizer) nameStaff(text string) string {
	if len(s.staff) == 0 {
		return text
	}
	re := s.staff[0]
	return re.ReplaceAllStringFunc(text, func(m string) string {
		name := re.FindStringSubmatch(m)[1]
		if s.headName != "" && strings.HasPrefix(name, s.headName) || !isPerson(name) {
			return m
		}
		return s.org + "’s " + name
	})
}

// selfReference removes the outlet speaking of itself (rule 21):
// ", the Guardian has learned", ", Reuters reported"; "told AFP" becomes
// "said".
func selfReference(text, outlet string) string {
	if outlet == "" {
		return text
	}
	name := regexp.QuoteMeta(strings.TrimPrefix(outlet, "The "))
	re := regexp.MustCompile(`,\s+(?i:the\s+)?` + name + `\s+(?:has learned|has learnt|reported|understands|can reveal|was told)\b`)
	text = re.ReplaceAllString(text, "")
	told := regexp.MustCompile(`\btold\s+(?i:the\s+)?` + name + `\b`)
	return told.ReplaceAllString(text, "said")
}

var monthsAndDays = map[string]bool{
	"January": true, "February": true, "March": true, "April": true, "May": true, "June": true,
	"July": true, "August": true, "September": true, "October": true, "November": true, "December": true,
	"Monday": true, "Tuesday": true, "Wednesday": true, "Thursday": true, "Friday": true,
	"Saturday": true, "Sunday": true,
}

func toSet(words string) map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(words) {
		m[w] = true
	}
	return m
}

// lowerFirst lower-cases the clause's first letter unless the first word
// is an acronym, "I", a number, a month or day name, or a proper noun
// (SUMMARY-STYLE.md rule 10): one in the gazetteer, or one the article
// writes capitalized mid-sentence and never in lower case.
func lowerFirst(clause string, w wordCase) string {
	word := clause
	if i := strings.IndexFunc(clause, func(r rune) bool { return unicode.IsSpace(r) || r == ',' || r == ';' || r == ':' }); i >= 0 {
		word = clause[:i]
	}
	bare := strings.TrimRight(strings.TrimSuffix(strings.TrimSuffix(word, "’s"), "'s"), ".,;:")
	r, size := utf8.DecodeRuneInString(clause)
	if !unicode.IsUpper(r) {
		return clause
	}
	// An elided French or Italian article ("L’OIM", "D’après") is lower-cased
	// whatever follows it.
	if rest := clause[size:]; (r == 'L' || r == 'D') && (strings.HasPrefix(rest, "’") || strings.HasPrefix(rest, "'")) {
		return string(unicode.ToLower(r)) + rest
	}
	upper := 0
	for _, c := range bare {
		if unicode.IsUpper(c) {
			upper++
		}
	}
	if upper >= 2 || bare == "I" || monthsAndDays[bare] || gazetteer[bare] || startsName(clause, bare) ||
		!commonHeads[bare] && w.proper(bare) {
		return clause
	}
	return string(unicode.ToLower(r)) + clause[size:]
}

// notNameStarts are capitalized first words that are not part of a name
// even when a name follows ("The Gambia", "In Geneva").
var notNameStarts = toSet(`The A An This That These Those Some Many More Most Several Any All Each Every In On At
For By With From After Before As When While If Since Until During Under Over Across About Around Among Between
Despite Following According Nearly Almost Only Both Neither Other Another Such No Not Its Their His Her Our
La El Los Las Le Les Il Lo Gli Un Una Une Des Du Del Der Die Das Os As Uma Um`)

// commonHeads are common nouns that names often end with ("the Hellenic
// Police", "the Interior Ministry"): at the start of a clause, alone, they
// are common nouns.
var commonHeads = toSet(`Police Ministry Government Council Court Army Navy Coastguard Agency Office Department
Service Authorities Authority Commission Committee Officials Soldiers Troops Rescuers Volunteers Residents Workers`)

// startsName reports whether the clause opens with a capitalized word
// followed by another: a name ("Tomas Ferreira has…", "Bishop John
// Folda…"), unless the first is a determiner or preposition.
func startsName(clause, first string) bool {
	if notNameStarts[first] {
		return false
	}
	f := strings.Fields(clause)
	if len(f) < 2 || strings.ContainsAny(f[0], ",;:") {
		return false
	}
	second := strings.Trim(f[1], ",;:.")
	r, _ := utf8.DecodeRuneInString(second)
	return unicode.IsUpper(r) && second != "I" && !monthsAndDays[second] && !notNameStarts[second]
}

// wordCase tells how an article writes a word: capitalized after the
// start of a sentence, or in lower case. It looks only when asked: a
// line asks about one or two words.
type wordCase struct {
	sentences []string
}

// proper: capitalized mid-sentence and never in lower case, also as a
// plural or singular.
func (w wordCase) proper(s string) bool {
	if s == "" {
		return false
	}
	lower := strings.ToLower(s)
	capital := false
	for _, sent := range w.sentences {
		for _, form := range []string{lower, lower + "s", strings.TrimSuffix(lower, "s")} {
			if form != "" && containsWord(sent, form) {
				return false
			}
		}
		if !capital {
			for i := strings.Index(sent, s); i >= 0; {
				end := i + len(s)
				before, _ := utf8.DecodeLastRuneInString(sent[:i])
				after, _ := utf8.DecodeRuneInString(sent[end:])
				if i > 0 && !isWordRune(before) && (end == len(sent) || !isWordRune(after)) && strings.TrimSpace(sent[:i]) != "" &&
					!strings.ContainsRune(`"“‘'(«`, before) {
					capital = true
					break
				}
				next := strings.Index(sent[end:], s)
				if next < 0 {
					break
				}
				i = end + next
			}
		}
	}
	return capital
}

// shortenOrg replaces the organization's long names with its short name:
// "the International Organization for Migration (IOM)" → "IOM"
// (SUMMARY-STYLE.md rule 18).
func shortenOrg(s string, longNames *regexp.Regexp, short string) string {
	if longNames == nil || short == "" {
		return s
	}
	return longNames.ReplaceAllLiteralString(s, short)
}

// compileLongNames builds the regexp for "[the] <long name>[ (<short>)]",
// and "the IOM" (lines write the acronym bare).
func compileLongNames(names []string, short string) *regexp.Regexp {
	var alts []string
	for _, n := range names {
		if n == "" || n == short || !strings.Contains(n, " ") {
			continue
		}
		words := strings.Fields(regexp.QuoteMeta(n))
		alts = append(alts, strings.Join(words, `\s+`))
	}
	if short != "" {
		alts = append(alts, `(?-i:`+regexp.QuoteMeta(short)+`)\b`)
	}
	if len(alts) == 0 {
		return nil
	}
	tail := ""
	if short != "" {
		tail = `(?:\s*\(` + regexp.QuoteMeta(short) + `\))?`
	}
	return regexp.MustCompile(`(?i:\bthe\s+)?(?i:` + strings.Join(alts, "|") + `)` + tail)
}

// names reports whether a clause names the organization or its head.
func (s *Summarizer) names(clause string) bool {
	return s.mentions != nil && s.mentions.MatchString(clause) || s.headName != "" && strings.Contains(clause, s.headName)
}
