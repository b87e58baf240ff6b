package serve

import (
	"context"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/pressclip/pressclip/internal/synthtext"
	"github.com/pressclip/pressclip/store"
)

// save stores one story with its own text; its line names n.
func save(t *testing.T, st *store.Store, n int) int64 {
	t.Helper()
	u := fmt.Sprintf("https://outlet.example/news/%d", n)
	paras := synthtext.New(uint64(n + 1)).Article()
	saved, err := st.SaveArticle(context.Background(), store.Article{Source: "Outlet", Outlet: "Outlet", URL: u, CanonicalURL: u,
		SeenURLs: []string{u}, Title: fmt.Sprintf("Story %d", n), Text: synthtext.Join(paras), PublishedAt: time.Now(), Type: "news",
		Line:     fmt.Sprintf("Outlet reported that story %d happened, according to IOM.", n),
		Mentions: []store.Mention{{Watch: "IOM", Where: "lead", Count: 1, Score: 2, Terms: []string{"IOM"}}}})
	if err != nil {
		t.Fatal(err)
	}
	time.Sleep(5 * time.Millisecond) // found before the next step's clock
	return saved.StoryID
}

// newest reads the newest file an export job wrote.
func newest(t *testing.T, dir string) string {
	t.Helper()
	files, _ := filepath.Glob(filepath.Join(dir, "press-*.txt"))
	if len(files) == 0 {
		t.Fatal("no export file")
	}
	sort.Strings(files)
	b, err := os.ReadFile(files[len(files)-1])
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// TestApprovedExportMarksItsStories: a job of approved stories sends each
// once, and a story approved after a run goes out with the next one.
func TestApprovedExportMarksItsStories(t *testing.T) {
	out := t.TempDir()
	f := newFixture(t, configYAML("https://outlet.example/feed.xml", "0 0 1 1 *", fmt.Sprintf(`exports:
  - name: section
    schedule: '0 7 * * 1-5'
    approved: true
    formats: [text]
    dir: %s
`, out)))
	ctx := t.Context()
	a, b, c := save(t, f.st, 1), save(t, f.st, 2), save(t, f.st, 3)
	f.st.Review(ctx, []int64{a}, store.Review{Status: store.StatusApproved})
	if err := f.srv.RunExport(ctx, "section"); err != nil {
		t.Fatal(err)
	}
	if got := newest(t, out); !strings.Contains(got, "story 1 happened") || strings.Contains(got, "story 2") {
		t.Fatalf("first section:\n%s", got)
	}
	time.Sleep(time.Second) // file names go by the second
	f.st.Review(ctx, []int64{b}, store.Review{Status: store.StatusApproved})
	if err := f.srv.RunExport(ctx, "section"); err != nil {
		t.Fatal(err)
	}
	if got := newest(t, out); !strings.Contains(got, "story 2 happened") || strings.Contains(got, "story 1") || strings.Contains(got, "story 3") {
		t.Errorf("second section, want story 2 only:\n%s", got)
	}
	ss, _ := f.st.StoriesByID(ctx, []int64{a, b, c})
	for _, s := range ss {
		if exported := s.ExportID != 0; exported != (s.ID != c) {
			t.Errorf("story %d: exported %v", s.ID, exported)
		}
	}
}

// TestDigestStartsWhereTheLastRunEnded: a digest of all stories covers
// the time since its last run, however long (a weekend), and no story
// twice.
func TestDigestStartsWhereTheLastRunEnded(t *testing.T) {
	out := t.TempDir()
	f := newFixture(t, configYAML("https://outlet.example/feed.xml", "0 0 1 1 *", fmt.Sprintf(`exports:
  - name: digest
    schedule: '0 7 * * 1-5'
    status: all
    since: 1h
    formats: [text]
    dir: %s
`, out)))
	ctx := t.Context()
	save(t, f.st, 1)
	if err := f.srv.RunExport(ctx, "digest"); err != nil {
		t.Fatal(err)
	}
	if got := newest(t, out); !strings.Contains(got, "story 1 happened") {
		t.Fatalf("first digest:\n%s", got)
	}
	// The last run was three days ago, recorded before the store kept
	// story IDs: the next digest goes by time and covers them all, far
	// beyond its 1 h `since`.
	f.st.RecordExportJob(ctx, "digest", store.ExportJob{At: time.Now().Add(-72 * time.Hour), Through: -1})
	time.Sleep(time.Second)
	if err := f.srv.RunExport(ctx, "digest"); err != nil {
		t.Fatal(err)
	}
	if got := newest(t, out); !strings.Contains(got, "story 1 happened") {
		t.Errorf("a digest after three days lacks their story:\n%s", got)
	}
	save(t, f.st, 2)
	time.Sleep(time.Second)
	if err := f.srv.RunExport(ctx, "digest"); err != nil {
		t.Fatal(err)
	}
	if got := newest(t, out); !strings.Contains(got, "story 2 happened") || strings.Contains(got, "story 1") {
		t.Errorf("the next digest, want story 2 only:\n%s", got)
	}
	if ss, _ := f.st.StoriesByID(ctx, []int64{1}); len(ss) == 1 && ss[0].ExportID != 0 {
		t.Error("a digest marked a story exported")
	}
	// A pass's story takes its time before it commits: one found before
	// the last run but committed after it is the next digest's, not lost
	// between the two.
	late, err := store.Open(ctx, f.db, store.Options{Now: func() time.Time { return time.Now().Add(-10 * time.Minute) }})
	if err != nil {
		t.Fatal(err)
	}
	defer late.Close()
	save(t, late, 3)
	time.Sleep(time.Second)
	if err := f.srv.RunExport(ctx, "digest"); err != nil {
		t.Fatal(err)
	}
	if got := newest(t, out); !strings.Contains(got, "story 3 happened") || strings.Contains(got, "story 2") {
		t.Errorf("a story committed after the run that its time precedes, want story 3 only:\n%s", got)
	}
	// Nothing new: the digest is empty.
	time.Sleep(time.Second)
	if err := f.srv.RunExport(ctx, "digest"); err != nil {
		t.Fatal(err)
	}
	if got := newest(t, out); strings.Contains(got, "happened") {
		t.Errorf("a digest with nothing new:\n%s", got)
	}
}

// TestMissedExportRunsAtStart: serve was down at the job's time; it runs
// the export when it starts.
func TestMissedExportRunsAtStart(t *testing.T) {
	out := t.TempDir()
	f := newFixture(t, configYAML("https://outlet.example/feed.xml", "0 0 1 1 *", fmt.Sprintf(`exports:
  - name: daily
    schedule: '0 7 * * *'
    status: all
    formats: [text]
    dir: %s
  - name: never-ran
    schedule: '0 7 * * *'
    status: all
    formats: [md]
    dir: %s
`, out, out)))
	save(t, f.st, 1)
	f.st.RecordExportJob(t.Context(), "daily", store.ExportJob{At: time.Now().Add(-49 * time.Hour)})
	f.start(t)
	waitFor(t, 5*time.Second, "the catch-up export", func() bool {
		files, _ := filepath.Glob(filepath.Join(out, "press-daily-*.txt"))
		return len(files) == 1
	})
	if files, _ := filepath.Glob(filepath.Join(out, "press-never-ran-*")); len(files) != 0 {
		t.Errorf("a job that never ran was run at start: %v", files)
	}
	if !strings.Contains(f.logs.String(), "catch-up export") {
		t.Errorf("the log does not say why")
	}
}

func TestExportLocation(t *testing.T) {
	f := newFixture(t, configYAML("https://outlet.example/feed.xml", "0 0 1 1 *", ""))
	for spec, want := range map[string]string{
		"CRON_TZ=Europe/Zurich 0 7 * * 1-5": "Europe/Zurich",
		"TZ=Asia/Tokyo 0 7 * * *":           "Asia/Tokyo",
		"0 7 * * *":                         time.Local.String(),
		"@every 1h":                         time.Local.String(),
	} {
		if got := f.srv.location(spec).String(); got != want {
			t.Errorf("location(%q) = %s, want %s", spec, got, want)
		}
	}
}

// TestDigestRunsInterleavedWithAPass: a pass saves stories (their found
// times taken before they commit, some well before) while a digest job
// runs again and again; every story is in exactly one digest.
func TestDigestRunsInterleavedWithAPass(t *testing.T) {
	out := t.TempDir()
	f := newFixture(t, configYAML("https://outlet.example/feed.xml", "0 0 1 1 *", fmt.Sprintf(`exports:
  - name: digest
    schedule: '0 7 * * *'
    status: all
    since: 1h
    formats: [text]
    dir: %s
`, out)))
	ctx := t.Context()
	x := f.srv.o.Exports[0]
	// The pass's store: its clock lags by up to a second, as a found time
	// taken before a slow save does.
	rng := rand.New(rand.NewPCG(13, 13))
	var mu sync.Mutex
	lag := func() time.Time {
		mu.Lock()
		defer mu.Unlock()
		return time.Now().Add(-time.Duration(rng.IntN(1000)) * time.Millisecond)
	}
	pass, err := store.Open(ctx, f.db, store.Options{Now: lag})
	if err != nil {
		t.Fatal(err)
	}
	defer pass.Close()
	const n = 60
	done := make(chan struct{})
	go func() {
		defer close(done)
		for i := range n {
			save(t, pass, 1000+i)
		}
	}()
	seen := map[int64]int{}
	pause := rand.New(rand.NewPCG(7, 7)) // the runs' own: rng is the pass's
	run := func() {
		now := time.Now()
		_, items, through, err := f.srv.section(ctx, x, now)
		if err != nil {
			t.Fatal(err)
		}
		for _, it := range items {
			seen[it.ID]++
		}
		if err := f.st.RecordExportJob(ctx, x.Name, store.ExportJob{At: now, Through: through}); err != nil {
			t.Fatal(err)
		}
	}
	for finished := false; !finished; {
		select {
		case <-done:
			finished = true
		default:
			time.Sleep(time.Duration(pause.IntN(8)) * time.Millisecond)
		}
		run()
	}
	run()
	all, err := f.st.Stories(ctx, store.Filter{IncludeLow: true})
	if err != nil {
		t.Fatal(err)
	}
	if len(all) != n {
		t.Fatalf("%d stories saved, want %d", len(all), n)
	}
	for _, st := range all {
		if seen[st.ID] != 1 {
			t.Errorf("story %d is in %d digests, want 1", st.ID, seen[st.ID])
		}
	}
}

// TestApprovedJobKeepsNoWatermark: a job of approved stories records no
// story watermark, so that made a digest it starts by time.
func TestApprovedJobKeepsNoWatermark(t *testing.T) {
	out := t.TempDir()
	f := newFixture(t, configYAML("https://outlet.example/feed.xml", "0 0 1 1 *", fmt.Sprintf(`exports:
  - name: section
    schedule: '0 7 * * *'
    approved: true
    formats: [text]
    dir: %s
`, out)))
	save(t, f.st, 1)
	if err := f.srv.RunExport(t.Context(), "section"); err != nil {
		t.Fatal(err)
	}
	job, ok, err := f.st.ExportJobRun(t.Context(), "section")
	if err != nil || !ok || job.Through != -1 {
		t.Errorf("the approved job's record: %+v %v %v, want no watermark (-1)", job, ok, err)
	}
}
