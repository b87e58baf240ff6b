package dedup

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"
)

// paragraphs of a made-up wire story, long enough to be indexed.
var story = []string{
	"GENEVA (AFP) - More than 2,400 people have died or gone missing while crossing the central Mediterranean this year, the International Organization for Migration said on Tuesday.",
	"The UN agency said the figure was the highest recorded since 2017 and warned that the true toll was likely to be far higher, as many shipwrecks leave no survivors to report them.",
	"Most of the boats left from Libya and Tunisia, where smugglers have switched to smaller and less seaworthy vessels to evade coastguard patrols.",
	"A spokesperson for the agency told reporters in Geneva that search and rescue capacity at sea had fallen sharply and called on states to restore it without delay.",
	"Survivors of the latest shipwreck, off the coast of Lampedusa, said the boat had been at sea for three days before it capsized in rough weather.",
}

func TestTextHash(t *testing.T) {
	long := strings.Join(story, "\n\n")
	tests := []struct {
		name string
		a, b string
		same bool
	}{
		{"spacing, case and punctuation do not change the hash", long, strings.ToUpper(strings.ReplaceAll(long, " ", "  ")), true},
		{"markup left-overs do not change the hash", long, strings.ReplaceAll(long, ", ", " — "), true},
		{"compatibility forms are folded", long, strings.ReplaceAll(long, "fi", "ﬁ"), true},
		{"a changed word changes the hash", long, strings.Replace(long, "Tuesday", "Wednesday", 1), false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ha, _ := TextHash(tt.a)
			hb, _ := TextHash(tt.b)
			if ha == "" || hb == "" {
				t.Fatalf("got an empty hash for a %d-word text", len(strings.Fields(tt.a)))
			}
			if (ha == hb) != tt.same {
				t.Errorf("got equal = %v, want %v", ha == hb, tt.same)
			}
		})
	}
	if h, n := TextHash(" — "); h != "" || n != 0 {
		t.Errorf("a text without words got hash %q of %d words, want none", h, n)
	}
	if _, n := TextHash(story[0]); n != len(strings.Fields(story[0])) {
		t.Errorf("got %d words, want %d", n, len(strings.Fields(story[0])))
	}
}

func TestShingles(t *testing.T) {
	tests := []struct {
		name string
		text string
		want int
	}{
		{"no words, no phrases", " — ", 0},
		{"fewer words than a phrase make one", "IOM said", 1},
		{"exactly one phrase", "one two three four five", 1},
		{"one phrase per word after the first four", "one two three four five six seven", 3},
		{"repeated phrases count once", "a b c d e a b c d e", 5},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Shingles(tt.text)
			if len(got) != tt.want {
				t.Errorf("got %d shingles, want %d", len(got), tt.want)
			}
			if !slices.IsSorted(got) {
				t.Errorf("shingles not sorted: %v", got)
			}
		})
	}
	// Word order matters inside a phrase.
	if a, b := Shingles("one two three four five"), Shingles("five four three two one"); slices.Equal(a, b) {
		t.Error("reversed words gave the same phrase")
	}
}

// Keys are stored, so their values must never change by accident.
func TestKeysAreStable(t *testing.T) {
	keys := Of(strings.Join(story, "\n\n")).Keys
	if len(keys) != Bands {
		t.Fatalf("got %d keys, want %d", len(keys), Bands)
	}
	got := fmt.Sprintf("%x", keys[:3])
	const want = "[-1f567229822f616e -3c3bf108b92900dd -21fb90a555e2d685]"
	if got != want {
		t.Errorf("the first keys changed: got %s, want %s; a changed key needs a re-index of every store", got, want)
	}
	const blurb = "More than 2,400 people have died or gone missing in the central Mediterranean this year, IOM said."
	if k := Keys(Shingles(blurb)); k != nil {
		t.Errorf("a one-sentence blurb got keys %v, want none", k)
	}
}

