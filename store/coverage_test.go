package store

import (
	"fmt"
	"testing"
	"time"
)

// Coverage reads the kept stories of a period, rejected ones left out,
// and at most maxCoverageRows rows.
func TestCoverageRows(t *testing.T) {
	s, c := openTest(t)
	ctx := t.Context()
	var ids []int64
	for i := range 4 {
		saved, err := s.SaveArticle(ctx, article(fmt.Sprint("Outlet ", i), fmt.Sprintf("https://o%d.example/a", i), body(fmt.Sprint("cov", i, "-"), 80), time.Time{}))
		if err != nil {
			t.Fatal(err)
		}
		ids = append(ids, saved.StoryID)
	}
	if err := s.Review(ctx, ids[:1], Review{Status: StatusRejected}); err != nil {
		t.Fatal(err)
	}
	from, to := c.now().Add(-time.Hour), c.now().Add(time.Hour)
	rows, err := s.Coverage(ctx, from, to)
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != 3 || rows[0].StoryID == ids[0] || rows[0].Watch != "IOM" || rows[0].Credit == "" {
		t.Fatalf("got %+v, want the three stories not rejected", rows)
	}
	if rows, _ := s.Coverage(ctx, to, to.Add(time.Hour)); len(rows) != 0 {
		t.Errorf("a later period: %d rows", len(rows))
	}
	defer func(n int) { maxCoverageRows = n }(maxCoverageRows)
	maxCoverageRows = 2
	if rows, err := s.Coverage(ctx, from, to); err != nil || len(rows) != 2 {
		t.Errorf("with a bound of 2: %d rows, %v", len(rows), err)
	}
}

// A copy is found for a split by its canonical URL or by the URL it was
// found at.
func TestArticleIDByEitherURL(t *testing.T) {
	s, _ := openTest(t)
	a := article("A", "https://a.example/story", body("aid", 60), time.Time{})
	a.URL = "https://a.example/story?utm_source=rss"
	saved, err := s.SaveArticle(t.Context(), a)
	if err != nil {
		t.Fatal(err)
	}
	for _, ref := range []string{"https://a.example/story", "https://a.example/story?utm_source=rss", fmt.Sprint(saved.ArticleID)} {
		if id, err := s.ArticleID(t.Context(), ref); err != nil || id != saved.ArticleID {
			t.Errorf("%s: got %d, %v", ref, id, err)
		}
	}
	if _, err := s.ArticleID(t.Context(), "https://nowhere.example/"); err == nil {
		t.Error("an unknown URL was found")
	}
}
