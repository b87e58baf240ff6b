package web

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/PuerkitoBio/goquery"

	"github.com/pressclip/pressclip/internal/dbtest"
	"github.com/pressclip/pressclip/internal/synthtext"
	"github.com/pressclip/pressclip/internal/view"
	"github.com/pressclip/pressclip/store"
	"github.com/pressclip/pressclip/summarizer"
)

// testSources are the fixture's outlets, as cmd would pass them from a
// config.
var testSources = []view.Source{
	{Name: "Harbour Ledger", Outlet: "Harbour Ledger"},
	{Name: "The Meridian Post", Outlet: "The Meridian Post"},
	{Name: "Northern Dispatch", Outlet: "Northern Dispatch"},
}

// testOptions are the pages' options of the fixture: its sources, the
// watch, and the house rules' checker with no organization configured.
func testOptions(st *store.Store) Options {
	sum := summarizer.New(summarizer.Options{})
	return Options{Store: st, Sources: testSources, Watches: []string{"International Organization for Migration"},
		QuietAlarm: 24 * time.Hour,
		CheckLine: func(line string, t store.StoryText) []string {
			var out []string
			for _, p := range sum.CheckEdited(line, summarizer.Article{Outlet: t.Credit, Title: t.Title,
				Paragraphs: strings.Split(t.Text, "\n\n"), Type: t.Type, Language: t.Language}) {
				out = append(out, p.String())
			}
			return out
		}}
}

// hostile is a headline and snippet a hostile page could carry.
const hostile = `<script>alert("pwned")</script><img src=x onerror=alert(1)>`

type fixture struct {
	h   *Handler
	st  *store.Store
	srv *httptest.Server
	ids []int64
}

