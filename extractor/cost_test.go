package extractor

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"
	"time"

	"golang.org/x/net/html"
)

// costPages are the pages the cost benchmark reads: the real pages of the
// shared corpus when it is beside the repository, else the project's
// own fixtures and shape pages.
func costPages(b *testing.B) [][]byte {
	b.Helper()
	files, _ := filepath.Glob(filepath.Join(corpusDir, "*", "source.html"))
	if len(files) == 0 {
		files, _ = filepath.Glob(filepath.Join("testdata", "*.html"))
		more, _ := filepath.Glob(filepath.Join("testdata", "shapes", "*.html"))
		files = append(files, more...)
	}
	var pages [][]byte
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			b.Fatal(err)
		}
		pages = append(pages, data)
	}
	return pages
}

// BenchmarkCostOverParse measures Extract against the parse it cannot do
// without: each page is parsed by golang.org/x/net/html alone and then
// extracted, interleaved, so both see the same machine. x-parse is the
// extraction's cost as a multiple of the parse's (issue 13: ≤ 2.2).
//
//	go test ./extractor -run XXX -bench CostOverParse -cpu 1 -count 3
func BenchmarkCostOverParse(b *testing.B) {
	pages := costPages(b)
	var parse, extract time.Duration
	n := 0
	for b.Loop() {
		for _, p := range pages {
			t0 := time.Now()
			if _, err := html.Parse(bytes.NewReader(p)); err != nil {
				b.Fatal(err)
			}
			t1 := time.Now()
			if _, err := Extract(bytes.NewReader(p), "https://news.example/a", ""); err != nil {
				b.Fatal(err)
			}
			parse += t1.Sub(t0)
			extract += time.Since(t1)
			n++
		}
	}
	b.ReportMetric(float64(parse.Microseconds())/float64(n), "parse-µs/page")
	b.ReportMetric(float64(extract.Microseconds())/float64(n), "extract-µs/page")
	b.ReportMetric(float64(extract)/float64(parse), "x-parse")
}
