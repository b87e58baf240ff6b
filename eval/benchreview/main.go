// Command benchreview times the review page on a large store (issue 19):
// Today with its stories and a full-text search, served by the same
// handler as `pressclip serve`, on a store that already holds many
// articles (a SQLite file or a postgres:// URL, e.g. the one benchdedup
// filled to a million). It first adds -stories new stories found on a day
// of their own (-day days after now, so that the store's articles are
// all older than Today), then serves Today and a search -n times each
// and prints the latency percentiles.
//
//	go -C eval run ./benchreview -db postgres://…/million -stories 500
package main

import (
	"context"
	"flag"
	"fmt"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"slices"
	"strings"
	"time"

	"github.com/pressclip/pressclip/internal/synthtext"
	"github.com/pressclip/pressclip/internal/view"
	"github.com/pressclip/pressclip/store"
	"github.com/pressclip/pressclip/web"
)

func main() {
	db := flag.String("db", "bench-dedup.db", "database file, or postgres:// URL")
	stories := flag.Int("stories", 500, "Today's stories")
	n := flag.Int("n", 30, "requests timed per page")
	day := flag.Int("day", 400, "Today is this many days after now (the store's articles are older)")
	flag.Parse()
	if err := run(context.Background(), *db, *stories, *n, *day); err != nil {
		fmt.Fprintln(os.Stderr, "benchreview:", err)
		os.Exit(1)
	}
}

func run(ctx context.Context, db string, count, n, day int) error {
	today := time.Now().UTC().Add(time.Duration(day) * 24 * time.Hour).Truncate(time.Hour)
	clock := func() time.Time { return today }
	st, err := store.Open(ctx, db, store.Options{Now: clock, Logger: slog.New(slog.DiscardHandler)})
	if err != nil {
		return err
	}
	defer st.Close()
	total, err := st.CountArticles(ctx)
	if err != nil {
		return err
	}
	t, err := st.Today(ctx, store.Filter{Status: store.StatusNew, Limit: 1000})
	if err != nil {
		return err
	}
	gen := synthtext.New(uint64(day))
	for i := len(t.Stories); i < count; i++ {
		paras := gen.Article()
		paras[0] = fmt.Sprintf("Review %d: the International Organization for Migration (IOM) said on Monday that %d people had arrived.", i, 100+i)
		u := fmt.Sprintf("https://review%d.example/news/%d-%d", i%7, day, i)
		if _, err := st.SaveArticle(ctx, store.Article{
			Source: "Outlet", Outlet: fmt.Sprintf("Outlet %d", i%7), URL: u, CanonicalURL: u, SeenURLs: []string{u},
			Title: fmt.Sprintf("Review story %d about migrants on the move", i), Text: synthtext.Join(paras),
			PublishedAt: today.Add(-time.Duration(i) * time.Minute), Language: "en", Type: "news",
			Line: fmt.Sprintf("Outlet %d reported that %d migrants arrived, according to IOM.", i%7, 100+i),
			Mentions: []store.Mention{{Watch: "International Organization for Migration", Where: "lead", Count: 2, Score: 4,
				Role: "source", Terms: []string{"IOM"}, Snippet: "…the International Organization for Migration said…", Marks: [][2]int{{4, 37}}}},
		}); err != nil {
			return err
		}
	}
	h, err := web.New(web.Options{Store: st, Now: clock, Sources: []view.Source{{Name: "Outlet", Outlet: "Outlet"}},
		Watches: []string{"International Organization for Migration"}})
	if err != nil {
		return err
	}
	fmt.Printf("store: %d articles before; Today: %d stories\n", total, count)
	for _, page := range []struct{ name, path, want string }{
		{"Today", "/", `<article class="card`},
		{"search", "/?q=arrived+Monday", `<article class="card`},
		{"search, one word", "/?q=migrants", `<article class="card`},
	} {
		var lat []time.Duration
		cards := 0
		for i := range n + 1 {
			rec := httptest.NewRecorder()
			start := time.Now()
			h.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, page.path, nil))
			took := time.Since(start)
			if rec.Code != http.StatusOK {
				return fmt.Errorf("%s: status %d", page.name, rec.Code)
			}
			if i == 0 {
				cards = strings.Count(rec.Body.String(), page.want)
				continue // the first warms the caches
			}
			lat = append(lat, took)
		}
		slices.Sort(lat)
		fmt.Printf("%-18s %4d cards  p50 %-10v p90 %-10v max %v\n", page.name, cards,
			lat[len(lat)/2].Round(10*time.Microsecond), lat[len(lat)*9/10].Round(10*time.Microsecond), lat[len(lat)-1].Round(10*time.Microsecond))
	}
	return nil
}
