package mention

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/pressclip/pressclip/query"
)

// matchWindow is the most text one index holds, in bytes. The index
// takes some ten times the text it holds: a 15 MiB page (the fetcher's
// cap) indexed whole took 160 MB (issue 13); read in windows, 13 MB.
// Every article fits in one window (the longest in the corpora has under
// 70 KB of text), and then a query reads the whole document. A longer
// document is read window by window, the title in the first: a query's
// words must then stand in one window to match together (IOM AND
// migrant*, NEAR, an excluded phrase and the acronym it defines), and the
// mentions of all windows are added up.
const matchWindow = 1 << 20

// cutReach is how far before a window's end a cut through a paragraph
// looks for the end of a sentence, so that the cut falls between
// sentences rather than inside a name.
const cutReach = 4 << 10

// eachWindow calls fn with texts in windows of at most size bytes, in
// order. A text longer than that is cut into pieces (pieceOf); fn's
// slice is reused for the next window.
func eachWindow(texts []query.Text, size int, fn func([]query.Text)) {
	n := 0
	for _, t := range texts {
		n += len(t.S)
	}
	if n <= size {
		fn(texts) // every article
		return
	}
	var win []query.Text
	n = 0
	flush := func() {
		if len(win) > 0 {
			fn(win)
		}
		win, n = win[:0], 0
	}
	for _, t := range texts {
		for n+len(t.S) > size {
			if n > 0 {
				flush()
				continue
			}
			piece := pieceOf(t.S, size)
			win = append(win, query.Text{Field: t.Field, S: piece})
			flush()
			t.S = t.S[len(piece):]
		}
		win = append(win, t)
		n += len(t.S)
	}
	flush()
}

// pieceOf returns the first piece of s to index: size bytes at most, cut
// after the last sentence end in the last cutReach bytes, else at the
// last white space, else at a rune's start. It is never empty.
func pieceOf(s string, size int) string {
	if len(s) <= size {
		return s
	}
	end := size
	for end > 0 && !utf8.RuneStart(s[end]) {
		end--
	}
	if end == 0 {
		_, n := utf8.DecodeRuneInString(s)
		return s[:n]
	}
	head := s[:end]
	from := max(0, len(head)-cutReach)
	if i := strings.LastIndexAny(head[from:], ".!?"); i >= 0 {
		if j := from + i + 1; j < len(head) && (head[j] == ' ' || head[j] == '\n') {
			return head[:j+1]
		}
	}
	if i := strings.LastIndexFunc(head, unicode.IsSpace); i > 0 {
		return head[:i+1]
	}
	return head
}
