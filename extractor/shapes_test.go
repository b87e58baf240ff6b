package extractor

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestShapes extracts the pages of testdata/shapes, each composed in a
// markup shape real sites use and extractors get wrong (issue 13), and
// compares the text with the hand-written <name>.txt beside it.
func TestShapes(t *testing.T) {
	pages, err := filepath.Glob(filepath.Join("testdata", "shapes", "*.html"))
	if err != nil || len(pages) == 0 {
		t.Fatalf("no pages: %v", err)
	}
	for _, p := range pages {
		name := strings.TrimSuffix(filepath.Base(p), ".html")
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			want, err := os.ReadFile(strings.TrimSuffix(p, ".html") + ".txt")
			if err != nil {
				t.Fatal(err)
			}
			f, err := os.Open(p)
			if err != nil {
				t.Fatal(err)
			}
			defer f.Close()
			a, err := Extract(f, "https://news.example/"+name, "text/html")
			if err != nil {
				t.Fatal(err)
			}
			if got, want := a.Text, strings.TrimSpace(string(want)); got != want {
				t.Errorf("text differs\n%s", paragraphDiff(got, want))
			}
		})
	}
}

// paragraphDiff lists the paragraphs one text has and the other lacks.
func paragraphDiff(got, want string) string {
	g, w := strings.Split(got, "\n\n"), strings.Split(want, "\n\n")
	in := func(s string, list []string) bool {
		for _, x := range list {
			if x == s {
				return true
			}
		}
		return false
	}
	var b strings.Builder
	for _, p := range g {
		if !in(p, w) {
			b.WriteString("+ " + p + "\n")
		}
	}
	for _, p := range w {
		if !in(p, g) {
			b.WriteString("- " + p + "\n")
		}
	}
	if b.Len() == 0 {
		b.WriteString("(same paragraphs, another order)\n")
	}
	return b.String()
}
