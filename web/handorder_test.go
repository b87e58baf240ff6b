package web

import (
	"fmt"
	"net/url"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"

	"github.com/pressclip/pressclip/store"
)

// TestSectionOrderByHand: with the "hand" order the export page lists
// the section's lines with buttons to move them; a move (the form, or
// the script's whole new order after a drag) is kept in the database and
// the preview and download follow it.
func TestSectionOrderByHand(t *testing.T) {
	f := newFixture(t, 3, "")
	c := f.client(t)
	if err := f.st.Review(t.Context(), f.ids, store.Review{Status: store.StatusApproved}); err != nil {
		t.Fatal(err)
	}
	const page = "/export?order=hand&format=text"
	order := func() (ids []string, csrf, list, text string) {
		t.Helper()
		res := f.get(t, c, page)
		doc, err := goquery.NewDocumentFromReader(strings.NewReader(res.body))
		if err != nil || res.code != 200 {
			t.Fatalf("%d %v", res.code, err)
		}
		doc.Find("#hand li").Each(func(_ int, li *goquery.Selection) { ids = append(ids, li.AttrOr("data-id", "")) })
		form := doc.Find("#order-form")
		return ids, form.Find(`[name="csrf"]`).AttrOr("value", ""), form.Find(`[name="ids"]`).AttrOr("value", ""), doc.Find("#preview-text").Text()
	}
	before, tok, list, _ := order()
	if len(before) != 3 || list != strings.Join(before, ",") {
		t.Fatalf("the order list: %v, %q", before, list)
	}
	res := f.post(t, c, "/export/order", url.Values{"csrf": {tok}, "back": {page}, "ids": {list}, "down": {before[0]}}, false)
	if res.code != 303 || res.head.Get("Location") != page+"#o"+before[0] {
		t.Fatalf("move down: %d to %q", res.code, res.head.Get("Location"))
	}
	after, tok, _, text := order()
	if want := []string{before[1], before[0], before[2]}; strings.Join(after, ",") != strings.Join(want, ",") {
		t.Errorf("after moving the first line down: %v, want %v", after, want)
	}
	lines := strings.Split(strings.TrimSpace(text), "\n")
	first, _ := f.st.StoriesByID(t.Context(), []int64{mustID(t, before[1])})
	if len(lines) != 3 || len(first) != 1 || !strings.Contains(lines[0], first[0].Line) {
		t.Errorf("the preview does not follow the order:\n%s", text)
	}
	// A line dragged: the script posts the whole new order.
	reversed := []string{after[2], after[1], after[0]}
	res = f.post(t, c, "/export/order", url.Values{"csrf": {tok}, "ids": {strings.Join(reversed, ",")}}, true)
	if res.code != 200 {
		t.Fatalf("drag: %d %s", res.code, res.body)
	}
	if got, _, _, _ := order(); strings.Join(got, ",") != strings.Join(reversed, ",") {
		t.Errorf("after the drag: %v, want %v", got, reversed)
	}
	dl := f.get(t, c, "/export/download?order=hand&format=text")
	if i, j := strings.Index(dl.body, first[0].Line), strings.Index(dl.body, "•"); dl.code != 200 || i < 0 || j < 0 {
		t.Errorf("download: %d\n%s", dl.code, dl.body)
	}
	for name, form := range map[string]url.Values{
		"up and down at once":    {"ids": {strings.Join(reversed, ",")}, "up": {reversed[1]}, "down": {reversed[1]}},
		"a line not in the list": {"ids": {strings.Join(reversed, ",")}, "up": {"999999"}},
		"no list":                {"ids": {""}},
		"a list that is no list": {"ids": {"1,x"}},
		"a story twice":          {"ids": {reversed[0] + "," + reversed[0]}},
	} {
		form.Set("csrf", tok)
		if res := f.post(t, c, "/export/order", form, true); res.code != 400 {
			t.Errorf("%s: %d, want 400", name, res.code)
		}
	}
	// The list is bounded as marking is (maxMark stories).
	over := make([]string, maxMark+1)
	for i := range over {
		over[i] = fmt.Sprint(i + 1)
	}
	if res := f.post(t, c, "/export/order", url.Values{"csrf": {tok}, "ids": {strings.Join(over, ",")}}, true); res.code != 400 {
		t.Errorf("%d stories: %d, want 400", len(over), res.code)
	}
	if res := f.post(t, c, "/export/order", url.Values{"csrf": {tok}, "ids": {"999999"}}, true); res.code != 404 {
		t.Errorf("an unknown story: %d, want 404", res.code)
	}
	if res := f.post(t, c, "/export/order", url.Values{"ids": {list}}, true); res.code != 403 {
		t.Errorf("without the token: %d, want 403", res.code)
	}
}
