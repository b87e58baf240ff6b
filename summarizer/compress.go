package summarizer

import (
	"regexp"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"
)

// Step 3 of a line: the house's edits on a candidate sentence, then, when
// the sentence is still over the length budget, rule 2's compression —
// whole constituents removed one at a time (an age, a bracketed aside, a
// person's title, a trailing tail, a non-restrictive relative clause)
// until it fits. Every change is a logged Edit.

// Length budget in words (SUMMARY-STYLE.md rule 2): the main sentence,
// outlet and frame included; a compressed lead may run to maxCompressed;
// the whole item with its follow-up.
const (
	minWords      = 12
	maxWords      = 40
	maxCompressed = 44
	maxItem       = 55
	minClause     = 8 // words a clause keeps, whatever is removed
)

// houseEdits applies the edits every clause gets, whatever its length
// (rules 11, 13, 14, 17–19, 21): in the article's own language only those
// that hold in any language.
func (s *Summarizer) houseEdits(c *Clause, outlet string, d document) {
	if strings.ContainsAny(c.Text, "([") || strings.Contains(c.Text, " said.") || strings.Contains(c.Text, " added.") ||
		strings.Contains(c.Text, " says.") || strings.Contains(c.Text, " told ") {
		c.replaceAll(kindAside, asideRe, "")
		c.replaceAll(kindAside, speakerTagRe, ".")
	}
	if !d.english {
		c.tidy(kindAside)
		return
	}
	lower := strings.ToLower(c.Text)
	if s.longNames != nil && (strings.Contains(lower, "migra") || strings.Contains(c.Text, s.org)) {
		c.replaceAll(kindOrgName, s.longNames, s.org)
	}
	if s.head != nil && strings.Contains(c.Text, s.headName) {
		c.replaceAll(kindHead, s.head, s.headTitle+" "+s.headName)
		if s.headDesc != nil {
			c.replaceAll(kindHead, s.headDesc, s.headTitle+" "+s.headName)
		}
	}
	if s.org != "" && strings.Contains(c.Text, s.org) {
		s.nameStaff(c)
	}
	if speechVerbHint(lower) {
		s.attribution(c, d)
		c.replaceAll(kindSpeechTime, speechTimeAfter, "$1")
		c.replaceAll(kindSpeechTime, speechTimeBefore, " $1")
	}
	if strings.Contains(lower, "illegal") || s.customGlossary {
		s.applyGlossary(c)
	}
	if name := strings.ToLower(strings.TrimPrefix(outlet, "The ")); name != "" && strings.Contains(lower, name) {
		selfReference(c, outlet)
	}
	c.tidy(kindAside)
}

// fit compresses the clause until "<outlet> <frame> <clause>" has at most
// maxWords words (rule 2), removing whole constituents in the house's
// order; it reports whether the result is within the budget: maxWords,
// or for the lead (lead) maxCompressed after every removal allowed.
func (s *Summarizer) fit(c *Clause, prefix int, d document, lead bool) bool {
	n := func() int { return prefix + words(c.Text) }
	if n() <= maxWords {
		return true
	}
	if !d.english || !lead {
		return false
	}
	s.compress(c, d, func() bool { return n() > maxWords })
	return n() <= maxCompressed
}

// compress removes constituents while over says the clause is too long:
// one at a time, always the first kind in the house's order that has one
// — a removal can uncover another ("…, said X, a priest, as …": the tail
// goes, then the apposition ends the sentence).
func (s *Summarizer) compress(c *Clause, d document, over func() bool) {
	for over() {
		removed := false
		for _, r := range removals {
			before := len(c.Edits)
			r.remove(c)
			if len(c.Edits) == before {
				continue
			}
			if words(c.Text) < minClause || !hasFiniteVerb(c.Text) {
				// Nothing may go that leaves no sentence behind.
				undoLast(c, len(c.Edits)-before)
				continue
			}
			c.tidy(r.kind)
			s.attribution(c, d) // "…, IOM said, adding …" has become "…, IOM said."
			removed = true
			break
		}
		if !removed {
			break
		}
	}
}

