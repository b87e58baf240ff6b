package summarizer

import (
	"bufio"
	"os"
	"strings"
	"testing"

	"github.com/neurosnap/sentences/english"
)

// boundaryCase is one paragraph of testdata/sentences.txt with its
// sentences.
type boundaryCase struct {
	group     string
	sentences []string
}

// loadBoundaries reads testdata/sentences.txt: one paragraph a line,
// sentences separated by " ‖ ", "# lang: group" comments.
func loadBoundaries(t testing.TB, path string) []boundaryCase {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var out []boundaryCase
	group := ""
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	for sc.Scan() {
		line := sc.Text()
		switch {
		case strings.HasPrefix(line, "#"):
			group = strings.TrimSpace(strings.TrimPrefix(line, "#"))
		case strings.TrimSpace(line) != "":
			out = append(out, boundaryCase{group: group, sentences: strings.Split(line, " ‖ ")})
		}
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return out
}

// BoundaryScore is how a splitter does on the labelled paragraphs:
// boundaries found right, found wrongly, missed, and paragraphs split
// exactly right.
type boundaryScore struct{ tp, fp, fn, exact, paragraphs int }

func (s boundaryScore) precision() float64 { return ratio(s.tp, s.tp+s.fp) }
func (s boundaryScore) recall() float64    { return ratio(s.tp, s.tp+s.fn) }

func ratio(a, b int) float64 {
	if b == 0 {
		return 1
	}
	return float64(a) / float64(b)
}

// scoreSplitter compares a splitter's sentence ends, as byte offsets in
// the joined paragraph, with the labels.
func scoreSplitter(cases []boundaryCase, split func(string) []string) (boundaryScore, []string) {
	var s boundaryScore
	var errs []string
	for _, c := range cases {
		text := strings.Join(c.sentences, " ")
		want := ends(text, c.sentences)
		got := ends(text, split(text))
		s.paragraphs++
		ok := true
		for e := range got {
			if want[e] {
				s.tp++
			} else {
				s.fp++
				ok = false
			}
		}
		for e := range want {
			if !got[e] {
				s.fn++
				ok = false
			}
		}
		if ok {
			s.exact++
		} else {
			errs = append(errs, c.group+": "+strings.Join(split(text), " ‖ "))
		}
	}
	return s, errs
}

// ends returns the offsets where each sentence but the last ends.
func ends(text string, sentences []string) map[int]bool {
	out := map[int]bool{}
	at := 0
	for i, s := range sentences {
		j := strings.Index(text[at:], s)
		if j < 0 {
			continue
		}
		at += j + len(s)
		if i < len(sentences)-1 {
			out[at] = true
		}
	}
	return out
}

// boundarySets: the development set (the splitter was tuned on it) and
// a held-out set composed separately, only measured.
var boundarySets = []string{"testdata/sentences.txt", "testdata/sentences-heldout.txt"}

// TestSentenceBoundaries scores Sentences on the labelled paragraphs, and
// Punkt (neurosnap/sentences with its English model) on their English
// ones: Sentences must do at least as well as Punkt, or the project
// should use Punkt (BENCHMARKS.md).
func TestSentenceBoundaries(t *testing.T) {
	tok, err := english.NewSentenceTokenizer(nil)
	if err != nil {
		t.Fatal(err)
	}
	punkt := func(text string) []string {
		var out []string
		for _, s := range tok.Tokenize(text) {
			if s := strings.TrimSpace(s.Text); s != "" {
				out = append(out, s)
			}
		}
		return out
	}
	for _, path := range boundarySets {
		t.Run(path, func(t *testing.T) {
			cases := loadBoundaries(t, path)
			if len(cases) < 200 {
				t.Fatalf("%d paragraphs, want the whole set", len(cases))
			}
			s, errs := scoreSplitter(cases, Sentences)
			t.Logf("all %d paragraphs: boundary precision %.3f, recall %.3f; paragraphs exactly right %d (%.3f)",
				s.paragraphs, s.precision(), s.recall(), s.exact, ratio(s.exact, s.paragraphs))
			if testing.Verbose() {
				for _, e := range errs {
					t.Log(e)
				}
			}
			if s.precision() < 0.97 || s.recall() < 0.97 {
				t.Errorf("boundary precision %.3f, recall %.3f: want at least 0.97", s.precision(), s.recall())
			}
			var en []boundaryCase
			for _, c := range cases {
				if strings.HasPrefix(c.group, "en:") {
					en = append(en, c)
				}
			}
			ours, _ := scoreSplitter(en, Sentences)
			theirs, _ := scoreSplitter(en, punkt)
			t.Logf("%d English paragraphs: Sentences P %.3f R %.3f exact %.3f; Punkt P %.3f R %.3f exact %.3f",
				len(en), ours.precision(), ours.recall(), ratio(ours.exact, ours.paragraphs),
				theirs.precision(), theirs.recall(), ratio(theirs.exact, theirs.paragraphs))
			if ours.exact < theirs.exact {
				t.Errorf("Punkt splits %d paragraphs exactly right, Sentences %d", theirs.exact, ours.exact)
			}
		})
	}
}

func BenchmarkSentences(b *testing.B) {
	cases := loadBoundaries(b, boundarySets[0])
	var text []string
	for _, c := range cases {
		text = append(text, strings.Join(c.sentences, " "))
	}
	b.ResetTimer()
	for b.Loop() {
		for _, p := range text {
			Sentences(p)
		}
	}
}
