package pipeline

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/pressclip/pressclip/extractor"
	"github.com/pressclip/pressclip/mention"
	"github.com/pressclip/pressclip/store"
	"github.com/pressclip/pressclip/summarizer"

	"golang.org/x/net/html"
)

// BenchmarkPipelineOverParse measures what pressclip does with an article
// page once fetched — extract, match, draft the line, fingerprint and
// store — against parsing the page with golang.org/x/net/html alone,
// interleaved page by page so that both see the same machine. Every page
// goes through every stage (the line is drafted and the article stored
// even without a mention), on a real SQLite file. x-parse is the
// pipeline's cost per article as a multiple of the parse's (issue 13:
// ≤ 3.5). Pages: the shared corpus's real news pages when it is beside the
// repository, else the extractor's fixtures.
//
//	go test ./pipeline -run XXX -bench PipelineOverParse -cpu 1 -count 3
func BenchmarkPipelineOverParse(b *testing.B) {
	files, _ := filepath.Glob("../../shared/corpus/readability-pages/*/source.html")
	if len(files) == 0 {
		files, _ = filepath.Glob("../extractor/testdata/*.html")
	}
	var pages [][]byte
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			b.Fatal(err)
		}
		pages = append(pages, data)
	}
	st, err := store.Open(b.Context(), filepath.Join(b.TempDir(), "cost.db"), store.Options{})
	if err != nil {
		b.Fatal(err)
	}
	defer st.Close()
	m, err := mention.New([]mention.Watch{{Name: "International Organization for Migration", Aliases: []string{"IOM"}}})
	if err != nil {
		b.Fatal(err)
	}
	w := summarizer.New(summarizer.Options{Org: "IOM", OrgNames: []string{"International Organization for Migration"}})
	var parse, pipe time.Duration
	n := 0
	for b.Loop() {
		for i, p := range pages {
			t0 := time.Now()
			if _, err := html.Parse(bytes.NewReader(p)); err != nil {
				b.Fatal(err)
			}
			t1 := time.Now()
			u := fmt.Sprintf("https://outlet.example/%d/%d", n, i)
			art, err := extractor.ExtractBytes(p, u, "text/html")
			if err != nil {
				b.Fatal(err)
			}
			ms := m.Match(mention.Document{Title: art.Title, Paragraphs: art.Paragraphs})
			draft := w.Write(b.Context(), summarizer.Article{Outlet: "Outlet", Title: art.Title, Paragraphs: art.Paragraphs,
				Type: art.Type, Language: art.Language, Standfirst: art.Standfirst})
			a := store.Article{Source: "Outlet", Outlet: "Outlet", URL: u, CanonicalURL: u, SeenURLs: []string{u},
				Title: art.Title, Text: strings.Join(art.Paragraphs, "\n\n"), PublishedAt: art.Published, Language: art.Language,
				Type: art.Type, Line: draft.Line, Alternatives: draft.Alternatives}
			for _, x := range ms {
				a.Mentions = append(a.Mentions, store.Mention{Watch: x.Watch, Where: x.Where, Count: x.Count, Score: x.Score,
					Role: x.Role, Terms: x.Terms, Snippet: x.Snippet})
			}
			if _, err := st.SaveArticle(b.Context(), a); err != nil {
				b.Fatal(err)
			}
			parse += t1.Sub(t0)
			pipe += time.Since(t1)
		}
		n++
	}
	per := float64(n * len(pages))
	b.ReportMetric(float64(parse.Microseconds())/per, "parse-µs/article")
	b.ReportMetric(float64(pipe.Microseconds())/per, "pipeline-µs/article")
	b.ReportMetric(float64(pipe)/float64(parse), "x-parse")
}
