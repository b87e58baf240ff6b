package web

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/PuerkitoBio/goquery"

	"github.com/pressclip/pressclip/internal/dbtest"
	"github.com/pressclip/pressclip/store"
)

func TestExportDownloadAndMark(t *testing.T) {
	f := newFixture(t, 4, "")
	c := f.client(t)
	if err := f.st.Review(t.Context(), f.ids[1:3], store.Review{Status: store.StatusApproved}); err != nil {
		t.Fatal(err)
	}
	downloads := []struct{ format, contentType, want string }{
		{"text", "text/plain; charset=utf-8", "• The Meridian Post reported that 101 migrants arrived, according to IOM."},
		{"md", "text/markdown; charset=utf-8", "- [The Meridian Post reported that 101 migrants arrived, according to IOM.](https://the.example/news/1)"},
		{"html", "text/html; charset=utf-8", "<li"},
		{"csv", "text/csv; charset=utf-8", "Northern Dispatch reported that 102 migrants arrived"},
		{"json", "application/json", `"line":`},
		{"atom", "application/atom+xml", "<entry>"},
	}
	for _, d := range downloads {
		res := f.get(t, c, "/export/download?format="+d.format)
		if res.code != 200 || res.head.Get("Content-Type") != d.contentType {
			t.Errorf("%s: %d %s", d.format, res.code, res.head.Get("Content-Type"))
		}
		if cd := res.head.Get("Content-Disposition"); !strings.HasPrefix(cd, `attachment; filename="press-`) {
			t.Errorf("%s: Content-Disposition %q", d.format, cd)
		}
		if !strings.Contains(res.body, d.want) {
			t.Errorf("%s lacks %q:\n%s", d.format, d.want, res.body)
		}
		if strings.Contains(res.body, "reported that 100 migrants") || strings.Contains(res.body, "103 migrants") {
			t.Errorf("%s carries a story that is not approved", d.format)
		}
	}
	page := f.get(t, c, "/export")
	if !strings.Contains(page.body, "2 stories") || !strings.Contains(page.body, "Mark these 2 as exported") {
		t.Fatalf("the export page: %.2000s", page.body)
	}
	tok := csrfMeta.FindStringSubmatch(page.body)[1]
	if res := f.post(t, c, "/export/mark", url.Values{"csrf": {tok}}, false); res.code != 400 {
		t.Errorf("marking nothing: %d", res.code)
	}
	if res := f.post(t, c, "/export/mark", manyIDs(url.Values{"csrf": {tok}}, maxMark+1), false); res.code != 400 || !strings.Contains(res.body, "at most 2000") {
		t.Errorf("marking too many: %d %s", res.code, res.body)
	}
	if res := f.post(t, c, "/export/mark", url.Values{"csrf": {tok}, "from": {"last week"}, "id": {fmt.Sprint(f.ids[1])}}, false); res.code != 400 {
		t.Errorf("marking with a bad period: %d", res.code)
	}
	if res := f.post(t, c, "/export/mark", url.Values{"id": {fmt.Sprint(f.ids[1]), fmt.Sprint(f.ids[2])}}, false); res.code != 403 {
		t.Errorf("marking without the token: %d", res.code)
	}
	res := f.post(t, c, "/export/mark", url.Values{"csrf": {tok}, "format": {"text"}, "id": {fmt.Sprint(f.ids[1]), fmt.Sprint(f.ids[2])}}, false)
	if res.code != 303 || res.head.Get("Location") != "/export?marked=2" {
		t.Fatalf("mark: %d %s", res.code, res.head.Get("Location"))
	}
	if body := f.get(t, c, "/export?marked=2").body; !strings.Contains(body, "2 stories marked as exported") || !strings.Contains(body, "0 stories") {
		t.Errorf("after marking, the export page still offers them")
	}
	// Today starts after the export: the stories found before it are gone
	// (the two exported and the two passed over); one found since shows,
	// and so does a story approved after the export that missed it.
	addStories(t, f.st, 10, 1)
	if err := f.st.Review(t.Context(), f.ids[3:4], store.Review{Status: store.StatusApproved}); err != nil {
		t.Fatal(err)
	}
	// "To review" lists the undecided story found since; "all" also the
	// approved one.
	toReview, today := f.get(t, c, "/").body, f.get(t, c, "/?status=all").body
	for _, gone := range []string{"Story 1 about", "Story 2 about", "Story 0"} {
		if strings.Contains(today, gone) || strings.Contains(toReview, gone) {
			t.Errorf("Today after the export shows %q", gone)
		}
	}
	for _, shown := range []string{"Story 10 about", "Story 3 about"} {
		if !strings.Contains(today, shown) {
			t.Errorf("Today (all) after the export lacks %q", shown)
		}
	}
	if !strings.Contains(toReview, "Story 10 about") || strings.Contains(toReview, "Story 3 about") {
		t.Errorf("to review after the export: want the new story only")
	}
	// Another outlet carries an exported story days later: not offered
	// again, shown folded.
	text, err := f.st.StoryText(t.Context(), f.ids[1])
	if err != nil {
		t.Fatal(err)
	}
	u := "https://copycat.example/news/1"
	saved, err := f.st.SaveArticle(t.Context(), store.Article{Source: "Northern Dispatch", Outlet: "Northern Dispatch", URL: u, CanonicalURL: u,
		SeenURLs: []string{u}, Title: "A copy of story 1", Text: text.Text, PublishedAt: time.Now(), Language: "en", Type: "news",
		Line:     "Northern Dispatch reported that 101 migrants arrived, according to IOM.",
		Mentions: []store.Mention{{Watch: "International Organization for Migration", Where: "lead", Count: 1, Score: 2, Terms: []string{"IOM"}}}})
	if err != nil || saved.StoryID != f.ids[1] {
		t.Fatalf("the copy joined story %d (%v), want %d", saved.StoryID, err, f.ids[1])
	}
	today = f.get(t, c, "/").body
	folded := today[strings.Index(today, `<details class="again">`)+1:]
	if !strings.Contains(folded, "1 exported story carried again") || !strings.Contains(folded, "already in the "+time.Now().Format("2 Jan")+" section") ||
		!strings.Contains(folded, "Story 1 about") {
		t.Errorf("the exported story carried again is not folded: %s", today)
	}
	if strings.Contains(today[:strings.Index(today, `<details class="again">`)], "Story 1 about") {
		t.Errorf("the exported story is offered again as a card")
	}
	if !strings.Contains(today, "last export") {
		t.Errorf("Today does not say when the last export was")
	}
}

