// Command benchdedup measures keeping articles in a large store: it adds
// generated articles (about 500 words each, a tenth of them syndicated
// copies of recent ones) through store.SaveArticle, the path every
// fetched mention takes, and at each checkpoint times single adds (the
// near-duplicate lookup and the insert, one transaction each) and reports
// their latency, the process's memory and the database size per article.
//
//	go -C eval run ./benchdedup -articles 1000000 -db /tmp/bench.db
//	go -C eval run ./benchdedup -articles 1000000 -parallel 3 -db postgres://…/million
//
// An existing database is extended, so a run can be resumed. See
// BENCHMARKS.md for the figures.
package main

import (
	"context"
	"flag"
	"fmt"
	"log/slog"
	"math/rand/v2"
	"os"
	"os/signal"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/pressclip/pressclip/internal/synthtext"
	"github.com/pressclip/pressclip/store"
)

func main() {
	articles := flag.Int("articles", 100000, "articles in the store at the end")
	path := flag.String("db", "bench-dedup.db", "database file, or postgres:// URL (extended if it exists)")
	every := flag.Int("every", 100000, "report every this many articles")
	sample := flag.Int("sample", 2000, "single adds timed at each checkpoint")
	copies := flag.Float64("copies", 0.1, "share of articles that are syndicated copies")
	seed := flag.Uint64("seed", 1, "generator seed")
	parallel := flag.Int("parallel", 1, "savers filling the store between checkpoints (the timed adds are one at a time)")
	flag.Parse()
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	if err := run(ctx, *path, *articles, *every, *sample, *copies, *seed, *parallel); err != nil {
		fmt.Fprintln(os.Stderr, "benchdedup:", err)
		os.Exit(1)
	}
}

func run(ctx context.Context, path string, total, every, sample int, copies float64, seed uint64, parallel int) error {
	start := time.Now()
	st, err := store.Open(ctx, path, store.Options{Logger: slog.New(slog.DiscardHandler)})
	if err != nil {
		return err
	}
	defer st.Close()
	have, err := st.CountArticles(ctx)
	if err != nil {
		return err
	}
	gen := synthtext.New(seed + uint64(have))
	rnd := rand.New(rand.NewPCG(seed, uint64(have)))
	recent := make([][]string, 0, 1000)
	day := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	// article makes the n-th article: a new one, or a copy of a recent
	// one (not safe for concurrent use: the fill's producer calls it).
	article := func(n int) store.Article {
		var paras []string
		if len(recent) > 0 && rnd.Float64() < copies {
			paras = gen.Copy(recent[rnd.IntN(len(recent))])
		} else {
			paras = gen.Article()
			if len(recent) < cap(recent) {
				recent = append(recent, paras)
			} else {
				recent[rnd.IntN(len(recent))] = paras
			}
		}
		u := "https://outlet" + strconv.Itoa(n%500) + ".example/news/" + strconv.Itoa(n)
		return store.Article{
			Source: "Outlet " + strconv.Itoa(n%500), Outlet: "Outlet " + strconv.Itoa(n%500), URL: u, CanonicalURL: u,
			Title: "Story " + strconv.Itoa(n), Text: synthtext.Join(paras), PublishedAt: day.Add(time.Duration(n) * 30 * time.Second),
			Type: "news", Language: "en", Line: "Outlet reported that story " + strconv.Itoa(n) + " happened.",
			Mentions: []store.Mention{{Watch: "IOM", Where: "body", Count: 1, Score: 1, Terms: []string{"IOM"}, Snippet: "…IOM said…"}},
		}
	}
	add := func(n int) (store.Saved, error) { return st.SaveArticle(ctx, article(n)) }
	fmt.Printf("%-10s %-9s %-9s %-9s %-9s %-8s %-9s %-9s %-10s %s\n",
		"articles", "p50", "p90", "p99", "max", "joined", "heap MB", "RSS MB", "bytes/art", "elapsed")
	n := have
	for n < total {
		if ctx.Err() != nil {
			return ctx.Err()
		}
		next := min(total, (n/every+1)*every)
		if err := fill(ctx, st, article, n, next-sample, parallel); err != nil {
			return err
		}
		n = max(n, next-sample)
		// The checkpoint: time each of the last adds on its own.
		lat := make([]time.Duration, 0, sample)
		joined := 0
		for ; n < next; n++ {
			t := time.Now()
			saved, err := add(n)
			if err != nil {
				return err
			}
			lat = append(lat, time.Since(t))
			if saved.Outcome == store.SavedJoined {
				joined++
			}
		}
		slices.Sort(lat)
		runtime.GC()
		var ms runtime.MemStats
		runtime.ReadMemStats(&ms)
		size, err := st.Size(ctx)
		if err != nil {
			return err
		}
		fmt.Printf("%-10d %-9s %-9s %-9s %-9s %-8d %-9.1f %-9.1f %-10d %s\n",
			n, pct(lat, 50), pct(lat, 90), pct(lat, 99), lat[len(lat)-1].Round(time.Microsecond), joined,
			float64(ms.HeapInuse)/(1<<20), float64(rss())/(1<<20), size/int64(n), time.Since(start).Round(time.Second))
	}
	return nil
}

// fill adds articles from up to next-1 with parallel savers at once
// (SaveArticle is safe for concurrent use; its transactions are
// serialized, the reading of each text is not): the articles are made in
// order by one producer.
func fill(ctx context.Context, st *store.Store, article func(int) store.Article, from, to, parallel int) error {
	if from >= to {
		return nil
	}
	work := make(chan store.Article, 2*parallel)
	errs := make(chan error, parallel)
	var wg sync.WaitGroup
	for range max(parallel, 1) {
		wg.Go(func() {
			for a := range work {
				if _, err := st.SaveArticle(ctx, a); err != nil {
					errs <- err
					for range work {
					}
					return
				}
			}
		})
	}
	for n := from; n < to && ctx.Err() == nil; n++ {
		select {
		case work <- article(n):
		case err := <-errs:
			close(work)
			wg.Wait()
			return err
		}
	}
	close(work)
	wg.Wait()
	select {
	case err := <-errs:
		return err
	default:
		return ctx.Err()
	}
}

func pct(sorted []time.Duration, p int) string {
	if len(sorted) == 0 {
		return "-"
	}
	return sorted[(len(sorted)-1)*p/100].Round(time.Microsecond).String()
}

// rss is the process's resident set size, from /proc on Linux (0
// elsewhere).
func rss() int64 {
	b, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return 0
	}
	for _, l := range strings.Split(string(b), "\n") {
		if v, ok := strings.CutPrefix(l, "VmRSS:"); ok {
			kb, _ := strconv.ParseInt(strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(v), "kB")), 10, 64)
			return kb << 10
		}
	}
	return 0
}
