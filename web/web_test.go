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
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/PuerkitoBio/goquery"

	"github.com/pressclip/pressclip/config"
	"github.com/pressclip/pressclip/internal/synthtext"
	"github.com/pressclip/pressclip/store"
)

const testConfig = `
database: unused.db
organization:
  name: International Organization for Migration
  short: IOM
  aliases: [International Organization for Migration, IOM]
sources:
  - name: Harbour Ledger
    url: https://harbour.example/rss.xml
  - name: The Meridian Post
    url: https://meridian.example/rss.xml
    priority: 5
  - name: Northern Dispatch
    url: https://north.example/rss.xml
`

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
	cfg, err := config.Load(strings.NewReader(testConfig), "test.yaml")
	if err != nil {
		t.Fatal(err)
	}
	st, err := store.Open(ctx, filepath.Join(t.TempDir(), "web.db"), store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	f := &fixture{st: st}
	var sources []store.Source
	for _, s := range cfg.Sources {
		sources = append(sources, store.Source{Name: s.Name, URL: s.URL, Type: "feed"})
	}
	if err := st.SyncSources(ctx, sources); err != nil {
		t.Fatal(err)
	}
	f.ids = addStories(t, st, 0, n)
	f.h, err = New(Options{Store: st, Config: cfg, Password: password})
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
		{"/?status=all&sort=priority&low=1", "text/html; charset=utf-8", 200, []string{"Story 2 about migrants", `name="back" value="/?status=all&amp;sort=priority&amp;low=1"`}},
		{"/?outlet=The+Meridian+Post", "text/html; charset=utf-8", 200, []string{"Story 1 about", "Story 4 about", "2 stories"}},
		{"/?q=arrived", "text/html; charset=utf-8", 200, []string{`<h1>Search <span class="sub">all dates`, `<p class="found">`, "<mark>arrived</mark>"}},
		{"/?from=2020-01-01&to=2099-12-31", "text/html; charset=utf-8", 200, []string{"Story 3 about"}},
		{"/?status=bogus", "text/plain; charset=utf-8", 400, []string{"unknown status"}},
		{"/?from=yesterday", "text/plain; charset=utf-8", 400, []string{"from: want a date"}},
		{"/export", "text/html; charset=utf-8", 200, []string{"0 stories", `id="preview-text"`}},
		{"/export?unreviewed=1", "text/html; charset=utf-8", 200, []string{"5 stories", "Harbour Ledger reported that 100 migrants arrived, according to IOM."}},
		{"/export?format=bogus", "text/plain; charset=utf-8", 400, []string{`format "bogus"`}},
		{"/export?group=planet", "text/plain; charset=utf-8", 400, []string{`group "planet"`}},
		{"/export?from=nope", "text/plain; charset=utf-8", 400, []string{"from: want a date"}},
		{"/sources", "text/html; charset=utf-8", 200, []string{"Northern Dispatch", "not_a_feed: not a feed"}},
		{"/feed.atom", "application/atom+xml", 200, []string{"<feed"}},
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
	body := f.get(t, c, "/").body
	if !strings.Contains(body, "Headline &lt;script&gt;alert(&#34;pwned&#34;)&lt;/script&gt;") {
		t.Errorf("the hostile headline is not shown as text")
	}
	if !strings.Contains(body, "…<mark>IOM</mark> &lt;script&gt;") {
		t.Errorf("the snippet's mark or escaping is wrong")
	}
}

