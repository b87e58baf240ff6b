package store

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/pressclip/pressclip/internal/dbtest"
)

// clock is a settable test clock.
type clock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *clock) now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

func (c *clock) advance(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.t = c.t.Add(d)
}

func openTest(t *testing.T) (*Store, *clock) {
	t.Helper()
	c := &clock{t: time.Date(2026, 11, 25, 8, 0, 0, 0, time.UTC)}
	s, err := Open(t.Context(), dbtest.Target(t, "test.db"), Options{Now: c.now})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s, c
}

// body makes an article text of n distinct words, seeded so that two
// seeds give two different stories.
func body(seed string, n int) string {
	var b strings.Builder
	for i := range n {
		fmt.Fprintf(&b, "%s%d ", seed, i)
		if i%12 == 11 {
			b.WriteString("IOM said.\n\n")
		}
	}
	return b.String()
}

func article(source, url, text string, published time.Time) Article {
	return Article{
		Source: source, Outlet: source, URL: url, CanonicalURL: url, SeenURLs: []string{url},
		Title: "Title of " + url, Text: text, PublishedAt: published, Type: "news", Line: source + " reported that " + url + ".",
		Mentions: []Mention{{Watch: "IOM", Where: "lead", Count: 2, Score: 4, Terms: []string{"IOM"}, Snippet: "…IOM said…"}},
	}
}

func TestOpenSetsWALAndSchema(t *testing.T) {
	s, _ := openTest(t)
	mode := "wal"
	if !s.Postgres() {
		if err := s.db.QueryRow("PRAGMA journal_mode").Scan(&mode); err != nil {
			t.Fatal(err)
		}
	}
	version, err := s.SchemaVersion(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	ms, err := loadMigrations()
	if err != nil {
		t.Fatal(err)
	}
	if latest := ms[len(ms)-1].version; mode != "wal" || version != latest {
		t.Errorf("got journal_mode=%s user_version=%d, want wal and %d", mode, version, latest)
	}
	if err := s.Check(t.Context()); err != nil {
		t.Error(err)
	}
}

// TestOpenConcurrentlyOnANewFile opens one new file from several
// connections at once, as a cron fetch and a reader started in the same
// second do: each migration is applied once and every Open succeeds.
func TestOpenConcurrentlyOnANewFile(t *testing.T) {
	for round := 0; round < 5; round++ {
		path := filepath.Join(t.TempDir(), "new.db")
		var wg sync.WaitGroup
		errs := make(chan error, 6)
		for i := 0; i < 6; i++ {
			wg.Add(1)
			go func() {
				defer wg.Done()
				s, err := Open(t.Context(), path, Options{})
				if err != nil {
					errs <- err
					return
				}
				errs <- s.Close()
			}()
		}
		wg.Wait()
		close(errs)
		for err := range errs {
			if err != nil {
				t.Fatalf("round %d: %v", round, err)
			}
		}
	}
}

func TestOpenRefusesWhatIsNotADatabase(t *testing.T) {
	dir := t.TempDir()
	tests := []struct {
		name    string
		setup   func(path string)
		wantErr error
		want    string
	}{
		{"random bytes are refused and left untouched", func(p string) { os.WriteFile(p, []byte("this is my thesis, not a database\x00\x01"), 0o644) }, ErrNotDatabase, ""},
		{"a directory is refused", func(p string) { os.Mkdir(p, 0o755) }, nil, "is a directory"},
		{"a missing directory is refused", nil, nil, "does not exist"},
	}
	for i, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path := filepath.Join(dir, fmt.Sprintf("case%d.db", i))
			if tt.setup == nil {
				path = filepath.Join(dir, "missing", "x.db")
			} else {
				tt.setup(path)
			}
			before, _ := os.ReadFile(path)
			s, err := Open(t.Context(), path, Options{})
			if err == nil {
				s.Close()
				t.Fatal("got no error")
			}
			if tt.wantErr != nil && !errors.Is(err, tt.wantErr) {
				t.Errorf("got %v, want %v", err, tt.wantErr)
			}
			if tt.want != "" && !strings.Contains(err.Error(), tt.want) {
				t.Errorf("got %v, want it to say %q", err, tt.want)
			}
			after, _ := os.ReadFile(path)
			if !bytes.Equal(before, after) {
				t.Error("the file was modified")
			}
			if _, err := os.Stat(path + "-wal"); err == nil {
				t.Error("a -wal file was created beside it")
			}
		})
	}
}

