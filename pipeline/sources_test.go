package pipeline

import (
	"encoding/base64"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/pressclip/pressclip/config"
	"github.com/pressclip/pressclip/store"
)

// outlet2 serves the cases of this file and counts requests per path.
type outlet2 struct {
	srv  *httptest.Server
	mu   sync.Mutex
	hits map[string]int
	// broken makes /flaky.xml answer 503.
	broken bool
}

func (o *outlet2) count(path string) int {
	o.mu.Lock()
	defer o.mu.Unlock()
	return o.hits[path]
}

func newOutlet2(t *testing.T) *outlet2 {
	t.Helper()
	o := &outlet2{hits: map[string]int{}}
	page, err := os.ReadFile(filepath.Join("testdata", "atlantic-arrivals.html"))
	if err != nil {
		t.Fatal(err)
	}
	o.srv = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		o.mu.Lock()
		o.hits[r.URL.Path]++
		broken := o.broken
		o.mu.Unlock()
		base := o.srv.URL
		switch r.URL.Path {
		case "/robots.txt":
			fmt.Fprint(w, "User-agent: *\nDisallow: /members/\n")
		case "/home":
			fmt.Fprint(w, `<html><head><link rel="alternate" type="application/atom+xml" href="/atom.xml"></head><body>Home</body></html>`)
		case "/atom.xml", "/etag.xml":
			if r.URL.Path == "/etag.xml" && r.Header.Get("If-None-Match") == `"e1"` {
				w.WriteHeader(http.StatusNotModified)
				return
			}
			w.Header().Set("ETag", `"e1"`)
			fmt.Fprintf(w, `<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom"><title>Q</title>
<entry><title>Boat arrivals</title><id>tag:q,1</id><link href="%s/news/atlantic.html"/><updated>2099-01-01T00:00:00Z</updated></entry>
<entry><title>Members only: IOM briefing</title><id>tag:q,2</id><link href="%s/members/briefing.html"/><updated>2026-11-24T00:00:00Z</updated>
<summary>The International Organization for Migration briefed members on the Atlantic route on Monday in Madrid.</summary></entry>
</feed>`, base, base)
		case "/flaky.xml":
			if broken {
				w.Header().Set("Retry-After", "7200")
				w.WriteHeader(http.StatusServiceUnavailable)
				return
			}
			fmt.Fprint(w, `<rss version="2.0"><channel><title>F</title></channel></rss>`)
		case "/gnews.xml":
			real := base + "/news/atlantic.html"
			id := base64.RawURLEncoding.EncodeToString(append(append([]byte{0x08, 0x13, 0x22, byte(len(real))}, real...), 0xd2, 0x01, 0x00))
			fmt.Fprintf(w, `<rss version="2.0"><channel><title>Google News</title>
<item><title>Arrivals rise - Quayside Courier</title><link>https://news.google.com/rss/articles/%s?oc=5</link><source url="https://quayside.example">Quayside Courier</source></item>
<item><title>UN agency warns of winter deaths on Balkan route - Valley Times</title><link>https://news.google.com/rss/articles/CBMiAU_yqLOpaque1?oc=5</link><source url="https://valley.example">Valley Times</source></item>
<item><title>Isle of Man budget: migrants and workers - Manx Daily</title><link>https://news.google.com/rss/articles/CBMiAU_yqLOpaque2?oc=5</link><source url="https://manx.example">Manx Daily</source></item>
</channel></rss>`, id)
		case "/news/atlantic.html":
			w.Write([]byte(strings.ReplaceAll(string(page), "{{BASE}}", base)))
		case "/members/briefing.html":
			t.Error("a page robots.txt disallows was fetched")
		default:
			http.NotFound(w, r)
		}
	}))
	t.Cleanup(o.srv.Close)
	return o
}

