package extractor

import (
	"net/url"
	"regexp"
	"strings"
	"unicode"
)

// Page type signals, strongest first (SUMMARY-STYLE.md rules 5–8). Each
// reads what the page says about itself: its path, its article:section
// or JSON-LD, its author field, or a genre label in its headline. Words
// in the body ("declined to comment", "an opinion poll") are never read.
var (
	// editorialSectionRe: rule 6 on the section. "Leaders" is The
	// Economist's editorial section; a bare "leader" elsewhere is not.
	editorialSectionRe = regexp.MustCompile(`(?i)\beditorials?\b|\bour view\b|\bthe editorial board\b|^leaders?$`)
	// editorialAuthorRe: rule 6 on the author, narrowed to the board that
	// speaks for the paper. "Editorial Staff" or "Editorial Team" is the
	// newsroom, which signs news items too.
	editorialAuthorRe = regexp.MustCompile(`(?i)\beditorial board\b|\bour view\b|^(?:the\s+)?(?:editorial|editors)$`)
	// editorialTitleRe: an editorial label heading the headline ("Our
	// view: Keep the library open").
	editorialTitleRe = regexp.MustCompile(`(?i)^(?:our view|editorial)\s*[:|–—-]`)

	opinionSectionRe = regexp.MustCompile(`(?i)opinion|comment|\bop-?ed\b|column|tribune|point de vue|meinung`)

	// interviewSectionRe: rule 8 on the section, plurals included.
	interviewSectionRe = regexp.MustCompile(`(?i)\binterviews?\b|\bQ\s?&\s?A\b|in conversation with|\bentretiens?\b|\bentrevistas?\b|\bintervist[ae]\b`)
	// interviewTitleRe: rule 8 on the headline, where the word must be a
	// genre label, not a verb or a topic ("Police to interview the crew",
	// "Entretien des routes", "job interviews"): a kicker before a
	// separator or before "with/avec/con/a", or a label after a final
	// separator ("… – interview"). Q&A and "in conversation with" are
	// labels wherever they stand.
	interviewTitleRe = regexp.MustCompile(`(?i)` +
		`^(?:(?:exclusive|exclusif|exclusiva)\s*[:|–—-]?\s*)?(?:interview|entretien|entrevista|intervista)` +
		`(?:\s*(?:[:|–—.-]|$)|\s+(?:with|avec|con|a|à|mit)\s)` +
		`|[:|–—-]\s*(?:interview|entretien|entrevista|intervista)\s*$` +
		`|\bQ\s?&\s?A\b|\bin conversation with\b`)

	pressSectionRe = regexp.MustCompile(`(?i)press[- ]releases?|news[- ]releases?|communiqu[ée]s? de presse|comunicados? de prensa|pressemitteilung|\bstatements?\b|^press(?:room)?$|^newsroom$`)
)

var editorialSegments = map[string]bool{"editorial": true, "editorials": true}

var opinionSegments = map[string]bool{
	"opinion": true, "opinions": true, "comment": true, "commentisfree": true, "op-ed": true,
	"oped": true, "op-eds": true, "columnists": true, "views": true, "perspectives": true,
}

var reportSegments = map[string]bool{
	"research": true, "report": true, "reports": true, "publication": true, "publications": true,
	"policy-brief": true, "policy-briefs": true,
}

var pressSegments = map[string]bool{
	"press-release": true, "press-releases": true, "press-room": true, "pressroom": true,
	"media-centre": true, "media-center": true, "communiques": true, "news-release": true,
	"news-releases": true, "communique-de-presse": true, "communiques-de-presse": true,
	"comunicados-de-prensa": true, "pressemitteilungen": true, "press": true, "newsroom": true,
}

// opinionDomains publish nothing but commentary.
var opinionDomains = map[string]bool{"theconversation.com": true, "project-syndicate.org": true}

