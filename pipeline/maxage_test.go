package pipeline

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/pressclip/pressclip/config"
	"github.com/pressclip/pressclip/internal/synthtext"
	"github.com/pressclip/pressclip/store"
)

// TestMaxAgeKeepsTheBacklogOut: a feed's backlog — an item the feed dates
// a month ago, an undated item whose page dates itself 2001 — is
// remembered and never a story; today's item and an undated item that
// says nothing are stories. The month-old item's page is never fetched.
func TestMaxAgeKeepsTheBacklogOut(t *testing.T) {
	now := time.Now()
	var mu sync.Mutex
	hits := map[string]int{}
	var srv *httptest.Server
	srv = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		hits[r.URL.Path]++
		mu.Unlock()
		page := func(n int, date string) {
			var b strings.Builder
			fmt.Fprintf(&b, `<html><head><title>Story %d</title>%s</head><body><article><p>%d people reached the coast, according to the International Organization for Migration (IOM).</p>`, n, date, 100+n)
			for _, p := range synthtext.New(uint64(n + 1)).Article() {
				fmt.Fprintf(&b, "<p>%s</p>", p)
			}
			b.WriteString("</article></body></html>")
			w.Write([]byte(b.String()))
		}
		switch r.URL.Path {
		case "/feed.xml":
			fmt.Fprintf(w, `<?xml version="1.0"?><rss version="2.0"><channel><title>Outlet</title>
<item><title>Story 1</title><link>%[1]s/s/1</link><pubDate>%[2]s</pubDate></item>
<item><title>Story 2</title><link>%[1]s/s/2</link><pubDate>%[3]s</pubDate></item>
<item><title>Story 3</title><link>%[1]s/s/3</link></item>
<item><title>Story 4</title><link>%[1]s/s/4</link></item>
</channel></rss>`, srv.URL, now.Add(-time.Hour).Format(time.RFC1123Z), now.Add(-30*24*time.Hour).Format(time.RFC1123Z))
		case "/s/1":
			page(1, "")
		case "/s/2":
			page(2, "")
		case "/s/3":
			page(3, `<meta property="article:published_time" content="2001-05-04T10:00:00Z">`)
		case "/s/4":
			page(4, "")
		default:
			http.NotFound(w, r)
		}
	}))
	t.Cleanup(srv.Close)
	st := openStore(t)
	p := newPipeline(t, st, []config.Source{{Name: "Outlet", Type: config.TypeFeed, URL: srv.URL + "/feed.xml"}})
	p.o.Fetch.MaxAge = config.Duration(7 * 24 * time.Hour)
	var read atomic.Int64
	p.o.OnItem = func() { read.Add(1) } // the progress bar's page count
	rep, err := p.Run(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	if got := rep.Sources[0].Old; got != 2 {
		t.Errorf("%d items counted old, want 2", got)
	}
	stories, err := st.Stories(t.Context(), store.Filter{IncludeLow: true})
	if err != nil {
		t.Fatal(err)
	}
	var titles []string
	for _, s := range stories {
		titles = append(titles, s.Title)
	}
	if len(stories) != 2 || !strings.Contains(strings.Join(titles, "|"), "Story 1") || !strings.Contains(strings.Join(titles, "|"), "Story 4") {
		t.Errorf("stories %q, want Story 1 and Story 4", titles)
	}
	if hits["/s/2"] != 0 {
		t.Errorf("the month-old item's page was fetched %d times", hits["/s/2"])
	}
	if read.Load() != 3 {
		t.Errorf("OnItem called %d times, want once for each of the 3 pages read", read.Load())
	}
	// Remembered: a second pass reads none of them again.
	before := hits["/s/3"]
	if _, err := p.Run(t.Context()); err != nil {
		t.Fatal(err)
	}
	if hits["/s/2"] != 0 || hits["/s/3"] != before {
		t.Errorf("a second pass read the backlog again: %v", hits)
	}
}
