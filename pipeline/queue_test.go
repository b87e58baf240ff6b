package pipeline

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/netip"
	"strings"
	"testing"
	"time"

	"github.com/pressclip/pressclip/config"
	"github.com/pressclip/pressclip/fetcher"
	"github.com/pressclip/pressclip/internal/dbtest"
	"github.com/pressclip/pressclip/internal/synthtext"
	"github.com/pressclip/pressclip/mention"
	"github.com/pressclip/pressclip/store"
	"github.com/pressclip/pressclip/summarizer"
)

// oneHost serves feeds (/feed/N.xml, each items article links), a sitemap
// of sitemapN articles (/sitemap.xml) and the articles, each mentioning
// IOM, all from one loopback host; every response is prompt.
func oneHost(t *testing.T, items, sitemapN int) *httptest.Server {
	t.Helper()
	var srv *httptest.Server
	srv = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		var n, i int
		switch {
		case r.URL.Path == "/robots.txt":
			http.NotFound(w, r)
		case r.URL.Path == "/sitemap.xml":
			var b strings.Builder
			b.WriteString(`<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">`)
			for k := range sitemapN {
				fmt.Fprintf(&b, "<url><loc>%s/map/%d.html</loc></url>", srv.URL, k)
			}
			b.WriteString("</urlset>")
			w.Write([]byte(b.String()))
		case mustScan(r.URL.Path, "/feed/%d.xml", &n):
			var b strings.Builder
			fmt.Fprintf(&b, `<?xml version="1.0"?><rss version="2.0"><channel><title>Section %d</title>`, n)
			for k := range items {
				fmt.Fprintf(&b, `<item><title>Arrivals %d-%d</title><link>%s/story/%d/%d.html</link></item>`, n, k, srv.URL, n, k)
			}
			b.WriteString("</channel></rss>")
			w.Write([]byte(b.String()))
		case mustScan(r.URL.Path, "/story/%d/%d.html", &n, &i), mustScan(r.URL.Path, "/map/%d.html", &n):
			// A text of its own per article: copies would join one story.
			var b strings.Builder
			fmt.Fprintf(&b, `<html><head><title>Arrivals %s</title></head><body><article>
<p>%d people reached the coast this week, according to the International Organization for Migration (IOM).</p>`, r.URL.Path, 100+n*7+i)
			for _, p := range synthtext.New(uint64(n*1000 + i + 1)).Article() {
				fmt.Fprintf(&b, "<p>%s</p>\n", p)
			}
			b.WriteString("</article></body></html>")
			w.Write([]byte(b.String()))
		default:
			http.NotFound(w, r)
		}
	}))
	t.Cleanup(srv.Close)
	return srv
}

func mustScan(s, format string, args ...any) bool {
	_, err := fmt.Sscanf(s, format, args...)
	return err == nil
}

// queuedPipeline is a pipeline whose fetcher takes one request at a time
// per host, delay apart, each request bounded by timeout.
func queuedPipeline(t *testing.T, sources []config.Source, timeout, delay time.Duration) (*Pipeline, *store.Store) {
	t.Helper()
	fc := fetcher.New(fetcher.Options{AllowPrivate: []netip.Prefix{netip.MustParsePrefix("127.0.0.1/32")},
		Timeout: timeout, PerHost: 1, HostDelay: delay, MaxRetries: -1})
	t.Cleanup(fc.Close)
	st, err := store.Open(t.Context(), dbtest.Target(t, "q.db"), store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	m, err := mention.New([]mention.Watch{{Name: "International Organization for Migration", Aliases: []string{"IOM"}}})
	if err != nil {
		t.Fatal(err)
	}
	return New(Options{
		Sources: sources, Fetch: config.Fetch{MaxItems: 300, Concurrency: 8}, Fetcher: fc, Store: st, Matcher: m,
		Writer: summarizer.New(summarizer.Options{Org: "IOM", OrgNames: []string{"International Organization for Migration"}}),
	}), st
}

// TestQueueingIsNotATimeout: forty feed sources of one host, two items
// each, a request timeout far shorter than the time the host's queue
// takes (120 requests one at a time, 40 ms apart: 4.8 s, against a 1 s
// timeout): no source fails, every article becomes a story. The timeout bounds a request, not its wait
// for a turn.
func TestQueueingIsNotATimeout(t *testing.T) {
	srv := oneHost(t, 2, 0)
	var sources []config.Source
	for n := range 40 {
		sources = append(sources, config.Source{Name: fmt.Sprintf("Section %02d", n), Type: config.TypeFeed, URL: fmt.Sprintf("%s/feed/%d.xml", srv.URL, n)})
	}
	p, st := queuedPipeline(t, sources, time.Second, 40*time.Millisecond)
	rep, err := p.Run(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	if failed := rep.Failed(); len(failed) != 0 {
		t.Errorf("%d of 40 sources failed, first %s: %v", len(failed), failed[0].Name, failed[0].Err)
	}
	stories, err := st.Stories(t.Context(), store.Filter{IncludeLow: true})
	if err != nil {
		t.Fatal(err)
	}
	if len(stories) != 80 {
		t.Errorf("%d stories, want the 80 articles", len(stories))
	}
	hs, err := st.Sources(t.Context(), nil)
	if err != nil {
		t.Fatal(err)
	}
	for _, h := range hs {
		if h.ConsecutiveFailures != 0 {
			t.Errorf("%s backed off: %d failures (%s)", h.Name, h.ConsecutiveFailures, h.LastError)
		}
	}
}

// TestSitemapOfOneHost: a sitemap of 200 articles on one host, each
// request's timeout a fraction of the queue's length (25 ms apart: 5 s,
// against a 1 s timeout): every article read.
func TestSitemapOfOneHost(t *testing.T) {
	srv := oneHost(t, 0, 200)
	p, st := queuedPipeline(t, []config.Source{{Name: "Map", Type: config.TypeSitemap, URL: srv.URL + "/sitemap.xml"}},
		time.Second, 25*time.Millisecond)
	rep, err := p.Run(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	if failed := rep.Failed(); len(failed) != 0 {
		t.Fatalf("the sitemap failed: %v", failed[0].Err)
	}
	for _, s := range rep.Sources {
		if s.PageErrors != 0 {
			t.Errorf("%d page errors, want none", s.PageErrors)
		}
	}
	stories, err := st.Stories(t.Context(), store.Filter{IncludeLow: true})
	if err != nil {
		t.Fatal(err)
	}
	if len(stories) != 200 {
		t.Errorf("%d stories, want 200", len(stories))
	}
}
