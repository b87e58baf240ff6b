package dedup

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
	"time"
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

// Anchors are stored, so their values must never change by accident.
func TestAnchorsAreStable(t *testing.T) {
	doc := Read(strings.Join(story, "\n\n"))
	if n := len(doc.Anchors); n < len(doc.Shingles)/AnchorWindow || n > len(doc.Shingles)/4 {
		t.Errorf("%d anchors of %d phrases, want about 2/%d of them", n, len(doc.Shingles), AnchorWindow+1)
	}
	got := fmt.Sprintf("%x", doc.Anchors[:3])
	const want = "[60167303c9d9f89 cceeefd02c506c7 181abcdfc173f131]"
	if got != want {
		t.Errorf("the first anchors changed: got %s, want %s; a changed anchor needs a re-index of every store", got, want)
	}
	const blurb = "More than 2,400 people have died or gone missing this year, IOM said."
	if a := Read(blurb).Anchors; len(a) != 1 {
		t.Errorf("a one-sentence blurb got anchors %v, want its one smallest phrase", a)
	}
}

func TestDecide(t *testing.T) {
	full := strings.Join(story, "\n\n")
	other := "DAKAR (Reuters) - Senegal's navy intercepted a fishing boat carrying 180 people off the coast on Sunday, the army said, the third such interception this month as departures towards the Canary Islands rise again. The passengers, including women and children, were taken to the port of Dakar where they were handed over to the police and to health workers."
	day := 24 * time.Hour
	tests := []struct {
		name  string
		a, b  string
		apart time.Duration
		same  bool
	}{
		{"identical texts", full, full, 0, true},
		{"a copy with a new headline line and an outro", "Deaths at sea hit a six-year high\n\n" + full + "\n\nAdditional reporting by our Rome correspondent.", full, 0, true},
		{"a copy trimmed to its first three paragraphs", strings.Join(story[:3], "\n\n"), full, 2 * time.Hour, true},
		{"a teaser: the lead", story[0], full, time.Hour, true},
		{"house spelling and figures", strings.NewReplacer("Organization", "Organisation", "2,400", "2 400").Replace(full), full, 0, true},
		{"a different story", other, full, 0, false},
		{"a round-up quoting one paragraph", other + "\n\n" + story[1] + "\n\n" + other, full, 0, false},
		{"half the text again a month later", strings.Join(story[:2], "\n\n") + "\n\n" + other, full, 30 * day, false},
		{"a repost weeks later", full, full, 21 * day, true},
	}
	t0 := time.Date(2026, 3, 4, 9, 0, 0, 0, time.UTC)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a, b := Read(tt.a), Read(tt.b)
			a.Published, b.Published = t0, t0.Add(tt.apart)
			v := Decide(&a, &b)
			if v.Same != tt.same {
				t.Errorf("got same = %v (%s), want %v", v.Same, v.Reason, tt.same)
			}
			if back := Decide(&b, &a); back != v {
				t.Errorf("not symmetric: %+v and %+v", v, back)
			}
			if v.Reason == "" {
				t.Error("no reason given")
			}
		})
	}
	if sim := Compare(nil, Shingles(full)); sim != (Similarity{}) {
		t.Errorf("an empty text got %+v, want nothing shared", sim)
	}
}

