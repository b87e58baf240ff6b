package store

import (
	"fmt"
	neturl "net/url"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/pressclip/pressclip/internal/dbtest"
)

// twoStores opens two stores on one fresh PostgreSQL schema, as two
// workers on two machines have.
func twoStores(t *testing.T) (*Store, *Store) {
	t.Helper()
	url := dbtest.Schema(t, dbtest.Postgres(t))
	a, err := Open(t.Context(), url, Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { a.Close() })
	b, err := Open(t.Context(), url, Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { b.Close() })
	return a, b
}

func TestSharedPass(t *testing.T) {
	s, _ := openTest(t)
	ctx := t.Context()
	p, err := s.StartSharedPass(ctx, "cron 10:05", []string{"B", "A", "C"})
	if err != nil {
		t.Fatal(err)
	}
	if !p.Started || !slices.Equal(p.Queued, []string{"A", "B", "C"}) {
		t.Fatalf("first worker: %+v", p)
	}
	// A second worker joins the same pass, whatever sources it was given.
	q, err := s.StartSharedPass(ctx, "cron 10:05", []string{"A"})
	if err != nil {
		t.Fatal(err)
	}
	if q.Started || q.RunID != p.RunID || len(q.Queued) != 3 {
		t.Fatalf("second worker: %+v, want to join run %d", q, p.RunID)
	}
	rec := func(src, state string, items int) (bool, bool) {
		t.Helper()
		r, f, err := s.RecordPassSource(ctx, p.RunID, src, SourceOutcome{State: state, NewItems: items, NewMentions: items, Worker: "w"})
		if err != nil {
			t.Fatal(err)
		}
		return r, f
	}
	if r, f := rec("A", PassOK, 3); !r || f {
		t.Fatalf("A: recorded %v finished %v", r, f)
	}
	if r, _ := rec("A", PassFailed, 9); r {
		t.Fatal("A was recorded twice")
	}
	if done, _ := s.SourceDone(ctx, p.RunID, "A"); !done {
		t.Error("A not done")
	}
	rec("B", PassFailed, 0)
	if fin, _ := s.RunFinished(ctx, p.RunID); fin {
		t.Fatal("run finished with C queued")
	}
	if r, f := rec("C", PassSkipped, 0); !r || !f {
		t.Fatalf("C: recorded %v finished %v, want the run finished", r, f)
	}
	run, err := s.Run(ctx, p.RunID)
	if err != nil {
		t.Fatal(err)
	}
	if run.Finished.IsZero() || run.SourcesOK != 1 || run.SourcesFailed != 1 || run.SourcesSkipped != 1 || run.NewItems != 3 || run.NewMentions != 3 {
		t.Errorf("run: %+v", run)
	}
	// A pass over nothing is finished at once.
	e, err := s.StartSharedPass(ctx, "empty", nil)
	if err != nil {
		t.Fatal(err)
	}
	if fin, _ := s.RunFinished(ctx, e.RunID); !fin {
		t.Error("an empty pass is not finished")
	}
	// A name used again joins the finished pass: nothing queued.
	again, err := s.StartSharedPass(ctx, "cron 10:05", []string{"A", "B"})
	if err != nil || again.Started || !again.Finished || len(again.Queued) != 0 {
		t.Errorf("the same name again = %+v, %v; want the finished pass", again, err)
	}
}

