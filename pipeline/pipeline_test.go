package pipeline

import (
	"context"
	"net/http"
	"net/http/httptest"
	"net/netip"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/pressclip/pressclip/config"
	"github.com/pressclip/pressclip/fetcher"
	"github.com/pressclip/pressclip/internal/dbtest"
	"github.com/pressclip/pressclip/mention"
	"github.com/pressclip/pressclip/store"
	"github.com/pressclip/pressclip/summarizer"
)

// outlet is a loopback outlet serving testdata/, counting requests.
type outlet struct {
	srv *httptest.Server
	mu  sync.Mutex
	hit map[string]int
}

func newOutlet(t *testing.T) *outlet {
	t.Helper()
	o := &outlet{hit: map[string]int{}}
	files := map[string]string{
		"/feed.xml":                    "feed.xml",
		"/broken.xml":                  "broken.xml",
		"/news/atlantic-arrivals.html": "atlantic-arrivals.html",
		"/news/ferry-terminal.html":    "ferry-terminal.html",
	}
	o.srv = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		o.mu.Lock()
		o.hit[r.URL.Path]++
		o.mu.Unlock()
		switch r.URL.Path {
		case "/news/bus-lanes-flaky.html":
			http.Error(w, "overloaded", http.StatusServiceUnavailable)
			return
		case "/panic.xml":
			w.Write([]byte("<rss version=\"2.0\"><channel><item><link>" + o.srv.URL + "/news/ferry-terminal.html</link></item></channel></rss>"))
			return
		}
		name, ok := files[r.URL.Path]
		if !ok {
			http.NotFound(w, r)
			return
		}
		b, err := os.ReadFile(filepath.Join("testdata", name))
		if err != nil {
			t.Error(err)
		}
		w.Write([]byte(strings.ReplaceAll(string(b), "{{BASE}}", o.srv.URL)))
	}))
	t.Cleanup(o.srv.Close)
	return o
}

func (o *outlet) hits(path string) int {
	o.mu.Lock()
	defer o.mu.Unlock()
	return o.hit[path]
}

func newPipeline(t *testing.T, st *store.Store, sources []config.Source) *Pipeline {
	t.Helper()
	// No retries within a pass: these tests count requests per pass.
	fc := fetcher.New(fetcher.Options{AllowPrivate: []netip.Prefix{netip.MustParsePrefix("127.0.0.1/32")}, Timeout: 5 * time.Second, MaxRetries: -1})
	t.Cleanup(fc.Close)
	m, err := mention.New([]mention.Watch{{Name: "International Organization for Migration", Aliases: []string{"IOM"}, Exclude: []string{"Isle of Man"}}})
	if err != nil {
		t.Fatal(err)
	}
	return New(Options{
		Sources: sources, Fetch: config.Fetch{MaxItems: 100, Concurrency: 4}, Fetcher: fc, Store: st, Matcher: m,
		Writer: summarizer.New(summarizer.Options{Org: "IOM", OrgNames: []string{"International Organization for Migration"}}),
	})
}

