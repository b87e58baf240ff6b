package store

import (
	"testing"
	"time"
)

func TestQuiet(t *testing.T) {
	s, c := openTest(t)
	ctx := t.Context()
	const alarm = 24 * time.Hour
	check := func(desc string, want bool) {
		t.Helper()
		if _, quiet, err := s.Quiet(ctx, c.now(), alarm); err != nil || quiet != want {
			t.Errorf("%s: quiet %v, %v; want %v", desc, quiet, err, want)
		}
	}
	check("a store that never ran", false)
	if err := s.SyncSources(ctx, []Source{{Name: "A", URL: "https://a.example/feed.xml", Type: "feed"}}); err != nil {
		t.Fatal(err)
	}
	id, err := s.StartRun(ctx)
	if err != nil {
		t.Fatal(err)
	}
	s.FinishRun(ctx, id, RunTotals{SourcesOK: 1})
	c.advance(2 * time.Hour)
	check("a first pass without new items, two hours ago", false)
	c.advance(30 * time.Hour)
	check("no new item ever, the first pass 32 hours ago", true)
	if err := s.RecordSource(ctx, SourceResult{Name: "A", Attempted: c.now(), Items: 3, New: 2}); err != nil {
		t.Fatal(err)
	}
	c.advance(time.Hour)
	check("a new item an hour ago", false)
	c.advance(25 * time.Hour)
	check("the last new item 26 hours ago", true)
	if _, quiet, _ := s.Quiet(ctx, c.now(), -1); quiet {
		t.Error("a negative alarm is off")
	}
}

func TestAllBackedOff(t *testing.T) {
	s, c := openTest(t)
	ctx := t.Context()
	if all, _ := s.AllBackedOff(ctx, c.now()); all {
		t.Error("no sources at all is not all backed off")
	}
	s.SyncSources(ctx, []Source{{Name: "A", URL: "https://a.example/feed.xml", Type: "feed"}, {Name: "B", URL: "https://b.example/feed.xml", Type: "feed"}})
	s.RecordSource(ctx, SourceResult{Name: "A", Attempted: c.now(), Err: "refused", ErrorKind: "refused"})
	if all, _ := s.AllBackedOff(ctx, c.now()); all {
		t.Error("one of two backed off is not all")
	}
	s.RecordSource(ctx, SourceResult{Name: "B", Attempted: c.now(), Err: "refused", ErrorKind: "refused"})
	if all, _ := s.AllBackedOff(ctx, c.now()); !all {
		t.Error("both backed off")
	}
	c.advance(48 * time.Hour)
	if all, _ := s.AllBackedOff(ctx, c.now()); all {
		t.Error("their backoff is over")
	}
}