// TestSharedPassesDoNotOverlap: a pass opened while another still has
// sources queued (it overran its schedule) leaves those out; the next
// worker to start finds every unfinished pass's queued sources.
func TestSharedPassesDoNotOverlap(t *testing.T) {
	s, _ := openTest(t)
	ctx := t.Context()
	first, err := s.StartSharedPass(ctx, "10:00", []string{"A", "B", "C"})
	if err != nil {
		t.Fatal(err)
	}
	if _, _, err := s.RecordPassSource(ctx, first.RunID, "A", SourceOutcome{State: PassOK}); err != nil {
		t.Fatal(err)
	}
	second, err := s.StartSharedPass(ctx, "10:30", []string{"A", "B", "C", "D"})
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(second.Queued, []string{"A", "D"}) || second.Elsewhere != 2 {
		t.Errorf("second pass: %+v, want A and D (B and C are the first's)", second)
	}
	open, err := s.UnfinishedPasses(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(open[first.RunID], []string{"B", "C"}) || !slices.Equal(open[second.RunID], []string{"A", "D"}) || len(open) != 2 {
		t.Errorf("unfinished passes: %v", open)
	}
}

// TestPruneTakesThePassesBookkeeping: pruned runs take their shared
// passes' sources and names with them.
func TestPruneTakesThePassesBookkeeping(t *testing.T) {
	s, c := openTest(t)
	ctx := t.Context()
	p, err := s.StartSharedPass(ctx, "old", []string{"A"})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.ClaimOnce(ctx, "export weekly at old"); err != nil {
		t.Fatal(err)
	}
	c.advance(400 * 24 * time.Hour)
	if _, err := s.Prune(ctx, Retention{Runs: 365 * 24 * time.Hour}); err != nil {
		t.Fatal(err)
	}
	var n int
	if err := s.rdb.QueryRowContext(ctx, `SELECT (SELECT COUNT(*) FROM run_sources) + (SELECT COUNT(*) FROM cluster_passes) + (SELECT COUNT(*) FROM cluster_once)`).Scan(&n); err != nil {
		t.Fatal(err)
	}
	if n != 0 {
		t.Errorf("%d rows of pruned run %d's bookkeeping left", n, p.RunID)
	}
}

func TestClaimURLs(t *testing.T) {
	a, b := twoStores(t)
	ctx := t.Context()
	urls := []string{"https://x.example/1", "https://x.example/2", "https://x.example/3"}
	got, err := a.ClaimURLs(ctx, urls[:2], "worker-a", time.Minute)
	if err != nil || !slices.Equal(got, urls[:2]) {
		t.Fatalf("a's claim = %v, %v", got, err)
	}
	got, err = b.ClaimURLs(ctx, urls, "worker-b", time.Second)
	if err != nil || !slices.Equal(got, urls[2:]) {
		t.Fatalf("b's claim = %v, %v; want only the one a did not claim", got, err)
	}
	// Claiming again is the owner's right (a job retried by its worker).
	if got, _ := a.ClaimURLs(ctx, urls[:1], "worker-a", time.Minute); len(got) != 1 {
		t.Error("a could not claim its own URL again")
	}
	// b's claim runs out (its worker died): a takes the URL.
	time.Sleep(1100 * time.Millisecond)
	if got, _ := a.ClaimURLs(ctx, urls[2:], "worker-a", time.Minute); len(got) != 1 {
		t.Error("a could not take over b's run-out claim")
	}
	// A list with a URL twice claims it once.
	if got, err := a.ClaimURLs(ctx, []string{"https://x.example/9", "https://x.example/9"}, "worker-a", time.Minute); err != nil || len(got) != 1 {
		t.Errorf("a URL listed twice: %v, %v", got, err)
	}
	// Two workers claiming one long list in opposite orders never
	// deadlock (the rows are locked in one order).
	var many []string
	for i := range 400 {
		many = append(many, fmt.Sprintf("https://y.example/%d", i))
	}
	backwards := slices.Clone(many)
	slices.Reverse(backwards)
	for round := range 10 {
		var wg sync.WaitGroup
		for i, list := range [][]string{many, backwards} {
			st := []*Store{a, b}[i]
			wg.Go(func() {
				if _, err := st.ClaimURLs(ctx, list, fmt.Sprintf("worker-%d-%d", i, round), time.Millisecond); err != nil {
					t.Errorf("round %d: %v", round, err)
				}
			})
		}
		wg.Wait()
		time.Sleep(2 * time.Millisecond)
	}
	// SQLite: one process, every URL its own.
	s, _ := openTest(t)
	if !s.Postgres() {
		if got, _ := s.ClaimURLs(ctx, urls, "w", time.Minute); !slices.Equal(got, urls) {
			t.Errorf("SQLite claim = %v", got)
		}
	}
}

// TestHostTurnsAcrossWorkers: two workers (stores) taking turns on one
// host at once start their requests at least the gap apart, by the
// server's clock.
func TestHostTurnsAcrossWorkers(t *testing.T) {
	a, b := twoStores(t)
	const gap = 40 * time.Millisecond
	const each = 8
	var mu sync.Mutex
	var starts []time.Time
	var wg sync.WaitGroup
	for _, s := range []*Store{a, b, a, b} {
		wg.Go(func() {
			for range each {
				wait, err := s.HostTurn(t.Context(), "outlet.example", gap)
				if err != nil {
					t.Error(err)
					return
				}
				time.Sleep(wait)
				mu.Lock()
				starts = append(starts, time.Now())
				mu.Unlock()
			}
		})
	}
	wg.Wait()
	slices.SortFunc(starts, func(x, y time.Time) int { return x.Compare(y) })
	// The turns are gap apart on the server; a request starts after a
	// round trip and a timer, which a loaded machine delays: two starts
	// may come closer than the gap, but never together (without shared
	// turns the four takers start at once), and the whole takes the gaps.
	for i := 1; i < len(starts); i++ {
		if d := starts[i].Sub(starts[i-1]); d < gap/4 {
			t.Errorf("requests %d and %d started %v apart, want about %v", i, i+1, d, gap)
		}
	}
	if total, want := starts[len(starts)-1].Sub(starts[0]), time.Duration(4*each-1)*gap; total < want-gap {
		t.Errorf("%d turns took %v, want at least %v", 4*each, total, want)
	}
	// Another host has turns of its own at once.
	if w, err := a.HostTurn(t.Context(), "other.example", gap); err != nil || w != 0 {
		t.Errorf("a new host's first turn waits %v (%v), want none", w, err)
	}
}

// TestCopiesSavedAtOnceByTwoWorkers: two workers saving copies of one
// story at the same moment end with one story — the write lock makes the
// second see the first's copy — in every one of many rounds.
func TestCopiesSavedAtOnceByTwoWorkers(t *testing.T) {
	a, b := twoStores(t)
	ctx := t.Context()
	const rounds = 40
	for r := range rounds {
		text := body(fmt.Sprintf("round%d", r), 200)
		var wg sync.WaitGroup
		for i, s := range []*Store{a, b} {
			wg.Go(func() {
				url := fmt.Sprintf("https://outlet%d.example/%d", i, r)
				if _, err := s.SaveArticle(ctx, article(fmt.Sprintf("Outlet %d", i), url, text, time.Time{})); err != nil {
					t.Error(err)
				}
			})
		}
		wg.Wait()
	}
	var stories, articles int
	if err := a.rdb.QueryRowContext(ctx, `SELECT (SELECT COUNT(*) FROM stories), (SELECT COUNT(*) FROM articles)`).Scan(&stories, &articles); err != nil {
		t.Fatal(err)
	}
	if stories != rounds || articles != 2*rounds {
		t.Errorf("%d stories of %d articles, want %d of %d", stories, articles, rounds, 2*rounds)
	}
}

// TestClaimOnce: a firing every worker's schedule fires is claimed by
// the first of them only, on either backend.
func TestClaimOnce(t *testing.T) {
	s, _ := openTest(t)
	ctx := t.Context()
	for i, want := range []bool{true, false, false} {
		got, err := s.ClaimOnce(ctx, "export weekly at 2026-12-07T08:00Z")
		if err != nil || got != want {
			t.Errorf("claim %d = %v, %v; want %v", i+1, got, err, want)
		}
	}
	if got, _ := s.ClaimOnce(ctx, "export weekly at 2026-12-14T08:00Z"); !got {
		t.Error("the next firing could not be claimed")
	}
}

// TestSchemaBeforeAnother: a pressclip schema first on the search path is
// set up even when a schema after it (public) holds a pressclip database:
// the two never mix.
func TestSchemaBeforeAnother(t *testing.T) {
	base := dbtest.Postgres(t)
	behind := dbtest.Schema(t, base)
	b, err := Open(t.Context(), behind, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer b.Close()
	if _, err := b.SaveArticle(t.Context(), article("Alpha", "https://alpha.example/1", body("a", 100), time.Time{})); err != nil {
		t.Fatal(err)
	}
	// A new schema first, the old one behind it on the path.
	front := dbtest.Schema(t, base)
	u, _ := neturl.Parse(front)
	q := u.Query()
	q.Set("search_path", q.Get("search_path")+","+strings.Split(mustQuery(t, behind, "search_path"), ",")[0])
	u.RawQuery = q.Encode()
	f, err := Open(t.Context(), u.String(), Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if n, err := f.CountArticles(t.Context()); err != nil || n != 0 {
		t.Errorf("the new schema sees %d articles (%v): it is the one behind it", n, err)
	}
}

func mustQuery(t *testing.T, rawURL, key string) string {
	t.Helper()
	u, err := neturl.Parse(rawURL)
	if err != nil {
		t.Fatal(err)
	}
	return u.Query().Get(key)
}
