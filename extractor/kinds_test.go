package extractor

import (
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// kindLabel is one page of testdata/kinds/ and the page type and wire
// agency a reader of the page would give it.
type kindLabel struct {
	File string `json:"file"`
	URL  string `json:"url"`
	Type string `json:"type"`
	Wire string `json:"wire"`
	// Why says which signal makes the page what it is, or why a trap on
	// the page must not count.
	Why string `json:"why"`
}

func readKindLabels(t *testing.T) []kindLabel {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("testdata", "kinds", "labels.json"))
	if err != nil {
		t.Fatal(err)
	}
	var labels []kindLabel
	if err := json.Unmarshal(data, &labels); err != nil {
		t.Fatalf("labels.json: %v", err)
	}
	return labels
}

// TestKindLabels checks labels.json itself: every page is labelled once,
// with a known type and a reason.
func TestKindLabels(t *testing.T) {
	labels := readKindLabels(t)
	types := []string{TypeNews, TypeOpinion, TypeEditorial, TypeInterview, TypePressRelease, TypeReport}
	seen := map[string]bool{}
	for _, l := range labels {
		if seen[l.File] {
			t.Errorf("%s: labelled twice", l.File)
		}
		seen[l.File] = true
		if !slices.Contains(types, l.Type) {
			t.Errorf("%s: type %q is not a page type", l.File, l.Type)
		}
		if !strings.HasPrefix(l.URL, "https://") || l.Why == "" {
			t.Errorf("%s: needs an https URL and a why", l.File)
		}
	}
	pages, err := filepath.Glob(filepath.Join("testdata", "kinds", "*.html"))
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range pages {
		if !seen[filepath.Base(p)] {
			t.Errorf("%s: no label", filepath.Base(p))
		}
	}
	if len(pages) != len(labels) {
		t.Errorf("got %d pages for %d labels", len(pages), len(labels))
	}
}

// TestKinds scores page-type and wire detection on the labelled pages of
// testdata/kinds/, each extracted whole from its URL.
func TestKinds(t *testing.T) {
	labels := readKindLabels(t)
	var typeRight, wireRight int
	for _, l := range labels {
		t.Run(strings.TrimSuffix(l.File, ".html"), func(t *testing.T) {
			data, err := os.ReadFile(filepath.Join("testdata", "kinds", l.File))
			if err != nil {
				t.Fatal(err)
			}
			a, err := Extract(strings.NewReader(string(data)), l.URL, "text/html; charset=utf-8")
			if err != nil {
				t.Fatal(err)
			}
			if a.Type == l.Type {
				typeRight++
			} else {
				t.Errorf("Type: got %q, want %q (%s)", a.Type, l.Type, l.Why)
			}
			if a.Wire == l.Wire {
				wireRight++
			} else {
				t.Errorf("Wire: got %q, want %q (%s; first paragraph %q)", a.Wire, l.Wire, l.Why, first(a.Paragraphs))
			}
		})
	}
	t.Logf("type: %d/%d right, wire: %d/%d right", typeRight, len(labels), wireRight, len(labels))
}
