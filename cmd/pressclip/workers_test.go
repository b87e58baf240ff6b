package main

import (
	"bytes"
	"database/sql"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/pressclip/pressclip/internal/dbtest"
	"github.com/pressclip/pressclip/store"
)

// manyOutlets serves n feeds (/feed/I.xml, each answering after delay)
// of one story each (/story/I.html, every one mentioning IOM in words of
// its own; every tenth feed also lists /story/common.html) and counts the
// requests for each path.
func manyOutlets(t *testing.T, n int, delay time.Duration) (*httptest.Server, *sync.Map) {
	t.Helper()
	var hits sync.Map // path → *atomic.Int64
	var srv *httptest.Server
	srv = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		c, _ := hits.LoadOrStore(r.URL.Path, new(atomic.Int64))
		c.(*atomic.Int64).Add(1)
		var i int
		switch {
		case strings.HasPrefix(r.URL.Path, "/feed/"):
			if _, err := fmt.Sscanf(r.URL.Path, "/feed/%d.xml", &i); err != nil || i >= n {
				http.NotFound(w, r)
				return
			}
			time.Sleep(delay)
			pub := time.Now().UTC().Add(-time.Hour).Format(http.TimeFormat)
			common := ""
			if i%10 == 0 {
				common = fmt.Sprintf(`<item><title>Common story</title><link>%s/story/common.html</link><pubDate>%s</pubDate></item>`, srv.URL, pub)
			}
			fmt.Fprintf(w, `<?xml version="1.0"?><rss version="2.0"><channel><title>Outlet %d</title>
<item><title>Story %d</title><link>%s/story/%d.html</link><pubDate>%s</pubDate></item>%s</channel></rss>`, i, i, srv.URL, i, pub, common)
		case r.URL.Path == "/story/common.html":
			fmt.Fprint(w, `<html><head><title>Common story</title></head><body><article>
<p>A story that many outlets list: the International Organization for Migration (IOM) opened a reception centre on the northern border.</p>
<p>The centre has beds for four hundred people and a clinic, the agency said on Tuesday, and a school for the children who stay.</p>
</article></body></html>`)
		case strings.HasPrefix(r.URL.Path, "/story/"):
			if _, err := fmt.Sscanf(r.URL.Path, "/story/%d.html", &i); err != nil || i >= n {
				http.NotFound(w, r)
				return
			}
			fmt.Fprintf(w, `<html><head><title>Story %[1]d</title></head><body><article>
<p>Story %[1]d: on day %[1]d, %[2]d people were counted at crossing %[1]d this week, according to the International Organization for Migration (IOM).</p>
<p>Officials at crossing %[1]d said arrivals had grown %[1]d weeks running, with family groups %[2]d strong.</p>
<p>Aid groups at crossing %[1]d asked for shelter space %[1]d, blankets %[2]d and medical staff %[1]d before winter.</p>
</article></body></html>`, i, 1000+i)
		default:
			http.NotFound(w, r)
		}
	}))
	t.Cleanup(srv.Close)
	return srv, &hits
}

// outletsConfig writes the config of n sources on srv (manyOutlets), with
// more config after the organization, and returns its path.
func outletsConfig(t *testing.T, srv *httptest.Server, n int, more, fetch string) string {
	t.Helper()
	var sources strings.Builder
	for i := range n {
		fmt.Fprintf(&sources, "  - name: Outlet %03d\n    url: %s/feed/%d.xml\n", i, srv.URL, i)
	}
	return writeFile(t, t.TempDir(), "config.yaml", fmt.Sprintf(`organization:
  name: International Organization for Migration
  aliases: [IOM]
%ssources:
%sfetch:
  %s
  host_delay: 1ms
  allow_private_networks: [127.0.0.1/32]
`, more, sources.String(), fetch))
}

func hitCount(hits *sync.Map, path string) int64 {
	if c, ok := hits.Load(path); ok {
		return c.(*atomic.Int64).Load()
	}
	return 0
}

