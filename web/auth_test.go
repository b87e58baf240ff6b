package web

import (
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"net/netip"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/pressclip/pressclip/store"
)

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
	if res := f.post(t, c, "/login", url.Values{"csrf": {m[1]}, "password": {"wrong"}}, false); res.code != 401 || !strings.Contains(res.body, "Wrong name or password") {
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
	// The login form's token is good with the browser's own CSRF secret.
	u, _ := url.Parse(f.srv.URL)
	for _, ck := range c.Jar.Cookies(u) {
		req.AddCookie(ck)
	}
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

func TestPasswordGuessesAreLimited(t *testing.T) {
	f := newFixture(t, 1, "correct horse battery")
	c := f.client(t)
	tok := csrfMeta.FindStringSubmatch(f.get(t, c, "/login").body)[1]
	srvURL, _ := url.Parse(f.srv.URL)
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
				for _, ck := range c.Jar.Cookies(srvURL) {
					req.AddCookie(ck)
				}
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
		done, ok := l.attempt("a", maxFailures)
		if !ok {
			t.Fatalf("attempt %d refused", i)
		}
		done(false)
	}
	if _, ok := l.attempt("a", maxFailures); ok {
		t.Error("attempt after the failures allowed")
	}
	now = now.Add(failureWindow)
	done, ok := l.attempt("a", maxFailures)
	if !ok {
		t.Fatal("attempt after the window refused")
	}
	done(true)
	if _, kept := l.fails["a"]; kept {
		t.Error("a success does not forget the failures")
	}
	// Many clients: the memory stays bounded.
	for i := 0; i < 3*maxClients; i++ {
		done, _ := l.attempt(fmt.Sprint("client", i), maxFailures)
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
		if got := clientKey(r, nil); got != tc.want {
			t.Errorf("clientKey(%s) = %s, want %s", tc.addr, got, tc.want)
		}
	}
}

// TestSessionsEnd: a session lasts sessionTTL, then the login is asked
// again.
func TestSessionsEnd(t *testing.T) {
	f := newFixture(t, 1, "correct horse battery")
	now := time.Now()
	f.h.o.Now = func() time.Time { return now }
	c := f.client(t)
	tok := csrfMeta.FindStringSubmatch(f.get(t, c, "/login").body)[1]
	if res := f.post(t, c, "/login", url.Values{"csrf": {tok}, "password": {"correct horse battery"}}, false); res.code != 303 {
		t.Fatalf("login: %d", res.code)
	}
	now = now.Add(sessionTTL - time.Minute)
	if res := f.get(t, c, "/"); res.code != 200 {
		t.Errorf("just before the session ends: %d", res.code)
	}
	now = now.Add(2 * time.Minute)
	if res := f.get(t, c, "/"); res.code != 303 || res.head.Get("Location") != "/login" {
		t.Errorf("after the session ended: %d %s, want the login", res.code, res.head.Get("Location"))
	}
}

// TestClientBehindATrustedProxy: behind a listed proxy each client is the
// address it forwards for, so one client's wrong passwords lock out only
// that client; from anywhere else X-Forwarded-For is not believed.
func TestClientBehindATrustedProxy(t *testing.T) {
	proxy := []netip.Prefix{netip.MustParsePrefix("127.0.0.1/32")}
	for _, tc := range []struct {
		addr, xff string
		trusted   []netip.Prefix
		want      string
	}{
		{"127.0.0.1:5000", "198.51.100.9", proxy, "198.51.100.9"},
		{"127.0.0.1:5000", "203.0.113.1, 198.51.100.9", proxy, "198.51.100.9"},
		{"127.0.0.1:5000", "198.51.100.9, 127.0.0.1", proxy, "198.51.100.9"},
		{"127.0.0.1:5000", "", proxy, "127.0.0.1"},
		{"192.0.2.7:5000", "198.51.100.9", proxy, "192.0.2.7"},
		{"127.0.0.1:5000", "198.51.100.9", nil, "127.0.0.1"},
	} {
		r := httptest.NewRequest(http.MethodGet, "/", nil)
		r.RemoteAddr = tc.addr
		if tc.xff != "" {
			r.Header.Set("X-Forwarded-For", tc.xff)
		}
		if got := clientKey(r, tc.trusted); got != tc.want {
			t.Errorf("%s via %q: %s, want %s", tc.addr, tc.xff, got, tc.want)
		}
	}
	// One client's guesses behind the proxy leave the others alone; the
	// account as a whole has its own, higher bound.
	h := &Handler{o: Options{TrustedProxies: proxy, Now: time.Now, Password: "correct horse battery"}, limit: &limiter{now: time.Now, fails: map[string][]time.Time{}}}
	guess := func(client string) bool {
		r := httptest.NewRequest(http.MethodGet, "/", nil)
		r.RemoteAddr = "127.0.0.1:4000"
		r.Header.Set("X-Forwarded-For", client)
		r.SetBasicAuth("", "guess")
		_, _, limited := h.authorized(r)
		return limited
	}
	for range maxFailures {
		guess("198.51.100.9")
	}
	if !guess("198.51.100.9") {
		t.Error("the guessing client is not limited")
	}
	if guess("203.0.113.5") {
		t.Error("another client behind the proxy is locked out")
	}
	// A success halfway (a scraper with the password) takes back only its
	// own attempt: the others' failures stay counted.
	for i := 0; i < maxAccountFailures; i++ {
		if i == maxAccountFailures/2 {
			r := httptest.NewRequest(http.MethodGet, "/", nil)
			r.RemoteAddr = "127.0.0.1:4000"
			r.Header.Set("X-Forwarded-For", "198.51.100.200")
			r.SetBasicAuth("", "correct horse battery")
			if _, ok, _ := h.authorized(r); !ok {
				t.Fatal("the right password is refused")
			}
		}
		guess(fmt.Sprintf("2001:db8:%x::1", i))
	}
	if !guess("203.0.113.77") {
		t.Errorf("after %d wrong passwords from many clients, a new one is not limited", maxAccountFailures)
	}
}