func TestDecisionsNeedTheCSRFTokenAndTheSameOrigin(t *testing.T) {
	f := newFixture(t, 3, "")
	c := f.client(t)
	tok := f.token(t, c)
	id := fmt.Sprint(f.ids[1])
	cases := []struct {
		name   string
		form   url.Values
		header map[string]string
		code   int
	}{
		{"no token", url.Values{"status": {"approved"}}, nil, 403},
		{"a wrong token", url.Values{"status": {"approved"}, "csrf": {strings.Repeat("0", 64)}}, nil, 403},
		{"the token from another server", url.Values{"status": {"approved"}, "csrf": {newFixture(t, 0, "").token(t, c)}}, nil, 403},
		{"a cross-site request with the token", url.Values{"status": {"approved"}, "csrf": {tok}}, map[string]string{"Sec-Fetch-Site": "cross-site"}, 403},
		{"another origin with the token", url.Values{"status": {"approved"}, "csrf": {tok}}, map[string]string{"Origin": "https://evil.example"}, 403},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			req, _ := http.NewRequest(http.MethodPost, f.srv.URL+"/story/"+id+"/status", strings.NewReader(tc.form.Encode()))
			req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
			for k, v := range tc.header {
				req.Header.Set(k, v)
			}
			if res := do(t, c, req); res.code != tc.code {
				t.Fatalf("status %d, want %d", res.code, tc.code)
			}
			if got := f.status(t, f.ids[1]); got != store.StatusNew {
				t.Fatalf("the story became %s", got)
			}
		})
	}
	// The token in a header, as the script sends it, is enough.
	req, _ := http.NewRequest(http.MethodPost, f.srv.URL+"/story/"+id+"/status", strings.NewReader("status=approved"))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("X-CSRF-Token", tok)
	req.Header.Set("Sec-Fetch-Site", "same-origin")
	if res := do(t, c, req); res.code != http.StatusSeeOther || f.status(t, f.ids[1]) != store.StatusApproved {
		t.Fatalf("with the token in the header: %d, %s", res.code, f.status(t, f.ids[1]))
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
	today := f.get(t, c, "/").body
	for _, gone := range []string{"Story 1 about", "Story 2 about", "Story 0"} {
		if strings.Contains(today, gone) {
			t.Errorf("Today after the export shows %q", gone)
		}
	}
	for _, shown := range []string{"Story 10 about", "Story 3 about"} {
		if !strings.Contains(today, shown) {
			t.Errorf("Today after the export lacks %q", shown)
		}
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

func TestLoginSessionsAndProtect(t *testing.T) {
	f := newFixture(t, 2, "correct horse battery")
	c := f.client(t)
	if res := f.get(t, c, "/"); res.code != 303 || res.head.Get("Location") != "/login" {
		t.Fatalf("GET / without a session: %d %s", res.code, res.head.Get("Location"))
	}
	for _, path := range []string{"/export/download", "/feed.atom", "/sources"} {
		if res := f.get(t, c, path); res.code != 303 {
			t.Errorf("%s without a session: %d", path, res.code)
		}
	}
	req, _ := http.NewRequest(http.MethodGet, f.srv.URL+"/", nil)
	req.Header.Set("Accept", "application/json")
	if res := do(t, c, req); res.code != 401 {
		t.Errorf("a script without a session: %d, want 401", res.code)
	}
	if res := f.post(t, c, "/story/"+fmt.Sprint(f.ids[0])+"/status", url.Values{"status": {"approved"}}, true); res.code != 401 {
		t.Errorf("a POST without a session: %d, want 401", res.code)
	}
	login := f.get(t, c, "/login")
	m := csrfMeta.FindStringSubmatch(login.body)
	if login.code != 200 || m == nil || !strings.Contains(login.body, `type="password"`) {
		t.Fatalf("the login page: %d", login.code)
	}
	if res := f.post(t, c, "/login", url.Values{"password": {"correct horse battery"}}, false); res.code != 403 {
		t.Errorf("a login without the token: %d, want 403", res.code)
	}
	if res := f.post(t, c, "/login", url.Values{"csrf": {m[1]}, "password": {"wrong"}}, false); res.code != 401 || !strings.Contains(res.body, "Wrong password") {
		t.Errorf("a wrong password: %d", res.code)
	}
	res := f.post(t, c, "/login", url.Values{"csrf": {m[1]}, "password": {"correct horse battery"}}, false)
	if res.code != 303 || res.head.Get("Location") != "/" {
		t.Fatalf("login: %d", res.code)
	}
	cookie := res.head.Get("Set-Cookie")
	for _, want := range []string{"pressclip_session=", "HttpOnly", "SameSite=Strict", "Path=/"} {
		if !strings.Contains(cookie, want) {
			t.Errorf("the session cookie %q lacks %s", cookie, want)
		}
	}
	if strings.Contains(cookie, "Secure") {
		t.Errorf("a Secure cookie over plain HTTP would never come back: %q", cookie)
	}
	// Signed in: the page, and decisions with the session's token; the
	// token of the login page no longer works.
	tok := f.token(t, c)
	if tok == m[1] {
		t.Fatal("the CSRF token does not change with the session")
	}
	if res := f.post(t, c, "/story/"+fmt.Sprint(f.ids[0])+"/status", url.Values{"csrf": {m[1]}, "status": {"approved"}}, true); res.code != 403 {
		t.Errorf("the pre-login token: %d, want 403", res.code)
	}
	if res := f.post(t, c, "/story/"+fmt.Sprint(f.ids[0])+"/status", url.Values{"csrf": {tok}, "status": {"approved"}}, true); res.code != 200 {
		t.Errorf("approve when signed in: %d", res.code)
	}
	// Protect: basic or bearer authentication for machines.
	metrics := httptest.NewServer(f.h.Protect(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { io.WriteString(w, "metrics") })))
	defer metrics.Close()
	for _, tc := range []struct {
		name string
		set  func(*http.Request)
		code int
	}{
		{"nothing", func(*http.Request) {}, 401},
		{"basic, wrong", func(r *http.Request) { r.SetBasicAuth("x", "wrong") }, 401},
		{"basic", func(r *http.Request) { r.SetBasicAuth("prometheus", "correct horse battery") }, 200},
		{"bearer", func(r *http.Request) { r.Header.Set("Authorization", "Bearer correct horse battery") }, 200},
	} {
		req, _ := http.NewRequest(http.MethodGet, metrics.URL, nil)
		tc.set(req)
		if res := do(t, http.DefaultClient, req); res.code != tc.code {
			t.Errorf("protect, %s: %d, want %d", tc.name, res.code, tc.code)
		}
	}
	// Sign out: the session is gone.
	if res := f.post(t, c, "/logout", url.Values{"csrf": {tok}}, false); res.code != 303 {
		t.Fatalf("logout: %d", res.code)
	}
	if res := f.get(t, c, "/"); res.code != 303 {
		t.Errorf("after logout: %d, want the login", res.code)
	}
}

func TestSecureCookieBehindHTTPSAndLoginRateLimit(t *testing.T) {
	f := newFixture(t, 1, "correct horse battery")
	c := f.client(t)
	tok := csrfMeta.FindStringSubmatch(f.get(t, c, "/login").body)[1]
	req, _ := http.NewRequest(http.MethodPost, f.srv.URL+"/login", strings.NewReader(url.Values{"csrf": {tok}, "password": {"correct horse battery"}}.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("X-Forwarded-Proto", "https")
	if res := do(t, f.client(t), req); res.code != 303 || !strings.Contains(res.head.Get("Set-Cookie"), "Secure") {
		t.Errorf("behind HTTPS: %d, cookie %q", res.code, res.head.Get("Set-Cookie"))
	}
	for i := 0; i < maxFailures; i++ {
		if res := f.post(t, c, "/login", url.Values{"csrf": {tok}, "password": {"guess"}}, false); res.code != 401 {
			t.Fatalf("failure %d: %d", i, res.code)
		}
	}
	res := f.post(t, c, "/login", url.Values{"csrf": {tok}, "password": {"correct horse battery"}}, false)
	if res.code != http.StatusTooManyRequests || !strings.Contains(res.body, "Too many attempts") {
		t.Errorf("after %d failures: %d, want 429 even with the right password", maxFailures, res.code)
	}
}

// TestPreviewFrame: the exported HTML keeps its inline styles in the
// export page's frame, and may run nothing.
func TestPreviewFrame(t *testing.T) {
	f := newFixture(t, 3, "")
	c := f.client(t)
	page := f.get(t, c, "/export?unreviewed=1&group=outlet")
	if !strings.Contains(page.body, `<iframe id="preview-html" class="preview rich" src="/export/preview?from=`) ||
		!strings.Contains(page.body, `&amp;group=outlet&amp;to=&amp;unreviewed=1"`) {
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
	for _, want := range []string{"style=", "Harbour Ledger reported that 100 migrants", "The Meridian Post"} {
		if !strings.Contains(res.body, want) {
			t.Errorf("the preview lacks %q", want)
		}
	}
	if res := f.get(t, c, "/export/preview?format=nope"); res.code != 400 {
		t.Errorf("a bad selection: %d", res.code)
	}
}

// TestPasswordGuessesAreLimited: wrong passwords by the login form, by
// basic and by bearer authentication count together, also when sent in
// parallel; then even the right one waits.
func TestPasswordGuessesAreLimited(t *testing.T) {
	f := newFixture(t, 1, "correct horse battery")
	c := f.client(t)
	tok := csrfMeta.FindStringSubmatch(f.get(t, c, "/login").body)[1]
	codes := make(chan int, 40)
	var wg sync.WaitGroup
	for i := 0; i < 40; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			var req *http.Request
			switch i % 3 {
			case 0:
				req, _ = http.NewRequest(http.MethodPost, f.srv.URL+"/login", strings.NewReader(url.Values{"csrf": {tok}, "password": {"guess"}}.Encode()))
				req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
			case 1:
				req, _ = http.NewRequest(http.MethodGet, f.srv.URL+"/feed.atom", nil)
				req.SetBasicAuth("x", "guess")
			default:
				req, _ = http.NewRequest(http.MethodGet, f.srv.URL+"/export", nil)
				req.Header.Set("Authorization", "Bearer guess")
			}
			res, err := http.DefaultClient.Do(req)
			if err != nil {
				t.Error(err)
				return
			}
			res.Body.Close()
			codes <- res.StatusCode
		}()
	}
	wg.Wait()
	close(codes)
	count := map[int]int{}
	for c := range codes {
		count[c]++
	}
	if count[401] != maxFailures || count[429] != 40-maxFailures {
		t.Errorf("40 parallel guesses: %v, want %d × 401 and the rest 429", count, maxFailures)
	}
	req, _ := http.NewRequest(http.MethodGet, f.srv.URL+"/feed.atom", nil)
	req.SetBasicAuth("x", "correct horse battery")
	if res := do(t, http.DefaultClient, req); res.code != 429 || res.head.Get("Retry-After") == "" {
		t.Errorf("the right password after the guesses: %d, Retry-After %q; want 429", res.code, res.head.Get("Retry-After"))
	}
}

func TestLimiter(t *testing.T) {
	now := time.Date(2026, 11, 27, 8, 0, 0, 0, time.UTC)
	l := &limiter{now: func() time.Time { return now }, fails: map[string][]time.Time{}}
	for i := 0; i < maxFailures; i++ {
		done, ok := l.attempt("a")
		if !ok {
			t.Fatalf("attempt %d refused", i)
		}
		done(false)
	}
	if _, ok := l.attempt("a"); ok {
		t.Error("attempt after the failures allowed")
	}
	now = now.Add(failureWindow)
	done, ok := l.attempt("a")
	if !ok {
		t.Fatal("attempt after the window refused")
	}
	done(true)
	if _, kept := l.fails["a"]; kept {
		t.Error("a success does not forget the failures")
	}
	// Many clients: the memory stays bounded.
	for i := 0; i < 3*maxClients; i++ {
		done, _ := l.attempt(fmt.Sprint("client", i))
		done(false)
		if i%1000 == 0 {
			now = now.Add(time.Minute)
		}
	}
	if len(l.fails) > maxClients {
		t.Errorf("the limiter remembers %d clients, want at most %d", len(l.fails), maxClients)
	}
}

func TestClientKey(t *testing.T) {
	for _, tc := range []struct{ addr, want string }{
		{"192.0.2.7:5000", "192.0.2.7"},
		{"[2001:db8:1:2:3:4:5:6]:443", "2001:db8:1:2::/64"},
		{"[2001:db8:1:2:ffff::1]:443", "2001:db8:1:2::/64"},
		{"[::ffff:192.0.2.7]:80", "192.0.2.7"},
		{"pipe", "pipe"},
	} {
		r := httptest.NewRequest(http.MethodGet, "/", nil)
		r.RemoteAddr = tc.addr
		if got := clientKey(r); got != tc.want {
			t.Errorf("clientKey(%s) = %s, want %s", tc.addr, got, tc.want)
		}
	}
}

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
	if !strings.Contains(f.get(t, c, page).body, `<noscript><link rel="stylesheet" href="/static/noscript.css"></noscript>`) {
		t.Error("no noscript stylesheet")
	}
	doc := load()
	id, _ := doc.Find(".card").First().Attr("data-id")
	submit(doc, "#s"+id+` .actions form:has(input[value="approved"])`, nil)
	submit(load(), "#s"+id+" form.edit", map[string]string{"line": "The Meridian Post reported that IOM counted them."})
	card := load().Find("#s" + id)
	if st, _ := card.Attr("data-status"); st != "approved" || strings.TrimSpace(card.Find(`[data-role="line"]`).Text()) != "The Meridian Post reported that IOM counted them." {
		t.Errorf("after the forms: %s, %q", st, card.Find(`[data-role="line"]`).Text())
	}
}

// TestExportCarriesApprovedStoriesThatMissedOne: a story approved after
// the export that left it out is in the next section, on the page, in
// its preview and in the download alike.
func TestExportCarriesApprovedStoriesThatMissedOne(t *testing.T) {
	now := time.Now().Add(-72 * time.Hour)
	cfg, err := config.Load(strings.NewReader(testConfig), "test.yaml")
	if err != nil {
		t.Fatal(err)
	}
	st, err := store.Open(t.Context(), filepath.Join(t.TempDir(), "web.db"), store.Options{Now: func() time.Time { return now }})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	ids := addStories(t, st, 0, 3) // found three days ago
	now = now.Add(24 * time.Hour)
	if _, err := st.MarkExported(t.Context(), ids[:1], time.Time{}, time.Time{}, "text"); err != nil {
		t.Fatal(err)
	}
	now = time.Now()
	if err := st.Review(t.Context(), ids[1:2], store.Review{Status: store.StatusApproved}); err != nil {
		t.Fatal(err)
	}
	h, err := New(Options{Store: st, Config: cfg})
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
		body := f.get(t, c, path).body
		if !strings.Contains(body, line) || strings.Contains(body, "102 migrants") || strings.Contains(body, "100 migrants") {
			t.Errorf("%s does not carry exactly the approved story that missed the export:\n%.3000s", path, body)
		}
	}
}

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