// undoLast takes back the last k edits.
func undoLast(c *Clause, k int) {
	for ; k > 0 && len(c.Edits) > 0; k-- {
		e := c.Edits[len(c.Edits)-1]
		c.Text = c.Text[:e.At] + e.Removed + c.Text[e.At+len(e.Inserted):]
		c.Edits = c.Edits[:len(c.Edits)-1]
	}
}

// removal is one kind of constituent compression removes; remove takes
// one away (the first, or for tails the last), or does nothing.
type removal struct {
	kind   string
	remove func(c *Clause)
}

var removals = []removal{
	{kindAge, removeAge},
	{kindBracket, removeBracket},
	{kindApposition, func(c *Clause) {
		if !removeBetweenCommas(c, kindApposition, appositionRe) {
			spliceFirst(c, kindApposition, endAppositionRe, "$1.")
		}
	}},
	{kindTail, func(c *Clause) { spliceLast(c, kindTail, tailClauseRe, ".") }},
	{kindRelative, func(c *Clause) {
		if !removeBetweenCommas(c, kindRelative, relativeRe) {
			spliceFirst(c, kindRelative, endRelativeRe, ".")
		}
	}},
}

// removeBetweenCommas removes the first aside re opens (group 1: what
// comes before it and stays): an apposition or a relative clause between
// commas. Its closing comma is the first one after which the sentence
// goes on — a verb (the one the aside interrupted: "Tomas Ferreira, a
// spokesman, said" → "Tomas Ferreira said"; "Sfax, which houses migrants
// from Nigeria, Ghana and Mali, was closed" → "Sfax was closed"), or a
// constituent of its own, which keeps the comma ("…, a priest, as …",
// "…, which IOM runs, local officials said"). A comma after which
// neither comes (a list inside the aside, the rest of a list the "aside"
// belongs to) closes nothing; with no closing comma nothing is removed.
func removeBetweenCommas(c *Clause, kind string, re *regexp.Regexp) bool {
	for _, m := range re.FindAllStringSubmatchIndex(c.Text, -1) {
		if kind == kindApposition && (!personLike(c.Text[m[2]:m[3]]) || listAhead(c.Text[m[1]:])) {
			continue
		}
		keep := c.Text[m[2]:m[3]]
		plural := pluralSubject(c.Text[:m[3]])
		for k := m[1]; k < len(c.Text) && k-m[1] < 240; k++ {
			if c.Text[k] != ',' || k+1 < len(c.Text) && c.Text[k+1] >= '0' && c.Text[k+1] <= '9' {
				continue
			}
			rest := strings.TrimLeft(c.Text[k+1:], " ")
			if listItemRe.MatchString(rest) {
				continue // "consulted, housed and compensated": a list's comma
			}
			switch {
			case verbFollows(rest) || plural && baseVerbFollows(rest):
				c.splice(kind, m[0], len(c.Text)-len(rest), keep+" ")
				return true
			case kind == kindRelative && coordinationRe.MatchString(rest):
				// "…abolish the kafala system, which ties workers to one
				// employer, and to open hotlines" → "…system and to open …".
				c.splice(kind, m[0], len(c.Text)-len(rest), keep+" ")
				return true
			case continuesClause(rest):
				c.splice(kind, m[0], len(c.Text)-len(rest), keep+", ")
				return true
			}
		}
	}
	return false
}

// coordinationRe: the sentence goes on with "and" or "or" and more of its
// own ("and to open …", "and the …"), not another relative clause.
var coordinationRe = regexp.MustCompile(`^(?:and|or)\s+(?:(?:to|the|a|an)\s+|\p{Ll}+ed\s)`)