// TestWorkersShareAPassAndSurviveAKill (issue 19): three worker processes
// against one PostgreSQL and 300 loopback sources; one is killed (SIGKILL)
// mid-pass. Every source is fetched once — but for those the killed
// worker had in hand, which another worker fetches again after the lease
// — no story is duplicated, no mention lost, the run is finished with
// every source counted, and every job is completed.
func TestWorkersShareAPassAndSurviveAKill(t *testing.T) {
	if testing.Short() {
		t.Skip("starts processes")
	}
	base := dbtest.Postgres(t)
	url := dbtest.Schema(t, base)
	const n = 300
	srv, hits := manyOutlets(t, n, 40*time.Millisecond)
	cfg := outletsConfig(t, srv, n, "", "concurrency: 2\n  per_host: 16")

	// Each worker fetches 4 × concurrency = 8 sources at once.
	const perWorker = 8
	type proc struct {
		cmd  *exec.Cmd
		out  bytes.Buffer
		done chan error
	}
	start := func() *proc {
		p := &proc{done: make(chan error, 1)}
		p.cmd = exec.Command(os.Args[0], "fetch", "--worker", "--pass", "test pass", "--lease", "3s", "--config", cfg)
		p.cmd.Env = append(os.Environ(), "PRESSCLIP_TEST_MAIN=1", "PRESSCLIP_DATABASE_URL="+url)
		p.cmd.Stdout, p.cmd.Stderr = &p.out, &p.out
		if err := p.cmd.Start(); err != nil {
			t.Fatal(err)
		}
		go func() { p.done <- p.cmd.Wait() }()
		return p
	}
	began := time.Now()
	workers := []*proc{start(), start(), start()}
	// Kill the first once the pass is well under way.
	deadline := time.Now().Add(60 * time.Second)
	for {
		fetched := 0
		for i := range n {
			if hitCount(hits, fmt.Sprintf("/feed/%d.xml", i)) > 0 {
				fetched++
			}
		}
		if fetched >= 60 {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("the workers fetched %d sources in a minute:\n%s\n%s\n%s", fetched, &workers[0].out, &workers[1].out, &workers[2].out)
		}
		time.Sleep(20 * time.Millisecond)
	}
	if err := workers[0].cmd.Process.Kill(); err != nil {
		t.Fatal(err)
	}
	<-workers[0].done
	killedAt := time.Since(began)
	for i, w := range workers[1:] {
		select {
		case err := <-w.done:
			if err != nil {
				t.Fatalf("worker %d: %v\n%s", i+2, err, &w.out)
			}
		case <-time.After(3 * time.Minute):
			w.cmd.Process.Kill()
			t.Fatalf("worker %d did not finish the pass:\n%s", i+2, &w.out)
		}
		if !strings.Contains(w.out.String(), "done by the workers: 300 sources read, 0 failed") {
			t.Errorf("worker %d's report:\n%s", i+2, &w.out)
		}
	}
	t.Logf("killed worker 1 after %v; the pass ended after %v", killedAt.Round(time.Millisecond), time.Since(began).Round(time.Millisecond))

	// Every source fetched, once but for the killed worker's in hand.
	twice := 0
	for i := range n {
		switch c := hitCount(hits, fmt.Sprintf("/feed/%d.xml", i)); {
		case c == 0:
			t.Errorf("source %d never fetched", i)
		case c == 2:
			twice++
		case c > 2:
			t.Errorf("source %d fetched %d times", i, c)
		}
		if c := hitCount(hits, fmt.Sprintf("/story/%d.html", i)); c == 0 || c > 2 {
			t.Errorf("story %d's page fetched %d times", i, c)
		}
	}
	// The article thirty sources list is read by one worker: the first to
	// claim it (a second read only if the killed worker held the claim).
	if c := hitCount(hits, "/story/common.html"); c < 1 || c > 2 {
		t.Errorf("the article %d sources list was fetched %d times", n/10, c)
	} else {
		t.Logf("the article %d sources list was fetched %d time(s)", n/10, c)
	}
	if twice > perWorker {
		t.Errorf("%d sources fetched twice; only the killed worker's %d in hand may be", twice, perWorker)
	}
	t.Logf("%d sources fetched twice (in the killed worker's hands)", twice)

	st, err := store.Open(t.Context(), url, store.Options{MustExist: true})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	if err := st.Check(t.Context()); err != nil {
		t.Error(err)
	}
	stories, err := st.Stories(t.Context(), store.Filter{})
	if err != nil {
		t.Fatal(err)
	}
	if len(stories) != n+1 {
		t.Errorf("%d stories, want %d (one per source and the common one, none duplicated)", len(stories), n+1)
	}
	runs, err := st.Runs(t.Context(), 5)
	if err != nil {
		t.Fatal(err)
	}
	// The run counts what the workers that recorded a source found: the
	// articles the killed worker kept before it died are in the database
	// (checked below) but not in the run's count of new mentions.
	if len(runs) != 1 || runs[0].Finished.IsZero() || runs[0].SourcesOK != n || runs[0].NewMentions < n+1-perWorker {
		t.Errorf("runs: %+v, want one finished with %d sources read and %d mentions (less the killed worker's)", runs, n, n)
	}

	db, err := sql.Open("pgx", url)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	for _, c := range []struct {
		what string
		q    string
		want int
	}{
		{"articles", `SELECT COUNT(*) FROM articles`, n + 1},
		{"distinct canonical URLs", `SELECT COUNT(DISTINCT canonical_url) FROM articles`, n + 1},
		{"mentions", `SELECT COUNT(*) FROM mentions`, n + 1},
		{"seen URLs", `SELECT COUNT(*) FROM seen_urls`, n + 1},
		{"sources recorded", `SELECT COUNT(*) FROM run_sources WHERE state = 'ok'`, n},
		{"jobs completed", `SELECT COUNT(*) FROM river_job WHERE kind = 'pressclip_source' AND state = 'completed'`, n},
		{"jobs not completed", `SELECT COUNT(*) FROM river_job WHERE kind = 'pressclip_source' AND state <> 'completed'`, 0},
		{"articles without their story", `SELECT COUNT(*) FROM articles a LEFT JOIN stories s ON s.id = a.story_id WHERE s.id IS NULL`, 0},
	} {
		var got int
		if err := db.QueryRow(c.q).Scan(&got); err != nil {
			t.Fatalf("%s: %v", c.what, err)
		}
		if got != c.want {
			t.Errorf("%s: %d, want %d", c.what, got, c.want)
		}
	}
}