func TestSourceKinds(t *testing.T) {
	o := newOutlet2(t)
	st := openStore(t)
	p := newPipeline(t, st, []config.Source{
		{Name: "Home", Type: config.TypeFeed, URL: o.srv.URL + "/home"},
		{Name: "Google News", Type: config.TypeGoogleNews, URL: o.srv.URL + "/gnews.xml"},
	})
	p.o.Watch = "International Organization for Migration"
	rep, err := p.Run(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	home, gnews := rep.Sources[0], rep.Sources[1]
	if home.Err != nil || home.Discovered != o.srv.URL+"/atom.xml" || home.Items != 2 {
		t.Errorf("home: got %+v, want the Atom feed discovered with 2 items", home)
	}
	// Both sources list the Atlantic article (Google News through a link
	// that decodes to it): one story, kept by whichever came first.
	if n := home.Mentions + gnews.Mentions; n != 3 {
		t.Errorf("got %d mentions kept (%+v, %+v), want 3: the Atlantic story once, the members-only one, the Valley Times one", n, home, gnews)
	}
	stories, err := st.Stories(t.Context(), store.Filter{})
	if err != nil {
		t.Fatal(err)
	}
	byTitle := map[string]store.Story{}
	for _, s := range stories {
		byTitle[s.Title] = s
	}
	atlantic := byTitle["Boat arrivals rise on the Atlantic route"]
	if atlantic.PublishedAt.Year() == 2099 {
		t.Error("a date in 2099 was kept")
	}
	if atlantic.ID == 0 || len(atlantic.Copies) != 0 {
		t.Errorf("the Atlantic story: %+v, want it once", atlantic)
	}
	members := byTitle["Members only: IOM briefing"]
	if !members.FromFeed {
		t.Errorf("the members-only story should be kept from the feed's text: %+v", members)
	}
	valley := byTitle["UN agency warns of winter deaths on Balkan route"]
	if valley.Outlet != "Valley Times" || valley.Watches == nil || valley.Watches[0] != "International Organization for Migration" {
		t.Errorf("an opaque Google News result should count as a search mention credited to its outlet: %+v", valley)
	}
	if _, ok := byTitle["Isle of Man budget: migrants and workers"]; ok {
		t.Error("a search result whose headline names an excluded phrase was kept")
	}

	// The discovered feed is remembered: the next pass asks for it directly.
	before := o.count("/home")
	if _, err := p.Run(t.Context()); err != nil {
		t.Fatal(err)
	}
	if o.count("/home") != before {
		t.Error("the second pass fetched the home page again instead of the feed it named")
	}
}

func TestNotModifiedCostsNothingElse(t *testing.T) {
	o := newOutlet2(t)
	st := openStore(t)
	p := newPipeline(t, st, []config.Source{{Name: "E", Type: config.TypeFeed, URL: o.srv.URL + "/etag.xml"}})
	if _, err := p.Run(t.Context()); err != nil {
		t.Fatal(err)
	}
	pages := o.count("/news/atlantic.html")
	rep, err := p.Run(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	if !rep.Sources[0].NotModified || rep.Sources[0].Err != nil || o.count("/news/atlantic.html") != pages {
		t.Errorf("got %+v; want 304 and no page fetched", rep.Sources[0])
	}
	hs, _ := st.Sources(t.Context(), nil)
	if !hs[0].NotModifiedLast || hs[0].Status() != "ok" {
		t.Errorf("health %+v, want ok and not modified", hs[0])
	}
}

func TestFailingSourceIsBackedOff(t *testing.T) {
	o := newOutlet2(t)
	o.broken = true
	st := openStore(t)
	now := time.Date(2026, 11, 25, 8, 0, 0, 0, time.UTC)
	p := newPipeline(t, st, []config.Source{{Name: "Flaky", Type: config.TypeFeed, URL: o.srv.URL + "/flaky.xml"}})
	p.o.Now = func() time.Time { return now }

	rep, _ := p.Run(t.Context())
	if rep.Sources[0].Kind != "http_5xx" {
		t.Fatalf("got %+v, want a 5xx failure", rep.Sources[0])
	}
	states, _ := st.SourceStates(t.Context(), nil)
	// Retry-After of two hours outweighs the first backoff of 5 minutes.
	if next := states["Flaky"].NextAttempt; next.Before(now.Add(2*time.Hour)) || next.After(now.Add(2*time.Hour+time.Minute)) {
		t.Errorf("next attempt %v, want two hours after %v (the Retry-After)", next, now)
	}
	now = now.Add(time.Hour)
	rep, _ = p.Run(t.Context())
	if !rep.Sources[0].Skipped || o.count("/flaky.xml") != 1 {
		t.Errorf("an hour later: got %+v after %d requests, want the source skipped", rep.Sources[0], o.count("/flaky.xml"))
	}
	p.o.Force = true
	o.broken = false
	rep, _ = p.Run(t.Context())
	if rep.Sources[0].Skipped || rep.Sources[0].Err != nil {
		t.Errorf("forced: got %+v, want the source fetched and well", rep.Sources[0])
	}
	states, _ = st.SourceStates(t.Context(), nil)
	if !states["Flaky"].NextAttempt.IsZero() || states["Flaky"].ConsecutiveFailures != 0 {
		t.Errorf("after a success: %+v, want no backoff", states["Flaky"])
	}
}
