package mention

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/pressclip/pressclip/query"
)

// snippetRunes is about how much text a snippet keeps on each side.
const snippetRunes = 120

// snippetPick returns the match the snippet is around — the first strong
// match (in the article text, not a name in a list: rank 3), else the
// first in the text (rank 2), else the title (rank 1) — and its rank.
func snippetPick(hits []query.Hit, roles []string) (int, int) {
	for i, h := range hits {
		if h.Field != query.Title && roles[i] != RoleList {
			return i, 3
		}
	}
	for i, h := range hits {
		if h.Field != query.Title {
			return i, 2
		}
	}
	return 0, 1
}

// snippetAt returns the snippet around hits[pick] and the byte ranges of
// the matches inside it.
func snippetAt(texts []query.Text, hits []query.Hit, pick int) (string, [][2]int) {
	h := hits[pick]
	text := texts[h.Text].S
	from, to := window(text, h.Start, h.End)
	s := text[from:to]
	lead := strings.TrimLeftFunc(s, unicode.IsSpace)
	shift := from + (len(s) - len(lead))
	s = strings.TrimRightFunc(lead, unicode.IsSpace)
	var marks [][2]int
	prefix := ""
	if from > 0 {
		prefix = "…"
	}
	for _, o := range hits {
		if o.Text == h.Text && o.Start >= shift && o.End <= shift+len(s) {
			marks = append(marks, [2]int{o.Start - shift + len(prefix), o.End - shift + len(prefix)})
		}
	}
	s = prefix + s
	if to < len(text) {
		s += "…"
	}
	return s, marks
}

// window returns about snippetRunes runes on each side of [start, end),
// cut at spaces so that no word is cut in half.
func window(text string, start, end int) (int, int) {
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
	return from, to
}
