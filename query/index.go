package query

import (
	"slices"
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

// Index is a document read once for matching: its words, filed by key,
// with where each stands. It is not safe for concurrent use; Reset reuses
// one for the next document without allocating again.
type Index struct {
	texts []Text // in NFC
	toks  []itok
	// Keys are interned: keyID gives a key's number, keys its text,
	// head its last word; next chains each word to the previous word
	// with the same key (-1 ends). No slice, and no string, per word.
	keyID map[string]int32
	keys  []string
	head  []int32
	next  []int32
	// extra holds the forms of words that are not plain ASCII (their
	// spelling after NFKC and folding differs from the text's bytes).
	extra []forms
	// alt files Arabic words under their forms without a clitic.
	alt   map[string][]int32
	vocab []string // sorted keys, built on the first wildcard
	buf   []byte
}

type itok struct {
	text       int32
	start, end int32 // bytes in the text
	key        int32
	extra      int32 // index in Index.extra, or -1 for plain ASCII
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
// which Texts returns). Words inside URLs, bare domains, e-mail
// addresses, hashtags and @handles are marked masked: a name in them is
// not a mention.
func NewIndex(texts []Text) *Index {
	idx := &Index{}
	idx.Reset(texts)
	return idx
}

// Reset makes idx the index of texts, reusing its memory.
func (idx *Index) Reset(texts []Text) {
	size := 0
	for _, t := range texts {
		size += len(t.S)
	}
	if idx.keyID == nil {
		idx.keyID = make(map[string]int32, 512)
	} else {
		clear(idx.keyID)
	}
	idx.texts = append(idx.texts[:0], texts...)
	idx.toks = slicesGrow(idx.toks[:0], size/6+1)
	idx.next = idx.next[:0]
	idx.keys, idx.head, idx.extra, idx.vocab = idx.keys[:0], idx.head[:0], idx.extra[:0], nil
	idx.alt = nil
	for ti := range idx.texts {
		t := &idx.texts[ti]
		t.S = norm.NFC.String(t.S)
		idx.tokenize(int32(ti), *t, notProse(t.S))
	}
}

func slicesGrow(s []itok, n int) []itok {
	if cap(s) < n {
		return make([]itok, 0, n)
	}
	return s
}

func (idx *Index) tokenize(ti int32, t Text, masks [][2]int) {
	s := t.S
	start := -1
	ascii, upper := true, false
	flush := func(end int) {
		if start < 0 {
			return
		}
		tok := itok{text: ti, start: int32(start), end: int32(end), field: t.Field, extra: -1}
		for _, m := range masks {
			if start < m[1] && end > m[0] {
				tok.masked = true
				break
			}
		}
		var key string
		switch {
		case ascii && !upper:
			key = s[start:end]
		case ascii:
			idx.buf = append(idx.buf[:0], s[start:end]...)
			for i, c := range idx.buf {
				if c >= 'A' && c <= 'Z' {
					idx.buf[i] = c + 'a' - 'A'
				}
			}
			if id, ok := idx.keyID[string(idx.buf)]; ok { // no allocation
				tok.key = id
				idx.add(tok)
				start = -1
				return
			}
			key = string(idx.buf)
		default:
			f := wordForms(s[start:end])
			tok.extra = int32(len(idx.extra))
			idx.extra = append(idx.extra, f)
			key = f.key
			for _, v := range arabicVariants(key) {
				if idx.alt == nil {
					idx.alt = map[string][]int32{}
				}
				idx.alt[v] = append(idx.alt[v], int32(len(idx.toks)))
			}
		}
		tok.key = idx.intern(key)
		idx.add(tok)
		start = -1
	}
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '_' {
				if start < 0 {
					start, ascii, upper = i, true, false
				}
			} else if c >= 'A' && c <= 'Z' {
				if start < 0 {
					start, ascii, upper = i, true, false
				}
				upper = true
			} else {
				flush(i)
			}
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if isWordRune(r) && !unspaced(r) {
			if start < 0 {
				start, ascii, upper = i, true, false
			}
			ascii = false
		} else {
			flush(i)
		}
		i += size
	}
	flush(len(s))
}

// intern returns key's number, filing it when new.
func (idx *Index) intern(key string) int32 {
	if id, ok := idx.keyID[key]; ok {
		return id
	}
	id := int32(len(idx.keys))
	idx.keyID[key] = id
	idx.keys = append(idx.keys, key)
	idx.head = append(idx.head, -1)
	return id
}

// add appends a word to the chain of its key.
func (idx *Index) add(t itok) {
	i := int32(len(idx.toks))
	idx.toks = append(idx.toks, t)
	idx.next = append(idx.next, idx.head[t.key])
	idx.head[t.key] = i
}

// orig, fold and key are word i's forms: as written (NFKC), case-folded,
// case- and accent-folded.
func (idx *Index) orig(i int) string {
	t := &idx.toks[i]
	if t.extra >= 0 {
		return idx.extra[t.extra].orig
	}
	return idx.texts[t.text].S[t.start:t.end]
}

func (idx *Index) fold(i int) string {
	t := &idx.toks[i]
	if t.extra >= 0 {
		return idx.extra[t.extra].fold
	}
	return idx.keys[t.key]
}

func (idx *Index) key(i int) string { return idx.keys[idx.toks[i].key] }

// positions returns the words filed under key, in document order.
func (idx *Index) positions(key string) []int32 {
	var out []int32
	if id, ok := idx.keyID[key]; ok {
		for i := idx.head[id]; i >= 0; i = idx.next[i] {
			out = append(out, i)
		}
		for a, b := 0, len(out)-1; a < b; a, b = a+1, b-1 {
			out[a], out[b] = out[b], out[a]
		}
	}
	if alt := idx.alt[key]; len(alt) > 0 {
		out = append(out, alt...)
		sort.Slice(out, func(a, b int) bool { return out[a] < out[b] })
	}
	return out
}

// Len is the number of words in the index.
func (idx *Index) Len() int { return len(idx.toks) }

// Words returns the indexes of the words written exactly w (case and
// all), for callers that mask a word throughout a document.
func (idx *Index) Words(w string) []int {
	f := wordForms(w)
	var out []int
	for _, i := range idx.positions(f.key) {
		if idx.orig(int(i)) == f.orig {
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
		idx.vocab = make([]string, 0, len(idx.keys)+len(idx.alt))
		idx.vocab = append(idx.vocab, idx.keys...)
		for k := range idx.alt {
			idx.vocab = append(idx.vocab, k)
		}
		sort.Strings(idx.vocab)
		// positions(k) reads both the chains and alt: each key once.
		idx.vocab = slices.Compact(idx.vocab)
	}
	i := sort.SearchStrings(idx.vocab, p)
	j := i
	for j < len(idx.vocab) && strings.HasPrefix(idx.vocab[j], p) {
		j++
	}
	return idx.vocab[i:j]
}

// notProse finds the spans of s that are not prose: URLs, e-mail
// addresses, hashtags, @handles and bare domains. It jumps from one
// candidate byte to the next, without regexps: it runs on every
// paragraph of every article.
func notProse(s string) [][2]int {
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
	add := func(a, b int) {
		if n := len(out); n > 0 && out[n-1][1] >= a {
			out[n-1][1] = max(out[n-1][1], b)
			return
		}
		out = append(out, [2]int{a, b})
	}
	for off := 0; off < len(s); {
		j := strings.IndexAny(s[off:], ":@#./")
		if j < 0 {
			break
		}
		i := off + j
		off = i + 1
		switch s[i] {
		case ':':
			if strings.HasPrefix(s[i:], "://") {
				a, b := spanAround(i)
				add(a, b)
				off = b
			}
		case '@':
			if a, b := spanAround(i); b > i+1 {
				add(a, b) // an e-mail address or a handle
				off = b
			}
		case '#':
			if (i == 0 || isBreak(s[i-1])) && i+1 < len(s) && !isBreak(s[i+1]) {
				b := i + 1
				for b < len(s) && !isBreak(s[b]) && s[b] != ',' && s[b] != '.' {
					b++
				}
				add(i, b)
				off = b
			}
		case '.':
			// www.example.org, or a bare domain with a path
			// (example.org/IOM). A full stop before a space — most of
			// them — is neither.
			if i == 0 || i+1 >= len(s) || s[i+1] <= ' ' || isBreak(s[i-1]) {
				continue
			}
			a, b := spanAround(i)
			word := s[a:b]
			if len(word) >= 4 && strings.EqualFold(word[:4], "www.") {
				add(a, b)
				off = b
				continue
			}
			if k := strings.IndexByte(word, '/'); k > 0 && looksLikeDomain(word[:k]) {
				add(a, b)
				off = b
			} else if k < 0 {
				// A bare domain without a path (IOM.int, example.org),
				// less the punctuation after it.
				d := strings.TrimRight(word, ".,;:!?")
				if a+len(d) > i+1 && looksLikeDomain(d) && commonTLD(d[strings.LastIndexByte(d, '.')+1:]) {
					add(a, a+len(d))
					off = a + len(d)
				}
			}
		}
	}
	return out
}

// commonTLD reports whether tld, after a bare domain's last dot, is a
// country code or a common generic domain, in lower case: two sentences
// run together ("arrived.The", "camps.they") are no domain.
func commonTLD(tld string) bool {
	for i := 0; i < len(tld); i++ {
		if tld[i] < 'a' || tld[i] > 'z' {
			return false
		}
	}
	switch tld {
	case "com", "org", "net", "int", "gov", "edu", "info", "news", "mil":
		return true
	}
	return len(tld) == 2
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
