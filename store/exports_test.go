package store

import (
	"errors"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"
)

func TestExportJobRuns(t *testing.T) {
	s, c := openTest(t)
	ctx := t.Context()
	if _, ok, err := s.ExportJobRun(ctx, "morning"); ok || err != nil {
		t.Fatalf("a job that never ran: ok %v, %v", ok, err)
	}
	first := c.now()
	if err := s.RecordExportJob(ctx, "morning", ExportJob{At: first, Through: -1}); err != nil {
		t.Fatal(err)
	}
	if job, _, _ := s.ExportJobRun(ctx, "morning"); job.Through != -1 {
		t.Errorf("an unknown watermark read back as %d", job.Through)
	}
	c.advance(24 * time.Hour)
	if err := s.RecordExportJob(ctx, "morning", ExportJob{At: c.now(), Through: 0}); err != nil {
		t.Fatal(err)
	}
	job, ok, err := s.ExportJobRun(ctx, "morning")
	if err != nil || !ok || !job.At.Equal(c.now()) || job.Through != 0 {
		t.Errorf("got %+v %v %v, want %v through 0", job, ok, err, c.now())
	}
	if _, ok, _ := s.ExportJobRun(ctx, "evening"); ok {
		t.Error("another job shares the record")
	}
}

// TestStoriesAfterWatermark: LastStoryID and the AfterID/ThroughID window
// list each story once however their found times fall.
func TestStoriesAfterWatermark(t *testing.T) {
	s, c := openTest(t)
	ctx := t.Context()
	if id, err := s.LastStoryID(ctx); id != 0 || err != nil {
		t.Fatalf("empty store: %d, %v", id, err)
	}
	var ids []int64
	for i := range 3 {
		// Found times run backwards: the window does not look at them.
		c.advance(-time.Hour)
		saved, err := s.SaveArticle(ctx, article("Outlet", fmt.Sprintf("https://outlet.example/%d", i), body(fmt.Sprintf("s%d-", i), 150), time.Time{}))
		if err != nil || saved.Outcome != SavedNewStory {
			t.Fatalf("save %d: %+v, %v", i, saved, err)
		}
		ids = append(ids, saved.StoryID)
	}
	through, err := s.LastStoryID(ctx)
	if err != nil || through != ids[2] {
		t.Fatalf("LastStoryID = %d, %v; want %d", through, err, ids[2])
	}
	for _, tt := range []struct {
		after, through int64
		want           []int64
	}{
		{0, through, ids},
		{ids[0], through, ids[1:]},
		{ids[0], ids[1], ids[1:2]},
		{through, through, nil},
	} {
		got, err := s.Stories(ctx, Filter{AfterID: tt.after, ThroughID: tt.through, IncludeLow: true})
		if err != nil {
			t.Fatal(err)
		}
		var gotIDs []int64
		for _, st := range got {
			gotIDs = append(gotIDs, st.ID)
		}
		slices.Sort(gotIDs)
		if !slices.Equal(gotIDs, tt.want) {
			t.Errorf("after %d through %d: %v, want %v", tt.after, tt.through, gotIDs, tt.want)
		}
	}
}

// TestStoryIDsNeverComeBack: a story deleted as the newest one leaves its
// ID behind; the next story takes a higher one, so a digest's watermark
// past the deleted ID still lists it.
func TestStoryIDsNeverComeBack(t *testing.T) {
	s, c := openTest(t)
	ctx := t.Context()
	save := func(i int) int64 {
		saved, err := s.SaveArticle(ctx, article("Outlet", fmt.Sprintf("https://outlet.example/%d", i), body(fmt.Sprintf("w%d-", i), 150), time.Time{}))
		if err != nil || saved.Outcome != SavedNewStory {
			t.Fatalf("save %d: %+v, %v", i, saved, err)
		}
		return saved.StoryID
	}
	save(1)
	newest := save(2)
	if err := s.Review(ctx, []int64{newest}, Review{Status: StatusRejected}); err != nil {
		t.Fatal(err)
	}
	c.advance(48 * time.Hour)
	if p, err := s.Prune(ctx, Retention{Rejected: 24 * time.Hour}); err != nil || p.Rejected != 1 {
		t.Fatalf("prune: %+v, %v", p, err)
	}
	through, err := s.LastStoryID(ctx)
	if err != nil || through != newest {
		t.Fatalf("LastStoryID after the prune = %d, %v; want %d", through, err, newest)
	}
	next := save(3)
	if next <= newest {
		t.Fatalf("the next story took ID %d, not above the deleted %d", next, newest)
	}
	got, err := s.Stories(ctx, Filter{AfterID: through, ThroughID: next, IncludeLow: true})
	if err != nil || len(got) != 1 || got[0].ID != next {
		t.Errorf("after the watermark: %+v, %v; want story %d", got, err, next)
	}
}

func TestSearchLimits(t *testing.T) {
	for _, tt := range []struct {
		q  string
		ok bool
	}{
		{"migrants", true},
		{`"voluntary return" flights migra*`, true},
		{strings.Repeat("word ", 12), true},
		{strings.Repeat("word ", 13), false},
		{"a*", false},
		{"ab* migrants", false},
		{"mig*", true},
		{strings.Repeat("x", 257), false},
		{`"" * ---`, false},
		{strings.Repeat("a.", 60) + "b", false},
	} {
		_, err := searchQuery(tt.q)
		if (err == nil) != tt.ok {
			t.Errorf("%.40q: %v, want ok %v", tt.q, err, tt.ok)
		}
		if err != nil && !errors.Is(err, ErrInvalidInput) {
			t.Errorf("%.40q: %v is not invalid input", tt.q, err)
		}
	}
}
