package extractor

import (
	"os"
	"path/filepath"
	"testing"
	"unicode/utf8"
)

// corpusDir holds real pages (one directory each, with source.html), kept
// outside the repository; CI may not have it.
const corpusDir = "../../shared/corpus/readability-pages"

// TestExtractCorpus runs Extract over every real page in the corpus and
// checks only that each gives an article with text.
func TestExtractCorpus(t *testing.T) {
	pages, err := filepath.Glob(filepath.Join(corpusDir, "*", "source.html"))
	if err != nil {
		t.Fatal(err)
	}
	if len(pages) == 0 {
		t.Skipf("no corpus in %s", corpusDir)
	}
	for _, p := range pages {
		name := filepath.Base(filepath.Dir(p))
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			f, err := os.Open(p)
			if err != nil {
				t.Fatal(err)
			}
			defer f.Close()
			a, err := Extract(f, "https://"+name+".example/article", "")
			if err != nil {
				t.Fatalf("Extract: %v", err)
			}
			if a.Text == "" {
				t.Error("Text: got empty, want the article")
			}
			if !utf8.ValidString(a.Text) {
				t.Error("Text is not valid UTF-8")
			}
		})
	}
}