// newFixture stores n stories (the first with a hostile headline and
// snippet) and serves the pages; password turns the login on.
func newFixture(t testing.TB, n int, password string) *fixture {
	t.Helper()
	ctx := context.Background()
	st, err := store.Open(ctx, dbtest.Target(t, "web.db"), store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	f := &fixture{st: st}
	var sources []store.Source
	for _, s := range testSources {
		sources = append(sources, store.Source{Name: s.Name, URL: "https://" + strings.ToLower(strings.Fields(s.Name)[0]) + ".example/rss.xml", Type: "feed"})
	}
	if err := st.SyncSources(ctx, sources); err != nil {
		t.Fatal(err)
	}
	f.ids = addStories(t, st, 0, n)
	o := testOptions(st)
	o.Password = password
	f.h, err = New(o)
	if err != nil {
		t.Fatal(err)
	}
	f.srv = httptest.NewServer(f.h)
	t.Cleanup(f.srv.Close)
	return f
}

var outlets = []string{"Harbour Ledger", "The Meridian Post", "Northern Dispatch"}

// addStories saves n unrelated stories numbered from first, published
// over the last hours, and returns their story IDs.
func addStories(t testing.TB, st *store.Store, first, n int) []int64 {
	t.Helper()
	gen := synthtext.New(uint64(first + 1))
	var ids []int64
	now := time.Now()
	for i := first; i < first+n; i++ {
		title := fmt.Sprintf("Story %d about migrants on the move", i)
		snippet := fmt.Sprintf("…the International Organization for Migration said in story %d…", i)
		if i == 0 {
			title, snippet = "Headline "+hostile, "…IOM "+hostile+"…"
		}
		paras := gen.Article()
		paras[0] = fmt.Sprintf("Story %d: the International Organization for Migration (IOM) said on Monday that %d people had arrived.", i, 100+i)
		outlet := outlets[i%len(outlets)]
		u := fmt.Sprintf("https://%s.example/news/%d", strings.ToLower(strings.Fields(outlet)[0]), i)
		saved, err := st.SaveArticle(context.Background(), store.Article{
			Source: outlet, Outlet: outlet, URL: u, CanonicalURL: u, SeenURLs: []string{u}, Title: title,
			Text: synthtext.Join(paras), PublishedAt: now.Add(-time.Duration(i) * time.Minute), Language: "en", Type: "news",
			Line: fmt.Sprintf("%s reported that %d migrants arrived, according to IOM.", outlet, 100+i),
			Mentions: []store.Mention{{Watch: "International Organization for Migration", Where: "lead", Count: 2, Score: 4,
				Role: "source", Terms: []string{"IOM"}, Snippet: snippet, Marks: [][2]int{{3, 6}}}},
		})
		if err != nil {
			t.Fatal(err)
		}
		ids = append(ids, saved.StoryID)
	}
	return ids
}

// client is a browser: it keeps cookies and does not follow redirects,
// so that the tests see them.
func (f *fixture) client(t testing.TB) *http.Client {
	jar, err := cookiejar.New(nil)
	if err != nil {
		t.Fatal(err)
	}
	return &http.Client{Jar: jar, CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
}

type response struct {
	code int
	head http.Header
	body string
}

func do(t testing.TB, c *http.Client, req *http.Request) response {
	t.Helper()
	res, err := c.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	b, err := io.ReadAll(res.Body)
	if err != nil {
		t.Fatal(err)
	}
	return response{res.StatusCode, res.Header, string(b)}
}

func (f *fixture) get(t testing.TB, c *http.Client, path string) response {
	t.Helper()
	req, err := http.NewRequest(http.MethodGet, f.srv.URL+path, nil)
	if err != nil {
		t.Fatal(err)
	}
	return do(t, c, req)
}

// post sends a form as the page's script does (JSON answer when json).
func (f *fixture) post(t testing.TB, c *http.Client, path string, form url.Values, json bool) response {
	t.Helper()
	req, err := http.NewRequest(http.MethodPost, f.srv.URL+path, strings.NewReader(form.Encode()))
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	if json {
		req.Header.Set("Accept", "application/json")
	}
	return do(t, c, req)
}

var csrfMeta = regexp.MustCompile(`<meta name="csrf-token" content="([0-9a-f]+)">`)

// token reads the CSRF token from a page, as the script does.
func (f *fixture) token(t testing.TB, c *http.Client) string {
	t.Helper()
	res := f.get(t, c, "/")
	m := csrfMeta.FindStringSubmatch(res.body)
	if res.code != http.StatusOK || m == nil {
		t.Fatalf("GET /: %d, no CSRF token", res.code)
	}
	return m[1]
}

func (f *fixture) status(t testing.TB, id int64) string {
	t.Helper()
	ss, err := f.st.StoriesByID(context.Background(), []int64{id})
	if err != nil || len(ss) != 1 {
		t.Fatalf("story %d: %v", id, err)
	}
	return ss[0].Status
}

func TestPagesAnswerAndCarryTheSecurityHeaders(t *testing.T) {
	f := newFixture(t, 5, "")
	c := f.client(t)
	f.h.o.Store.RecordSource(t.Context(), store.SourceResult{Name: "Harbour Ledger", Attempted: time.Now(), Items: 3})
	f.h.o.Store.RecordSource(t.Context(), store.SourceResult{Name: "Northern Dispatch", Attempted: time.Now(), Err: "not a feed", ErrorKind: "not_a_feed"})
	cases := []struct {
		path, contentType string
		code              int
		want              []string
	}{
		{"/", "text/html; charset=utf-8", 200, []string{"Story 1 about migrants", "according to IOM.", `name="csrf-token"`, "5 stories"}},
		{"/?status=all&sort=priority&low=1", "text/html; charset=utf-8", 200, []string{"Story 2 about migrants", `name="back" value="/?status=all&amp;sort=priority&amp;low=1"`,
			`<input type="hidden" name="back" value="/?status=all&amp;sort=priority&amp;low=1">` + "\n" + `<label class="check" id="select-all-label">`}},
		{"/?outlet=The+Meridian+Post", "text/html; charset=utf-8", 200, []string{"Story 1 about", "Story 4 about", "2 stories"}},
		{"/?q=arrived", "text/html; charset=utf-8", 200, []string{`<h1>Search <span class="sub">all dates`, `<p class="found">`, "<mark>arrived</mark>"}},
		{"/?from=2020-01-01&to=2099-12-31", "text/html; charset=utf-8", 200, []string{"Story 3 about"}},
		{"/?status=bogus", "text/html; charset=utf-8", 400, []string{`<p class="error" role="alert">unknown status`, `<form class="filters"`}},
		{"/?from=yesterday", "text/html; charset=utf-8", 400, []string{"from: want a date", `value="yesterday"`}},
		{"/export", "text/html; charset=utf-8", 200, []string{"0 stories", `id="preview-text"`}},
		{"/export?unreviewed=1", "text/html; charset=utf-8", 200, []string{"5 stories", "Harbour Ledger reported that 100 migrants arrived, according to IOM."}},
		{"/export?format=bogus", "text/html; charset=utf-8", 400, []string{`<p class="error" role="alert">format &#34;bogus&#34;`, `<form class="filters"`}},
		{"/export?group=planet", "text/html; charset=utf-8", 400, []string{`group &#34;planet&#34;`}},
		{"/export?from=nope", "text/html; charset=utf-8", 400, []string{"from: want a date"}},
		{"/sources", "text/html; charset=utf-8", 200, []string{"Northern Dispatch", "not_a_feed: not a feed"}},
		{"/feed.atom", "application/atom+xml", 200, []string{"<feed", `<link href="` + f.srv.URL + `/feed.atom" rel="self">`, "<id>tag:127.0.0.1,"}},
		{"/static/app.js", "text/javascript; charset=utf-8", 200, []string{"use strict"}},
		{"/static/app.css", "text/css; charset=utf-8", 200, []string{"body"}},
		{"/static/noscript.css", "text/css; charset=utf-8", 200, []string{".card .edit[hidden]"}},
		{"/static/missing.js", "text/plain; charset=utf-8", 404, nil},
		{"/login", "", 303, nil}, // no login on loopback: back to the page
		{"/nowhere", "text/plain; charset=utf-8", 404, nil},
	}
	for _, tc := range cases {
		t.Run(tc.path, func(t *testing.T) {
			res := f.get(t, c, tc.path)
			if res.code != tc.code {
				t.Fatalf("status %d, want %d: %.300s", res.code, tc.code, res.body)
			}
			if tc.contentType != "" && res.head.Get("Content-Type") != tc.contentType {
				t.Errorf("Content-Type %q, want %q", res.head.Get("Content-Type"), tc.contentType)
			}
			for _, w := range tc.want {
				if !strings.Contains(res.body, w) {
					t.Errorf("the answer lacks %q", w)
				}
			}
			if got := res.head.Get("Content-Security-Policy"); !strings.Contains(got, "default-src 'none'") || !strings.Contains(got, "script-src 'self'") {
				t.Errorf("CSP %q", got)
			}
			if res.head.Get("X-Content-Type-Options") != "nosniff" || res.head.Get("X-Frame-Options") != "DENY" {
				t.Errorf("security headers missing: %v", res.head)
			}
		})
	}
	// The failing source comes first.
	body := f.get(t, c, "/sources").body
	if i, j := strings.Index(body, "Northern Dispatch"), strings.Index(body, "Harbour Ledger"); i < 0 || j < 0 || i > j {
		t.Errorf("the failing source is not first in the table")
	}
}

// TestHostileTextIsShownAsText: a headline and snippet with markup, from
// the web, show as text on every page.
func TestHostileTextIsShownAsText(t *testing.T) {
	f := newFixture(t, 2, "")
	c := f.client(t)
	if err := f.st.Review(t.Context(), f.ids[:1], store.Review{Status: store.StatusApproved}); err != nil {
		t.Fatal(err)
	}
	for _, path := range []string{"/", "/?status=all", "/export", "/export?format=md", "/export/preview", "/export/download?format=html", "/feed.atom"} {
		res := f.get(t, c, path)
		if res.code != 200 {
			t.Fatalf("%s: %d", path, res.code)
		}
		for _, bad := range []string{"<script>alert", "<img src=x", "<img src="} {
			if strings.Contains(res.body, bad) {
				t.Errorf("%s carries %q unescaped", path, bad)
			}
		}
	}
	body := f.get(t, c, "/?status=all").body
	if !strings.Contains(body, "Headline &lt;script&gt;alert(&#34;pwned&#34;)&lt;/script&gt;") {
		t.Errorf("the hostile headline is not shown as text")
	}
	if !strings.Contains(body, "…<mark>IOM</mark> &lt;script&gt;") {
		t.Errorf("the snippet's mark or escaping is wrong")
	}
}

func TestStatusLineAndBulkRoutes(t *testing.T) {
	f := newFixture(t, 4, "")
	c := f.client(t)
	tok := f.token(t, c)
	form := func(kv ...string) url.Values {
		v := url.Values{"csrf": {tok}}
		for i := 0; i+1 < len(kv); i += 2 {
			v.Add(kv[i], kv[i+1])
		}
		return v
	}
	id := func(i int) string { return fmt.Sprint(f.ids[i]) }
	cases := []struct {
		name, path string
		form       url.Values
		json       bool
		code       int
		location   string
		want       string
	}{
		{"approve from the page goes back", "/story/" + id(0) + "/status", form("status", "approved", "back", "/?status=all"), false, 303, "/?status=all", ""},
		{"an open redirect is refused", "/story/" + id(0) + "/status", form("status", "approved", "back", "//evil.example/"), false, 303, "/", ""},
		{"a back with a tab is refused", "/story/" + id(0) + "/status", form("status", "approved", "back", "/\t/evil.example/"), false, 303, "/", ""},
		{"a back with a backslash is refused", "/story/" + id(0) + "/status", form("status", "approved", "back", "/\\evil.example/"), false, 303, "/", ""},
		{"an absolute back is refused", "/story/" + id(0) + "/status", form("status", "approved", "back", "https://evil.example/"), false, 303, "/", ""},
		{"reject from the script", "/story/" + id(1) + "/status", form("status", "rejected"), true, 200, "", `"status":"rejected"`},
		{"an unknown status", "/story/" + id(1) + "/status", form("status", "maybe"), true, 400, "", "want approved, rejected or new"},
		{"an unknown story", "/story/999999/status", form("status", "approved"), true, 404, "", "error"},
		{"a story ID that is no number", "/story/abc/status", form("status", "approved"), true, 404, "", "no such story"},
		{"an edited line that breaks the rules", "/story/" + id(2) + "/line", form("line", "harbour said things"), true, 200, "",
			`"line":"harbour said things","edited":true,"problems":[`},
		{"an empty line", "/story/" + id(2) + "/line", form("line", "   "), true, 400, "", "between 1 and 2000"},
		{"a line too long", "/story/" + id(2) + "/line", form("line", strings.Repeat("word ", 500)), true, 400, "", "between 1 and 2000"},
		{"the drafted line back", "/story/" + id(2) + "/line", form("reset", "1"), true, 200, "", `"edited":false,"problems":[]`},
		{"bulk approve", "/stories/status", form("status", "approved", "id", id(2), "id", id(3)), true, 200, "", `"status":"approved"`},
		{"bulk without stories", "/stories/status", form("status", "approved"), true, 400, "", "select between"},
		{"bulk with a bad ID", "/stories/status", form("status", "approved", "id", "x"), true, 400, "", "a bad story ID"},
		{"bulk over the limit", "/stories/status", manyIDs(form("status", "approved"), maxBulk+1), true, 400, "", "select between 1 and 1000"},
		{"a form too large", "/stories/status", form("status", "approved", "id", strings.Repeat("1", 300<<10)), true, 413, "", "too large"},
		{"a GET cannot change anything", "/story/" + id(0) + "/status", nil, false, 405, "", ""},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			var res response
			if tc.form == nil {
				res = f.get(t, c, tc.path)
			} else {
				res = f.post(t, c, tc.path, tc.form, tc.json)
			}
			if res.code != tc.code {
				t.Fatalf("status %d, want %d: %s", res.code, tc.code, res.body)
			}
			if tc.location != "" && res.head.Get("Location") != tc.location {
				t.Errorf("Location %q, want %q", res.head.Get("Location"), tc.location)
			}
			if !strings.Contains(res.body, tc.want) {
				t.Errorf("the answer %s lacks %s", res.body, tc.want)
			}
		})
	}
	want := []string{store.StatusApproved, store.StatusRejected, store.StatusApproved, store.StatusApproved}
	for i, w := range want {
		if got := f.status(t, f.ids[i]); got != w {
			t.Errorf("story %d is %s, want %s", i, got, w)
		}
	}
	ss, _ := f.st.StoriesByID(t.Context(), f.ids[2:3])
	if ss[0].LineEdited || !strings.HasSuffix(ss[0].Line, "according to IOM.") {
		t.Errorf("the reset line is %q (edited %v)", ss[0].Line, ss[0].LineEdited)
	}
}