// TestServeWorkersShareTheSchedule (issue 19): two `serve --worker`
// processes on one PostgreSQL start together on a new database; each
// schedule's overdue pass is opened once for the cluster (not once per
// worker), both work its sources, every source is fetched once, and each
// worker's /healthz and /metrics show the cluster's queue.
func TestServeWorkersShareTheSchedule(t *testing.T) {
	if testing.Short() {
		t.Skip("starts processes")
	}
	url := dbtest.Schema(t, dbtest.Postgres(t))
	const n = 60
	srv, hits := manyOutlets(t, n, 20*time.Millisecond)
	cfg := outletsConfig(t, srv, n, "schedule: \"0 6 * * *\"\n", "concurrency: 2\n  per_host: 16")
	type proc struct {
		cmd  *exec.Cmd
		out  lockedBuffer
		done chan error
	}
	var procs []*proc
	for range 2 {
		p := &proc{done: make(chan error, 1)}
		p.cmd = exec.Command(os.Args[0], "serve", "--worker", "--listen", "127.0.0.1:0", "--config", cfg)
		p.cmd.Env = append(os.Environ(), "PRESSCLIP_TEST_MAIN=1", "PRESSCLIP_DATABASE_URL="+url)
		p.cmd.Stdout, p.cmd.Stderr = &p.out, &p.out
		if err := p.cmd.Start(); err != nil {
			t.Fatal(err)
		}
		go func() { p.done <- p.cmd.Wait() }()
		procs = append(procs, p)
	}
	defer func() {
		for _, p := range procs {
			p.cmd.Process.Kill()
		}
	}()
	db, err := sql.Open("pgx", url)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	// The catch-up pass (the schedule's last firing was missed: nothing
	// was ever fetched) is finished by the two.
	deadline := time.Now().Add(90 * time.Second)
	for {
		var finished int
		db.QueryRow(`SELECT COUNT(*) FROM runs WHERE finished_at IS NOT NULL`).Scan(&finished)
		if finished > 0 {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("no pass finished:\n%s\n%s", &procs[0].out, &procs[1].out)
		}
		time.Sleep(100 * time.Millisecond)
	}
	var runs, sourcesOK, workers int
	if err := db.QueryRow(`SELECT COUNT(*), MAX(sources_ok) FROM runs`).Scan(&runs, &sourcesOK); err != nil {
		t.Fatal(err)
	}
	if runs != 1 || sourcesOK != n {
		t.Errorf("%d passes (want 1 for the cluster), %d sources read (want %d)", runs, sourcesOK, n)
	}
	if err := db.QueryRow(`SELECT COUNT(DISTINCT worker) FROM run_sources`).Scan(&workers); err != nil {
		t.Fatal(err)
	}
	t.Logf("the pass's %d sources were fetched by %d workers", n, workers)
	for i := range n {
		if c := hitCount(hits, fmt.Sprintf("/feed/%d.xml", i)); c != 1 {
			t.Errorf("source %d fetched %d times, want once", i, c)
		}
	}
	for i, p := range procs {
		var addr string
		for _, line := range strings.Split(p.out.String(), "\n") {
			if _, a, ok := strings.Cut(line, "listening on http://"); ok {
				addr = strings.TrimSpace(a)
			}
		}
		if addr == "" {
			t.Fatalf("worker %d gave no address:\n%s", i+1, &p.out)
		}
		// River marks a job completed a moment after its work returns.
		h := httpGet(t, "http://"+addr+"/healthz")
		for end := time.Now().Add(10 * time.Second); !strings.Contains(h, `"completed":60}`) && time.Now().Before(end); {
			time.Sleep(100 * time.Millisecond)
			h = httpGet(t, "http://"+addr+"/healthz")
		}
		if !strings.Contains(h, `"jobs":{"completed":60}`) {
			t.Errorf("worker %d's /healthz lacks the cluster's jobs: %s", i+1, h)
		}
		if m := httpGet(t, "http://"+addr+"/metrics"); !strings.Contains(m, `pressclip_cluster_jobs{state="completed"} 60`) {
			t.Errorf("worker %d's /metrics lack the cluster's jobs", i+1)
		}
	}
	for i, p := range procs {
		p.cmd.Process.Signal(os.Interrupt)
		select {
		case err := <-p.done:
			if err != nil {
				t.Errorf("worker %d: %v\n%s", i+1, err, &p.out)
			}
		case <-time.After(20 * time.Second):
			t.Errorf("worker %d did not stop on SIGINT", i+1)
		}
	}
}

