package store

import (
	"testing"
	"time"
)

func TestBackoffGrowsAndIsCapped(t *testing.T) {
	tests := []struct {
		failures int
		want     time.Duration
	}{
		{1, BackoffBase},
		{2, 2 * BackoffBase},
		{4, 8 * BackoffBase},
		{20, BackoffMax},
	}
	for _, tt := range tests {
		for range 20 {
			got := backoff(tt.failures)
			if got < tt.want*9/10 || got > tt.want*11/10 {
				t.Errorf("after %d failures: got %v, want %v ± 10%%", tt.failures, got, tt.want)
			}
		}
	}
}

func TestFailingSourceGetsANextAttempt(t *testing.T) {
	s, c := openTest(t)
	ctx := t.Context()
	s.SyncSources(ctx, []Source{{Name: "A", URL: "https://a.example/rss", Type: "feed"}})
	var last time.Duration
	for i := 1; i <= 3; i++ {
		c.advance(time.Hour)
		if err := s.RecordSource(ctx, SourceResult{Name: "A", Attempted: c.now(), Err: "HTTP 503", ErrorKind: "http_5xx"}); err != nil {
			t.Fatal(err)
		}
		st, _ := s.SourceStates(ctx, nil)
		wait := st["A"].NextAttempt.Sub(c.now())
		if wait <= 0 || wait <= last*3/2 && i > 1 {
			t.Errorf("after failure %d: waits %v (before %v), want a growing wait", i, wait, last)
		}
		if st["A"].Due(c.now()) || !st["A"].Due(c.now().Add(wait)) {
			t.Errorf("after failure %d: due now or not due after the wait", i)
		}
		last = wait
	}
	c.advance(time.Hour)
	s.RecordSource(ctx, SourceResult{Name: "A", Attempted: c.now(), Err: "HTTP 429", ErrorKind: "http_429", RetryAfter: 30 * time.Hour})
	st, _ := s.SourceStates(ctx, nil)
	if got := st["A"].NextAttempt.Sub(c.now()); got != 30*time.Hour {
		t.Errorf("a Retry-After of 30 h: next attempt in %v, want 30h", got)
	}
}

func TestSilentSource(t *testing.T) {
	s, c := openTest(t)
	ctx := t.Context()
	s.SyncSources(ctx, []Source{{Name: "Daily", URL: "https://d.example/rss", Type: "feed"}, {Name: "Quiet", URL: "https://q.example/rss", Type: "feed"}})
	// Daily has new items every 2 hours for a day; Quiet never has any.
	for i := range 12 {
		s.RecordSource(ctx, SourceResult{Name: "Daily", Attempted: c.now(), Items: 20, New: 3})
		s.RecordSource(ctx, SourceResult{Name: "Quiet", Attempted: c.now(), Items: 20})
		if i < 11 {
			c.advance(2 * time.Hour)
		}
	}
	check := func(when string, want string) {
		t.Helper()
		hs, err := s.Sources(ctx, []string{"Daily"})
		if err != nil {
			t.Fatal(err)
		}
		if got := hs[0].Status(); got != want {
			t.Errorf("%s: status %s (usual interval %v, last new item %v), want %s", when, got, hs[0].UsualInterval, hs[0].LastNewItem, want)
		}
	}
	check("right after new items", "ok")
	// It keeps answering, with nothing new, for 8 hours: still ok (< 5×2 h).
	for range 4 {
		c.advance(2 * time.Hour)
		s.RecordSource(ctx, SourceResult{Name: "Daily", Attempted: c.now(), Items: 20})
	}
	check("8 hours without news", "ok")
	for range 2 {
		c.advance(2 * time.Hour)
		s.RecordSource(ctx, SourceResult{Name: "Daily", Attempted: c.now(), Items: 20})
	}
	check("12 hours without news", "silent")
	hs, _ := s.Sources(ctx, nil)
	if hs[0].Name != "Daily" {
		t.Errorf("the silent source is listed after %s, want it first", hs[0].Name)
	}
	if hs[1].Silent {
		t.Error("a source that never had news cannot be called silent")
	}
}