// manyIDs adds n story IDs to a form.
func manyIDs(v url.Values, n int) url.Values {
	for i := 1; i <= n; i++ {
		v.Add("id", fmt.Sprint(i))
	}
	return v
}

// TestEditedLineShowsTheRuleWarnings: the page shows the checker's
// warnings next to an edited line.
func TestEditedLineShowsTheRuleWarnings(t *testing.T) {
	f := newFixture(t, 2, "")
	c := f.client(t)
	res := f.post(t, c, "/story/"+fmt.Sprint(f.ids[1])+"/line", url.Values{"csrf": {f.token(t, c)}, "line": {"the Meridian Post said IOM helped"}}, true)
	var out struct {
		Stories []struct {
			Problems []string `json:"problems"`
		} `json:"stories"`
	}
	if err := json.Unmarshal([]byte(res.body), &out); err != nil || len(out.Stories) != 1 || len(out.Stories[0].Problems) == 0 {
		t.Fatalf("%d %s: want problems", res.code, res.body)
	}
	page := f.get(t, c, "/").body
	if !strings.Contains(page, "the Meridian Post said IOM helped") || !strings.Contains(page, "<li>"+out.Stories[0].Problems[0]) {
		t.Errorf("the page does not show the warning %q", out.Stories[0].Problems[0])
	}
}