func TestPreviewFrame(t *testing.T) {
	f := newFixture(t, 3, "")
	c := f.client(t)
	page := f.get(t, c, "/export?unreviewed=1&group=outlet")
	if !strings.Contains(page.body, `<iframe id="preview-html" class="preview rich" src="/export/preview?from=`) ||
		!strings.Contains(page.body, `&amp;group=outlet&amp;order=found&amp;to=&amp;unreviewed=1"`) {
		t.Fatalf("the export page has no preview frame for the selection: %s", page.body)
	}
	if !strings.Contains(page.head.Get("Content-Security-Policy"), "frame-src 'self'") {
		t.Errorf("the export page may not frame its preview: %s", page.head.Get("Content-Security-Policy"))
	}
	res := f.get(t, c, "/export/preview?unreviewed=1&group=outlet")
	if res.code != 200 || res.head.Get("Content-Type") != "text/html; charset=utf-8" {
		t.Fatalf("preview: %d %s", res.code, res.head.Get("Content-Type"))
	}
	csp := res.head.Get("Content-Security-Policy")
	if csp != previewCSP || strings.Contains(csp, "script-src") || !strings.Contains(csp, "default-src 'none'") {
		t.Errorf("preview CSP %q", csp)
	}
	if res.head.Get("X-Frame-Options") != "SAMEORIGIN" {
		t.Errorf("preview X-Frame-Options %q", res.head.Get("X-Frame-Options"))
	}
	for _, want := range []string{"style=", "Harbour Ledger</a> reported that 100 migrants", "The Meridian Post"} {
		if !strings.Contains(res.body, want) {
			t.Errorf("the preview lacks %q", want)
		}
	}
	if res := f.get(t, c, "/export/preview?format=nope"); res.code != 400 {
		t.Errorf("a bad selection: %d", res.code)
	}
}

func TestExportCarriesApprovedStoriesThatMissedOne(t *testing.T) {
	now := time.Now().Add(-72 * time.Hour)
	st, err := store.Open(t.Context(), dbtest.Target(t, "web.db"), store.Options{Now: func() time.Time { return now }})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	ids := addStories(t, st, 0, 3) // found three days ago
	now = now.Add(24 * time.Hour)
	if _, err := st.MarkExported(t.Context(), ids[:1], store.Export{Format: "text"}); err != nil {
		t.Fatal(err)
	}
	now = time.Now()
	if err := st.Review(t.Context(), ids[1:2], store.Review{Status: store.StatusApproved}); err != nil {
		t.Fatal(err)
	}
	h, err := New(testOptions(st))
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(h)
	defer srv.Close()
	f := &fixture{h: h, st: st, srv: srv}
	c := f.client(t)
	const line = "The Meridian Post reported that 101 migrants arrived, according to IOM."
	page := f.get(t, c, "/export?format=text").body
	doc, err := goquery.NewDocumentFromReader(strings.NewReader(page))
	if err != nil {
		t.Fatal(err)
	}
	preview, _ := doc.Find("#preview-html").Attr("src")
	download, _ := doc.Find("#download").Attr("href")
	if preview == "" || download == "" {
		t.Fatalf("no preview or download link")
	}
	for _, path := range []string{"/export?format=text", preview, download} {
		// The HTML section links the outlet that starts the line.
		body := tagRe.ReplaceAllString(f.get(t, c, path).body, "")
		if !strings.Contains(body, line) || strings.Contains(body, "102 migrants") || strings.Contains(body, "100 migrants") {
			t.Errorf("%s does not carry exactly the approved story that missed the export:\n%.3000s", path, body)
		}
	}
}