func openStore(t *testing.T) *store.Store {
	t.Helper()
	st, err := store.Open(t.Context(), dbtest.Target(t, "p.db"), store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	return st
}

func TestRunKeepsMentionsAndRecordsFailures(t *testing.T) {
	o := newOutlet(t)
	st := openStore(t)
	p := newPipeline(t, st, []config.Source{
		{Name: "The Quayside Courier", Type: config.TypeFeed, URL: o.srv.URL + "/feed.xml"},
		{Name: "Broken", Type: config.TypeFeed, URL: o.srv.URL + "/broken.xml"},
		{Name: "Refused", Type: config.TypeFeed, URL: "http://127.0.0.1:1/feed.xml"},
	})
	rep, err := p.Run(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	byName := map[string]SourceReport{}
	for _, s := range rep.Sources {
		byName[s.Name] = s
	}
	q := byName["The Quayside Courier"]
	if q.Err != nil || q.Items != 5 || q.New != 4 || q.Mentions != 2 || q.PageErrors != 1 {
		t.Errorf("Quayside: got %+v, want 5 items, 4 new, 2 mentions, 1 page error", q)
	}
	if got := byName["Broken"].Kind; got != fetcher.KindNotAFeed {
		t.Errorf("Broken: got kind %q, want not_a_feed", got)
	}
	if got := byName["Refused"].Kind; got != fetcher.KindRefused {
		t.Errorf("Refused: got kind %q, want refused", got)
	}
	if n := len(rep.Failed()); n != 2 {
		t.Errorf("got %d failed sources, want 2", n)
	}

	stories, err := st.Stories(t.Context(), store.Filter{})
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]string{
		"Boat arrivals rise on the Atlantic route": "The Quayside Courier reported that more than 4,100 people reached the Canary Islands by boat in October, the highest monthly figure this year, according to IOM.",
		"Return flight to Mali":                    "The Quayside Courier reported that a charter flight carrying 152 migrants left Tripoli for Bamako on Monday under a voluntary return programme run by IOM.",
	}
	if len(stories) != len(want) {
		t.Fatalf("got %d stories, want %d: %+v", len(stories), len(want), stories)
	}
	for _, s := range stories {
		if s.Line != want[s.Title] {
			t.Errorf("%q: got line %q, want %q", s.Title, s.Line, want[s.Title])
		}
		if s.Title == "Return flight to Mali" && !s.FromFeed {
			t.Error("the 404 item should be kept from the feed's text")
		}
		if strings.Contains(s.URL, "utm_") {
			t.Errorf("URL %s kept tracking parameters", s.URL)
		}
	}

	hs, err := st.Sources(t.Context(), nil)
	if err != nil {
		t.Fatal(err)
	}
	for _, h := range hs {
		failing := h.Name != "The Quayside Courier"
		if (h.ConsecutiveFailures == 1) != failing || (h.LastError != "") != failing {
			t.Errorf("%s: got failures=%d error=%q", h.Name, h.ConsecutiveFailures, h.LastError)
		}
	}
}

func TestSecondPassFetchesNoArticlePageAgain(t *testing.T) {
	o := newOutlet(t)
	st := openStore(t)
	p := newPipeline(t, st, []config.Source{{Name: "Q", Type: config.TypeFeed, URL: o.srv.URL + "/feed.xml"}})
	for range 2 {
		if _, err := p.Run(t.Context()); err != nil {
			t.Fatal(err)
		}
	}
	tests := []struct {
		path string
		want int
	}{
		{"/feed.xml", 2},
		{"/news/atlantic-arrivals.html", 1},
		{"/news/ferry-terminal.html", 1},
		// A 404 whose feed text mentions IOM is kept from the feed, once.
		{"/news/return-flight-gone.html", 1},
		// A page that failed and whose feed text mentions nothing is
		// retried on the next pass (up to store.MaxPageAttempts).
		{"/news/bus-lanes-flaky.html", 2},
	}
	for _, tt := range tests {
		if got := o.hits(tt.path); got != tt.want {
			t.Errorf("%s: fetched %d times in two passes, want %d", tt.path, got, tt.want)
		}
	}
	for range store.MaxPageAttempts {
		p.Run(t.Context())
	}
	if got := o.hits("/news/bus-lanes-flaky.html"); got != store.MaxPageAttempts {
		t.Errorf("failing page fetched %d times, want at most %d", got, store.MaxPageAttempts)
	}
	stories, _ := st.Stories(t.Context(), store.Filter{})
	if len(stories) != 2 {
		t.Errorf("got %d stories after five passes, want 2", len(stories))
	}
}

func TestCanceledPassStopsAndLeavesTheRestForLater(t *testing.T) {
	o := newOutlet(t)
	st := openStore(t)
	p := newPipeline(t, st, []config.Source{{Name: "Q", Type: config.TypeFeed, URL: o.srv.URL + "/feed.xml"}})
	ctx, cancel := context.WithCancel(t.Context())
	cancel()
	rep, err := p.Run(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if rep.Sources[0].Kind != fetcher.KindCanceled {
		t.Errorf("got %+v, want the source canceled", rep.Sources[0])
	}
	unseen, _ := st.Unseen(t.Context(), []string{o.srv.URL + "/news/atlantic-arrivals.html"})
	if len(unseen) != 1 {
		t.Error("a canceled pass marked an item seen")
	}
	if _, err := p.Run(t.Context()); err != nil {
		t.Fatal(err)
	}
	stories, _ := st.Stories(t.Context(), store.Filter{})
	if len(stories) != 2 {
		t.Errorf("got %d stories after the next pass, want 2", len(stories))
	}
}

// stopWriter cancels the pass while a line is being drafted, as SIGTERM
// does when it arrives mid-item.
type stopWriter struct {
	summarizer.Writer
	stop func()
}

func (w stopWriter) Write(ctx context.Context, a summarizer.Article) summarizer.Draft {
	w.stop()
	return w.Writer.Write(ctx, a)
}

// TestStopMidItemKeepsIt: an item whose line is being drafted when the
// pass stops is kept, and the pass ends without an error.
func TestStopMidItemKeepsIt(t *testing.T) {
	o := newOutlet(t)
	st := openStore(t)
	p := newPipeline(t, st, []config.Source{{Name: "Q", Type: config.TypeFeed, URL: o.srv.URL + "/feed.xml"}})
	ctx, cancel := context.WithCancel(t.Context())
	p.o.Writer = stopWriter{Writer: p.o.Writer, stop: cancel}
	p.o.ItemWorkers = 1
	if _, err := p.Run(ctx); err != nil {
		t.Fatalf("a pass stopped mid-item: %v, want no error", err)
	}
	stories, err := st.Stories(t.Context(), store.Filter{})
	if err != nil || len(stories) != 1 {
		t.Errorf("got %d stories (%v), want the one in flight kept", len(stories), err)
	}
}

func TestCanonicalURL(t *testing.T) {
	tests := []struct {
		name, page, declared, want string
	}{
		{"a canonical on the same site is honoured", "https://news.example/a?utm_source=x", "https://news.example/a", "https://news.example/a"},
		{"a canonical on www of the same site is honoured", "https://news.example/a", "https://www.news.example/story-a", "https://www.news.example/story-a"},
		{"a canonical to another site is a credit, not this copy's address", "https://copy.example/a", "https://wire.example/original", "https://copy.example/a"},
		{"no canonical keeps the page", "https://news.example/a#top", "", "https://news.example/a"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := canonicalURL(tt.page, tt.declared); got != tt.want {
				t.Errorf("got %s, want %s", got, tt.want)
			}
		})
	}
}
