package web

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"

	"golang.org/x/crypto/bcrypt"

	"github.com/pressclip/pressclip/store"
)

// The budgets: the page with 500 stories in under 200 ms of
// server time, an approve round trip in under 50 ms.
//
//	go test ./web -run '^$' -bench . -benchtime 50x

// BenchmarkTodayPage500 renders Today with 500 stories, as the server
// does (no network).
func BenchmarkTodayPage500(b *testing.B) {
	f := newFixture(b, 500, "")
	req := httptest.NewRequest(http.MethodGet, "/", nil)
	rec := httptest.NewRecorder()
	f.h.ServeHTTP(rec, req)
	if rec.Code != 200 || strings.Count(rec.Body.String(), `<article class="card`) != 500 {
		b.Fatalf("status %d, %d cards", rec.Code, strings.Count(rec.Body.String(), `<article class="card`))
	}
	size := rec.Body.Len()
	for b.Loop() {
		rec := httptest.NewRecorder()
		f.h.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "/", nil))
	}
	b.ReportMetric(float64(size)/1024, "KiB/page")
}

// BenchmarkTodayPage500Edited is the worst case: every line edited, so
// every card runs the house rules' checker on its line and article.
func BenchmarkTodayPage500Edited(b *testing.B) {
	f := newFixture(b, 500, "")
	for i, id := range f.ids {
		line := fmt.Sprintf("The Meridian Post reported that %d migrants arrived on Monday, according to IOM.", 100+i)
		if err := f.st.Review(b.Context(), []int64{id}, store.Review{Line: &line}); err != nil {
			b.Fatal(err)
		}
	}
	for b.Loop() {
		rec := httptest.NewRecorder()
		f.h.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "/", nil))
		if rec.Code != 200 {
			b.Fatal(rec.Code)
		}
	}
}

// BenchmarkTodaySearch500 is Today filtered by a full-text search over
// the 500 stories' articles.
func BenchmarkTodaySearch500(b *testing.B) {
	f := newFixture(b, 500, "")
	for b.Loop() {
		rec := httptest.NewRecorder()
		f.h.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "/?q=arrived+Monday", nil))
		if rec.Code != 200 {
			b.Fatal(rec.Code)
		}
	}
}

// BenchmarkApproveRoundTrip is what the page's script does on "a": a POST
// over loopback HTTP, the decision saved in SQLite, the story read back as
// JSON; it alternates approve and reset on one story of 500.
func BenchmarkApproveRoundTrip(b *testing.B) {
	f := newFixture(b, 500, "")
	c := f.client(b)
	tok := f.token(b, c)
	path := fmt.Sprintf("/story/%d/status", f.ids[250])
	statuses := []string{"approved", "new"}
	i := 0
	for b.Loop() {
		res := f.post(b, c, path, url.Values{"csrf": {tok}, "status": {statuses[i%2]}}, true)
		if res.code != 200 {
			b.Fatalf("%d %s", res.code, res.body)
		}
		i++
	}
}

// BenchmarkTodayPage500SignedIn is Today for a named reviewer: the
// session read from the database and checked against the account's
// credential on every request.
func BenchmarkTodayPage500SignedIn(b *testing.B) {
	f := newFixture(b, 500, "")
	h, err := bcrypt.GenerateFromPassword([]byte("amal's own password"), bcrypt.MinCost)
	if err != nil {
		b.Fatal(err)
	}
	if _, err := f.st.SetUser(b.Context(), "Amal", string(h)); err != nil {
		b.Fatal(err)
	}
	c := f.client(b)
	m := csrfMeta.FindStringSubmatch(f.get(b, c, "/login").body)
	if m == nil {
		b.Fatal("no login form")
	}
	if res := f.post(b, c, "/login", url.Values{"csrf": {m[1]}, "name": {"Amal"}, "password": {"amal's own password"}}, false); res.code != http.StatusSeeOther {
		b.Fatalf("login: %d", res.code)
	}
	u, _ := url.Parse(f.srv.URL)
	cookies := c.Jar.Cookies(u)
	req := httptest.NewRequest(http.MethodGet, "/", nil)
	for _, ck := range cookies {
		req.AddCookie(ck)
	}
	rec := httptest.NewRecorder()
	f.h.ServeHTTP(rec, req)
	if rec.Code != 200 || !strings.Contains(rec.Body.String(), `<span class="user">Amal</span>`) {
		b.Fatalf("signed in: %d", rec.Code)
	}
	for b.Loop() {
		rec := httptest.NewRecorder()
		f.h.ServeHTTP(rec, req)
	}
}
