package extractor

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"
)

// FuzzExtract feeds any bytes and Content-Type to Extract: it must not
// panic, an article's text must be valid UTF-8 with no control
// characters but the newlines between blocks, and a page without text
// is marked low confidence.
func FuzzExtract(f *testing.F) {
	pages, err := filepath.Glob(filepath.Join("testdata", "*.html"))
	if err != nil {
		f.Fatal(err)
	}
	shapes, _ := filepath.Glob(filepath.Join("testdata", "shapes", "*.html"))
	pages = append(pages, shapes...)
	for _, p := range pages {
		data, err := os.ReadFile(p)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data, "")
		f.Add(data, "text/html; charset=iso-8859-1")
	}
	f.Add([]byte("<p>caf\xe9 \x00\x1b[31m <br>\r\n</p>"), "text/html; charset=utf-8")
	f.Add([]byte(`<script type="application/ld+json">{"@graph":[{"@type":"NewsArticle","datePublished":"99999-01-01"}]}</script>`), "")
	f.Add([]byte("\xfe\xff\x00<\x00p\x00>"), "text/html; charset=utf-16")
	f.Fuzz(func(t *testing.T, data []byte, contentType string) {
		a, err := Extract(bytes.NewReader(data), "https://news.example/2025/01/02/story", contentType)
		if err != nil {
			return
		}
		if !utf8.ValidString(a.Text) {
			t.Fatalf("Text is not valid UTF-8: %q", a.Text)
		}
		if a.Text == "" && !a.LowConfidence {
			t.Fatal("no text, and not marked low confidence")
		}
		for _, r := range a.Text {
			if unicode.IsControl(r) && r != '\n' {
				t.Fatalf("Text contains control character %U: %q", r, a.Text)
			}
		}
		if got := strings.Join(a.Paragraphs, "\n\n"); got != a.Text {
			t.Fatalf("Text is not its Paragraphs joined: %q vs %q", a.Text, got)
		}
	})
}

// BenchmarkExtract runs Extract over every fixture page.
func BenchmarkExtract(b *testing.B) {
	pages := make([][]byte, len(fixtures))
	var size int64
	for i, f := range fixtures {
		data, err := os.ReadFile(filepath.Join("testdata", f.name+".html"))
		if err != nil {
			b.Fatal(err)
		}
		pages[i] = data
		size += int64(len(data))
	}
	b.SetBytes(size)
	b.ReportAllocs()
	n := 0
	for b.Loop() {
		for i, f := range fixtures {
			if _, err := Extract(bytes.NewReader(pages[i]), f.pageURL, f.contentType); err != nil {
				b.Fatal(err)
			}
		}
		n++
	}
	b.ReportMetric(float64(n*len(pages))/b.Elapsed().Seconds(), "pages/s")
}
