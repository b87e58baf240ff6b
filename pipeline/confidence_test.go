package pipeline

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/pressclip/pressclip/config"
	"github.com/pressclip/pressclip/store"
)

// TestLowConfidencePageReadsTheFeed: a page whose text is not the story
// (a site blurb outscored it) is marked low confidence, and the mention
// and the line come from the feed's own text about the article.
func TestLowConfidencePageReadsTheFeed(t *testing.T) {
	var srv *httptest.Server
	srv = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/feed.xml":
			w.Write([]byte(`<?xml version="1.0"?><rss version="2.0"><channel><title>Delta Voice</title>
<item><title>Flooding displaces thousands in river delta</title><link>` + srv.URL + `/news/floods.html</link>
<description>Floods in the river delta have forced about 12,000 people from their homes since Friday, the International Organization for Migration (IOM) said on Sunday.</description></item>
</channel></rss>`))
		case "/news/floods.html":
			w.Write([]byte(`<html><head><title>Flooding displaces thousands in river delta | Delta Voice</title></head><body>
<div class="content"><p>Delta Voice is an independent, reader-funded publication, founded in 1998 by a group of teachers, farmers and fishermen who wanted a newspaper of their own.</p>
<p>Our reporters live in the communities they cover, and we publish in print every Thursday and online every day, with a weekly podcast and a monthly magazine.</p>
<p>We do not take money from political parties, and we do not accept advertising from tobacco or gambling companies, because a local newspaper should serve its readers.</p></div>
</body></html>`))
		default:
			http.NotFound(w, r)
		}
	}))
	t.Cleanup(srv.Close)
	st := openStore(t)
	p := newPipeline(t, st, []config.Source{{Name: "Delta Voice", Type: config.TypeFeed, URL: srv.URL + "/feed.xml"}})
	if _, err := p.Run(t.Context()); err != nil {
		t.Fatal(err)
	}
	stories, err := st.Stories(t.Context(), store.Filter{})
	if err != nil {
		t.Fatal(err)
	}
	if len(stories) != 1 {
		t.Fatalf("got %d stories, want the one the feed's text mentions", len(stories))
	}
	s := stories[0]
	if !s.LowConfidence || s.FromFeed {
		t.Errorf("LowConfidence %v FromFeed %v; want a page read (not from the feed) marked low confidence", s.LowConfidence, s.FromFeed)
	}
	if !strings.Contains(s.Line, "12,000") || strings.Contains(s.Line, "Delta Voice is") {
		t.Errorf("line %q: want the feed's story, not the blurb", s.Line)
	}
}