// pageType decides news, opinion, editorial, interview, press release or
// report from the strongest signals (SUMMARY-STYLE.md rules 5–8).
func pageType(m meta, pageURL, title string) string {
	var segs []string
	host := ""
	if u, err := url.Parse(pageURL); err == nil {
		host = strings.TrimPrefix(strings.ToLower(u.Hostname()), "www.")
		for _, s := range strings.Split(strings.ToLower(u.Path), "/") {
			if s != "" {
				segs = append(segs, s)
			}
		}
	}
	hasSeg := func(set map[string]bool) bool {
		for _, s := range segs {
			if set[s] {
				return true
			}
		}
		return false
	}
	// The headline as the page writes it: the title has lost a trailing
	// "– interview" label to site-suffix stripping.
	headlines := []string{title, m.h1, m.ogTitle, m.ldTitle}
	headlineMatches := func(re *regexp.Regexp) bool {
		for _, h := range headlines {
			if h != "" && re.MatchString(strings.TrimSpace(h)) {
				return true
			}
		}
		return false
	}
	switch {
	case editorialSectionRe.MatchString(m.section) || editorialAuthorRe.MatchString(strings.TrimSpace(m.author)) ||
		hasSeg(editorialSegments) || headlineMatches(editorialTitleRe):
		return TypeEditorial
	case m.ldType == "OpinionNewsArticle" || hasSeg(opinionSegments) || opinionSectionRe.MatchString(m.section) || opinionDomains[host]:
		return TypeOpinion
	case headlineMatches(interviewTitleRe) || interviewSectionRe.MatchString(m.section):
		return TypeInterview
	case hasSeg(pressSegments) || pressSectionRe.MatchString(m.section):
		return TypePressRelease
	case m.ldType == "Report" || m.ldType == "ScholarlyArticle" || hasSeg(reportSegments):
		return TypeReport
	}
	return TypeNews
}

// agencies maps the spellings of a wire agency's tag to its name in lines.
var agencies = map[string]string{
	"AFP": "AFP", "Reuters": "Reuters", "REUTERS": "Reuters", "AP": "AP", "Xinhua": "Xinhua",
	"dpa": "dpa", "DPA": "dpa", "EFE": "EFE", "ANSA": "ANSA", "IPS": "IPS", "PTI": "PTI",
	"IANS": "IANS", "ANI": "ANI", "Bernama": "Bernama", "Kyodo": "Kyodo", "UNB": "UNB",
	"AA": "Anadolu Agency", "EUROPA PRESS": "Europa Press", "Europa Press": "Europa Press",
}

// agencyBylines maps author fields, bylines and spelled-out end credits
// that name an agency, lower-cased.
var agencyBylines = map[string]string{
	"afp": "AFP", "agence france-presse": "AFP", "agence france presse": "AFP", "afp afp": "AFP",
	"reuters": "Reuters", "thomson reuters": "Reuters", "reuters staff": "Reuters", "ap": "AP",
	"associated press": "AP", "the associated press": "AP", "xinhua": "Xinhua", "xinhua news agency": "Xinhua",
	"dpa": "dpa", "efe": "EFE", "agencia efe": "EFE", "ansa": "ANSA", "ips": "IPS", "inter press service": "IPS",
	"pti": "PTI", "press trust of india": "PTI", "ians": "IANS", "ani": "ANI", "bernama": "Bernama",
	"kyodo": "Kyodo", "kyodo news": "Kyodo", "anadolu agency": "Anadolu Agency", "anadolu": "Anadolu Agency",
}

// datelineRe finds the agency tag of a dateline at the start of a
// paragraph: an optional "By NAME" (AP, IPS, Yonhap), the place and date
// ("GENEVA", "ROME, Dec 31", "Strasbourg, 10 juil 2024", "Jan 3"; a place
// may carry a state in brackets, "Tirupati (AP), Jan 7"), the tag in
// parentheses, then a separator (wire-agencies.md, notes 2–3): " - ",
// " -- ", " — ", " _ ", ".- ", ": ", " = ", the end of the paragraph, or a
// bare space. ANSA puts the tag first: "(ANSA) - ROME, JUL 11 - ".
// Groups: 1 the place, 2 the tag, 3 the separator.
var datelineRe = regexp.MustCompile(`^(?:By\s[^()]{1,80}?\s+)?` +
	`([\p{Lu}](?:[\p{L}\p{M}\p{N}.'’ ,/\[\]-]|\(\p{Lu}[\p{L}\p{M} .]*\),){0,80}?)?\s*` +
	`\((AFP|Reuters|REUTERS|AP|Xinhua|dpa|DPA|EFE|ANSA|IPS|PTI|IANS|ANI|Bernama|Kyodo|UNB|AA|EUROPA PRESS|Europa Press)\)` +
	`(\s*(?:[-–—_:=]+|\.\s?-)|\s*$|\s)`)

