package mention

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// snippetRunes is about how much text a snippet keeps on each side.
const snippetRunes = 120

// snippet returns the sentence-ish window of text around [start, end):
// about snippetRunes runes on each side, cut at word boundaries, with an
// ellipsis where text was cut.
func snippet(text string, start, end int) string {
	from := start
	for n := 0; from > 0 && n < snippetRunes; n++ {
		_, size := utf8.DecodeLastRuneInString(text[:from])
		from -= size
	}
	to := end
	for n := 0; to < len(text) && n < snippetRunes; n++ {
		_, size := utf8.DecodeRuneInString(text[to:])
		to += size
	}
	// Move inwards to a space so that no word is cut in half.
	if from > 0 {
		if i := strings.IndexFunc(text[from:start], unicode.IsSpace); i >= 0 {
			from += i + 1
		}
	}
	if to < len(text) {
		if i := strings.LastIndexFunc(text[end:to], unicode.IsSpace); i >= 0 {
			to = end + i
		}
	}
	s := strings.TrimSpace(text[from:to])
	if from > 0 {
		s = "…" + s
	}
	if to < len(text) {
		s += "…"
	}
	return s
}
