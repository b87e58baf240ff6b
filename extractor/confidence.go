package extractor

import (
	"unicode"
	"unicode/utf8"
)

// The confidence check: the text found must agree with what else the
// page (and the feed) say about the article — its headline, its
// description. A text that shares almost none of their words is a
// footer, a sidebar or a comment thread that outscored the article; the
// extractor then tries the next candidate, and when none agrees it marks
// the article LowConfidence instead of passing the text off as the story.

const (
	// agreeShare is the share of a hint's words the text must hold.
	agreeShare = 0.2
	// minHintWords is the fewest words a hint needs to be a test: "Live"
	// or "Home" says nothing.
	minHintWords = 3
	// agreeRunes bounds the text read for the check: the headline's words
	// are in the story's first screens, and a 15 MiB page costs no more.
	agreeRunes = 5000
	// hintStem is how much of a word is compared: "migrants" and
	// "migrant" agree.
	hintStem = 5
)

// Agrees reports whether the text of paragraphs agrees with hints (a
// headline, a description, a feed item's summary): it holds at least a
// fifth of one hint's words, not counting the words of the site's name
// (a site's own blurb names it too). checked is false when no hint has
// words enough to tell; the text then counts as agreeing.
func Agrees(paragraphs []string, siteName string, hints ...string) (agrees, checked bool) {
	site := map[string]bool{}
	for _, w := range hintWords(siteName) {
		site[w] = true
	}
	var usable [][]string
	for _, h := range hints {
		var words []string
		for _, w := range hintWords(h) {
			if !site[w] {
				words = append(words, w)
			}
		}
		if len(words) >= minHintWords {
			usable = append(usable, words)
		}
	}
	if len(usable) == 0 {
		return true, false
	}
	// One pass over the text's words, counting each hint's words found
	// (each once), until one hint has enough.
	found := make([]map[string]bool, len(usable))
	want := make([]map[string]bool, len(usable))
	for i, words := range usable {
		found[i], want[i] = map[string]bool{}, map[string]bool{}
		for _, w := range words {
			want[i][w] = true
		}
	}
	agree := false
	budget := agreeRunes
	for _, p := range paragraphs {
		if budget <= 0 || agree {
			break
		}
		if utf8.RuneCountInString(p) > budget {
			p = truncateRunes(p, budget)
		}
		budget -= utf8.RuneCountInString(p)
		eachHintWord(p, func(w string) bool {
			for i := range usable {
				if want[i][w] && !found[i][w] {
					found[i][w] = true
					if float64(len(found[i])) >= agreeShare*float64(len(usable[i])) {
						agree = true
						return false
					}
				}
			}
			return true
		})
	}
	return agree, true
}

// truncateRunes returns the first n runes of s.
func truncateRunes(s string, n int) string {
	i := 0
	for j := range s {
		if i == n {
			return s[:j]
		}
		i++
	}
	return s
}

// hintWords splits s into the words the check compares, each once:
// letter and digit runs of four runes or more that are not numbers,
// lower-cased and cut to
// hintStem runes, without the commonest function words; CJK text, which
// has no spaces, as pairs of characters.
func hintWords(s string) []string {
	var out []string
	seen := map[string]bool{}
	eachHintWord(s, func(w string) bool {
		if !seen[w] {
			seen[w] = true
			out = append(out, w)
		}
		return true
	})
	return out
}

// eachHintWord calls fn with each of hintWords' words of s in order
// (repeats included) until fn returns false.
func eachHintWord(s string, fn func(string) bool) {
	var word []rune
	var prevCJK rune
	stop := false
	emit := func(w string) {
		if !stop && !stopWords[w] && !fn(w) {
			stop = true
		}
	}
	flush := func() {
		if len(word) >= 4 && !allDigits(word) {
			if len(word) > hintStem {
				word = word[:hintStem]
			}
			emit(string(word))
		}
		word = word[:0]
	}
	for _, r := range s {
		if stop {
			return
		}
		switch {
		case isCJK(r):
			flush()
			if prevCJK != 0 {
				emit(string([]rune{prevCJK, r}))
			}
			prevCJK = r
			continue
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			word = append(word, unicode.ToLower(r))
		default:
			flush()
		}
		prevCJK = 0
	}
	flush()
}

// allDigits reports whether w is a number ("2026" agrees with any
// footer's copyright year).
func allDigits(w []rune) bool {
	for _, r := range w {
		if !unicode.IsDigit(r) {
			return false
		}
	}
	return true
}

// stopWords are function words of four letters or more (cut to hintStem)
// in the outlets' languages: every text has them, so they agree with
// nothing.
var stopWords = stems(`that this with from have been were will they their them than then what when where which
	about after also into more most over said says some such there these those would could should while other
	dans pour avec sont mais leur plus cette comme être tout elle nous vous
	para como pero está esta este sobre entre desde cuando también sido
	eine einer eines nicht sich auch oder wird sind wurde nach über durch aber
	della delle sono anche come questo questa nella dopo
	para pelo pela como mais está foram entre sobre`)

// stems is wordSet of the words cut to hintStem runes.
func stems(s string) map[string]bool {
	m := map[string]bool{}
	for w := range wordSet(s) {
		m[truncateRunes(w, hintStem)] = true
	}
	return m
}
