package web

import (
	"fmt"
	"net/url"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"
)

// TestLaterStoriesAreRows: Today draws its first fullCards stories whole
// and the others as rows with a link to their own page; the script
// fetches a row's body (?part=body) when it is opened. Without the
// script, the story's page has the forms, and they come back to it.
func TestLaterStoriesAreRows(t *testing.T) {
	f := newFixture(t, fullCards+5, "")
	c := f.client(t)
	res := f.get(t, c, "/")
	doc, err := goquery.NewDocumentFromReader(strings.NewReader(res.body))
	if err != nil || res.code != 200 {
		t.Fatalf("%d %v", res.code, err)
	}
	if n := doc.Find(".card").Length(); n != fullCards+5 {
		t.Fatalf("%d cards, want %d", n, fullCards+5)
	}
	if n := doc.Find(".card .body").Length(); n != fullCards {
		t.Errorf("%d cards drawn whole, want %d", n, fullCards)
	}
	rows := doc.Find(".card:not(:has(.body))")
	if rows.Length() != 5 || rows.Find(`a.more[href^="/story/"]`).Length() != 5 {
		t.Fatalf("rows: %d, with %d links to their page", rows.Length(), rows.Find(`a.more`).Length())
	}
	id, _ := rows.First().Attr("data-id")
	if rows.First().Find(`[data-role="line"]`).Text() == "" || rows.First().Find("h2").Text() == "" {
		t.Error("a row lacks its headline or line")
	}

	body := f.get(t, c, "/story/"+id+"?part=body")
	if body.code != 200 || strings.Contains(body.body, "<html") || !strings.Contains(body.body, `class="body"`) ||
		!strings.Contains(body.body, `action="/story/`+id+`/status"`) || !strings.Contains(body.body, "Ranked by importance") {
		t.Errorf("the body alone: %d\n%s", body.code, body.body)
	}
	page := f.get(t, c, "/story/"+id)
	sdoc, err := goquery.NewDocumentFromReader(strings.NewReader(page.body))
	if err != nil || page.code != 200 || sdoc.Find("#s"+id+" form.decide").Length() != 1 {
		t.Fatalf("the story's page: %d, %v", page.code, err)
	}
	tok, _ := sdoc.Find(`#s` + id + ` form.decide input[name="csrf"]`).Attr("value")
	back, _ := sdoc.Find(`#s` + id + ` form.decide input[name="back"]`).Attr("value")
	dec := f.post(t, c, "/story/"+id+"/status", url.Values{"csrf": {tok}, "back": {back}, "status": {"rejected"}}, false)
	if dec.code != 303 || dec.head.Get("Location") != "/story/"+id {
		t.Errorf("a decision on the story's page: %d to %q, want back to it", dec.code, dec.head.Get("Location"))
	}
	if st := f.status(t, mustID(t, id)); st != "rejected" {
		t.Errorf("status %q", st)
	}
	for _, path := range []string{"/story/999999", "/story/abc", "/story/999999?part=body"} {
		if res := f.get(t, c, path); res.code != 404 {
			t.Errorf("%s: %d, want 404", path, res.code)
		}
	}
}

func mustID(t *testing.T, s string) int64 {
	t.Helper()
	var n int64
	if _, err := fmt.Sscan(s, &n); err != nil {
		t.Fatal(err)
	}
	return n
}
