package query

import (
	"sort"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// Text is one block of an article — its title or a paragraph — and the
// field it belongs to.
type Text struct {
	Field Field
	S     string
}

// Index is a document read once for matching: its words, by key, with
// where each stands. It is not safe for concurrent use.
type Index struct {
	texts []Text // in NFC
	toks  []itok
	keys  map[string][]int32
	vocab []string // sorted keys, built on the first wildcard
}

type itok struct {
	forms
	text       int32
	start, end int32 // bytes in the text
	field      Field
	masked     bool
}

// Hit is one occurrence of a term: the text it is in, its bytes there, and
// its first and last word (both -1 for a term found inside the text).
type Hit struct {
	Term        *Term
	Text        int
	Start, End  int
	First, Last int
	Field       Field
}

// NewIndex reads texts, in NFC (offsets in hits are into the NFC texts,
// which Texts returns). Words inside URLs, e-mail addresses, hashtags and
// @handles are marked masked: a name in them is not a mention.
func NewIndex(texts []Text) *Index {
	idx := &Index{texts: make([]Text, len(texts)), keys: make(map[string][]int32, 256)}
	for ti, t := range texts {
		t.S = norm.NFC.String(t.S)
		idx.texts[ti] = t
		masks := notProse(t.S)
		idx.tokenize(int32(ti), t, masks)
	}
	return idx
}

func (idx *Index) tokenize(ti int32, t Text, masks [][2]int) {
	s := t.S
	start := -1
	flush := func(end int) {
		if start < 0 {
			return
		}
		f := wordForms(s[start:end])
		tok := itok{forms: f, text: ti, start: int32(start), end: int32(end), field: t.Field}
		for _, m := range masks {
			if start < m[1] && end > m[0] {
				tok.masked = true
				break
			}
		}
		i := int32(len(idx.toks))
		idx.toks = append(idx.toks, tok)
		idx.keys[f.key] = append(idx.keys[f.key], i)
		for _, v := range arabicVariants(f.key) {
			idx.keys[v] = append(idx.keys[v], i)
		}
		start = -1
	}
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_' {
				if start < 0 {
					start = i
				}
			} else {
				flush(i)
			}
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if isWordRune(r) && !unspaced(r) {
			if start < 0 {
				start = i
			}
		} else {
			flush(i)
		}
		i += size
	}
	flush(len(s))
}

// Len is the number of words in the index.
func (idx *Index) Len() int { return len(idx.toks) }

// Words returns the indexes of the words written exactly w (case and
// all), for callers that mask a word throughout a document.
func (idx *Index) Words(w string) []int {
	f := wordForms(w)
	var out []int
	for _, i := range idx.keys[f.key] {
		if idx.toks[i].orig == f.orig {
			out = append(out, int(i))
		}
	}
	return out
}

// Texts are the index's texts.
func (idx *Index) Texts() []Text { return idx.texts }

// withPrefix returns the keys that start with p.
func (idx *Index) withPrefix(p string) []string {
	if idx.vocab == nil {
		idx.vocab = make([]string, 0, len(idx.keys))
		for k := range idx.keys {
			idx.vocab = append(idx.vocab, k)
		}
		sort.Strings(idx.vocab)
	}
	i := sort.SearchStrings(idx.vocab, p)
	j := i
	for j < len(idx.vocab) && strings.HasPrefix(idx.vocab[j], p) {
		j++
	}
	return idx.vocab[i:j]
}

// notProse finds the spans of s that are not prose: URLs, e-mail
// addresses, hashtags and @handles. It scans bytes, without regexps: it
// runs on every paragraph of every article.
func notProse(s string) [][2]int {
	if !strings.ContainsAny(s, "@#/.") {
		return nil
	}
	var out [][2]int
	spanAround := func(i int) (int, int) { // the run of non-space bytes around i
		a, b := i, i
		for a > 0 && !isBreak(s[a-1]) {
			a--
		}
		for b < len(s) && !isBreak(s[b]) {
			b++
		}
		return a, b
	}
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case ':':
			if strings.HasPrefix(s[i:], "://") {
				a, b := spanAround(i)
				out = append(out, [2]int{a, b})
				i = b
			}
		case 'w', 'W':
			if (i == 0 || isBreak(s[i-1])) && len(s) > i+4 && strings.EqualFold(s[i:i+4], "www.") {
				a, b := spanAround(i)
				out = append(out, [2]int{a, b})
				i = b
			}
		case '@':
			a, b := spanAround(i)
			if b > i+1 {
				out = append(out, [2]int{a, b}) // an e-mail address or a handle
				i = b
			}
		case '#':
			if (i == 0 || isBreak(s[i-1])) && i+1 < len(s) && !isBreak(s[i+1]) {
				b := i + 1
				for b < len(s) && !isBreak(s[b]) && s[b] != ',' && s[b] != '.' {
					b++
				}
				out = append(out, [2]int{i, b})
				i = b
			}
		case '.':
			// A bare domain: word.tld/… (example.org/IOM).
			if i > 0 && !isBreak(s[i-1]) {
				if j := strings.IndexByte(s[i:min(len(s), i+64)], '/'); j > 0 && !strings.ContainsAny(s[i:i+j], " \t\n") {
					a, b := spanAround(i)
					if strings.Count(s[a:b], ".") >= 1 && looksLikeDomain(s[a:i+j]) {
						out = append(out, [2]int{a, b})
						i = b
					}
				}
			}
		}
	}
	return out
}

func isBreak(c byte) bool {
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '"' || c == '(' || c == ')' || c == '<' || c == '>' || c == '\''
}

// looksLikeDomain: letters, digits, dots and hyphens, ending in a
// top-level domain of letters.
func looksLikeDomain(s string) bool {
	dot := strings.LastIndexByte(s, '.')
	if dot <= 0 || len(s)-dot-1 < 2 {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '.' || c == '-') {
			return false
		}
	}
	for i := dot + 1; i < len(s); i++ {
		if c := s[i] | 0x20; c < 'a' || c > 'z' {
			return false
		}
	}
	return true
}