// listItemRe: what follows a comma is the next item of a list, the last
// but one ("housed and compensated", "housed, and compensated").
var listItemRe = regexp.MustCompile(`^\p{L}+,?\s+(?:and|or)\s`)

// pluralSubject: the words before an aside end in a plural subject
// ("Women and girls", "Thousands of families"), whose verb is a base
// form ("face", "remain").
func pluralSubject(before string) bool {
	f := strings.Fields(before)
	if len(f) == 0 {
		return false
	}
	last := strings.ToLower(strings.Trim(f[len(f)-1], ",;:"))
	return len(f) >= 3 && f[len(f)-2] == "and" || plural(last)
}

// baseVerbFollows: the text starts with a verb's base form ("face
// rising rates …").
func baseVerbFollows(rest string) bool {
	first, _, _ := strings.Cut(rest, " ")
	r, _ := utf8.DecodeRuneInString(first)
	return unicode.IsLower(r) && baseVerbs[strings.Trim(first, ",.;:")]
}

// listAhead: what follows an apposition's opening is the rest of a list
// of names ("Sierra Leone, the Gambia and Guinea, …").
func listAhead(rest string) bool {
	end := strings.IndexByte(rest, ',')
	if end < 0 {
		end = len(rest)
	}
	return words(rest[:end]) <= 5 && listRe.MatchString(rest[:end])
}

var listRe = regexp.MustCompile(`\s(?:and|or|&)\s+(?:the\s+)?\p{Lu}`)

// personLike: the words before an apposition can be a person's name
// ("Tomas Ferreira", "S Karthik"), not a sentence's opening ("On
// Tuesday") or a place in a list ("Sierra Leone").
func personLike(name string) bool {
	f := strings.Fields(name)
	// The name is the last two words: "Migrant Workers Secretary
	// Consuelo Ilagan" is a person with a title.
	return len(f) >= 2 && !notNameStarts[f[0]] && !monthsAndDays[f[0]] && !monthsAndDays[f[len(f)-1]] &&
		isPerson(strings.Join(f[len(f)-2:], " "))
}

// verbFollows: the text starts with a finite verb ("said", "was closed",
// "has asked", "will recruit").
func verbFollows(rest string) bool {
	// Past a time ("on Thursday became …") or a coordinated subject
	// ("and IOM have launched …").
	if m := beforeVerbRe.FindStringIndex(rest); m != nil {
		rest = rest[m[1]:]
	}
	first, _, _ := strings.Cut(rest, " ")
	r, _ := utf8.DecodeRuneInString(first)
	if !unicode.IsLower(r) {
		return false
	}
	w := strings.Trim(first, ",.;:")
	return finiteWords[w] && !baseVerbs[w] || len(w) > 4 && strings.HasSuffix(w, "ed") ||
		strings.HasSuffix(w, "s") && baseVerbs[strings.TrimSuffix(w, "s")] || strings.HasSuffix(w, "es") && baseVerbs[strings.TrimSuffix(w, "es")]
}

// beforeVerbRe: what may stand between an aside and the verb it
// interrupted: a time, or "and" and a second subject.
var beforeVerbRe = regexp.MustCompile(`^(?:(?:on\s+)?` + weekdays + `\s+|(?:today|yesterday|this week|last week|last month|this month|last year)\s+|(?:and|or)\s+(?:the\s+)?(?:\p{Lu}[\p{L}.'’-]*\s+){1,4})`)

// continuesClause: the text after an aside's closing comma starts a
// constituent of its own — a tail ("as …", "adding …") or an
// attribution ("local officials said.") — rather than the verb the aside
// interrupted.
func continuesClause(rest string) bool {
	rest = strings.TrimSpace(rest)
	first, _, _ := strings.Cut(rest, " ")
	if w := strings.ToLower(strings.Trim(first, ",.")); finiteWords[w] || baseVerbs[w] || strings.HasSuffix(w, "ed") {
		return false // the verb the aside interrupted: "X, a spokesman, said"
	}
	return tailClauseRe.MatchString(", "+rest) || tailRe.MatchString(", "+rest) || invertedTailRe.MatchString(", "+rest)
}