func TestCompare(t *testing.T) {
	full := strings.Join(story, "\n\n")
	other := "DAKAR (Reuters) - Senegal's navy intercepted a fishing boat carrying 180 people off the coast on Sunday, the army said, the third such interception this month as departures towards the Canary Islands rise again. The passengers, including women and children, were taken to the port of Dakar where they were handed over to the police and to health workers."
	tests := []struct {
		name string
		a, b string
		same bool
	}{
		{"identical texts", full, full, true},
		{"a copy with a new headline line and an outro", "Deaths at sea hit a six-year high\n\n" + full + "\n\nAdditional reporting by our Rome correspondent.", full, true},
		{"a copy trimmed to its first three paragraphs", strings.Join(story[:3], "\n\n"), full, true},
		{"house spelling and figures", strings.NewReplacer("Organization", "Organisation", "2,400", "2 400").Replace(full), full, true},
		{"a different story", other, full, false},
		{"a round-up quoting one paragraph", other + "\n\n" + story[1] + "\n\n" + other, full, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			sim := Compare(Shingles(tt.a), Shingles(tt.b))
			if sim.Same() != tt.same {
				t.Errorf("got same = %v (%+v), want %v", sim.Same(), sim, tt.same)
			}
			if back := Compare(Shingles(tt.b), Shingles(tt.a)); back != sim {
				t.Errorf("not symmetric: %+v and %+v", sim, back)
			}
		})
	}
	if sim := Compare(nil, Shingles(full)); sim != (Similarity{}) {
		t.Errorf("an empty text got %+v, want nothing shared", sim)
	}
}

// Texts that share most phrases share a key; unrelated texts do not.
func TestKeysFindCopies(t *testing.T) {
	rnd := rand.New(rand.NewPCG(1, 2))
	vocab := strings.Fields("migrants boat coast agency said people sea rescue border camp families children aid report government officials week month year number increase")
	text := func(n int) []string {
		w := make([]string, n)
		for i := range w {
			w[i] = vocab[rnd.IntN(len(vocab))]
		}
		return w
	}
	found, strangers := 0, 0
	const trials = 200
	for range trials {
		base := text(300)
		copyWords := slices.Clone(base[:240]) // trimmed
		copyWords = append(text(20), copyWords...)
		a, b := Of(strings.Join(base, " ")), Of(strings.Join(copyWords, " "))
		if shareKey(a.Keys, b.Keys) {
			found++
		}
		if shareKey(a.Keys, Of(strings.Join(text(300), " ")).Keys) {
			strangers++
		}
	}
	if found < trials*95/100 {
		t.Errorf("copies shared a key in %d of %d trials, want at least 95%%", found, trials)
	}
	if strangers > trials/100 {
		t.Errorf("unrelated texts shared a key in %d of %d trials, want at most 1%%", strangers, trials)
	}
}

func shareKey(a, b []int64) bool {
	for _, k := range a {
		if slices.Contains(b, k) {
			return true
		}
	}
	return false
}

func TestEncodeKeys(t *testing.T) {
	keys := []int64{0, -1, 1 << 62, -42}
	if got := DecodeKeys(EncodeKeys(keys)); !slices.Equal(got, keys) {
		t.Errorf("got %v, want %v", got, keys)
	}
	if got := DecodeKeys([]byte{1, 2, 3}); len(got) != 0 {
		t.Errorf("a partial key decoded to %v, want nothing", got)
	}
}

func FuzzFingerprint(f *testing.F) {
	for _, p := range story {
		f.Add(p)
	}
	f.Add("ﬁ\u0301 e\u0301 \xff\xfe ÉCOLE école")
	f.Fuzz(func(t *testing.T, text string) {
		fp := Of(text)
		if !slices.IsSorted(fp.Shingles) {
			t.Fatal("shingles not sorted")
		}
		if fp.Keys != nil && len(fp.Keys) != Bands {
			t.Fatalf("got %d keys", len(fp.Keys))
		}
		if again := Of(text); !slices.Equal(again.Shingles, fp.Shingles) || !slices.Equal(again.Keys, fp.Keys) {
			t.Fatal("fingerprint not deterministic")
		}
		if utf8.ValidString(text) {
			if sim := Compare(fp.Shingles, fp.Shingles); len(fp.Shingles) > 0 && !sim.Same() {
				t.Fatalf("a text is not the same as itself: %+v", sim)
			}
		}
		_, _ = TextHash(text)
	})
}

// BenchmarkFingerprint is the work SaveArticle does before it takes the
// write lock: the shingles and keys of a 500-word article.
func BenchmarkFingerprint(b *testing.B) {
	var words []string
	for i := 0; len(words) < 500; i++ {
		words = append(words, strings.Fields(story[i%len(story)])...)
		words = append(words, fmt.Sprint(i))
	}
	text := strings.Join(words[:500], " ")
	b.SetBytes(int64(len(text)))
	for b.Loop() {
		Of(text)
	}
}

// BenchmarkCompare is the check of one candidate: two 500-word texts.
func BenchmarkCompare(b *testing.B) {
	a := Shingles(strings.Repeat(strings.Join(story, " "), 3))
	c := Shingles(strings.Repeat(strings.Join(story[1:], " "), 3))
	for b.Loop() {
		Compare(a, c)
	}
}
