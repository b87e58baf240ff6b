package store

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

func TestPrune(t *testing.T) {
	s, c := openTest(t)
	ctx := t.Context()
	// An old story, an old rejected one, a new rejected one, and seen URLs.
	old, err := s.SaveArticle(ctx, article("Alpha", "https://alpha.example/old", body("old", 150), time.Time{}))
	if err != nil {
		t.Fatal(err)
	}
	rej, err := s.SaveArticle(ctx, article("Alpha", "https://alpha.example/rejected", body("rej", 150), time.Time{}))
	if err != nil {
		t.Fatal(err)
	}
	if err := s.Review(ctx, []int64{rej.StoryID}, Review{Status: StatusRejected}); err != nil {
		t.Fatal(err)
	}
	if err := s.MarkSeen(ctx, Seen{URLs: []string{"https://alpha.example/nothing"}, Source: "Alpha", Outcome: OutcomeNoMention}); err != nil {
		t.Fatal(err)
	}
	runID, _ := s.StartRun(ctx)
	s.FinishRun(ctx, runID, RunTotals{})
	c.advance(100 * 24 * time.Hour)
	fresh, err := s.SaveArticle(ctx, article("Alpha", "https://alpha.example/new", body("new", 150), time.Time{}))
	if err != nil {
		t.Fatal(err)
	}
	// Another outlet carries the old story today: its copy keeps its text.
	copied, err := s.SaveArticle(ctx, article("Beta", "https://beta.example/copy-of-old", body("old", 150), time.Time{}))
	if err != nil || copied.StoryID != old.StoryID {
		t.Fatalf("the copy joined story %d (%v), want %d", copied.StoryID, err, old.StoryID)
	}
	rejNew, _ := s.SaveArticle(ctx, article("Alpha", "https://alpha.example/rejected-new", body("rejnew", 150), time.Time{}))
	s.Review(ctx, []int64{rejNew.StoryID}, Review{Status: StatusRejected})
	s.MarkSeen(ctx, Seen{URLs: []string{"https://alpha.example/nothing-new"}, Source: "Alpha", Outcome: OutcomeNoMention})

	p, err := s.Prune(ctx, Retention{Seen: 30 * 24 * time.Hour, Text: 90 * 24 * time.Hour, Rejected: 30 * 24 * time.Hour, Runs: 30 * 24 * time.Hour})
	if err != nil {
		t.Fatal(err)
	}
	if p.Seen != 1 || p.Rejected != 1 || p.Runs != 1 || p.Texts != 1 {
		t.Errorf("got %+v, want 1 seen URL, 1 rejected story, 1 run, 1 text (the old story's; the old rejected one is gone)", p)
	}
	stories, _ := s.Stories(ctx, Filter{})
	ids := map[int64]bool{}
	for _, st := range stories {
		ids[st.ID] = true
	}
	if !ids[old.StoryID] || !ids[fresh.StoryID] || !ids[rejNew.StoryID] || ids[rej.StoryID] {
		t.Errorf("stories left %v: want the old and new ones and the recently rejected one", ids)
	}
	unseen, _ := s.Unseen(ctx, []string{"https://alpha.example/rejected", "https://alpha.example/nothing", "https://alpha.example/nothing-new"})
	if len(unseen) != 1 || unseen[0] != "https://alpha.example/nothing" {
		t.Errorf("unseen %v: want only the pruned non-matching URL (a pruned story's URL stays seen)", unseen)
	}
	var oldText, copyText string
	if err := s.db.QueryRow(`SELECT text FROM articles WHERE id = ?`, old.ArticleID).Scan(&oldText); err != nil || oldText != "" {
		t.Errorf("the old article's text: %q, %v; want it emptied", oldText, err)
	}
	if err := s.db.QueryRow(`SELECT text FROM articles WHERE id = ?`, copied.ArticleID).Scan(&copyText); err != nil || copyText == "" {
		t.Errorf("the fresh copy of the old story lost its text (%v)", err)
	}
	if n := lshRows(t, s, old.ArticleID); n != 0 {
		t.Errorf("the old article keeps %d index keys", n)
	}
	// Pruning again finds nothing.
	if p, err := s.Prune(ctx, Retention{Seen: 30 * 24 * time.Hour, Text: 90 * 24 * time.Hour, Rejected: 30 * 24 * time.Hour, Runs: 30 * 24 * time.Hour}); err != nil || p != (Pruned{}) {
		t.Errorf("second prune: %+v, %v", p, err)
	}
	if err := s.Check(ctx); err != nil {
		t.Error(err)
	}
}

func TestBackup(t *testing.T) {
	s, _ := openTest(t)
	ctx := t.Context()
	if _, err := s.SaveArticle(ctx, article("Alpha", "https://alpha.example/1", body("a", 100), time.Time{})); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "backup.db")
	if s.Postgres() {
		// PostgreSQL's backups are pg_dump's: Backup says how, and
		// writes nothing (the URL in the advice has no password).
		err := s.Backup(ctx, path)
		if !errors.Is(err, ErrUsePgDump) || !strings.Contains(err.Error(), "pg_dump --format=custom") {
			t.Fatalf("Backup on PostgreSQL = %v, want the pg_dump advice", err)
		}
		if _, err := os.Stat(path); !errors.Is(err, fs.ErrNotExist) {
			t.Errorf("Backup on PostgreSQL left %s: %v", path, err)
		}
		return
	}
	if err := s.Backup(ctx, path); err != nil {
		t.Fatal(err)
	}
	b, err := Open(ctx, path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer b.Close()
	stories, err := b.Stories(ctx, Filter{})
	if err != nil || len(stories) != 1 {
		t.Errorf("the backup holds %d stories (%v), want 1", len(stories), err)
	}
	if err := s.Backup(ctx, path); !errors.Is(err, ErrExists) {
		t.Errorf("a second backup to the same file: %v, want ErrExists", err)
	}
}

func TestRunLog(t *testing.T) {
	s, c := openTest(t)
	ctx := t.Context()
	first, _ := s.StartRun(ctx)
	c.advance(time.Minute)
	s.FinishRun(ctx, first, RunTotals{SourcesOK: 3, SourcesFailed: 1, NewItems: 9, NewMentions: 2})
	c.advance(time.Minute)
	s.StartRun(ctx) // interrupted
	runs, err := s.Runs(ctx, 10)
	if err != nil || len(runs) != 2 {
		t.Fatalf("got %d runs (%v)", len(runs), err)
	}
	if !runs[0].Finished.IsZero() || runs[1].SourcesOK != 3 || runs[1].NewMentions != 2 || runs[1].Finished.Sub(runs[1].Started) != time.Minute {
		t.Errorf("got %+v", runs)
	}
}