var (
	// ageRe: "Maria Lopez, 34, said" → "Maria Lopez said"; group 2 is
	// the word after it.
	ageRe = regexp.MustCompile(`(\p{Lu}[\p{L}'’.-]*),\s+(?:aged\s+)?\d{1,3},(\s+\S+)`)
	// appositionRe: a person's title or description between commas,
	// after the name: "Tomas Ferreira, a spokesman for the ministry, said".
	appositionRe = regexp.MustCompile(`(\p{Lu}[\p{L}'’.-]*(?:\s+\p{Lu}[\p{L}'’-]+)+),\s+(?:(?:an?|the|its|his|her|their|(?i:former|deputy|senior|chief|head|director|minister|spokesman|spokeswoman|spokesperson|president|secretary|mayor|governor|executive|founder|co-founder|professor|leader|lawyer|researcher|coordinator|manager|officer|official|analyst|expert|chair|chairman|chairwoman|commissioner|ambassador|envoy|general|vice|assistant|acting))\b|\p{Lu}[\p{L}.]*(?:’s|'s)\s)`)
	// endAppositionRe: "…, said Tomas Ferreira, a spokesman for the
	// ministry." → "…, said Tomas Ferreira."
	endAppositionRe = regexp.MustCompile(`((?:said|says|told\s+\p{L}+|according\s+to|added)\s+(?:the\s+)?\p{Lu}[\p{L}'’.-]+(?:\s+\p{Lu}[\p{L}'’.-]+){1,3}),\s+(?:an?|the|\p{Lu}[\p{L}.]*(?:’s|'s))\s(?:[^,;]|,\d){2,140}\.$`)
	// tailClauseRe: a trailing participial or adverbial tail: ", adding
	// that …", ", as …", ", despite …".
	tailClauseRe = regexp.MustCompile(`,\s+(?:(?:adding|saying|citing|warning|noting|calling|urging|stressing|explaining|highlighting|pointing|leaving|raising|prompting|bringing|forcing|sparking|underscoring|describing|arguing|insisting|acknowledging|signalling|signaling|piling|putting|making|marking|setting|sending|pushing|drawing|adding|fuelling|fueling|deepening|renewing|reviving|capping|ending)\b|as|despite|while|whereas|although|though|amid|even as|just as|after|following|with|in a move|in what)\b[^,]*(?:,[^,]*)*?\.$|` +
		// "…, most of them women and children." — no comma in it: "…, some
		// of them for three years, landed at …" goes on with a verb.
		`,\s+(?:many|most|some|all|half|several|none|two|three|(?:about|nearly|almost) half) of them\b[^,]*\.$`)
	// relativeRe: a non-restrictive relative clause between commas;
	// endRelativeRe: one that ends the sentence.
	relativeRe    = regexp.MustCompile(`(\S),\s+` + relativeStart + `\s`)
	endRelativeRe = regexp.MustCompile(`,\s+(?:` + relativeStart + `|when)\s+[^;]{3,240}\.$`)
	// bracketRe: a bracketed aside; an acronym's expansion "(FTA)" is not
	// one (rule 17).
	bracketRe = regexp.MustCompile(`\s*\(([^()]{1,120})\)`)
	acronymRe = regexp.MustCompile(`^\p{Lu}[\p{Lu}\d&-]+s?$`)
)

// relativeStart opens a non-restrictive relative clause: "which", "who",
// "many of whom", "the first group of whom".
const relativeStart = `(?:(?:(?:many|most|some|all|none|one|two|three|several|half|each|both|the (?:first|last|rest|majority)(?: group)?)\s+of\s+)?(?:which|whom)|who|whose|where)`