func httpGet(t *testing.T, url string) string {
	t.Helper()
	resp, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var b bytes.Buffer
	b.ReadFrom(resp.Body)
	return b.String()
}

// TestAStoppedWorkerHandsItsSourcesBack: a worker stopped by SIGINT
// mid-pass records none of the sources it had in hand (their fetches were
// cancelled, not failed): River gives their jobs back, and a second
// worker finishes the pass with every source read.
func TestAStoppedWorkerHandsItsSourcesBack(t *testing.T) {
	if testing.Short() {
		t.Skip("starts processes")
	}
	url := dbtest.Schema(t, dbtest.Postgres(t))
	const n = 8
	srv, hits := manyOutlets(t, n, 1500*time.Millisecond)
	cfg := outletsConfig(t, srv, n, "", "concurrency: 1\n  per_host: 8")
	worker := func() (*exec.Cmd, *lockedBuffer) {
		var out lockedBuffer
		cmd := exec.Command(os.Args[0], "fetch", "--worker", "--pass", "stopped", "--lease", "20s", "--config", cfg)
		cmd.Env = append(os.Environ(), "PRESSCLIP_TEST_MAIN=1", "PRESSCLIP_DATABASE_URL="+url)
		cmd.Stdout, cmd.Stderr = &out, &out
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		return cmd, &out
	}
	a, aOut := worker()
	deadline := time.Now().Add(30 * time.Second)
	for inHand := 0; inHand < 2; {
		inHand = 0
		for i := range n {
			if hitCount(hits, fmt.Sprintf("/feed/%d.xml", i)) > 0 {
				inHand++
			}
		}
		if time.Now().After(deadline) {
			a.Process.Kill()
			t.Fatalf("the worker fetched nothing:\n%s", aOut)
		}
		time.Sleep(20 * time.Millisecond)
	}
	a.Process.Signal(os.Interrupt)
	stopped := time.Now()
	if err := a.Wait(); err != nil {
		t.Fatalf("the stopped worker: %v\n%s", err, aOut)
	}
	if took := time.Since(stopped); took > 12*time.Second {
		t.Errorf("the worker took %v to stop", took)
	}
	db, err := sql.Open("pgx", url)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var failed int
	if err := db.QueryRow(`SELECT COUNT(*) FROM run_sources WHERE state <> 'queued' AND state <> 'ok'`).Scan(&failed); err != nil {
		t.Fatal(err)
	}
	if failed != 0 {
		t.Errorf("the stopped worker recorded %d sources as failed or skipped:\n%s", failed, aOut)
	}
	b, bOut := worker()
	if err := b.Wait(); err != nil {
		t.Fatalf("the second worker: %v\n%s", err, bOut)
	}
	if !strings.Contains(bOut.String(), fmt.Sprintf("%d sources read, 0 failed", n)) {
		t.Errorf("the second worker's report:\n%s", bOut)
	}
}
