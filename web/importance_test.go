package web

import (
	"html"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/pressclip/pressclip/internal/view"
	"github.com/pressclip/pressclip/store"
)

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

// TestExportOrder: the section can be ordered by outlet or importance;
// an unknown order is refused.
func TestExportOrder(t *testing.T) {
	f := newFixture(t, 3, "")
	c := f.client(t)
	text := func(order string) string {
		res := f.get(t, c, "/export/download?format=text&unreviewed=1&order="+order)
		if res.code != 200 {
			t.Fatalf("order %s: %d %s", order, res.code, res.body)
		}
		return res.body
	}
	byOutlet := text("outlet")
	h, m, n := strings.Index(byOutlet, "• Harbour Ledger"), strings.Index(byOutlet, "• The Meridian Post"), strings.Index(byOutlet, "• Northern Dispatch")
	if h < 0 || m < 0 || n < 0 || !(h < n && n < m) {
		t.Errorf("by outlet:\n%s", byOutlet)
	}
	if res := f.get(t, c, "/export?order=colour"); res.code != 400 || !strings.Contains(res.body, "order") {
		t.Errorf("an unknown order: %d", res.code)
	}
}

// TestOutletTierRanks: a source's tier in the config lifts its stories
// in Today's order, and Why names it.
func TestOutletTierRanks(t *testing.T) {
	f := newFixture(t, 3, "")
	o := testOptions(f.st)
	o.Sources = append([]view.Source(nil), testSources...)
	for i := range o.Sources {
		if o.Sources[i].Name == "Northern Dispatch" {
			o.Sources[i].Tier = 1
		}
	}
	h, err := New(o)
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(h)
	defer srv.Close()
	res, err := http.Get(srv.URL + "/")
	if err != nil {
		t.Fatal(err)
	}
	b, _ := io.ReadAll(res.Body)
	res.Body.Close()
	body := html.UnescapeString(string(b))
	i := strings.Index(body, `<span class="outlet">`)
	if i < 0 || !strings.HasPrefix(body[i+len(`<span class="outlet">`):], "Northern Dispatch") {
		t.Errorf("the tier-1 outlet's story is not first: %.120s", body[max(i, 0):])
	}
	if !strings.Contains(body, "tier 1 outlet +3") {
		t.Error("Why does not name the tier")
	}
}