func TestOpenRefusesANewerSchema(t *testing.T) {
	path := filepath.Join(t.TempDir(), "new.db")
	s, err := Open(t.Context(), path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.db.Exec("PRAGMA user_version = 99"); err != nil {
		t.Fatal(err)
	}
	s.Close()
	if _, err := Open(t.Context(), path, Options{}); !errors.Is(err, ErrNewerSchema) {
		t.Errorf("got %v, want ErrNewerSchema", err)
	}
}

func TestSaveArticleDeduplicates(t *testing.T) {
	s, c := openTest(t)
	ctx := t.Context()
	day := time.Date(2026, 11, 24, 9, 0, 0, 0, time.UTC)
	wire := body("wire", 80)

	first, err := s.SaveArticle(ctx, article("Harbour Ledger", "https://harbour.example/a", wire, day.Add(time.Hour)))
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name    string
		a       Article
		outcome Outcome
		story   int64 // 0: a new story
	}{
		{"the same URL and text is unchanged", article("Harbour Ledger", "https://harbour.example/a", wire, day.Add(time.Hour)), SavedUnchanged, first.StoryID},
		{"the same text at another URL joins the story", article("The Meridian Post", "https://meridian.example/b", wire+"\n\n", day.Add(2*time.Hour)), SavedJoined, first.StoryID},
		{"the same text differently spaced and cased joins the story", article("Third", "https://third.example/c", strings.ToUpper(strings.ReplaceAll(wire, " ", "  ")), day), SavedJoined, first.StoryID},
		{"different text starts a new story", article("Harbour Ledger", "https://harbour.example/d", body("other", 80), day), SavedNewStory, 0},
		{"two short blurbs alike are not merged", article("X", "https://x.example/1", "IOM said so.", day), SavedNewStory, 0},
		{"the second short blurb is a story of its own", article("Y", "https://y.example/2", "IOM said so.", day), SavedNewStory, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c.advance(time.Minute)
			got, err := s.SaveArticle(ctx, tt.a)
			if err != nil {
				t.Fatal(err)
			}
			if got.Outcome != tt.outcome {
				t.Errorf("got outcome %s, want %s", got.Outcome, tt.outcome)
			}
			if tt.story != 0 && got.StoryID != tt.story {
				t.Errorf("got story %d, want %d", got.StoryID, tt.story)
			}
			if tt.story == 0 && got.StoryID == first.StoryID {
				t.Errorf("joined story %d, want a new one", got.StoryID)
			}
			if tt.outcome == SavedJoined && !strings.Contains(got.Reason, "same text as article") {
				t.Errorf("reason %q", got.Reason)
			}
		})
	}
	stories, err := s.Stories(ctx, Filter{})
	if err != nil {
		t.Fatal(err)
	}
	if len(stories) != 4 {
		t.Fatalf("got %d stories, want 4", len(stories))
	}
	for _, st := range stories {
		if st.ID != first.StoryID {
			continue
		}
		// "Third" was published earliest, so it represents the story.
		if st.Outlet != "Third" || strings.Join(st.AlsoReportedBy(), ",") != "Harbour Ledger,The Meridian Post" {
			t.Errorf("got representative %s, also %v; want Third, also Harbour Ledger and The Meridian Post", st.Outlet, st.AlsoReportedBy())
		}
		if st.Line != "Third reported that https://third.example/c." {
			t.Errorf("line %q does not follow the representative", st.Line)
		}
	}
}

func TestRepresentativeDoesNotDependOnArrivalOrder(t *testing.T) {
	text := body("same", 60)
	day := time.Date(2026, 11, 24, 9, 0, 0, 0, time.UTC)
	a := article("Alpha", "https://alpha.example/x", text, day)
	b := article("Beta", "https://beta.example/x", text, day)
	b.Priority = 5
	for _, order := range [][]Article{{a, b}, {b, a}} {
		s, _ := openTest(t)
		for _, x := range order {
			if _, err := s.SaveArticle(t.Context(), x); err != nil {
				t.Fatal(err)
			}
		}
		stories, _ := s.Stories(t.Context(), Filter{})
		if len(stories) != 1 || stories[0].Outlet != "Beta" {
			t.Errorf("order %s,%s: got %+v, want one story credited to Beta (higher priority)", order[0].Source, order[1].Source, stories)
		}
	}
}