// TestPreviewFrame: the exported HTML keeps its inline styles in the
// export page's frame, and may run nothing.
// TestPasswordGuessesAreLimited: wrong passwords by the login form, by
// basic and by bearer authentication count together, also when sent in
// parallel; then even the right one waits.
// TestDatabaseFailureIs500: a failing database is the server's error,
// logged, and its details are not shown.
func TestDatabaseFailureIs500(t *testing.T) {
	f := newFixture(t, 1, "")
	c := f.client(t)
	tok := f.token(t, c)
	f.st.Close()
	for _, path := range []string{"/", "/export", "/export/preview", "/export/download?format=md", "/sources", "/feed.atom"} {
		res := f.get(t, c, path)
		if res.code != 500 || strings.Contains(res.body, "sql") || strings.Contains(res.body, "closed") {
			t.Errorf("%s: %d %q", path, res.code, res.body)
		}
	}
	if res := f.post(t, c, "/story/1/status", url.Values{"csrf": {tok}, "status": {"approved"}}, true); res.code != 500 || strings.Contains(res.body, "sql") {
		t.Errorf("approve: %d %q", res.code, res.body)
	}
}

// TestFormsWorkWithoutJavaScript submits the page's own forms as a
// browser without scripts does: each decision returns to the page with
// its filters, and the edit form is shown by the noscript stylesheet.
func TestFormsWorkWithoutJavaScript(t *testing.T) {
	f := newFixture(t, 3, "")
	c := f.client(t)
	const page = "/?sort=priority&language=en"
	submit := func(doc *goquery.Document, form string, set map[string]string) {
		t.Helper()
		sel := doc.Find(form).First()
		if sel.Length() == 0 {
			t.Fatalf("no form %s", form)
		}
		vals := url.Values{}
		sel.Find("input[name], textarea[name]").Each(func(_ int, in *goquery.Selection) {
			name, _ := in.Attr("name")
			v, _ := in.Attr("value")
			if goquery.NodeName(in) == "textarea" {
				v = in.Text()
			}
			vals.Set(name, v)
		})
		for k, v := range set {
			vals.Set(k, v)
		}
		action, _ := sel.Attr("action")
		res := f.post(t, c, action, vals, false)
		if res.code != http.StatusSeeOther || res.head.Get("Location") != page {
			t.Fatalf("%s: %d to %q, want 303 to %s", form, res.code, res.head.Get("Location"), page)
		}
	}
	load := func() *goquery.Document {
		t.Helper()
		res := f.get(t, c, page)
		doc, err := goquery.NewDocumentFromReader(strings.NewReader(res.body))
		if err != nil || res.code != 200 {
			t.Fatalf("%d %v", res.code, err)
		}
		return doc
	}
	if !strings.Contains(f.get(t, c, page).body, `<noscript><link rel="stylesheet" href="/static/noscript.css?v=`) {
		t.Error("no noscript stylesheet")
	}
	doc := load()
	id, _ := doc.Find(".card").First().Attr("data-id")
	if doc.Find("#s"+id+` form.decide button[name="status"][value="approved"]`).Length() != 1 {
		t.Fatal("no Approve button in the card's form")
	}
	submit(doc, "#s"+id+" form.edit", map[string]string{"line": "The Meridian Post reported that IOM counted them."})
	submit(load(), "#s"+id+" form.decide", map[string]string{"status": "approved"}) // the button pressed
	// Decided, the story has left the list to review; "all" shows it.
	if load().Find("#s"+id).Length() != 0 {
		t.Error("an approved story is still listed to review")
	}
	res := f.get(t, c, "/?status=all")
	all, _ := goquery.NewDocumentFromReader(strings.NewReader(res.body))
	card := all.Find("#s" + id)
	if st, _ := card.Attr("data-status"); st != "approved" || strings.TrimSpace(card.Find(`[data-role="line"]`).Text()) != "The Meridian Post reported that IOM counted them." {
		t.Errorf("after the forms: %s, %q", st, card.Find(`[data-role="line"]`).Text())
	}
}

