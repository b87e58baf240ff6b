package dedup

import (
	"fmt"
	"math/rand/v2"
	"runtime"
	"runtime/debug"
	"slices"
	"strings"
	"testing"
)

// shinglesWhole is shingles without compaction: every hash gathered,
// then sorted once. The reference.
func shinglesWhole(text string, k int) []uint64 {
	ring := make([]uint64, k)
	n := 0
	var out []uint64
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
		}
	})
	if n > 0 && n < k {
		out = append(out, shingle(ring, n))
	}
	slices.Sort(out)
	return slices.Compact(out)
}

// bigText is about n bytes of text: sentences drawn from a few (many
// repeated phrases) or words drawn at random (every phrase new).
func bigText(n int, repeated bool) string {
	r := rand.New(rand.NewPCG(13, 13))
	var variants []string
	for _, s := range story {
		for i := range 50 {
			variants = append(variants, fmt.Sprintf("%s %d. ", s, i))
		}
	}
	var b strings.Builder
	b.Grow(n + 200)
	for b.Len() < n {
		if repeated {
			b.WriteString(variants[r.IntN(len(variants))])
		} else {
			fmt.Fprintf(&b, "w%d ", r.Uint32())
		}
	}
	return b.String()
}

// TestShinglesCompacted: sorting out repeats every compactAt hashes
// gives the set the single sort gives.
func TestShinglesCompacted(t *testing.T) {
	for _, tt := range []struct {
		name     string
		text     string
		compacts bool
	}{
		{"an article is never compacted", strings.Join(story, " "), false},
		{"a text of repeated phrases", bigText(1<<20, true), true},
		{"a text of new phrases", bigText(1<<20, false), true},
	} {
		t.Run(tt.name, func(t *testing.T) {
			want := shinglesWhole(tt.text, ShingleWords)
			if got := Shingles(tt.text); !slices.Equal(got, want) {
				t.Errorf("got %d shingles, want the %d of one sort", len(got), len(want))
			}
			if words := len(strings.Fields(tt.text)); (words > compactAt) != tt.compacts {
				t.Errorf("%d words: compacted %v, want %v", words, words > compactAt, tt.compacts)
			}
		})
	}
}

// TestShinglesMemory: the shingles of a text of repeated phrases take
// about their distinct phrases, not a hash per word (issue 13: 63 MB for
// a 15 MiB page; 4 MiB show it, in a second under the race detector).
func TestShinglesMemory(t *testing.T) {
	text := bigText(4<<20, true)
	defer debug.SetGCPercent(debug.SetGCPercent(-1))
	runtime.GC()
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	sh := Shingles(text)
	runtime.ReadMemStats(&after)
	// With the collector off, every byte allocated is counted: an upper
	// bound on what was held at once. The hashes' slice grows to
	// compactAt, or twice the distinct phrases, by doubling (twice that
	// allocated in all); a megabyte is left for reading the words.
	if alloc, most := after.TotalAlloc-before.TotalAlloc, 8*4*uint64(compactAt+len(sh))+1<<20; alloc > most {
		t.Errorf("%d shingles took %.1f MB, want %.1f MB at most", len(sh), float64(alloc)/1e6, float64(most)/1e6)
	}
}