func TestRefetchedChangedTextKeepsReview(t *testing.T) {
	s, c := openTest(t)
	ctx := t.Context()
	a := article("Harbour Ledger", "https://harbour.example/a", body("v1-", 60), time.Time{})
	saved, err := s.SaveArticle(ctx, a)
	if err != nil {
		t.Fatal(err)
	}
	edited := "Harbour Ledger reported that staff wrote this line."
	if err := s.Review(ctx, []int64{saved.StoryID}, Review{Status: StatusApproved, Line: &edited}); err != nil {
		t.Fatal(err)
	}
	c.advance(time.Hour)
	a.Text = body("v2-", 60)
	a.Line = "Harbour Ledger reported that the text changed."
	got, err := s.SaveArticle(ctx, a)
	if err != nil {
		t.Fatal(err)
	}
	if got.Outcome != SavedUpdated || got.StoryID != saved.StoryID {
		t.Fatalf("got %+v, want the same story updated", got)
	}
	stories, _ := s.Stories(ctx, Filter{})
	if len(stories) != 1 || stories[0].Status != StatusApproved || stories[0].Line != edited || !stories[0].LineEdited {
		t.Errorf("got %+v, want the approved story with the staff's line", stories)
	}
}

func TestUnseenAndPageFailures(t *testing.T) {
	s, _ := openTest(t)
	ctx := t.Context()
	if err := s.MarkSeen(ctx, Seen{URLs: []string{"https://a.example/1"}, Source: "A", Outcome: OutcomeNoMention}); err != nil {
		t.Fatal(err)
	}
	for range MaxPageAttempts - 1 {
		if err := s.MarkSeen(ctx, Seen{URLs: []string{"https://a.example/2"}, Source: "A", Outcome: OutcomePageFailed, Err: "HTTP 503"}); err != nil {
			t.Fatal(err)
		}
	}
	got, err := s.Unseen(ctx, []string{"https://a.example/1", "https://a.example/2", "https://a.example/3"})
	if err != nil {
		t.Fatal(err)
	}
	if strings.Join(got, " ") != "https://a.example/2 https://a.example/3" {
		t.Errorf("got %v, want the failed page (retried) and the new one", got)
	}
	if err := s.MarkSeen(ctx, Seen{URLs: []string{"https://a.example/2"}, Source: "A", Outcome: OutcomePageFailed}); err != nil {
		t.Fatal(err)
	}
	got, _ = s.Unseen(ctx, []string{"https://a.example/2"})
	if len(got) != 0 {
		t.Errorf("got %v, want a page that failed %d times to be left alone", got, MaxPageAttempts)
	}
}

func TestUnseenHandlesMoreURLsThanOneStatementTakes(t *testing.T) {
	s, _ := openTest(t)
	var urls []string
	for i := range 1234 {
		urls = append(urls, fmt.Sprintf("https://many.example/%d", i))
	}
	if err := s.MarkSeen(t.Context(), Seen{URLs: urls[:1000], Source: "M", Outcome: OutcomeNoMention}); err != nil {
		t.Fatal(err)
	}
	got, err := s.Unseen(t.Context(), urls)
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 234 {
		t.Errorf("got %d unseen, want 234", len(got))
	}
}

func TestReview(t *testing.T) {
	s, _ := openTest(t)
	ctx := t.Context()
	a, _ := s.SaveArticle(ctx, article("A", "https://a.example/1", body("a", 50), time.Time{}))
	b, _ := s.SaveArticle(ctx, article("B", "https://b.example/1", body("b", 50), time.Time{}))
	empty := "   "
	tests := []struct {
		name    string
		ids     []int64
		r       Review
		wantErr error
	}{
		{"approving two stories", []int64{a.StoryID, b.StoryID}, Review{Status: StatusApproved}, nil},
		{"rejecting one", []int64{b.StoryID}, Review{Status: StatusRejected}, nil},
		{"an unknown ID changes nothing", []int64{a.StoryID, 999}, Review{Status: StatusRejected}, ErrNotFound},
		{"an unknown status is refused", []int64{a.StoryID}, Review{Status: "maybe"}, ErrInvalidInput},
		{"an empty summary is refused", []int64{a.StoryID}, Review{Line: &empty}, ErrInvalidInput},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := s.Review(ctx, tt.ids, tt.r)
			if !errors.Is(err, tt.wantErr) {
				t.Errorf("got %v, want %v", err, tt.wantErr)
			}
		})
	}
	for _, f := range []struct {
		filter Filter
		want   int
	}{
		{Filter{Status: StatusApproved}, 1},
		{Filter{Status: StatusRejected}, 1},
		{Filter{Status: StatusNew}, 0},
		{Filter{ExcludeRejected: true}, 1},
		{Filter{Status: "all"}, 2},
	} {
		got, err := s.Stories(ctx, f.filter)
		if err != nil {
			t.Fatal(err)
		}
		if len(got) != f.want {
			t.Errorf("filter %+v: got %d stories, want %d", f.filter, len(got), f.want)
		}
	}
}

