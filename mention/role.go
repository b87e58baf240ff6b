package mention

import (
	"regexp"
	"strings"
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

// The patterns read the sentence around a match with the match written
// ORG. They cover English, French and Spanish phrasing.
var (
	spokespersonRe = regexp.MustCompile(`(?i)ORG(?:['’]s|['’])\s+(?:[\p{L}.-]+\s+){1,5}(?:said|says|told|added|explained|warned|noted|stressed|urged)\b` +
		`|ORG\s+(?:spokes(?:wo)?man|spokesperson|official|officials|director|chief|head|representative|envoy|coordinator|staff|worker|workers)\b` +
		`|\b(?:said|says|told\s+[\p{L}]+)\b[^.]{0,80}\b(?:of|from|at|with)\s+(?:the\s+)?ORG\b` +
		`|porte-parole\s+de\s+(?:l['’]\s*)?ORG|portavoz\s+de\s+(?:la\s+)?ORG|(?:responsable|directeur|directrice|chef)\s+de\s+(?:l['’]\s*)?ORG`)
	sourceRe = regexp.MustCompile(`(?i)according\s+to\s+(?:the\s+)?(?:latest\s+|new\s+)?(?:figures|data|estimates|statistics|numbers|a\s+report|a\s+survey)?\s*(?:from|by|of)?\s*(?:the\s+)?ORG` +
		`|ORG(?:['’]s)?\s+(?:figures|data|estimates?|statistics|numbers|report|study|survey|tally|count|analysis|research|database|project)\b` +
		`|\bciting\s+(?:the\s+)?ORG|,\s*(?:the\s+)?ORG\s+(?:said|says|reported|estimated|estimates)\b[^,.;]{0,20}[.;]?$` +
		`|(?:selon|d['’]après)\s+(?:l['’]\s*|la\s+|le\s+)?ORG|(?:según|de\s+acuerdo\s+con)\s+(?:la\s+|el\s+)?ORG`)
	subjectRe = regexp.MustCompile(`(?i)(?:^|[,;:]\s+|\b(?:and|but|while|as|that|when)\s+)(?:the\s+)?ORG\s+(?:has|have|had|is|was|will|would|can|could|said|says|helped|helps|launched|launches|announced|announces|warned|warns|called|calls|urged|urges|opened|opens|provided|provides|estimated|estimates|recorded|records|registered|reported|reports|plans?|aims?|supports?|assisted|distributed|organi[sz]ed|runs?|ran|started|began|welcomed|condemned|deployed|confirmed|counted|appealed)\b` +
		`|(?:^|\s)(?:l['’]\s*|la\s+)?ORG\s+(?:a|avait|est|sera|estime|indique|annonce|ha|había|es|informó|indicó|señaló|advirtió)\b`)
	listRe = regexp.MustCompile(`(?i)(?:such\s+as|including|like|among\s+them|agencies|organi[sz]ations|partners|groups)\b[^.]{0,100}\bORG\b` +
		`|(?:\p{Lu}[\p{L}\p{Lu}]+|ORG)\s*,\s*(?:the\s+)?(?:\p{Lu}[\p{L}\p{Lu}]+|ORG)\s*,?\s*(?:and|or|&)\s+(?:the\s+)?(?:\p{Lu}[\p{L}\p{Lu}]+|ORG)`)
)

// roleAt reads the role of the match text[start:end] from its sentence.
func roleAt(text string, start, end int) string {
	a, b := sentenceAround(text, start, end)
	s := text[a:start] + "ORG" + text[end:b]
	s = strings.TrimSpace(s)
	switch {
	case spokespersonRe.MatchString(s):
		return RoleSpokesperson
	case sourceRe.MatchString(s):
		return RoleSource
	case subjectRe.MatchString(s):
		return RoleSubject
	case listRe.MatchString(s) && strings.Contains(listRe.FindString(s), "ORG"):
		return RoleList
	}
	return RoleMention
}

// sentenceAround returns the bounds of the sentence holding [start, end).
func sentenceAround(text string, start, end int) (int, int) {
	a := start
	for a > 0 {
		c := text[a-1]
		if (c == '.' || c == '!' || c == '?') && a < len(text) && (text[a] == ' ' || text[a] == '\n') {
			break
		}
		a--
	}
	b := end
	for b < len(text) {
		c := text[b]
		b++
		if (c == '.' || c == '!' || c == '?') && (b == len(text) || text[b] == ' ' || text[b] == '\n') {
			break
		}
	}
	return a, b
}
