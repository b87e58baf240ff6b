package store

import (
	"strings"
	"testing"
	"time"
)

func TestSearch(t *testing.T) {
	s, _ := openTest(t)
	ctx := t.Context()
	a := article("Alpha", "https://alpha.example/1", "Dozens of migrants reached Lampedusa overnight, according to IOM.\n\n"+body("a", 60), time.Time{})
	b := article("Beta", "https://beta.example/1", "A new report on remittances to Genève was published.\n\n"+body("b", 60), time.Time{})
	for _, x := range []Article{a, b} {
		if _, err := s.SaveArticle(ctx, x); err != nil {
			t.Fatal(err)
		}
	}
	tests := []struct {
		query string
		want  int
		found string
	}{
		{"lampedusa", 1, "\x02Lampedusa\x03"},
		{"geneve", 1, "\x02Genève\x03"},
		{`"reached Lampedusa"`, 1, "\x02reached Lampedusa\x03"},
		{"remit*", 1, "\x02remittances\x03"},
		{"Lampedusa remittances", 0, ""},
		{`IOM OR NOT) NEAR(`, 0, ""}, // operators are words here
	}
	for _, tt := range tests {
		t.Run(tt.query, func(t *testing.T) {
			got, err := s.Stories(ctx, Filter{Query: tt.query, IncludeLow: true})
			if err != nil {
				t.Fatal(err)
			}
			if len(got) != tt.want {
				t.Fatalf("got %d stories, want %d", len(got), tt.want)
			}
			if tt.want > 0 && !strings.Contains(got[0].Found, tt.found) {
				t.Errorf("found %q, want it to hold %q", got[0].Found, tt.found)
			}
			// Listed without snippets, then the snippets of some.
			bare, err := s.Stories(ctx, Filter{Query: tt.query, IncludeLow: true, NoSnippets: true})
			if err != nil || len(bare) != tt.want {
				t.Fatalf("without snippets: %d stories, %v", len(bare), err)
			}
			if tt.want == 0 {
				return
			}
			if bare[0].Found != "" {
				t.Errorf("NoSnippets: found %q", bare[0].Found)
			}
			found, err := s.Snippets(ctx, tt.query, []int64{bare[0].ID})
			if err != nil || found[bare[0].ID] != got[0].Found {
				t.Errorf("Snippets = %q, %v; want %q", found[bare[0].ID], err, got[0].Found)
			}
		})
	}
	if _, err := s.Stories(ctx, Filter{Query: "  ()  "}); err == nil {
		t.Error("a search without words was accepted")
	}
}

func TestTodayAndExports(t *testing.T) {
	s, c := openTest(t)
	ctx := t.Context()
	first, _ := s.SaveArticle(ctx, article("Alpha", "https://alpha.example/1", body("one", 100), time.Time{}))
	second, _ := s.SaveArticle(ctx, article("Alpha", "https://alpha.example/2", body("two", 100), time.Time{}))
	today, err := s.Today(ctx, Filter{IncludeLow: true})
	if err != nil || len(today.Stories) != 2 || today.Last.ID != 0 {
		t.Fatalf("before any export: %+v, %v", today, err)
	}
	// The first is approved and exported; the second is approved but
	// misses the export.
	s.Review(ctx, []int64{first.StoryID, second.StoryID}, Review{Status: StatusApproved})
	c.advance(time.Hour)
	e, err := s.MarkExported(ctx, []int64{first.StoryID}, Export{To: c.now(), Format: "text"})
	if err != nil {
		t.Fatal(err)
	}
	c.advance(time.Hour)
	// A day later another outlet carries the first story, and a new story
	// comes.
	c.advance(24 * time.Hour)
	copyOf, _ := s.SaveArticle(ctx, article("Beta", "https://beta.example/1", "Intro.\n\n"+body("one", 100), time.Time{}))
	third, _ := s.SaveArticle(ctx, article("Beta", "https://beta.example/3", body("three", 100), time.Time{}))
	if copyOf.StoryID != first.StoryID {
		t.Fatalf("the copy did not join the exported story")
	}
	today, err = s.Today(ctx, Filter{IncludeLow: true})
	if err != nil {
		t.Fatal(err)
	}
	ids := func(sts []Story) []int64 {
		var out []int64
		for _, st := range sts {
			out = append(out, st.ID)
		}
		return out
	}
	if got := ids(today.Stories); len(got) != 2 || !contains64(got, second.StoryID) || !contains64(got, third.StoryID) {
		t.Errorf("today: %v, want the new story and the approved one that missed the export", got)
	}
	if got := ids(today.Again); len(got) != 1 || got[0] != first.StoryID {
		t.Errorf("again: %v, want the exported story another outlet carried", got)
	}
	if !today.Since.Equal(e.At) || today.Again[0].ExportID != e.ID || today.Again[0].ExportedAt.IsZero() {
		t.Errorf("since %v, export %+v, again %+v", today.Since, e, today.Again[0])
	}
}

func contains64(list []int64, v int64) bool {
	for _, x := range list {
		if x == v {
			return true
		}
	}
	return false
}

func TestUndoAnEdit(t *testing.T) {
	s, _ := openTest(t)
	ctx := t.Context()
	saved, _ := s.SaveArticle(ctx, article("Alpha", "https://alpha.example/1", body("one", 100), time.Time{}))
	edited := "Alpha reported that staff rewrote this line for the newsletter."
	s.Review(ctx, []int64{saved.StoryID}, Review{Line: &edited})
	if err := s.Review(ctx, []int64{saved.StoryID}, Review{ResetLine: true}); err != nil {
		t.Fatal(err)
	}
	st, _ := s.StoriesByID(ctx, []int64{saved.StoryID})
	if len(st) != 1 || st[0].LineEdited || st[0].Line != "Alpha reported that https://alpha.example/1." {
		t.Errorf("got %+v, want the drafted line back", st)
	}
}
