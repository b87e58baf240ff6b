package summarizer

import (
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Datelines and bylines at the start of a lead (SUMMARY-STYLE.md rule 11):
// "ROME, Dec 31 (Reuters) - ", "GENEVA (AP) — ", "Berlin (dpa) - ",
// "(ANSA) - ROME, JUL 11 - ", "GENEVA — ", "By Jane Roe. ".
var datelines = []*regexp.Regexp{
	regexp.MustCompile(`^(?:By [^()]{1,80}?\s+)?(?:[\p{Lu}][\p{L}\p{M}.'’ ,\[\]-]{0,60}?(?:,\s*[\p{Lu}][\p{L}]{2,8}\.?\s*\d{1,2}(?:,?\s*\d{4})?)?\s*)?\((?:Reuters|REUTERS|AP|AFP|Xinhua|IPS|dpa|DPA|EFE|ANSA|IANS|PTI|ANI|UNB|Bernama|Kyodo|Anadolu|AA|CNN|IRIN|Thomson Reuters Foundation|EUROPA PRESS|Europa Press)\)\s*(?:[-–—_:]+|\.-)?\s*`),
	regexp.MustCompile(`^\((?:ANSA|CNN)\)\s*[-–—]+\s*(?:[\p{Lu}][\p{Lu} .,'’-]{1,40}\d{0,2}\s*[-–—]\s*)?`),
	regexp.MustCompile(`^[\p{Lu}][\p{Lu} .,'’-]{2,40}(?:,\s*[\p{Lu}][\p{L}]{2,8}\.?\s*\d{1,2})?\s*[-–—]+\s+`),
	regexp.MustCompile(`^By [\p{Lu}][^.]{0,60}\.\s+`),
}

// stripDateline removes a leading dateline, agency tag or byline.
func stripDateline(s string) string {
	for _, re := range datelines {
		if loc := re.FindStringIndex(s); loc != nil && loc[1] < len(s) {
			return strings.TrimSpace(s[loc[1]:])
		}
	}
	return s
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
func lowerFirst(clause string, w words) string {
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
	if upper >= 2 || bare == "I" || monthsAndDays[bare] || gazetteer[bare] || w.proper(bare) {
		return clause
	}
	return string(unicode.ToLower(r)) + clause[size:]
}

// words records how an article writes its words: capitalized after the
// start of a sentence, or in lower case.
type words struct {
	capital map[string]bool
	lower   map[string]bool
}

func wordUse(sentences []string) words {
	w := words{capital: map[string]bool{}, lower: map[string]bool{}}
	for _, s := range sentences {
		for i, f := range strings.Fields(s) {
			f = strings.Trim(f, `"“”‘’'()[],.;:!?`)
			f = strings.TrimSuffix(strings.TrimSuffix(f, "’s"), "'s")
			if f == "" {
				continue
			}
			r, _ := utf8.DecodeRuneInString(f)
			switch {
			case unicode.IsLower(r):
				w.lower[strings.ToLower(f)] = true
			case unicode.IsUpper(r) && i > 0:
				w.capital[f] = true
			}
		}
	}
	return w
}

// proper: capitalized mid-sentence and never in lower case.
func (w words) proper(s string) bool { return w.capital[s] && !w.common(strings.ToLower(s)) }

// common: written in lower case somewhere, also as a plural or singular.
func (w words) common(lower string) bool {
	return w.lower[lower] || w.lower[lower+"s"] || w.lower[strings.TrimSuffix(lower, "s")]
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

// compileLongNames builds the regexp for "[the] <long name>[ (<short>)]".
func compileLongNames(names []string, short string) *regexp.Regexp {
	var alts []string
	for _, n := range names {
		if n == "" || n == short || !strings.Contains(n, " ") {
			continue
		}
		words := strings.Fields(regexp.QuoteMeta(n))
		alts = append(alts, strings.Join(words, `\s+`))
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