// spliceFirst replaces the first match of re, expanding template; it
// reports whether there was one.
func spliceFirst(c *Clause, kind string, re *regexp.Regexp, template string) bool {
	m := re.FindStringSubmatchIndex(c.Text)
	if m == nil {
		return false
	}
	c.splice(kind, m[0], m[1], string(re.ExpandString(nil, template, c.Text, m)))
	return true
}

// spliceLast replaces the last-starting match of re: for tails, the
// outermost one (", as …" of "…, as X, adding …" is removed whole only if
// it is the last comma-led tail).
func spliceLast(c *Clause, kind string, re *regexp.Regexp, with string) bool {
	for i := len(c.Text) - 1; i >= 0; i-- {
		if c.Text[i] != ',' {
			continue
		}
		if attributionEndRe.MatchString(c.Text[i:]) {
			// "…, leaving 3,800 people without a roof, local officials
			// said.": the tail is not the sentence's end; whose words
			// these are stays.
			return false
		}
		if coordinated(c.Text[i+1:]) {
			continue // "…, with …, and the tents … became …": a clause of its own follows
		}
		if m := re.FindStringIndex(c.Text[i:]); m != nil && m[0] == 0 && !asNotTail.MatchString(c.Text[i:]) {
			c.splice(kind, i, len(c.Text), with)
			return true
		}
		if m := ingTailRe.FindStringSubmatchIndex(c.Text[i:]); m != nil && !notParticiples[c.Text[i+m[2]:i+m[3]]] {
			c.splice(kind, i, len(c.Text), with)
			return true
		}
	}
	return false
}

// coordinatedRe: a clause joined to the sentence: ", and the tents …",
// ", but Panama …".
var coordinatedRe = regexp.MustCompile(`,\s+(?:and|but|yet)\s+(?:the|a|an|its|their|his|her|this|these|those|some|many|most|\p{Lu}[\p{L}'’-]*)\s`)

// coordinated: text holds a clause of its own joined with "and" or "but"
// (a subject and a finite verb after it), which no tail removal may take.
func coordinated(text string) bool {
	m := coordinatedRe.FindStringIndex(text)
	return m != nil && hasStrictVerb(text[m[1]:])
}

// attributionEndRe: the sentence's last comma opens its attribution
// (", local officials and aid groups said.").
var attributionEndRe = regexp.MustCompile(`^,\s+(?:[^,]{2,80}?\s+(?:said|says|told\s+[^,]{2,40}|reported|added|confirmed)|according\s+to\s+[^,]{2,80})\.$`)

// ingTailRe: any participle opening a trailing tail, before its object
// (", allocating about 480 million yen …", ", leaving the camp …"), not
// an item of a list (", training and equipment …"); group 1 is the
// participle.
var ingTailRe = regexp.MustCompile(`^,\s+(\p{Ll}{3,}ing)\s+(?:the|a|an|its|their|his|her|that|to|about|more|some|up|out|on|off|in|at|for|with|\d)\b[^,]*(?:,[^,]*)*?\.$`)

// asNotTail: "as" that opens no tail but a comparison or a list's end
// (", as well as Sudanese …", ", as many as 300 …").
var asNotTail = regexp.MustCompile(`^,\s+as\s+(?:well|many|much|long|far|soon|little|few)\s+as\b`)

// notParticiples are words in -ing that do not open a tail.
var notParticiples = toSet(`including according during regarding concerning notwithstanding thing nothing something anything
everything king morning evening spring string ring wing building meeting bring sing sting swing`)

// removeAge takes an age apposition out: "Maria Lopez, 34, said" →
// "Maria Lopez said", but "Maria Lopez, 34, who …" → "Maria Lopez, who
// …" (the comma opens the next aside).
func removeAge(c *Clause) {
	m := ageRe.FindStringSubmatchIndex(c.Text)
	if m == nil {
		return
	}
	next := strings.ToLower(strings.Trim(c.Text[m[4]:m[5]], " ,"))
	with := c.Text[m[2]:m[3]]
	if nextAside[next] {
		with += ","
	}
	c.splice(kindAge, m[0], m[4], with)
}

