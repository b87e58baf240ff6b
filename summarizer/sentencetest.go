package summarizer

import (
	"regexp"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Why a sentence cannot be a line's clause: the sentence test
// (SUMMARY-STYLE.md rule 12, and the shapes of issue 12). The same test
// runs on a candidate sentence and, through Check, on a line staff edit.
const (
	notShort        = "fewer than 8 words"
	notFinished     = "no final full stop"
	notQuestion     = "a question or exclamation"
	notQuotation    = "a quotation"
	notConnective   = "opens with a pronoun or connective that leans on an earlier sentence"
	notFirstPerson  = "the writer's own voice (first or second person outside quotation marks)"
	notWords        = "mostly digits and symbols"
	notLabel        = "opens with a label"
	notPromo        = "an imperative or promotion"
	notTemplate     = "template residue"
	notCaption      = "a caption or credit"
	notByline       = "a byline"
	notVerb         = "no finite verb"
	notLink         = "a link, hashtag, handle, ellipsis or emoji"
	notFurniture    = "page furniture"
	notReferring    = "refers back to an earlier sentence"
	notOverBudget   = "over the length budget even after compression"
	notTitleCase    = "written in title case"
	notAddress      = "a street address"
	notTimestamp    = "a timestamp or date row"
	notScore        = "a score or price row"
	minSentenceWord = 8
)

// sentenceProblem returns why text (a sentence without its dateline)
// cannot be a clause, or "" when it can. english turns on the tests that
// need English words (finite verb, person, imperative).
func sentenceProblem(text string, english bool) string {
	text = strings.TrimSpace(text)
	if text == "" {
		return notShort
	}
	if hasTemplate(text) {
		return notTemplate
	}
	if hasUnwanted(text) || hasEmoji(text) {
		return notLink
	}
	n := words(text)
	first, _ := utf8.DecodeRuneInString(text)
	if strings.ContainsRune(`"“”‘’'«»—–-`, first) || quotedShare(text) > maxQuoted {
		return notQuotation
	}
	end := strings.TrimRight(text, closers)
	switch {
	case strings.HasSuffix(end, "?") || strings.HasSuffix(end, "!") || strings.HasSuffix(text, "?”") || strings.HasSuffix(text, "?\""):
		return notQuestion
	case !strings.HasSuffix(end, ".") && !strings.HasSuffix(end, "。"):
		if n <= 16 && timestamp(text) {
			return notTimestamp
		}
		return notFinished
	}
	if labelOpening(text) {
		return notLabel
	}
	if english && deckOpening(text) {
		return notVerb // a standfirst: "Nadia Karimova, IOM’s chief of mission in Libya, on why …"
	}
	if caption(text) {
		return notCaption
	}
	if (text[0] == 'B' || n <= 12) && (bylineRe.MatchString(text) || gluedBylineRe.MatchString(text)) {
		return notByline
	}
	if isFurniture(text) {
		return notFurniture
	}
	if n <= 16 && timestamp(text) && words(timestampRe.ReplaceAllString(text, "")) < minSentenceWord {
		return notTimestamp
	}
	if text[0] >= '0' && text[0] <= '9' && addressRe.MatchString(text) {
		return notAddress
	}
	if wordShare(text) < 0.7 {
		if scoreRe.MatchString(text) {
			return notScore
		}
		return notWords
	}
	if english && !hasStrictVerb(text) && (n < 15 || !hasFiniteVerb(text)) {
		return notVerb // a caption or a heading: "Yusmary Salazar at work in the boatyard."
	}
	if n < minSentenceWord {
		return notShort
	}
	if connectives.MatchString(text) {
		return notConnective
	}
	if english {
		if promoRe.MatchString(text) || shoutedOpening(text) {
			return notPromo
		}
		if firstPersonOutsideQuotes(text) {
			return notFirstPerson
		}
		if titleCase(text) {
			return notTitleCase
		}
		if n < 15 && !hasFiniteVerb(text) {
			return notVerb
		}
	}
	return ""
}

// hasTemplate finds the residue of a page template: "{{byline}}", "{%
// if %}", "${author}", "[[caption]]".
func hasTemplate(text string) bool {
	if !strings.ContainsAny(text, "{}[]%") {
		return false
	}
	for _, m := range []string{"{{", "}}", "{%", "%}", "${", "[[", "]]", "<%", "%>"} {
		if strings.Contains(text, m) {
			return true
		}
	}
	return false
}

// hasUnwanted: a link, hashtag, handle or ellipsis (rule 1), looked at
// only when a character of one is there.
func hasUnwanted(text string) bool {
	return (strings.IndexByte(text, '#') >= 0 || strings.IndexByte(text, '@') >= 0 || strings.Contains(text, "…") ||
		strings.Contains(text, "..") || strings.Contains(text, "www.") || strings.Contains(text, "://")) && unwanted.MatchString(text)
}

// labelOpening: "Summary: …", "ANCHOR: …", "Maria Lopez: …" — a colon
// near the start, after a label.
func labelOpening(text string) bool {
	i := strings.IndexByte(text, ':')
	return i > 0 && i < 48 && labelOpenRe.MatchString(text) && !datelineLabel(text)
}

// deckOpening: a standfirst that names a speaker and a topic, no verb between:
// "Nadia Karimova, IOM’s chief of mission in Libya, on why …", "Ana
// Duarte on the limits of voluntary return".
var deckOpeningRe = regexp.MustCompile(`^` + personName + `(?:,\s[^,]{3,80},)?\s+(?:on|about)\s+\p{Ll}`)

func deckOpening(text string) bool {
	i := strings.Index(text, " on ")
	if j := strings.Index(text, " about "); i < 0 || j >= 0 && j < i {
		i = j
	}
	return i > 0 && i < 110 && deckOpeningRe.MatchString(text)
}

// creditTailRe: a credit in brackets after a sentence's full stop, or
// alone.
var creditTailRe = regexp.MustCompile(`(?:^|[.!?]["”’]?\s+)\([^()]{2,40}\)\.?$`)

// caption: a photo or video caption or credit.
func caption(text string) bool {
	if (labelChars(text[:min(len(text), 24)]) || text[0] == 'A' || text[0] == 'a' || text[0] == 'D' || text[0] == 'd') && captionStartRe.MatchString(text) {
		return true
	}
	last, _ := utf8.DecodeLastRuneInString(strings.TrimRight(text, ". "))
	if last != ')' && !unicode.IsDigit(last) && !strings.Contains(text, "/") && !strings.Contains(text, "etty") && !strings.Contains(text, "hoto") && !strings.Contains(text, "hutterstock") {
		return false
	}
	if last == ')' && creditTailRe.MatchString(text) {
		return true // "… on Saturday. (KVNZ 11)": a caption's credit
	}
	lower := ""
	if strings.ContainsAny(text, "(/:") {
		lower = strings.ToLower(text)
	} else {
		return false
	}
	for _, m := range []string{"getty images", "(ap photo", "/ap photo", "shutterstock", "photo credit"} {
		if strings.Contains(lower, m) {
			return true
		}
	}
	return captionRe.MatchString(text)
}

// timestamp: a time or date row ("Updated 14:32 GMT", "Thursday, 12
// November 2026").
func timestamp(text string) bool {
	if strings.IndexFunc(text, unicode.IsDigit) < 0 {
		return false
	}
	return timestampRe.MatchString(text)
}

var (
	// labelOpenRe: "Summary: …", "ANCHOR: …", "Maria Lopez: …", "Update
	// 14:32: …", "Name: …" — a label, a speaker's turn or a field, not a
	// news sentence.
	labelOpenRe = regexp.MustCompile(`^(?:` + labelPattern(3) + `|[\p{Lu}][\p{Ll}]+(?:\s+\p{Ll}+)?|(?i:update|updated|posted|published)\s+[\d:.apmAPM ]+)\s*:\s+\S`)
	// captionRe finds photo and video captions and credits: "Photo: …",
	// "… (Photo: Jane Roe/Reuters)", "REUTERS/Jane Roe", "AFP via Getty
	// Images", "(AP Photo/…)", "Watch: …", "Listen: …", a player's
	// duration.
	captionStartRe = regexp.MustCompile(`^(?i:(?:photo|photograph|picture|image|pictured|file photo|caption|credit|video|watch|listen|audio|now playing|play video|gallery)\s*[:|–—-]|audio duration|duration\s*\d)`)
	captionRe      = regexp.MustCompile(`\((?i:photo|photograph|image|picture|credit|file)\b[^)]*\)\s*\.?$|\b(?:REUTERS|AFP|AP|EPA|ANADOLU|XINHUA|GETTY)(?:\s+PHOTO)?\s*/\s*\p{Lu}|\b\d{1,2}:\d{2}\s*(?i:min|mins)?\s*$`)
	// gluedBylineRe: a byline run into the first sentence, "Jane Roe Staff
	// Writer The ministry said …" (stripped by stripByline; what is left
	// here is a byline alone).
	gluedBylineRe = regexp.MustCompile(`^(?:By\s+)?\p{Lu}[\p{L}'’.-]+(?:\s+\p{Lu}[\p{L}'’.-]+){0,3}\s*[,|–—-]?\s*(?i:staff\s+(?:writer|reporter)|senior\s+\w+|correspondent|reporter|contributor|news\s+editor|editor|special\s+correspondent|columnist)\s*\.?$`)
	// timestampRe finds a time or date row: "Updated 14:32 GMT", "09:15
	// AM, 3 Nov 2026", "Thursday, 12 November 2026".
	timestampRe = regexp.MustCompile(`(?i)\b\d{1,2}[:.]\d{2}\s*(?:am|pm|a\.m\.|p\.m\.)?\s*(?:gmt|utc|cet|cest|est|edt|pst|pdt|eat|wat|ist)?\b|^(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day,?\s+)?\d{1,2}\s+(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+\d{4}\.?$|^(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day,?\s+)?(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+\d{1,2},?\s+\d{4}\.?$`)
	// addressRe: a street address ("14 Rue de Lausanne, 1201 Geneva",
	// "1200 Main Street, Suite 400").
	addressRe = regexp.MustCompile(`^\d{1,5}[a-zA-Z]?\s+(?:[\p{Lu}][\p{L}'’.-]*\s+){1,4}(?i:street|st\.|avenue|ave\.|road|rd\.|boulevard|blvd\.|lane|drive|place|square|way|rue|route|chemin|calle|avenida|via|strasse|straße)\b[^.]{0,80}(?:\d{4,5}|suite|floor|p\.?o\.? box)`)
	// scoreRe: "Harbour FC 2-1 Port Athletic", "Brent $82.40 +0.3%".
	scoreRe = regexp.MustCompile(`\b\d{1,3}\s*[-–:]\s*\d{1,3}\b|[+-]\d+(?:\.\d+)?\s*%|[$€£]\s?\d`)
	// promoRe: a promotion or an imperative: "Get our newsletter",
	// "Welcome to …", "Sign up", "Download the app", "Don't miss …".
	promoRe = regexp.MustCompile(`^(?:Get|Sign|Subscribe|Download|Follow|Join|Visit|Click|Tap|Read|Watch|Listen|Share|Register|Support|Donate|Try|Discover|Learn|Find|Explore|Enter|Welcome|Check|Send|Tell|Email|Call|Contact|Book|Buy|Order|Shop|Save|Don’t|Don't|Never miss|Stay|Keep up|Help us|Become|Unlock|Enjoy|Install|Like)\b`)
)

// datelineLabel: a label opening that is a dateline ("GENEVA: …") rather
// than a speaker's turn or a field: all capitals and not a role.
func datelineLabel(text string) bool {
	label, rest, _ := strings.Cut(text, ":")
	label = strings.TrimSpace(label)
	if label == "" || speakerLabel(label) {
		return false
	}
	return strings.ToUpper(label) == label || cityLabel(label, rest)
}

// cityLabel: a dateline in title case ("Chennai: S Karthik, 27, …",
// "New Delhi: …"): one capitalized word, or a place the gazetteer knows,
// before a whole news sentence of its own — not a label ("Summary:") or
// a speaker ("Maria Lopez: We …").
func cityLabel(label, rest string) bool {
	f := strings.Fields(label)
	known := len(f) > 0 && len(f) <= 3 && gazetteer[f[len(f)-1]]
	if !(len(f) == 1 || known) || frontLabelRe.MatchString(label+": x") || captionStartRe.MatchString(label+": x") ||
		labelWords[strings.ToLower(label)] {
		return false
	}
	rest = strings.TrimSpace(rest)
	r, _ := utf8.DecodeRuneInString(rest)
	return unicode.IsUpper(r) && words(rest) >= 12 && !firstPersonOutsideQuotes(rest) && hasFiniteVerb(rest)
}

// labelWords are words that label text rather than place it.
var labelWords = toSet(`photo photograph picture image video watch listen audio credit credits caption summary update updated
note editor gallery source sources correction clarification related breaking live opinion analysis comment background
context explainer disclaimer warning notice advertisement sponsored transcript interview question answer`)

// speakerLabel: a transcript turn's label ("ANCHOR", "MARISOL REYES,
// BYLINE", "JAVIER MUÑOZ, REPORTER").
func speakerLabel(label string) bool {
	for _, part := range strings.Split(label, ",") {
		if speakerRoles[strings.ToUpper(strings.TrimSpace(part))] {
			return true
		}
	}
	return false
}

// speakerRoles are the labels of transcript turns.
var speakerRoles = toSet(`ANCHOR HOST CO-HOST REPORTER PRESENTER INTERVIEWER GUEST CORRESPONDENT NARRATOR SPEAKER MODERATOR
Q A QUESTION ANSWER CALLER VOICE TRANSLATOR INTERPRETER UNIDENTIFIED BYLINE PRODUCER NEWSCASTER`)

// shoutedOpening: a sentence opening with a word in capitals that is not
// an acronym of the text ("VISIT our store", "BREAKING …").
func shoutedOpening(text string) bool {
	f := strings.Fields(text)
	if len(f) < 2 {
		return false
	}
	w := strings.Trim(f[0], ".,:;!")
	if utf8.RuneCountInString(w) < 4 || strings.ToUpper(w) != w || strings.ContainsFunc(w, unicode.IsDigit) {
		return false
	}
	return shoutedWords[w]
}

var shoutedWords = toSet(`VISIT CLICK SUBSCRIBE DOWNLOAD FOLLOW JOIN WATCH LISTEN READ SHARE REGISTER DONATE SUPPORT
BREAKING EXCLUSIVE WELCOME DON'T DON’T GET CALL CONTACT ORDER SHOP BUY LIVE UPDATE UPDATED ADVERTISEMENT SPONSORED`)

// wordShare is the share of a text's tokens that hold a letter.
func wordShare(text string) float64 {
	n, w := 0, 0
	for _, f := range strings.Fields(text) {
		n++
		if strings.IndexFunc(f, unicode.IsLetter) >= 0 {
			w++
		}
	}
	if n == 0 {
		return 0
	}
	return float64(w) / float64(n)
}

// firstPersonOutsideQuotes: the writer's own voice, "I", "we", "our",
// "you" outside quotation marks, anywhere in the sentence.
func firstPersonOutsideQuotes(text string) bool {
	if !personHint(text) {
		return false
	}
	for _, w := range unquotedWords(text) {
		switch w {
		case "I", "I’m", "I'm", "I’ve", "I've", "I’d", "I'd", "I’ll", "I'll", "me", "my", "mine", "myself",
			"we", "We", "us", "our", "Our", "ours", "ourselves", "we’re", "we've", "we’ve", "we're", "We’re", "We're",
			"you", "You", "your", "Your", "yours", "yourself", "you’re", "you're", "You’re", "You're", "you’ll", "you'll":
			return true
		}
	}
	return false
}

// personHint: text holds a word of the first or second person at all.
func personHint(text string) bool {
	for _, p := range []string{"I", "we", "We", "us", "our", "Our", "you", "You", "your", "Your", "my", "me", "mine"} {
		for i := strings.Index(text, p); i >= 0; {
			end := i + len(p)
			before, _ := utf8.DecodeLastRuneInString(text[:i])
			after, _ := utf8.DecodeRuneInString(text[end:])
			if (i == 0 || !isWordRune(before)) && (end == len(text) || !isWordRune(after)) {
				return true
			}
			next := strings.Index(text[end:], p)
			if next < 0 {
				break
			}
			i = end + next
		}
	}
	return false
}

// unquotedWords returns the words of text outside quotation marks, with
// surrounding punctuation trimmed.
func unquotedWords(text string) []string {
	var out []string
	var b strings.Builder
	depth := 0
	straight := false
	flush := func() {
		if b.Len() > 0 {
			if w := strings.Trim(b.String(), `,.;:!?()[]—–-`); w != "" {
				out = append(out, w)
			}
			b.Reset()
		}
	}
	for i, r := range text {
		switch r {
		case '“', '«':
			flush()
			depth++
			continue
		case '”', '»':
			flush()
			depth = max(depth-1, 0)
			continue
		case '"':
			flush()
			straight = !straight
			continue
		case '‘':
			// An opening single quote starts a quotation only at a word's
			// start ("‘real big problem’"), never inside one.
			if i == 0 || unicode.IsSpace(rune(text[i-1])) {
				flush()
				depth++
				continue
			}
		case '’':
			// A closing single quote at a word's end closes one, unless it
			// is an apostrophe ("migrants’ deaths" closes nothing when no
			// quotation is open).
			if depth > 0 && (i+len("’") >= len(text) || !unicode.IsLetter(rune(text[i+len("’")]))) {
				flush()
				depth--
				continue
			}
		}
		if unicode.IsSpace(r) {
			flush()
			continue
		}
		if depth == 0 && !straight {
			b.WriteRune(r)
		}
	}
	flush()
	return out
}

// titleCase: most of a sentence's longer words are capitalized ("Migrant
// Crisis: People Smugglers Make $35bn a Year"), which a sentence of
// running text never is.
func titleCase(text string) bool {
	long, capital := 0, 0
	for i, f := range strings.Fields(text) {
		w := strings.Trim(f, `"“”‘’'(),.:;!?`)
		if r, _ := utf8.DecodeRuneInString(w); i == 0 || utf8.RuneCountInString(w) < 4 || !unicode.IsLetter(r) {
			continue
		}
		long++
		if r, _ := utf8.DecodeRuneInString(w); unicode.IsUpper(r) {
			capital++
		} else if !titleLower[strings.ToLower(w)] {
			return false // title case writes every word of content with a capital
		}
	}
	return long >= 4 && float64(capital) >= 0.75*float64(long)
}

// titleLower are the longer words some title-case styles leave in lower
// case.
var titleLower = toSet(`with from into onto over under upon about after before between through during against among
without within than that this`)

// finite verbs of English news copy: auxiliaries and modals, common
// irregular past forms, and the reporting verbs; any word in -ed is taken
// as a past form.
var finiteWords = toSet(`is are was were am be been has have had do does did will would can could may might must shall
should isn’t aren’t wasn’t weren’t hasn’t haven’t hadn’t won’t can’t couldn’t didn’t doesn’t don’t isn't aren't wasn't
weren't hasn't haven't hadn't won't can't couldn't didn't doesn't don't said says told tells fled flees left leaves met
meets rose rises fell falls took takes gave gives came comes went goes made makes found finds sent sends held holds
built builds began begins became becomes brought brings bought buys caught felt feels kept keeps lost loses paid pays
ran runs saw sees sold sells spent spends stood stands struck strikes thought thinks won wins wrote writes hit hits
set sets put puts cut cuts let lets led leads fought fights sought seeks spoke speaks knew knows grew grows drew
draws threw throws shows shown wants needs warns calls urges plans faces seems remains reaches opens launches says
lies lay sank sinks swept sweeps slept sleeps woke drove drives flew flies rode rides broke breaks chose chooses
froze heard hears meant means dealt deals fed feeds bled hid hides lit shot shoots shut spread spreads stuck sticks
struck swam taught teaches tore wore wears wept wound owes owns lives dies arrives returns rises estimates reports
includes continues remains expects hopes believes helps works moves stays gets got gotten ` +
	// and a few -s forms of verbs that close a headline-like clause
	`tops hits eyes mulls vows slams backs nears ` +
	"")

// baseVerbs are base forms, the present tense of plural subjects
// ("Officials say", "leaders keep promising"): the sentence test only
// refuses sentences with no verb at all, so a noun taken for a verb costs
// nothing; a headline's verb must follow its subject.
var baseVerbs = toSet(`say keep want seem become remain continue argue believe know think expect face fear hope live try struggle wait
	leave arrive stay cross flee die risk pay send receive earn make take give get go come see find tell ask show mean
	provide include allow lack depend welcome oppose support urge warn call demand accuse deny reject estimate account
	outnumber exceed rely represent feel hold spend move return work help need plan use run bring buy sell lose win
	fight seek speak grow draw build begin put set cut let lead meet rise fall sink reach open launch report agree
	refuse decide claim insist suggest worry complain blame praise criticise criticize question doubt wonder share
	offer add count carry host house shelter feed treat teach learn join form serve save protect ensure require
	remain consider describe explain note point agree disagree plead appeal vote rule approve ban block allow
	face sit stand lie sleep walk drive sail swim flow travel migrate emigrate settle stay arrive depart
	sign vote rally protest strike quit drown escape evacuate rescue deport expel detain arrest release free reopen close
	expand extend raise lift slash boost double triple halve top hit near pass fail miss mark mourn honour honor
	hail welcome condemn slam back reject approve announce unveil pledge promise vow warn fear deny admit confirm
	head wait seek flee`)

// hasStrictVerb: a verb that cannot be a noun — an auxiliary, a past or
// -s form — or a base form after its subject ("Officials say", "they
// keep"): "Yusmary Salazar at work in the boatyard" has none.
func hasStrictVerb(text string) bool {
	prev := ""
	for _, f := range strings.Fields(text) {
		w := strings.ToLower(strings.Trim(f, `"“”‘’'(),.:;!?«»`))
		switch {
		case finiteWords[w] && !baseVerbs[w], len(w) > 4 && strings.HasSuffix(w, "ed") && !initialCap(f),
			strings.HasSuffix(w, "s") && (baseVerbs[strings.TrimSuffix(w, "s")] || strings.HasSuffix(w, "es") && baseVerbs[strings.TrimSuffix(w, "es")]) && !plural(prev) && !determiners[prev],
			baseVerbs[w] && (plural(prev) || subjectPronouns[prev]),
			// any other word in -s after a noun: "European politics
			// rediscovers the Mediterranean"
			prev != "" && len(w) > 4 && strings.HasSuffix(w, "s") && !strings.HasSuffix(w, "ss") && !strings.HasSuffix(w, "us") &&
				!strings.HasSuffix(w, "is") && !determiners[prev] && !prepositions[prev] && !numberWord(prev) && !startsDigit(prev) &&
				unicode.IsLower([]rune(strings.Trim(f, `"“”‘’'(),.:;!?«»`) + "x")[0]):
			return true
		}
		prev = w
	}
	return false
}

var prepositions = toSet(`in on at of with for from to by into onto over under about after before near across along among around
between through during without within against toward towards and or than as`)

var (
	subjectPronouns = toSet(`i we you they who that which people officials`)
	determiners     = toSet(`the a an its their his her our your this that these those some many more most`)
)

func hasFiniteVerb(text string) bool {
	for _, f := range strings.Fields(text) {
		w := strings.ToLower(strings.Trim(f, `"“”‘’'(),.:;!?«»`))
		if finiteWords[w] || baseVerbs[w] || baseVerbs[strings.TrimSuffix(w, "s")] || strings.HasSuffix(w, "es") && baseVerbs[strings.TrimSuffix(w, "es")] {
			return true
		}
		if len(w) > 4 && strings.HasSuffix(w, "ed") && !initialCap(f) {
			return true // a past form, not a name ("Muhammed")
		}
	}
	return false
}

// initialCap: a word that starts with a capital (after any quote).
func initialCap(w string) bool {
	r, _ := utf8.DecodeRuneInString(strings.TrimLeft(w, `"“‘'(«`))
	return unicode.IsUpper(r)
}

// refersBack: a sentence that leans on the one before it (not the lead)
// — "The company …", "These accusations …", "It also …", "Also on the
// list …" — cannot stand for the story when the lead is set aside.
func refersBack(text string) bool {
	if referringOpenRe.MatchString(text) || partitiveRe.MatchString(text) {
		return true
	}
	for i, w := range strings.Fields(text) {
		if i > 12 {
			break
		}
		if w == "also" || w == "Also" {
			return true
		}
	}
	return false
}

// partitiveRe: a part of a set the lead introduced — "Most of them …",
// "Most of the deaths were on the central route" (a bare noun and a verb:
// no modifier says which deaths).
var partitiveRe = regexp.MustCompile(`^(?:Most|Many|Some|All|None|Half|Several|Few|Each|One|Two|Three|Four|Five)\s+of\s+(?:(?:them|these|those)\b|the\s+\p{Ll}+\s+(?:were|was|are|is|had|have|has|came|died|arrived|remain|remained|will|would)\b)`)

// referringOpenRe: definite descriptions and demonstratives that point
// back at something the lead introduced.
var referringOpenRe = regexp.MustCompile(`^(?:The|This|That|These|Those|Such|Both|Its)\s+(?:(?:new|latest|same|proposed|two|three|planned|move|announcement|decision|incident|accusations?|allegations?|claims?|company|firm|agency|organi[sz]ation|group|body|measures?|plan|policy|programme|program|report|study|survey|figures?|numbers?|findings|statement|deal|agreement|law|bill|rule|rules|case|operation|effort|initiative|project|scheme|funding|appeal|visit|trip|meeting|talks|event|attack|crisis|situation|latter|former|vessel|spokesperson|spokesman|spokeswoman)\b)`)

// labelPattern is the pattern of a label before a colon: a capitalized
// word and up to more words ("ANCHOR", "MARISOL REYES, BYLINE", "GUEST
// Brenda Nakato"), with a note in brackets ("LUCÍA PAREDES (voice-over)").
func labelPattern(more int) string {
	return `[\p{Lu}][\p{L}.'’-]*(?:,?\s+[\p{Lu}\d][\p{L}\d.'’-]*){0,` + strconv.Itoa(more) + `}(?:\s+\([^()]{1,40}\))?`
}