// TestExportCarriesApprovedStoriesThatMissedOne: a story approved after
// the export that left it out is in the next section, on the page, in
// its preview and in the download alike.
func TestNewRefusesWithoutStoreOrConfig(t *testing.T) {
	if _, err := New(Options{}); err == nil {
		t.Fatal("New without a store: no error")
	}
}

func TestMarked(t *testing.T) {
	cases := []struct {
		s     string
		marks [][2]int
		want  string
	}{
		{"IOM said", [][2]int{{0, 3}}, "<mark>IOM</mark> said"},
		{"a <b> IOM", [][2]int{{6, 9}}, "a &lt;b&gt; <mark>IOM</mark>"},
		{"bad marks", [][2]int{{5, 2}, {0, 99}}, "bad marks"},
		{"overlap IOM IOM", [][2]int{{8, 11}, {9, 15}}, "overlap <mark>IOM</mark> IOM"},
	}
	for _, tc := range cases {
		if got := string(marked(tc.s, tc.marks)); got != tc.want {
			t.Errorf("marked(%q, %v) = %q, want %q", tc.s, tc.marks, got, tc.want)
		}
	}
}

// TestCreditSwitch: a wire story credited to AFP can be credited to the
// outlet that carried it, and back.
func TestCreditSwitch(t *testing.T) {
	f := newFixture(t, 0, "")
	c := f.client(t)
	text := synthtext.Join(synthtext.New(99).Article())
	var id int64
	for i, outlet := range []string{"Harbour Ledger", "Northern Dispatch"} {
		u := fmt.Sprintf("https://copy%d.example/afp-story", i)
		saved, err := f.st.SaveArticle(t.Context(), store.Article{Source: outlet, Outlet: outlet, URL: u, CanonicalURL: u, SeenURLs: []string{u},
			Title: "An AFP story", Text: text, PublishedAt: time.Now().Add(-time.Duration(i) * time.Hour), Language: "en", Type: "news", Wire: "AFP",
			Line: outlet + " reported that 300 people arrived, according to IOM.", WireLine: "AFP reported that 300 people arrived, according to IOM.",
			Mentions: []store.Mention{{Watch: "International Organization for Migration", Where: "lead", Count: 1, Score: 2, Terms: []string{"IOM"}}}})
		if err != nil {
			t.Fatal(err)
		}
		id = saved.StoryID
	}
	page := f.get(t, c, "/")
	if !strings.Contains(page.body, `<button type="submit" name="credit" value="outlet">Credit the outlet instead of AFP</button>`) {
		t.Fatalf("no credit switch on a wire story")
	}
	tok := csrfMeta.FindStringSubmatch(page.body)[1]
	path := fmt.Sprintf("/story/%d/credit", id)
	if res := f.post(t, c, path, url.Values{"csrf": {tok}, "credit": {"outlet"}, "back": {"/?sort=priority"}}, false); res.code != 303 || res.head.Get("Location") != "/?sort=priority" {
		t.Fatalf("credit the outlet: %d %s", res.code, res.head.Get("Location"))
	}
	page = f.get(t, c, "/")
	if !strings.Contains(page.body, "reported that 300 people arrived") || strings.Contains(page.body, "AFP reported that") ||
		!strings.Contains(page.body, `value="agency">Credit AFP</button>`) || !strings.Contains(page.body, `value="">As the config says</button>`) {
		t.Errorf("after crediting the outlet the card is wrong")
	}
	res := f.post(t, c, path, url.Values{"csrf": {tok}, "credit": {"agency"}}, true)
	if res.code != 200 || !strings.Contains(res.body, `"credit":"AFP"`) || !strings.Contains(res.body, `"line":"AFP reported that`) {
		t.Errorf("credit the agency: %d %s", res.code, res.body)
	}
	if res := f.post(t, c, path, url.Values{"csrf": {tok}, "credit": {"moon"}}, true); res.code != 400 {
		t.Errorf("an unknown credit: %d", res.code)
	}
	if res := f.post(t, c, path, url.Values{"credit": {"agency"}}, true); res.code != 403 {
		t.Errorf("without the token: %d", res.code)
	}
}

