package dedup

import (
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

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
	lang    string

	published time.Time
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
		pages[i].published, pages[i].lang = art.Published, art.Language
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
			t.Logf("%d pages, %d stories, %d same-story pairs of %d: precision %.3f, recall %.3f (tp %d, fp %d, fn %d); copies sharing an anchor: %d of %d (%.3f)",
				len(pages), stories(pages), copies, s.tp+s.fp+s.fn+s.tn, s.precision(), s.recall(), s.tp, s.fp, s.fn, candidates, copies, ratio(candidates, copies))
			if s.precision() < 0.98 || s.recall() < 0.98 {
				t.Errorf("precision %.3f, recall %.3f: want at least 0.98 both", s.precision(), s.recall())
			}
			if ratio(candidates, copies) < 0.95 {
				t.Errorf("only %d of %d copies share an anchor with each other, want 95%%", candidates, copies)
			}
		})
	}
}

// measure scores the decision on every pair of pages (the clusters it
// makes, as the store merges them), logging its errors, and counts the
// copies that share an anchor.
func measure(t *testing.T, pages []page) (s score, copies, candidates int) {
	docs := make([]Doc, len(pages))
	for i, p := range pages {
		docs[i] = Read(p.text)
		docs[i].Published, docs[i].Lang, docs[i].Wire = p.published, p.lang, p.wire
	}
	cluster := clusters(docs)
	for i := range pages {
		for j := i + 1; j < len(pages); j++ {
			truth := pages[i].Story == pages[j].Story
			said := cluster[i] == cluster[j]
			s.add(truth, said)
			if truth != said {
				v := Decide(&docs[i], &docs[j])
				t.Logf("%s: %s / %s (%s, %s): %s",
					map[bool]string{true: "missed", false: "false merge"}[truth],
					pages[i].File, pages[j].File, pages[i].Variant, pages[j].Variant, v.Reason)
			}
			if truth {
				copies++
				if shareAnchor(docs[i].Anchors, docs[j].Anchors) {
					candidates++
				}
			}
		}
	}
	return s, copies, candidates
}

// clusters joins every pair Decide calls the same story, and returns
// each text's cluster.
func clusters(docs []Doc) []int {
	parent := make([]int, len(docs))
	for i := range parent {
		parent[i] = i
	}
	find := func(i int) int {
		for parent[i] != i {
			parent[i] = parent[parent[i]]
			i = parent[i]
		}
		return i
	}
	for i := range docs {
		for j := i + 1; j < len(docs); j++ {
			if Decide(&docs[i], &docs[j]).Same {
				parent[find(i)] = find(j)
			}
		}
	}
	out := make([]int, len(docs))
	for i := range out {
		out[i] = find(i)
	}
	return out
}

func stories(pages []page) int {
	seen := map[string]bool{}
	for _, p := range pages {
		seen[p.Story] = true
	}
	return len(seen)
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