// TestMarkGoesByThePageTime: a story found while the editor looks at the
// export page is not in the section, and the next Today shows it.
func TestMarkGoesByThePageTime(t *testing.T) {
	f := newFixture(t, 2, "")
	c := f.client(t)
	if err := f.st.Review(t.Context(), f.ids[:1], store.Review{Status: store.StatusApproved}); err != nil {
		t.Fatal(err)
	}
	page := f.get(t, c, "/export")
	doc, err := goquery.NewDocumentFromReader(strings.NewReader(page.body))
	if err != nil {
		t.Fatal(err)
	}
	form := url.Values{}
	doc.Find(`form[action="/export/mark"] input[type=hidden]`).Each(func(_ int, in *goquery.Selection) {
		name, _ := in.Attr("name")
		v, _ := in.Attr("value")
		form.Add(name, v)
	})
	if form.Get("at") == "" || len(form["id"]) != 1 {
		t.Fatalf("the mark form: %v", form)
	}
	time.Sleep(5 * time.Millisecond)
	addStories(t, f.st, 20, 1) // found while the page was open
	if res := f.post(t, c, "/export/mark", form, false); res.code != http.StatusSeeOther {
		t.Fatalf("mark: %d %s", res.code, res.body)
	}
	if today := f.get(t, c, "/").body; !strings.Contains(today, "Story 20 about") {
		t.Error("the story found while the export page was open is not on the next Today")
	}
	last, ok, err := f.st.LastExport(t.Context())
	if err != nil || !ok || last.From.IsZero() {
		t.Errorf("the export's period: %+v %v %v", last, ok, err)
	}
}

func TestExportPeriodErrors(t *testing.T) {
	f := newFixture(t, 1, "")
	c := f.client(t)
	for _, path := range []string{"/export?exported=1", "/export?from=2026-11-20&to=2026-11-10", "/?from=2026-11-20&to=2026-11-10"} {
		if res := f.get(t, c, path); res.code != http.StatusBadRequest {
			t.Errorf("%s: %d, want 400", path, res.code)
		}
	}
	if res := f.get(t, c, "/export?exported=1&from=2026-11-01"); res.code != http.StatusOK {
		t.Errorf("exported with a period: %d", res.code)
	}
}

// tagRe matches an HTML tag, to read a document's text.
var tagRe = regexp.MustCompile(`<[^>]+>`)

// TestExportInOneStep: "Download … and mark exported" answers with the
// file of exactly the stories it marked, named with their number; the
// page offers "Copy and mark exported" first; an empty section says how
// many stories await review and links Today.
func TestExportInOneStep(t *testing.T) {
	f := newFixture(t, 4, "")
	c := f.client(t)
	page := f.get(t, c, "/export")
	if !strings.Contains(page.body, `0 approved; 4 await review → <a href="/">Today</a>.`) {
		t.Errorf("the empty export page does not say what to do:\n%.3000s", page.body)
	}
	if err := f.st.Review(t.Context(), f.ids[1:3], store.Review{Status: store.StatusApproved}); err != nil {
		t.Fatal(err)
	}
	page = f.get(t, c, "/export?format=csv")
	for _, want := range []string{`<button type="button" id="copy-mark" class="primary">Copy and mark exported</button>`,
		`<button type="submit" name="download" value="1">Download csv and mark exported</button>`} {
		if !strings.Contains(page.body, want) {
			t.Errorf("the export page lacks %s", want)
		}
	}
	tok := csrfMeta.FindStringSubmatch(page.body)[1]
	form := url.Values{"csrf": {tok}, "format": {"csv"}, "group": {"none"}, "download": {"1"}, "id": {fmt.Sprint(f.ids[1]), fmt.Sprint(f.ids[2])}}
	res := f.post(t, c, "/export/mark", form, false)
	if res.code != 200 || res.head.Get("Content-Type") != "text/csv; charset=utf-8" ||
		!strings.Contains(res.head.Get("Content-Disposition"), `-2-marked.csv"`) {
		t.Fatalf("download and mark: %d %s %s", res.code, res.head.Get("Content-Type"), res.head.Get("Content-Disposition"))
	}
	if !strings.HasPrefix(res.body, "\ufeff") || !strings.Contains(res.body, "reported that 101 migrants") || !strings.Contains(res.body, "reported that 102 migrants") ||
		strings.Contains(res.body, "reported that 100 migrants") {
		t.Errorf("the file is not the two stories marked:\n%s", res.body)
	}
	for _, id := range f.ids[1:3] {
		ss, err := f.st.StoriesByID(t.Context(), []int64{id})
		if err != nil || len(ss) != 1 || ss[0].ExportID == 0 {
			t.Errorf("story %d was not marked exported", id)
		}
	}
}