// nextAside are words that open another aside after an age.
var nextAside = toSet(`who whose which where a an the from of originally himself herself`)

func removeBracket(c *Clause) {
	for _, m := range bracketRe.FindAllStringSubmatchIndex(c.Text, -1) {
		inner := c.Text[m[2]:m[3]]
		if acronymRe.MatchString(inner) {
			continue
		}
		c.splice(kindBracket, m[0], m[1], "")
		return
	}
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
var asideRe = regexp.MustCompile(`\s*(?:\((?i:pictured|pictured above|pictured below|pictured left|pictured right|left|right|centre|center|above|below|top|bottom|file|file photo|archive photo|photo|video|seen here|inset|main picture|main photo)\)|\((?:Reuters|AP|AFP|dpa|EFE|Xinhua|ANSA|IPS)\)|\[(?:…|\.\.\.)\])`)

// speakerTagRe finds a speaker tag ending a sentence: ", he said."
var speakerTagRe = regexp.MustCompile(`,\s+(?:he|she|they)\s+(?:said|added|says|told \p{Lu}\w+)\.$`)

// Days and times of speaking (rule 14).
const (
	weekdays   = `(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)`
	speechTime = `(?:(?:on\s+)?` + weekdays + `|today|yesterday|this week|last week|this morning|on \p{Lu}\p{Ll}+ \d{1,2})`
	speechVerb = `(?:said|says|announced|warned|reported|stated|estimated|told reporters|told journalists|confirmed|added)`
)

var (
	// "IOM said on Tuesday", "said Tuesday that": the time of speaking
	// goes, the event's time stays ("called Monday for").
	speechTimeAfter  = regexp.MustCompile(`\b(` + speechVerb + `(?:\s+in\s+an?\s+(?:statement|report|press release|news release|interview|post on \p{Lu}\w+))?)\s+` + speechTime + `\b`)
	speechTimeBefore = regexp.MustCompile(`\s+(?:on\s+` + weekdays + `|today|yesterday)\s+(` + speechVerb + `)\b`)
)

// tailRe finds an attribution ending the sentence: ", the International
// Organization for Migration said on Tuesday." (names already
// shortened). Group 1: the source.
var tailRe = regexp.MustCompile(`,\s+((?:the\s+)?[^,]{2,60}?)\s+` + speechVerb + `(?:\s+in\s+a\s+(?:statement|report|press release|news release))?(?:\s+` + speechTime + `)?(?:\s+in\s+\p{Lu}[\p{L}-]+)?\.$`)

// invertedTailRe: ", said IOM." / ", said the UN migration agency on
// Friday." Group 1: the source.
var invertedTailRe = regexp.MustCompile(`,\s+(?:said|says|according to)\s+((?:the\s+)?[^,]{2,60}?)(?:\s+` + speechTime + `)?\.$`)

// attribution turns an attribution tail naming the organization into
// ", according to IOM." (rule 13). "The United Nations", "the UN" and
// "the agency" are the organization when the article's first sentences
// name it.
func (s *Summarizer) attribution(c *Clause, d document) {
	if s.org == "" {
		return
	}
	for _, re := range []*regexp.Regexp{tailRe, invertedTailRe} {
		m := re.FindStringSubmatchIndex(c.Text)
		if m == nil {
			continue
		}
		src := strings.TrimSpace(c.Text[m[2]:m[3]])
		if s.isOrgSource(src, d) || s.orgWord != nil && s.orgWord.MatchString(c.Text[:m[0]]) && commonNounOrg[strings.ToLower(strings.TrimPrefix(strings.TrimPrefix(src, "the "), "The "))] {
			// "IOM has helped 2,318 migrants …, the organization said."
			c.splice(kindAttribution, m[0], len(c.Text), ", according to "+s.org+".")
			return
		}
	}
}

// commonNounOrg: the organization as a common noun, which names it only
// when the same sentence has just named it.
var commonNounOrg = toSet(`agency organization organisation`)

// isOrgSource: an attribution's source is the organization.
func (s *Summarizer) isOrgSource(src string, d document) bool {
	low := strings.ToLower(strings.TrimPrefix(strings.TrimPrefix(src, "the "), "The "))
	org := strings.ToLower(s.org)
	if low == org || low == org+" in a statement" || low == org+" officials" || low == org+" figures show" {
		return true
	}
	if d.orgSource {
		switch low {
		case "united nations", "un", "u.n.", "un agency", "u.n. agency", "un migration agency", "un's migration agency",
			"united nations agency":
			return true
		}
	}
	return false
}

// Staff titles written between the organization and a name ("IOM
// spokesperson Tomas Ferreira", "IOM Chief of Mission in Libya Ana
// Ruiz"): lines write "IOM’s Tomas Ferreira" (rule 18).
const staffTitle = `(?i:spokesperson|spokesman|spokeswoman|spokesperson in \p{Lu}\p{L}+|senior \p{Ll}+ officer|\p{Ll}+ officer|chief of mission(?: (?:in|for|to) \p{Lu}[\p{L}-]+(?: \p{Lu}[\p{L}-]+)?)?|regional director(?: for [\p{L} ]{3,40}?)?|deputy director general|country director|head of office|programme manager|program manager|emergency coordinator|migration health officer|representative|official|researcher|expert|specialist|coordinator)`

const personName = `\p{Lu}[\p{L}’'-]+(?:\s+\p{Lu}[\p{L}’'-]+){1,2}`

// nameStaff writes "<Org>’s <Name>" for a staff member named with a
// title: the first of the staff patterns.
func (s *Summarizer) nameStaff(c *Clause) {
	if len(s.staff) == 0 {
		return
	}
	re := s.staff[0]
	c.replaceFunc(kindStaff, re, func(m string) string {
		name := withoutOpening(re.FindStringSubmatch(m)[1])
		if s.headName != "" && (strings.HasPrefix(name, s.headName) || strings.Contains(m, s.headName)) || !isPerson(name) {
			return m
		}
		return s.org + "’s " + name
	})
}

// selfReference removes the outlet speaking of itself (rule 21):
// ", the Guardian has learned", ", Reuters reported"; "told AFP" becomes
// "said".
func selfReference(c *Clause, outlet string) {
	if outlet == "" {
		return
	}
	res := selfReferences(outlet)
	c.replaceAll(kindSelf, res[0], "")
	c.replaceAll(kindSelf, res[1], "said")
}

// selfRefCache holds each outlet's two self-reference regexps, compiled
// once (a pass drafts many lines of one outlet).
var selfRefCache sync.Map

func selfReferences(outlet string) [2]*regexp.Regexp {
	if v, ok := selfRefCache.Load(outlet); ok {
		return v.([2]*regexp.Regexp)
	}
	name := regexp.QuoteMeta(strings.TrimPrefix(outlet, "The "))
	res := [2]*regexp.Regexp{
		regexp.MustCompile(`,\s+(?i:the\s+)?` + name + `\s+(?:has learned|has learnt|reported|understands|can reveal|was told|said|says|announced|stated)(?:\s+` + speechTime + `)?\b`),
		regexp.MustCompile(`\btold\s+(?i:the\s+)?` + name + `\b`),
	}
	v, _ := selfRefCache.LoadOrStore(outlet, res)
	return v.([2]*regexp.Regexp)
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

func compileHead(org, name string) *regexp.Regexp {
	orgPart := ``
	if org != "" {
		orgPart = `(?:(?:the\s+)?` + regexp.QuoteMeta(org) + `(?:’s|'s)?\s+)?`
	}
	return regexp.MustCompile(orgPart + `(?i:(?:director[- ]general|chief|head|director)\s+)` + regexp.QuoteMeta(name) + `\b`)
}
