package summarizer

import (
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"
)

// The first word's case (SUMMARY-STYLE.md rule 10): a clause is the
// continuation of "<Outlet> reported that", so its first letter is
// lower-cased unless the first word is a name.

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
func lowerFirst(clause string, w *wordCase) string {
	word := clause
	if i := strings.IndexFunc(clause, func(r rune) bool { return unicode.IsSpace(r) || r == ',' || r == ';' || r == ':' }); i >= 0 {
		word = clause[:i]
	}
	bare := strings.TrimRight(strings.TrimSuffix(strings.TrimSuffix(word, "’s"), "'s"), ".,;:")
	r, size := utf8.DecodeRuneInString(clause)
	if !unicode.IsUpper(r) {
		return clause
	}
	lower := string(unicode.ToLower(r)) + clause[size:]
	// An elided French or Italian article ("L’OIM", "D’après") is lower-cased
	// whatever follows it.
	if rest := clause[size:]; (r == 'L' || r == 'D') && (strings.HasPrefix(rest, "’") || strings.HasPrefix(rest, "'")) {
		return lower
	}
	// Number words and "To" open sentences; they are never names
	// ("Twenty Afghan families …", "To reach the coast, …").
	if numberWord(bare) || bare == "To" || notNameStarts[bare] && bare != "As" {
		return lower
	}
	upper := 0
	for _, c := range bare {
		if unicode.IsUpper(c) {
			upper++
		}
	}
	if upper >= 2 || bare == "I" || monthsAndDays[bare] || gazetteer[bare] || gazetteer[strings.TrimSuffix(bare, "s")] || startsName(clause, bare) ||
		expandsAcronym(clause) || !commonHeads[bare] && (w.proper(bare) || w.brand(bare)) {
		return clause
	}
	return lower
}

// acronymNameRe: capitalized words and the acronym they spell, in
// brackets: "Immigration, Refugees and Citizenship Canada (IRCC)".
var acronymNameRe = regexp.MustCompile(`^((?:\p{Lu}[\p{L}’'-]*,?\s+(?:(?:and|of|for|the|on|de|des|du|la|le|y|e|für|und)\s+)*){1,7}?\p{Lu}[\p{L}’'-]*)\s+\((\p{Lu}{2,8})\)`)

// expandsAcronym: the clause opens with a name that the acronym after it
// spells (its capitalized words' initials): a name, whatever its words.
func expandsAcronym(clause string) bool {
	if i := strings.IndexByte(clause, '('); i < 0 || i > 160 {
		return false
	}
	m := acronymNameRe.FindStringSubmatch(clause)
	if m == nil {
		return false
	}
	initials := ""
	for _, w := range strings.Fields(m[1]) {
		if r, _ := utf8.DecodeRuneInString(w); unicode.IsUpper(r) {
			initials += string(r)
		}
	}
	return initials == m[2]
}

// lowerClause lower-cases the clause's first letter as lowerFirst
// decides, as a logged edit.
func lowerClause(c *Clause, w *wordCase) {
	if l := lowerFirst(c.Text, w); l != c.Text {
		_, size := utf8.DecodeRuneInString(c.Text)
		c.splice(kindCase, 0, size, l[:len(l)-len(c.Text)+size])
	}
}

// numberWord: "Twenty", "Forty-five", "Hundreds", "Thousands".
func numberWord(w string) bool {
	base, _, _ := strings.Cut(strings.ToLower(w), "-")
	return numberWords[base]
}

var numberWords = toSet(`one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen
sixteen seventeen eighteen nineteen twenty thirty forty fifty sixty seventy eighty ninety hundred hundreds thousand
thousands dozens dozen millions million scores tens`)

// notNameStarts are capitalized first words that are not part of a name
// even when a name follows ("The Gambia", "In Geneva").
var notNameStarts = toSet(`What Why How When Where Who Which
The A An This That These Those Some Many More Most Several Any All Each Every In On At
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

// brand: a word the article writes only at the start of sentences, at
// least twice, and never in lower case: a name that happens to open every
// sentence it is in ("Glovo said …", "Glovo will …").
func (w *wordCase) brand(s string) bool {
	if s == "" || notNameStarts[s] || starters[s] || commonHeads[s] || numberWord(s) || strings.HasSuffix(s, "ing") || strings.HasSuffix(s, "ly") ||
		strings.HasSuffix(s, "s") {
		return false
	}
	lower := strings.ToLower(s)
	starts := 0
	for _, sent := range w.sentences {
		if containsWord(sent, lower) {
			return false
		}
		if strings.HasPrefix(sent, s) {
			if rest := sent[len(s):]; (rest == "" || !isWordRune([]rune(rest)[0])) && !titleCase(sent) {
				starts++
			}
		}
	}
	return starts >= 2
}

// proper: capitalized mid-sentence and never in lower case, also as a
// plural or singular.
func (w *wordCase) proper(s string) bool {
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
				if i > 0 && !isWordRune(before) && (end == len(sent) || !isWordRune(after)) && !sentenceStart(sent[:i]) &&
					!strings.ContainsRune(`"“‘'(«`, before) && !titleCase(sent) {
					// A headline repeated in title case says nothing of a
					// word's case.
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

// sentenceStart: what comes before a word leaves it at the start of a
// sentence: nothing, or a full stop and a space (the text may be a
// paragraph of several sentences).
func sentenceStart(before string) bool {
	before = strings.TrimRight(before, " \u00a0")
	if before == "" {
		return true
	}
	r, _ := utf8.DecodeLastRuneInString(strings.TrimRight(before, `"”’'»)`))
	return r == '.' || r == '!' || r == '?' || r == ':'
}
