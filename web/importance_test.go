package web

import (
	"html"
	"strings"
	"testing"
	"time"

	"github.com/pressclip/pressclip/store"
)

func TestImportance(t *testing.T) {
	now := time.Date(2026, 12, 6, 9, 0, 0, 0, time.UTC)
	copies := []store.Copy{{Outlet: "B"}, {Outlet: "C"}, {Outlet: "D"}}
	tests := []struct {
		name string
		st   store.Story
		rank float64
		why  string
	}{
		{"a plain mention", store.Story{Score: 2, Role: "mention", Outlet: "A", Credit: "A", PublishedAt: now.Add(-time.Hour)}, 2, "importance 2.0: score 2.0"},
		{"about the organization, from a priority source, carried by three more, two days old",
			store.Story{Score: 6, Role: "subject", Priority: 2, Outlet: "A", Credit: "A", Copies: copies, PublishedAt: now.Add(-50 * time.Hour)}, 12,
			"importance 12.0: score 6.0, subject +3, source priority +2, 3 other outlets +3, 2 days old −2"},
		{"undated", store.Story{Score: 1, Role: "source", Outlet: "A", Credit: "A"}, 2.5, "importance 2.5: score 1.0, source +1.5"},
	}
	for _, tt := range tests {
		rank, why := importance(tt.st, now)
		if rank != tt.rank || why != tt.why {
			t.Errorf("%s: got %v %q, want %v %q", tt.name, rank, why, tt.rank, tt.why)
		}
	}
}

// TestTodayOrdersByImportance: by default a story about the organization
// with a high score comes before newer mentions, and Why says why;
// "newest" keeps the store's order.
func TestTodayOrdersByImportance(t *testing.T) {
	f := newFixture(t, 3, "")
	c := f.client(t)
	u := "https://harbour.example/news/important"
	if _, err := f.st.SaveArticle(t.Context(), store.Article{Source: "Harbour Ledger", Outlet: "Harbour Ledger", URL: u, CanonicalURL: u,
		Title: "IOM appeals for Sudan", Text: "The International Organization for Migration (IOM) appealed for 90 million dollars for Sudan on Monday.",
		PublishedAt: time.Now().Add(-3 * time.Hour), Language: "en", Type: "news", Line: "Harbour Ledger reported that IOM appealed for $90 million for Sudan.",
		Mentions: []store.Mention{{Watch: "International Organization for Migration", Where: "title", Count: 3, Score: 9, Role: "subject", Terms: []string{"IOM"}}}}); err != nil {
		t.Fatal(err)
	}
	first := func(path string) string {
		body := f.get(t, c, path).body
		i := strings.Index(body, `<h2 id="t`)
		if i < 0 {
			t.Fatalf("%s: no story", path)
		}
		return body[i : i+200]
	}
	if got := first("/"); !strings.Contains(got, "IOM appeals for Sudan") {
		t.Errorf("by importance the first story is %q", got)
	}
	if body := html.UnescapeString(f.get(t, c, "/").body); !strings.Contains(body, "Ranked by importance 12.0: score 9.0, subject +3.") {
		i := strings.Index(body, "Ranked by")
		t.Errorf("Why does not say why the story ranks first: %.200s", body[max(i, 0):])
	}
	if got := first("/?sort=newest"); strings.Contains(got, "IOM appeals for Sudan") {
		t.Errorf("newest first puts the three-hour-old story first: %q", got)
	}
}
