// Package dedup recognises copies of one story: the same text at another
// address (an exact hash of the normalized words) and syndicated copies
// whose headline, intro, cuts, order and boilerplate differ.
//
// A text becomes the set of its overlapping five-word phrases (shingles),
// each hashed to 64 bits, and the figures and names it states (Facts).
// Decide tells two texts apart from the share of the shorter one's
// phrases the other holds, whether their figures agree and how far apart
// they were published; the thresholds were chosen on the labelled sets
// in testdata (see BENCHMARKS.md). To find the texts worth comparing
// without reading them all, a store indexes each text's anchors
// (AnchorWindow): any sentence two texts share gives them an anchor in
// common.
//
// The package holds no state; store.SaveArticle calls it.
package dedup

import (
	"cmp"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"slices"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// The shape of a fingerprint. Changing ShingleWords or AnchorWindow
// changes every anchor: a store built with other values must be indexed
// again.
const (
	// ShingleWords is the number of words in one phrase.
	ShingleWords = 5
	// MinHashWords is the fewest words a text needs for its exact hash to
	// identify a story: two different stories can share a short blurb.
	MinHashWords = 40
)

// eachWord calls fn with each word of text, normalized: NFKC, lower
// case, letters, digits and the marks that follow them. Punctuation,
// markup left-overs and spacing never tell two copies apart.
//
// Text is read in runs between ASCII spaces: a run of ASCII bytes (most
// of an English article) is its own NFKC form and is lowered byte by
// byte; any other run goes through the normalizer. No normalization
// crosses a space, so the words are those of normalizing the whole text.
func eachWord(text string, fn func(word []byte)) {
	var buf []byte
	flush := func() {
		if len(buf) > 0 {
			fn(buf)
			buf = buf[:0]
		}
	}
	var it norm.Iter
	for i := 0; i < len(text); {
		j, ascii := i, true
		for j < len(text) && !asciiSpace(text[j]) {
			if text[j] >= utf8.RuneSelf {
				ascii = false
			}
			j++
		}
		run := text[i:j]
		if ascii {
			for k := 0; k < len(run); k++ {
				switch c := run[k]; {
				case 'a' <= c && c <= 'z', '0' <= c && c <= '9':
					buf = append(buf, c)
				case 'A' <= c && c <= 'Z':
					buf = append(buf, c+'a'-'A')
				default:
					flush()
				}
			}
		} else {
			it.InitString(norm.NFKC, run)
			for !it.Done() {
				seg := it.Next()
				for len(seg) > 0 {
					r, size := utf8.DecodeRune(seg)
					seg = seg[size:]
					switch {
					case unicode.IsLetter(r) || unicode.IsDigit(r):
						buf = utf8.AppendRune(buf, unicode.ToLower(r))
					case unicode.IsMark(r) && len(buf) > 0:
						buf = utf8.AppendRune(buf, r) // vowel signs of Hindi or Thai belong to the word
					default:
						flush()
					}
				}
			}
		}
		flush()
		for i = j; i < len(text) && asciiSpace(text[i]); i++ {
		}
	}
}

func asciiSpace(c byte) bool {
	return c == ' ' || c == '\n' || c == '\t' || c == '\r' || c == '\f' || c == '\v'
}

// TextHash is the hash of a text's normalized words, with their number.
// Only a hash of at least MinHashWords words identifies a story; a shorter
// one still tells whether a text changed.
func TextHash(text string) (hash string, words int) {
	h := sha256.New()
	n := 0
	eachWord(text, func(w []byte) {
		if n > 0 {
			h.Write([]byte{' '})
		}
		h.Write(w)
		n++
	})
	if n == 0 {
		return "", 0
	}
	return hex.EncodeToString(h.Sum(nil)), n
}

// FNV-1a, 64 bits: stable across processes and releases, unlike
// hash/maphash, so that keys can be stored.
const (
	fnvOffset = 14695981039346656037
	fnvPrime  = 1099511628211
)

// Shingles returns the sorted, distinct hashes of text's ShingleWords-word
// phrases. A text shorter than one phrase gives one hash of all its words.
func Shingles(text string) []uint64 {
	return shingles(text, ShingleWords)
}

// compactAt is how many phrase hashes are gathered before the first sort
// that drops repeats; each later sort waits for twice what the last one
// kept. An article never reaches it. A 15 MiB page held a hash per word
// (63 MB) for a hundred thousand distinct phrases (issue 13); now it
// holds about twice its distinct phrases, at most twice the sorting.
const compactAt = 1 << 16

// shingles hashes the phrases of k words; the evaluation tries other k.
func shingles(text string, k int) []uint64 {
	sh, _ := phrases(text, k, nil)
	return sh
}

// phrases hashes the phrases of k words, and when win is not nil gives it
// each phrase in text order to pick anchors from.
func phrases(text string, k int, win *winnower) ([]uint64, []uint64) {
	ring := make([]uint64, k)
	n := 0
	var out []uint64
	next := compactAt
	eachWord(text, func(w []byte) {
		h := uint64(fnvOffset)
		for _, c := range w {
			h ^= uint64(c)
			h *= fnvPrime
		}
		ring[n%k] = h
		n++
		if n >= k {
			sh := shingle(ring, n)
			if win != nil {
				win.push(sh)
			}
			out = append(out, sh)
			if len(out) >= next {
				slices.Sort(out)
				out = slices.Compact(out)
				next = max(compactAt, 2*len(out))
			}
		}
	})
	if n > 0 && n < k {
		sh := shingle(ring, n)
		if win != nil {
			win.push(sh)
		}
		out = append(out, sh)
	}
	slices.Sort(out)
	var anchors []uint64
	if win != nil {
		anchors = win.finish()
	}
	return slices.Compact(out), anchors
}

// shingle combines the last min(n, len(ring)) word hashes in ring, in
// order.
func shingle(ring []uint64, n int) uint64 {
	k := min(n, len(ring))
	h := uint64(fnvOffset)
	for i := n - k; i < n; i++ {
		h = mix64(h ^ ring[i%len(ring)])
	}
	return h
}

// mix64 is the finalizer of SplitMix64: a cheap bijection that spreads
// every input bit over the output.
func mix64(x uint64) uint64 {
	x ^= x >> 30
	x *= 0xbf58476d1ce4e5b9
	x ^= x >> 27
	x *= 0x94d049bb133111eb
	x ^= x >> 31
	return x
}

// Similarity is how much two texts share.
type Similarity struct {
	// Shared is the number of phrases both texts hold.
	Shared int
	// Jaccard is Shared over the phrases either holds; Containment is
	// Shared over the phrases of the shorter text.
	Jaccard, Containment float64
}

// Compare measures two sorted shingle sets exactly.
func Compare(a, b []uint64) Similarity {
	if len(a) == 0 || len(b) == 0 {
		return Similarity{}
	}
	shared := sharedSorted(a, b)
	return Similarity{
		Shared:      shared,
		Jaccard:     float64(shared) / float64(len(a)+len(b)-shared),
		Containment: float64(shared) / float64(min(len(a), len(b))),
	}
}

// EncodeKeys packs anchors for storage, 8 bytes each, big-endian;
// DecodeKeys reverses it, ignoring a trailing partial key.
func EncodeKeys(keys []uint64) []byte {
	out := make([]byte, 0, 8*len(keys))
	for _, k := range keys {
		out = binary.BigEndian.AppendUint64(out, k)
	}
	return out
}

// DecodeKeys unpacks keys packed by EncodeKeys.
func DecodeKeys(b []byte) []uint64 {
	out := make([]uint64, 0, len(b)/8)
	for ; len(b) >= 8; b = b[8:] {
		out = append(out, binary.BigEndian.Uint64(b))
	}
	return out
}

// sharedSorted counts the values two sorted, distinct slices share.
func sharedSorted[T cmp.Ordered](a, b []T) int {
	n := 0
	for i, j := 0, 0; i < len(a) && j < len(b); {
		switch {
		case a[i] == b[j]:
			n++
			i++
			j++
		case a[i] < b[j]:
			i++
		default:
			j++
		}
	}
	return n
}