// bareSpaceTags are the agencies whose text follows the dateline after a
// space alone ("Mumbai, Dec 9 (PTI) The port…"). For any other tag a bare
// space means running text: "pension fund administrators (AFP) will…".
var bareSpaceTags = map[string]bool{"PTI": true, "IANS": true}

// leadChars is how far into the text a dateline may begin, and
// leadParagraphs in how many paragraphs: a syndicating site's standfirst
// or own intro often stands before the agency's dateline
// (wire-agencies.md note 1). The dateline must open its paragraph.
const (
	leadChars      = 600
	leadParagraphs = 3
)

// endCreditRe finds a closing credit at the end of the last paragraph:
// "— AFP", "(Reuters)". "With AFP" is not one: "(FRANCE 24 with AFP)" is
// the outlet's story drawing on the wire, credited to the outlet.
var endCreditRe = regexp.MustCompile(`(?:^|\s)(?:[-–—]+\s*(AFP|Reuters|AP|Xinhua|dpa|EFE|ANSA|IPS|PTI|IANS|ANI|Kyodo)|\((AFP|Reuters|AP|Xinhua|dpa|EFE|ANSA|IPS|PTI|IANS|ANI|Kyodo)\))\.?\s*$`)

// creditLineRe reads a last paragraph that is nothing but a credit:
// "Source: AFP", "Source: Anadolu Agency", "— Agence France-Presse".
var creditLineRe = regexp.MustCompile(`(?i)^(?:source\s*:\s*|[-–—]+\s*)(\p{L}[\p{L} .-]{1,40}?)\.?$`)

// wireAgency names the agency whose copy the article is, from its dateline,
// its author field or byline, or an end credit. Agency names elsewhere in
// the text ("told AFP", "Reuters reported") and photo credits ("© AFP",
// "AFP via Getty Images", in captions the extractor drops) are sources,
// not origin.
func wireAgency(paragraphs []string, author, byline, credit string) string {
	offset := 0
	for i, p := range paragraphs {
		if offset > leadChars || i >= leadParagraphs {
			break
		}
		if a := datelineAgency(p); a != "" {
			return a
		}
		offset += len(p)
	}
	for _, who := range []string{author, byline} {
		if a := bylineAgency(who); a != "" {
			return a
		}
	}
	if len(paragraphs) > 1 {
		if last := paragraphs[len(paragraphs)-1]; len(last) < 200 {
			if a := creditAgency(last); a != "" {
				return a
			}
		}
	}
	return creditAgency(credit)
}

// mixedCreditRe finds a byline or credit that names the outlet's own
// staff with an agency ("By Courier Staff and AFP", "Par la rédaction
// avec AFP", "With AFP"): the outlet's story, drawing on the wire.
var mixedCreditRe = regexp.MustCompile(`(?i)(?:^|\s|\()(?:and|with|avec|con|mit|e|et|y|und|&)\s`)

// bylineAgency reads an author field or byline: the agency alone
// ("AFP", "Reuters staff", "Agence France-Presse"), or the agency with a
// place or a writer's name ("AFP, Banda Aceh", "Farzana Rahman, IPS").
func bylineAgency(who string) string {
	who = strings.TrimSpace(who)
	who = strings.TrimSpace(strings.TrimPrefix(strings.TrimPrefix(who, "By "), "by "))
	if a, ok := agencyBylines[strings.ToLower(who)]; ok {
		return a
	}
	if mixedCreditRe.MatchString(who) {
		return ""
	}
	parts := strings.FieldsFunc(who, func(r rune) bool { return r == ',' || r == '|' || r == '/' || r == '·' })
	if len(parts) < 2 {
		return ""
	}
	for _, part := range []string{parts[0], parts[len(parts)-1]} {
		if a, ok := agencyBylines[strings.ToLower(strings.TrimSpace(part))]; ok {
			return a
		}
	}
	return ""
}