// TestLinesToTranslateComeFirst: a line marked for translation (an
// article in another language, no translating writer) is shown first on
// Today, marked, with the article's lead beside it; the writer's other
// lines are offered under a line.
func TestLinesToTranslateComeFirst(t *testing.T) {
	f := newFixture(t, 3, "")
	u := "https://courrier.example/articles/oim-geneve"
	saved, err := f.st.SaveArticle(t.Context(), store.Article{
		Source: "Harbour Ledger", Outlet: "Le Courrier", URL: u, CanonicalURL: u, SeenURLs: []string{u},
		Title: "L’OIM réunit ses États membres", Text: "L’OIM a réuni mardi ses États membres à Genève pour discuter d’un budget <en baisse>.",
		PublishedAt: time.Now().Add(-2 * time.Hour), Language: "fr", Type: "news",
		Line:             "Le Courrier reported on “L’OIM réunit ses États membres” (in French).",
		NeedsTranslation: true, SourceLead: "L’OIM a réuni mardi ses États membres à Genève pour discuter d’un budget <en baisse>.",
		Alternatives: []string{"Le Courrier reported on the meeting of IOM member states in Geneva."},
		Mentions: []store.Mention{{Watch: "International Organization for Migration", Where: "lead", Count: 1, Score: 2,
			Role: "subject", Terms: []string{"OIM"}, Snippet: "L’OIM a réuni…"}},
	})
	if err != nil {
		t.Fatal(err)
	}
	body := f.get(t, f.client(t), "/").body
	first := strings.Index(body, `<article class="card`)
	if first < 0 || !strings.Contains(body[first:first+120], fmt.Sprintf(`id="s%d"`, saved.StoryID)) {
		t.Errorf("the story to translate is not the first card")
	}
	for _, want := range []string{"needs translation", `lang="fr"`, "pour discuter d’un budget &lt;en baisse&gt;.", "Other lines",
		"Le Courrier reported on the meeting of IOM member states in Geneva."} {
		if !strings.Contains(body, want) {
			t.Errorf("the page does not show %q", want)
		}
	}
	// Once staff write the line, the mark goes.
	line := "Le Courrier reported that IOM member states met in Geneva to discuss a shrinking budget."
	if err := f.st.Review(t.Context(), []int64{saved.StoryID}, store.Review{Line: &line}); err != nil {
		t.Fatal(err)
	}
	if body := f.get(t, f.client(t), "/").body; strings.Contains(body, "needs translation") {
		t.Errorf("an edited line is still marked for translation")
	}
}

