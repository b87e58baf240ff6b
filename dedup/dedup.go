// Package dedup recognises copies of one story: the same text at another
// address (an exact hash of the normalized words) and syndicated copies
// whose headline, intro, outro and boilerplate differ (near duplicates).
//
// A text becomes the set of its overlapping five-word phrases (shingles),
// each hashed to 64 bits. Two texts are the same story when they share
// most of the shorter one's phrases and a fair part of all their phrases
// (Similarity.Same); the thresholds were chosen on the labelled sets in
// testdata (see BENCHMARKS.md). To find the texts worth
// comparing without reading them all, a MinHash signature of the set is
// cut into bands and each band hashed to one key (locality-sensitive
// hashing): texts whose phrase sets overlap share a key with high
// probability, and a store keeps an index from key to article.
//
// The package holds no state; store.SaveArticle calls it.
package dedup

import (
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"slices"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// The shape of a fingerprint. Changing any of these changes every key: a
// store built with other values must be re-indexed.
const (
	// ShingleWords is the number of words in one phrase.
	ShingleWords = 5
	// Bands is the number of index keys per text, and Rows the number of
	// MinHash values hashed into each key. With 20 bands of 2 rows, two
	// texts whose phrase sets have a Jaccard similarity s share at least
	// one key with probability 1-(1-s²)²⁰: 0.85 at s = 0.3, 0.97 at 0.4,
	// 0.997 at 0.5.
	Bands = 20
	Rows  = 2
	// MinShingles is the fewest phrases a text needs to be indexed: a
	// one-sentence blurb says too little to be told from another.
	MinShingles = 20
	// MinHashWords is the fewest words a text needs for its exact hash to
	// identify a story: two different stories can share a short blurb.
	MinHashWords = 40
)

// Thresholds of Similarity.Same, chosen on the labelled set in
// testdata/dev and checked on testdata/heldout (BENCHMARKS.md). There,
// copies of one story share at least 0.65 of the shorter text's phrases
// and different stories at most 0.41; copies' Jaccard similarity is at
// least 0.34.
const (
	// MinContainment is the share of the shorter text's phrases that the
	// longer one must hold: midway between the two.
	MinContainment = 0.5
	// MinJaccard is the least overlap of the two phrase sets, under the
	// copies' least: it keeps a round-up or live blog that quotes a whole
	// short item apart from the item, unless the item is a quarter of it.
	MinJaccard = 0.25
)

// Fingerprint is what dedup knows about one text.
type Fingerprint struct {
	// Shingles are the hashes of the text's phrases, sorted, each once.
	Shingles []uint64
	// Keys are the text's LSH band keys (Bands of them), or nil when the
	// text has fewer than MinShingles phrases.
	Keys []int64
}

// Of computes a text's fingerprint.
func Of(text string) Fingerprint {
	sh := Shingles(text)
	return Fingerprint{Shingles: sh, Keys: Keys(sh)}
}

// eachWord calls fn with each word of text, normalized: NFKC, lower case,
// letters, digits and the marks that follow them. Punctuation, markup left-overs and spacing
// never tell two copies apart.
func eachWord(text string, fn func(word []byte)) {
	var buf []byte
	flush := func() {
		if len(buf) > 0 {
			fn(buf)
			buf = buf[:0]
		}
	}
	var it norm.Iter
	it.InitString(norm.NFKC, text)
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
	flush()
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
			out = append(out, shingle(ring, n))
			if len(out) >= next {
				slices.Sort(out)
				out = slices.Compact(out)
				next = max(compactAt, 2*len(out))
			}
		}
	})
	if n > 0 && n < k {
		out = append(out, shingle(ring, n))
	}
	slices.Sort(out)
	return slices.Compact(out)
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

// seeds are the per-hash salts of the MinHash signature, fixed so that
// keys computed today match keys stored yesterday.
var seeds = func() [Bands * Rows]uint64 {
	var s [Bands * Rows]uint64
	x := uint64(0x7072657373636c70) // "pressclp"
	for i := range s {
		x += 0x9e3779b97f4a7c15
		s[i] = mix64(x)
	}
	return s
}()

// Keys returns the LSH band keys of a shingle set, or nil when the set
// is smaller than MinShingles.
func Keys(shingles []uint64) []int64 {
	if len(shingles) < MinShingles {
		return nil
	}
	var sig [Bands * Rows]uint64
	for i := range sig {
		sig[i] = ^uint64(0)
	}
	for _, s := range shingles {
		for i, seed := range seeds {
			if v := mix64(s ^ seed); v < sig[i] {
				sig[i] = v
			}
		}
	}
	keys := make([]int64, Bands)
	for b := range Bands {
		h := mix64(uint64(b+1) * 0x9e3779b97f4a7c15)
		for r := range Rows {
			h = mix64(h ^ sig[b*Rows+r])
		}
		keys[b] = int64(h)
	}
	return keys
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
	shared := 0
	for i, j := 0, 0; i < len(a) && j < len(b); {
		switch {
		case a[i] == b[j]:
			shared++
			i++
			j++
		case a[i] < b[j]:
			i++
		default:
			j++
		}
	}
	return Similarity{
		Shared:      shared,
		Jaccard:     float64(shared) / float64(len(a)+len(b)-shared),
		Containment: float64(shared) / float64(min(len(a), len(b))),
	}
}

// Same reports whether the two texts are copies of one story.
func (s Similarity) Same() bool {
	return s.Containment >= MinContainment && s.Jaccard >= MinJaccard
}

// EncodeKeys packs keys for storage, 8 bytes each, big-endian; DecodeKeys
// reverses it, ignoring a trailing partial key.
func EncodeKeys(keys []int64) []byte {
	out := make([]byte, 0, 8*len(keys))
	for _, k := range keys {
		out = binary.BigEndian.AppendUint64(out, uint64(k))
	}
	return out
}

// DecodeKeys unpacks keys packed by EncodeKeys.
func DecodeKeys(b []byte) []int64 {
	out := make([]int64, 0, len(b)/8)
	for ; len(b) >= 8; b = b[8:] {
		out = append(out, int64(binary.BigEndian.Uint64(b)))
	}
	return out
}
