package summarizer

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"

	"github.com/pressclip/pressclip/extractor"
)

// corpusArticles are the pages of the shared corpus as the summarizer
// reads them (skipped when the corpus is not there).
func corpusArticles(b *testing.B) []Article {
	dirs, _ := filepath.Glob("../../shared/corpus/readability-pages/*/source.html")
	if len(dirs) == 0 {
		b.Skip("no corpus at ../../shared/corpus")
	}
	var out []Article
	for _, p := range dirs {
		raw, err := os.ReadFile(p)
		if err != nil {
			b.Fatal(err)
		}
		art, err := extractor.Extract(bytes.NewReader(raw), "http://fakehost/test/page.html", "text/html")
		if err != nil {
			continue
		}
		out = append(out, Article{Outlet: OutletName(art.SiteName) + " News", Title: art.Title, Paragraphs: art.Paragraphs, Type: art.Type, Language: art.Language})
	}
	return out
}

// BenchmarkLine10k drafts the lines of 10,000 articles (the corpus pages
// over and over) on one goroutine.
func BenchmarkLine10k(b *testing.B) {
	arts := corpusArticles(b)
	s := houseWriter()
	b.ResetTimer()
	for b.Loop() {
		for i := range 10000 {
			s.Line(arts[i%len(arts)])
		}
	}
}

// BenchmarkWrite10k drafts 10,000 lines as a pass does (Write: the line
// and up to two alternatives) on one goroutine.
func BenchmarkWrite10k(b *testing.B) {
	arts := corpusArticles(b)
	s := houseWriter()
	for b.Loop() {
		for i := range 10000 {
			s.Write(b.Context(), arts[i%len(arts)])
		}
	}
}
