package web

import (
	"fmt"
	"net/url"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"

	"github.com/pressclip/pressclip/store"
)

var splitForm = regexp.MustCompile(`<form method="post" action="/article/(\d+)/split" class="split">`)

// TestMergeAndSplit: staff select two stories and merge them from the
// bulk bar, then split the copy out again from the card's Why; each
// needs the CSRF token, and bad requests say why.
func TestMergeAndSplit(t *testing.T) {
	f := newFixture(t, 3, "")
	c := f.client(t)
	page := f.get(t, c, "/")
	if !strings.Contains(page.body, `formaction="/stories/merge"`) {
		t.Fatal("no Merge in the bulk bar")
	}
	if splitForm.MatchString(page.body) {
		t.Fatal("a split offered on stories of one copy")
	}
	tok := f.token(t, c)
	id := func(n int64) string { return fmt.Sprint(n) }
	a, b := f.ids[1], f.ids[2]
	for _, tt := range []struct {
		name string
		form url.Values
		code int
		want string
	}{
		{"one story", url.Values{"csrf": {tok}, "id": {id(a)}}, 400, "select between 2 and 1000"},
		{"a bad ID", url.Values{"csrf": {tok}, "id": {id(a), "x"}}, 400, "a bad story ID"},
		{"a missing story", url.Values{"csrf": {tok}, "id": {id(a), "9999"}}, 404, "no story 9999"},
		{"no token", url.Values{"id": {id(a), id(b)}}, 403, ""},
	} {
		if res := f.post(t, c, "/stories/merge", tt.form, true); res.code != tt.code || !strings.Contains(res.body, tt.want) {
			t.Errorf("merge, %s: %d %s; want %d %q", tt.name, res.code, res.body, tt.code, tt.want)
		}
	}
	res := f.post(t, c, "/stories/merge", url.Values{"csrf": {tok}, "id": {id(a), id(b)}, "back": {"/?q=x"}}, false)
	if res.code != 303 || res.head.Get("Location") != "/?q=x" {
		t.Fatalf("merge: %d %s", res.code, res.head.Get("Location"))
	}
	page = f.get(t, c, "/")
	m := splitForm.FindStringSubmatch(page.body)
	if m == nil || !strings.Contains(page.body, "staff merged them") {
		t.Fatal("the merged story offers no split, or its Why does not say staff merged it")
	}
	if res := f.post(t, c, "/article/"+m[1]+"/split", url.Values{}, true); res.code != 403 {
		t.Errorf("split without the token: %d", res.code)
	}
	if res := f.post(t, c, "/article/9999/split", url.Values{"csrf": {tok}}, true); res.code != 404 {
		t.Errorf("split of a missing article: %d %s", res.code, res.body)
	}
	res = f.post(t, c, "/article/"+m[1]+"/split", url.Values{"csrf": {tok}}, true)
	if res.code != 200 || !strings.Contains(res.body, `"story":`) {
		t.Fatalf("split: %d %s", res.code, res.body)
	}
	if res := f.post(t, c, "/article/"+m[1]+"/split", url.Values{"csrf": {tok}}, true); res.code != 400 || !strings.Contains(res.body, "the only copy") {
		t.Errorf("split of an only copy: %d %s", res.code, res.body)
	}
	if page := f.get(t, c, "/"); splitForm.MatchString(page.body) || !strings.Contains(page.body, "split out of story") {
		t.Error("after the split a story still has two copies, or the Why does not say it was split")
	}
}

// TestRejectTheRest: the form lists the stories shown that are still to
// decide, and posting it rejects them and nothing else.
func TestRejectTheRest(t *testing.T) {
	f := newFixture(t, 4, "")
	c := f.client(t)
	if err := f.st.Review(t.Context(), f.ids[:1], store.Review{Status: store.StatusApproved}); err != nil {
		t.Fatal(err)
	}
	page := f.get(t, c, "/")
	doc, err := goquery.NewDocumentFromReader(strings.NewReader(page.body))
	if err != nil {
		t.Fatal(err)
	}
	// One field lists them, comma-separated (500 fields were 22 KB).
	list := doc.Find(`#reject-rest input[name="ids"]`).AttrOr("value", "")
	ids := strings.FieldsFunc(list, func(r rune) bool { return r == ',' })
	if len(ids) != 3 || slices.Contains(ids, fmt.Sprint(f.ids[0])) {
		t.Fatalf("reject the rest lists %v, want the three undecided stories", ids)
	}
	tok := f.token(t, c)
	for _, bad := range []string{"1,x", "1,-2", "0"} {
		if res := f.post(t, c, "/stories/status", url.Values{"csrf": {tok}, "status": {"rejected"}, "ids": {bad}}, false); res.code != 400 {
			t.Errorf("ids %q: %d, want 400", bad, res.code)
		}
	}
	if res := f.post(t, c, "/stories/status", url.Values{"csrf": {tok}, "status": {"rejected"}, "ids": {list}}, false); res.code != 303 {
		t.Fatalf("reject the rest: %d", res.code)
	}
	if f.status(t, f.ids[0]) != store.StatusApproved || f.status(t, f.ids[3]) != store.StatusRejected {
		t.Error("reject the rest changed the wrong stories")
	}
}