func TestStoriesFilterByPeriod(t *testing.T) {
	s, c := openTest(t)
	ctx := t.Context()
	start := c.now()
	s.SaveArticle(ctx, article("A", "https://a.example/1", body("a", 50), time.Time{}))
	c.advance(48 * time.Hour)
	s.SaveArticle(ctx, article("B", "https://b.example/1", body("b", 50), time.Time{}))
	got, _ := s.Stories(ctx, Filter{From: start.Add(24 * time.Hour)})
	if len(got) != 1 || got[0].Outlet != "B" {
		t.Errorf("got %+v, want only B", got)
	}
	got, _ = s.Stories(ctx, Filter{From: start, To: start.Add(time.Hour)})
	if len(got) != 1 || got[0].Outlet != "A" {
		t.Errorf("got %+v, want only A", got)
	}
}

func TestSourceHealth(t *testing.T) {
	s, c := openTest(t)
	ctx := t.Context()
	if err := s.SyncSources(ctx, []Source{{Name: "A", URL: "https://a.example/rss", Type: "feed"}, {Name: "B", URL: "https://b.example/rss", Type: "feed"}}); err != nil {
		t.Fatal(err)
	}
	steps := []SourceResult{
		{Name: "A", Items: 10, New: 10, Mentions: 2},
		{Name: "B", Err: "HTTP 503", ErrorKind: "http_5xx", HTTPStatus: 503},
		{Name: "B", Err: "HTTP 503", ErrorKind: "http_5xx", HTTPStatus: 503},
		{Name: "A", Err: "timeout", ErrorKind: "timeout"},
		{Name: "A", Items: 10, New: 1},
	}
	for _, r := range steps {
		c.advance(time.Minute)
		r.Attempted = c.now()
		if err := s.RecordSource(ctx, r); err != nil {
			t.Fatal(err)
		}
	}
	hs, err := s.Sources(ctx, nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(hs) != 2 || hs[0].Name != "B" {
		t.Fatalf("got %+v, want B (failing) first", hs)
	}
	b, a := hs[0], hs[1]
	if b.ConsecutiveFailures != 2 || b.ErrorKind != "http_5xx" || b.HTTPStatus != 503 || !b.LastSuccess.IsZero() {
		t.Errorf("B: got %+v", b)
	}
	if a.ConsecutiveFailures != 0 || a.LastError != "" || a.ItemsSeen != 11 || a.MentionsTotal != 2 || a.LastSuccess != c.now() {
		t.Errorf("A: got %+v", a)
	}
}

func TestConcurrentSavesAllLand(t *testing.T) {
	s, _ := openTest(t)
	var wg sync.WaitGroup
	errs := make(chan error, 40)
	for i := range 40 {
		wg.Go(func() {
			_, err := s.SaveArticle(context.Background(), article("S", fmt.Sprintf("https://s.example/%d", i), body(fmt.Sprintf("s%d-", i), 50), time.Time{}))
			errs <- err
		})
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		if err != nil {
			t.Fatal(err)
		}
	}
	got, _ := s.Stories(t.Context(), Filter{})
	if len(got) != 40 {
		t.Errorf("got %d stories, want 40", len(got))
	}
}

func TestRuns(t *testing.T) {
	s, _ := openTest(t)
	id, err := s.StartRun(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	if err := s.FinishRun(t.Context(), id, RunTotals{SourcesOK: 3, SourcesFailed: 1, NewItems: 12, NewMentions: 2}); err != nil {
		t.Fatal(err)
	}
	var ok, failed int
	var finished *string
	if err := s.db.QueryRow("SELECT sources_ok, sources_failed, finished_at FROM runs WHERE id = ?", id).Scan(&ok, &failed, &finished); err != nil {
		t.Fatal(err)
	}
	if ok != 3 || failed != 1 || finished == nil {
		t.Errorf("got ok=%d failed=%d finished=%v", ok, failed, finished)
	}
}

func TestStoriesByWatchAndRelevance(t *testing.T) {
	s, _ := openTest(t)
	ctx := t.Context()
	a := article("A", "https://a.example/1", body("a", 50), time.Time{})
	a.Mentions = []Mention{{Watch: "IOM", Where: "lead", Count: 1, Score: 2, Role: "subject", Snippet: "IOM said", Marks: [][2]int{{0, 3}}}}
	b := article("B", "https://b.example/1", body("b", 50), time.Time{})
	b.Mentions = []Mention{{Watch: "IOM", Where: "body", Count: 1, Score: 0.5, Role: "list", Low: true, Snippet: "UNHCR, IOM and UNICEF"}}
	c := article("C", "https://c.example/1", body("c", 50), time.Time{})
	c.Mentions = []Mention{{Watch: "Director General", Where: "title", Count: 1, Score: 3, Role: "subject", Snippet: "Amy Pope"}}
	for _, x := range []Article{a, b, c} {
		if _, err := s.SaveArticle(ctx, x); err != nil {
			t.Fatal(err)
		}
	}
	tests := []struct {
		name   string
		filter Filter
		want   []string
	}{
		{"low relevance is left out by default", Filter{}, []string{"A", "C"}},
		{"low relevance is shown on request", Filter{IncludeLow: true}, []string{"A", "B", "C"}},
		{"a watch filter keeps that watch's stories", Filter{Watch: "Director General"}, []string{"C"}},
		{"a watch filter with low relevance", Filter{Watch: "IOM", IncludeLow: true}, []string{"A", "B"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := s.Stories(ctx, tt.filter)
			if err != nil {
				t.Fatal(err)
			}
			var outlets []string
			for _, st := range got {
				outlets = append(outlets, st.Outlet)
			}
			sort.Strings(outlets)
			if strings.Join(outlets, ",") != strings.Join(tt.want, ",") {
				t.Errorf("got %v, want %v", outlets, tt.want)
			}
		})
	}
	got, _ := s.Stories(ctx, Filter{Watch: "IOM", IncludeLow: true})
	for _, st := range got {
		switch st.Outlet {
		case "A":
			if st.Role != "subject" || st.Low || len(st.Marks) != 1 || st.Marks[0] != [2]int{0, 3} {
				t.Errorf("A: got role %q low %v marks %v", st.Role, st.Low, st.Marks)
			}
		case "B":
			if st.Role != "list" || !st.Low {
				t.Errorf("B: got role %q low %v, want a low-relevance list mention", st.Role, st.Low)
			}
		}
	}
}

// TestLineChoicesAreKept: the writer's alternatives (crediting whom the
// line credits) and the translation mark with the lead come back with
// the story.
func TestLineChoicesAreKept(t *testing.T) {
	s, _ := openTest(t)
	ctx := t.Context()
	u := "https://ledger.example/a"
	_, err := s.SaveArticle(ctx, Article{Source: "L", Outlet: "Harbour Ledger", URL: u, CanonicalURL: u, SeenURLs: []string{u},
		Title: "Boat sinks", Text: "GENEVA (AFP) - A boat sank off Libya, IOM said.", Wire: "AFP", Language: "en", Type: "news",
		Line: "Harbour Ledger reported that a boat sank off Libya, according to IOM.", WireLine: "AFP reported that a boat sank off Libya, according to IOM.",
		Alternatives: []string{"Harbour Ledger reported on a boat that sank."}, WireAlternatives: []string{"AFP reported on a boat that sank."},
		Mentions: []Mention{{Watch: "IOM", Where: "lead", Count: 1, Score: 2, Terms: []string{"IOM"}, Snippet: "IOM"}}})
	if err != nil {
		t.Fatal(err)
	}
	v := "https://courrier.example/b"
	_, err = s.SaveArticle(ctx, Article{Source: "C", Outlet: "Le Courrier", URL: v, CanonicalURL: v, SeenURLs: []string{v},
		Title: "L’OIM à Genève", Text: "L’OIM a réuni ses États membres à Genève mardi pour parler du budget de l’an prochain.", Language: "fr", Type: "news",
		Line: "Le Courrier reported on “L’OIM à Genève” (in French).", NeedsTranslation: true, SourceLead: "L’OIM a réuni ses États membres.",
		Mentions: []Mention{{Watch: "IOM", Where: "lead", Count: 1, Score: 2, Terms: []string{"OIM"}, Snippet: "OIM"}}})
	if err != nil {
		t.Fatal(err)
	}
	stories, err := s.Stories(ctx, Filter{})
	if err != nil || len(stories) != 2 {
		t.Fatalf("got %d stories, %v", len(stories), err)
	}
	for _, st := range stories {
		switch st.Outlet {
		case "Harbour Ledger":
			if st.Credit != "AFP" || len(st.Alternatives) != 1 || st.Alternatives[0] != "AFP reported on a boat that sank." || st.NeedsTranslation {
				t.Errorf("wire story: credit %q, alternatives %q, needs translation %v", st.Credit, st.Alternatives, st.NeedsTranslation)
			}
		case "Le Courrier":
			if !st.NeedsTranslation || st.SourceLead != "L’OIM a réuni ses États membres." || len(st.Alternatives) != 0 {
				t.Errorf("story to translate: %v, %q, %q", st.NeedsTranslation, st.SourceLead, st.Alternatives)
			}
		}
	}
}