// TestLowConfidenceIsMarked: a story whose page text did not agree with
// its headline or feed carries a mark on its card; the others do not.
func TestLowConfidenceIsMarked(t *testing.T) {
	f := newFixture(t, 2, "")
	if body := f.get(t, f.client(t), "/").body; strings.Contains(body, "page text uncertain") {
		t.Fatal("a card is marked before any story is low confidence")
	}
	u := "https://delta.example/news/floods"
	saved, err := f.st.SaveArticle(t.Context(), store.Article{
		Source: "Harbour Ledger", Outlet: "Delta Voice", URL: u, CanonicalURL: u, SeenURLs: []string{u},
		Title: "Flooding displaces thousands in river delta", Text: "Floods forced 12,000 people from their homes, IOM said.",
		PublishedAt: time.Now().Add(-time.Hour), Language: "en", Type: "news", LowConfidence: true,
		Line: "Delta Voice reported that floods forced 12,000 people from their homes, according to IOM.",
		Mentions: []store.Mention{{Watch: "International Organization for Migration", Where: "lead", Count: 1, Score: 2,
			Role: "subject", Terms: []string{"IOM"}, Snippet: "…IOM said."}},
	})
	if err != nil {
		t.Fatal(err)
	}
	body := f.get(t, f.client(t), "/").body
	card := body[strings.Index(body, fmt.Sprintf(`id="s%d"`, saved.StoryID)):]
	card = card[:strings.Index(card, "</article>")]
	if !strings.Contains(card, "page text uncertain") {
		t.Errorf("the low-confidence story's card lacks the mark:\n%s", card)
	}
	if strings.Count(body, "page text uncertain") != 1 {
		t.Errorf("%d marks on the page, want 1", strings.Count(body, "page text uncertain"))
	}
}

// TestQuietBanner: when no source brought a new item for longer than
// serve.quiet_alarm, Today says so at the top; otherwise it does not.
func TestQuietBanner(t *testing.T) {
	f := newFixture(t, 1, "")
	if body := f.get(t, f.client(t), "/").body; strings.Contains(body, `data-role="quiet"`) {
		t.Fatal("a banner before any pass ran")
	}
	id, err := f.st.StartRun(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	if err := f.st.FinishRun(t.Context(), id, store.RunTotals{SourcesOK: 1}); err != nil {
		t.Fatal(err)
	}
	later := time.Now().Add(48 * time.Hour)
	f.h.o.Now = func() time.Time { return later }
	if body := f.get(t, f.client(t), "/").body; !strings.Contains(body, `data-role="quiet"`) {
		t.Error("no banner two days after the only pass, which found nothing new")
	}
}
