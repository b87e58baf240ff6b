package dedup

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/pressclip/pressclip/extractor"
)

// The labelled sets: pages written for the project in the shapes of real
// outlets, and labels.json saying which are the same story (README.md in
// each describes it). The thresholds were chosen on dev; heldout was
// composed separately, by another hand, and only measured.
var syndicationSets = []string{"testdata/dev", "testdata/heldout"}

// Page is one labelled page of the set.
type page struct {
	File    string `json:"file"`
	Story   string `json:"story"`
	Outlet  string `json:"outlet"`
	Agency  string `json:"agency"`
	Variant string `json:"variant"`
	Note    string `json:"note"`
	text    string
	wire    string
}

// loadSet reads the labels and extracts every page's text as the
// pipeline does.
func loadSet(t testing.TB, dir string) []page {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(dir, "labels.json"))
	if err != nil {
		t.Fatal(err)
	}
	var pages []page
	if err := json.Unmarshal(b, &pages); err != nil {
		t.Fatal(err)
	}
	for i := range pages {
		f, err := os.Open(filepath.Join(dir, pages[i].File))
		if err != nil {
			t.Fatal(err)
		}
		art, err := extractor.Extract(f, "https://syndication.example/"+pages[i].File, "text/html; charset=utf-8")
		f.Close()
		if err != nil {
			t.Fatalf("%s: %v", pages[i].File, err)
		}
		pages[i].text = strings.Join(art.Paragraphs, "\n\n")
		pages[i].wire = art.Wire
	}
	return pages
}

// score counts the pairwise "same story" decisions against the labels.
type score struct{ tp, fp, fn, tn int }

func (s score) precision() float64 { return ratio(s.tp, s.tp+s.fp) }
func (s score) recall() float64    { return ratio(s.tp, s.tp+s.fn) }

func ratio(a, b int) float64 {
	if b == 0 {
		return 1
	}
	return float64(a) / float64(b)
}

func (s *score) add(truth, said bool) {
	switch {
	case truth && said:
		s.tp++
	case !truth && said:
		s.fp++
	case truth && !said:
		s.fn++
	default:
		s.tn++
	}
}

// TestSyndicationSet measures the pairwise decision on the labelled set:
// precision and recall must be at least 0.98, and copies must share an
// index key. With -v it prints the errors and a sweep over phrase
// lengths and thresholds (how the constants were chosen).
func TestSyndicationSet(t *testing.T) {
	for _, dir := range syndicationSets {
		t.Run(filepath.Base(dir), func(t *testing.T) {
			pages := loadSet(t, dir)
			if len(pages) < 60 {
				t.Fatalf("the set has %d pages, want at least 60", len(pages))
			}
			s, copies, candidates := measure(t, pages)
			t.Logf("%d pages, %d stories, %d same-story pairs of %d: precision %.3f, recall %.3f (tp %d, fp %d, fn %d); copies sharing an index key: %d of %d (%.3f)",
				len(pages), stories(pages), copies, s.tp+s.fp+s.fn+s.tn, s.precision(), s.recall(), s.tp, s.fp, s.fn, candidates, copies, ratio(candidates, copies))
			if s.precision() < 0.98 || s.recall() < 0.98 {
				t.Errorf("precision %.3f, recall %.3f: want at least 0.98 both", s.precision(), s.recall())
			}
			if ratio(candidates, copies) < 0.95 {
				t.Errorf("only %d of %d copies share an index key with each other, want 95%%", candidates, copies)
			}
			if testing.Verbose() {
				sweep(t, pages)
			}
		})
	}
}

// measure scores the decision on every pair of pages, logging its
// errors, and counts the copies that share an index key.
func measure(t *testing.T, pages []page) (s score, copies, candidates int) {
	fps := make([]Fingerprint, len(pages))
	for i, p := range pages {
		fps[i] = Of(p.text)
	}
	for i := range pages {
		for j := i + 1; j < len(pages); j++ {
			truth := pages[i].Story == pages[j].Story
			sim := Compare(fps[i].Shingles, fps[j].Shingles)
			s.add(truth, sim.Same())
			if truth != sim.Same() {
				t.Logf("%s: %s / %s (%s, %s): containment %.2f, Jaccard %.2f",
					map[bool]string{true: "missed", false: "false merge"}[truth],
					pages[i].File, pages[j].File, pages[i].Variant, pages[j].Variant, sim.Containment, sim.Jaccard)
			}
			if truth {
				copies++
				if shareKey(fps[i].Keys, fps[j].Keys) {
					candidates++
				}
			}
		}
	}
	return s, copies, candidates
}

func stories(pages []page) int {
	seen := map[string]bool{}
	for _, p := range pages {
		seen[p.Story] = true
	}
	return len(seen)
}

// sweep logs precision and recall over phrase lengths and thresholds.
func sweep(t *testing.T, pages []page) {
	for _, k := range []int{3, 4, 5, 6, 8} {
		sh := make([][]uint64, len(pages))
		for i, p := range pages {
			sh[i] = shingles(p.text, k)
		}
		type pair struct {
			truth bool
			sim   Similarity
		}
		var pairs []pair
		for i := range pages {
			for j := i + 1; j < len(pages); j++ {
				pairs = append(pairs, pair{pages[i].Story == pages[j].Story, Compare(sh[i], sh[j])})
			}
		}
		// The widest gap between the least similar copies and the most
		// similar non-copies, by containment.
		minSame, maxOther, minSameJ, maxOtherJ := 1.0, 0.0, 1.0, 0.0
		for _, p := range pairs {
			if p.truth {
				minSame, minSameJ = min(minSame, p.sim.Containment), min(minSameJ, p.sim.Jaccard)
			} else {
				maxOther, maxOtherJ = max(maxOther, p.sim.Containment), max(maxOtherJ, p.sim.Jaccard)
			}
		}
		var rows []string
		for _, c := range []float64{0.3, 0.4, 0.5, 0.6, 0.7} {
			for _, j := range []float64{0, 0.1, 0.2, 0.3} {
				var s score
				for _, p := range pairs {
					s.add(p.truth, p.sim.Containment >= c && p.sim.Jaccard >= j)
				}
				rows = append(rows, fmt.Sprintf("c≥%.1f j≥%.1f P %.3f R %.3f", c, j, s.precision(), s.recall()))
			}
		}
		t.Logf("k=%d: copies' least containment %.2f and Jaccard %.2f; other pairs' most containment %.2f and Jaccard %.2f\n  %s",
			k, minSame, minSameJ, maxOther, maxOtherJ, strings.Join(rows, "\n  "))
	}
}

func TestSyndicationSetLabels(t *testing.T) {
	for _, dir := range syndicationSets {
		t.Run(filepath.Base(dir), func(t *testing.T) {
			pages := loadSet(t, dir)
			count := map[string]int{}
			for _, p := range pages {
				count[p.Story]++
				if p.wire != p.Agency {
					t.Errorf("%s: the extractor found agency %q, the label says %q", p.File, p.wire, p.Agency)
				}
				if n := len(strings.Fields(p.text)); n < 60 {
					t.Errorf("%s: only %d words extracted", p.File, n)
				}
			}
			syndicated := 0
			for _, n := range count {
				if n >= 3 {
					syndicated++
				}
			}
			if syndicated < 5 {
				t.Errorf("%d stories have 3 or more copies, want at least 5", syndicated)
			}
			if !slices.ContainsFunc(pages, func(p page) bool { return strings.Contains(p.Variant, "follow") }) {
				t.Error("no follow-up stories among the look-alikes")
			}
		})
	}
}