// originallyRe reads "This article was originally published by Inter
// Press Service (IPS)."
var originallyRe = regexp.MustCompile(`(?i)\boriginally (?:published|appeared) (?:by|in|on|with) (?:the )?([^()]{2,40}?)\s*(?:\(([A-Za-z]{2,12})\))?\.?$`)

// creditAgency reads a closing credit: "— AFP", "(Reuters)", "Source:
// AFP", "Source: Anadolu Agency", "originally published by Inter Press
// Service (IPS)". "With AFP" is not one: "(FRANCE 24 with AFP)" is the
// outlet's story drawing on the wire, credited to the outlet.
func creditAgency(text string) string {
	text = strings.TrimSpace(text)
	if text == "" || len(text) > 200 {
		return ""
	}
	if m := endCreditRe.FindStringSubmatch(text); m != nil {
		return agencies[m[1]+m[2]]
	}
	if m := creditLineRe.FindStringSubmatch(text); m != nil {
		if a, ok := agencies[m[1]]; ok {
			return a // "Source: AFP", in the tag's own case
		}
		if a, ok := agencyBylines[strings.ToLower(m[1])]; ok && len(m[1]) > 4 {
			return a // a spelled-out name: "Source: Anadolu Agency"
		}
	}
	if m := originallyRe.FindStringSubmatch(text); m != nil {
		if a, ok := agencies[m[2]]; ok {
			return a
		}
		if a, ok := agencyBylines[strings.ToLower(m[1])]; ok && len(m[1]) > 4 {
			return a
		}
	}
	return ""
}

// datelineAgency returns the agency of a dateline opening p, or "".
func datelineAgency(p string) string {
	m := datelineRe.FindStringSubmatch(p)
	if m == nil {
		return ""
	}
	place, tag, sep := m[1], m[2], m[3]
	if sep != "" && strings.TrimSpace(sep) == "" && !bareSpaceTags[tag] {
		return ""
	}
	if spellsOut(place, tag) {
		return "" // "Data Processing Agreement (DPA)", "Andhra Pradesh (AP)"
	}
	if tag == "AP" && place != "" && !hasCapitalsWord(place) {
		return "" // "Macapá (AP)": AP sets the dateline city in capitals
	}
	return agencies[tag]
}

// minorWords are left out of an acronym's letters.
var minorWords = map[string]bool{"of": true, "the": true, "and": true, "for": true, "de": true, "del": true,
	"des": true, "du": true, "la": true, "da": true, "do": true, "y": true, "e": true, "et": true}

// spellsOut reports whether the words just before a tag, written in
// lower or title case, have the tag's letters as initials: then the tag
// defines an acronym ("Data Processing Agreement (DPA)") or abbreviates a
// state ("AMARAVATI, Andhra Pradesh (AP)"). A dateline city is in
// capitals ("ALBANY PARK (AP)") and never spells out the agency.
func spellsOut(place, tag string) bool {
	if tag != strings.ToUpper(tag) {
		return false // "dpa", "Reuters": names, not acronyms
	}
	if i := strings.LastIndexAny(place, ",–—"); i >= 0 {
		place = place[i+1:]
	}
	var initials []rune
	for _, w := range strings.Fields(place) {
		if minorWords[strings.ToLower(w)] {
			continue
		}
		if isCapitals(w) {
			initials = initials[:0]
			continue
		}
		initials = append(initials, unicode.ToUpper([]rune(w)[0]))
	}
	t := []rune(strings.ReplaceAll(tag, " ", ""))
	return len(initials) >= len(t) && string(initials[len(initials)-len(t):]) == string(t)
}

// hasCapitalsWord reports whether s has a word of two or more letters all
// in capitals.
func hasCapitalsWord(s string) bool {
	for _, w := range strings.Fields(s) {
		if isCapitals(w) {
			return true
		}
	}
	return false
}

func isCapitals(w string) bool {
	letters := 0
	for _, r := range w {
		if unicode.IsLetter(r) {
			if !unicode.IsUpper(r) {
				return false
			}
			letters++
		}
	}
	return letters >= 2
}