// Texts that share a run of words share an anchor, wherever it sits and
// however short the one is; unrelated texts do not.
func TestAnchorsFindCopies(t *testing.T) {
	rnd := rand.New(rand.NewPCG(1, 2))
	word := func() string {
		b := make([]byte, 3+rnd.IntN(6))
		for i := range b {
			b[i] = byte('a' + rnd.IntN(26))
		}
		return string(b)
	}
	text := func(n int) []string {
		w := make([]string, n)
		for i := range w {
			w[i] = word()
		}
		return w
	}
	const run = AnchorWindow + ShingleWords - 1
	found, strangers := 0, 0
	const trials = 200
	for range trials {
		base := text(400)
		at := rnd.IntN(len(base) - run)
		// A teaser that keeps one run of the base and says the rest in
		// its own words.
		teaser := append(append(text(15), base[at:at+run]...), text(15)...)
		a, b := Read(strings.Join(base, " ")), Read(strings.Join(teaser, " "))
		if shareAnchor(a.Anchors, b.Anchors) {
			found++
		}
		if shareAnchor(a.Anchors, Read(strings.Join(text(400), " ")).Anchors) {
			strangers++
		}
	}
	if found != trials {
		t.Errorf("a shared run of %d words gave a shared anchor in %d of %d trials, want all", run, found, trials)
	}
	if strangers > 0 {
		t.Errorf("unrelated texts shared an anchor in %d of %d trials, want none", strangers, trials)
	}
}

func shareAnchor(a, b []uint64) bool {
	for _, k := range a {
		if slices.Contains(b, k) {
			return true
		}
	}
	return false
}

func TestEncodeKeys(t *testing.T) {
	keys := []uint64{0, 1<<64 - 1, 1 << 62, 42}
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
		doc := Read(text)
		if !slices.IsSorted(doc.Shingles) || !slices.IsSorted(doc.Facts().Figures) || !slices.IsSorted(doc.Facts().Names) {
			t.Fatal("shingles, figures or names not sorted")
		}
		if len(doc.Anchors) > MaxAnchors || (len(doc.Shingles) > 0) != (len(doc.Anchors) > 0) {
			t.Fatalf("%d anchors of %d phrases", len(doc.Anchors), len(doc.Shingles))
		}
		for _, a := range doc.Anchors {
			if _, ok := slices.BinarySearch(doc.Shingles, a); !ok {
				t.Fatal("an anchor that is not a phrase of the text")
			}
		}
		again := Read(text)
		if !slices.Equal(again.Shingles, doc.Shingles) || !slices.Equal(again.Anchors, doc.Anchors) || !slices.Equal(again.Facts().Figures, doc.Facts().Figures) {
			t.Fatal("fingerprint not deterministic")
		}
		if v := Decide(&doc, &again); len(doc.Shingles) >= MinPhrases && !v.Same {
			t.Fatalf("a text is not the same as itself: %s", v.Reason)
		}
		_, _ = TextHash(text)
	})
}

// BenchmarkFingerprint is the work SaveArticle does before it takes the
// write lock: the phrases, anchors, figures and names of a 500-word
// article.
func BenchmarkFingerprint(b *testing.B) {
	var words []string
	for i := 0; len(words) < 500; i++ {
		words = append(words, strings.Fields(story[i%len(story)])...)
		words = append(words, fmt.Sprint(i))
	}
	text := strings.Join(words[:500], " ")
	b.SetBytes(int64(len(text)))
	for b.Loop() {
		Read(text)
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

// BenchmarkFacts reads the figures and names of a 500-word article, as
// the decision does for a new article and for each candidate that shares
// enough of its text.
func BenchmarkFacts(b *testing.B) {
	text := strings.Repeat(strings.Join(story, "\n\n")+"\n\n", 3)
	b.SetBytes(int64(len(text)))
	for b.Loop() {
		FactsOf(text)
	}
}

// A huge text keeps at most MaxAnchors anchors, the first ones (its lead).
func TestAnchorsBounded(t *testing.T) {
	var b strings.Builder
	for i := range 20000 {
		fmt.Fprintf(&b, "w%d ", i)
	}
	doc := Read(b.String())
	if len(doc.Anchors) != MaxAnchors {
		t.Fatalf("%d anchors of %d phrases, want the bound %d", len(doc.Anchors), len(doc.Shingles), MaxAnchors)
	}
	lead := Read(strings.Join(strings.Fields(b.String())[:2000], " "))
	if !shareAnchor(doc.Anchors, lead.Anchors[:1]) {
		t.Error("the anchors kept are not the lead's")
	}
}
