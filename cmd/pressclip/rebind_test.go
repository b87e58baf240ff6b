package main

import (
	"io"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"
)

var csrfMetaRe = regexp.MustCompile(`name="csrf-token" content="([0-9a-f]+)"`)

// TestNoTakeoverByDNSRebinding runs serve without a password on loopback
// and plays a web page whose domain was re-pointed at 127.0.0.1: every
// route refuses its Host (421), so it can neither read a page nor its
// token nor approve a story; and a token one browser read is no good to
// another (each browser has its own CSRF secret).
func TestNoTakeoverByDNSRebinding(t *testing.T) {
	if testing.Short() {
		t.Skip("serves")
	}
	cfg, _ := slowConfig(t, 3, 0, "schedule: '0 0 1 1 *'\n")
	base := serveInProcess(t, "listening on ", "serve", "--config", cfg, "--listen", "127.0.0.1:0")
	u, _ := url.Parse(base)
	rebound := "rebind.example:" + u.Port()
	do := func(c *http.Client, method, path, host, body string, header map[string]string) (int, string) {
		t.Helper()
		req, _ := http.NewRequest(method, base+path, strings.NewReader(body))
		if host != "" {
			req.Host = host
		}
		for k, v := range header {
			req.Header.Set(k, v)
		}
		if body != "" {
			req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		}
		res, err := c.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer res.Body.Close()
		b, _ := io.ReadAll(res.Body)
		return res.StatusCode, string(b)
	}
	browser := func() *http.Client {
		jar, _ := cookiejar.New(nil)
		return &http.Client{Jar: jar, CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	}
	victim := browser()
	var page string
	for deadline := time.Now().Add(20 * time.Second); time.Now().Before(deadline); time.Sleep(50 * time.Millisecond) {
		if code, body := do(victim, "GET", "/", "", "", nil); code == 200 && strings.Contains(body, `<article class="card`) {
			page = body
			break
		}
	}
	if page == "" {
		t.Fatal("no story on Today")
	}
	token := csrfMetaRe.FindStringSubmatch(page)[1]
	id := regexp.MustCompile(`data-id="(\d+)"`).FindStringSubmatch(page)[1]

	// The rebound page: every route refuses its Host.
	for _, path := range []string{"/", "/export", "/export/download?format=text", "/metrics", "/healthz", "/sources"} {
		if code, _ := do(browser(), "GET", path, rebound, "", nil); code != http.StatusMisdirectedRequest {
			t.Errorf("GET %s with Host %s: %d, want 421", path, rebound, code)
		}
	}
	form := url.Values{"csrf": {token}, "status": {"approved"}}.Encode()
	if code, _ := do(victim, "POST", "/story/"+id+"/status", rebound, form, map[string]string{"Origin": "http://" + rebound}); code != http.StatusMisdirectedRequest {
		t.Errorf("POST with the rebound Host and the victim's token: %d, want 421", code)
	}
	// Another browser cannot use the victim's token.
	if code, _ := do(browser(), "POST", "/story/"+id+"/status", "", form, nil); code != http.StatusForbidden {
		t.Errorf("POST from another browser with the victim's token: %d, want 403", code)
	}
	// The victim's own browser still can.
	if code, _ := do(victim, "POST", "/story/"+id+"/status", "", form, map[string]string{"X-CSRF-Token": token, "Accept": "application/json"}); code != 200 {
		t.Errorf("POST from the victim's browser: %d, want 200", code)
	}
	// localhost and the address itself are the server's own names.
	if code, _ := do(browser(), "GET", "/healthz", "localhost:"+u.Port(), "", nil); code != 200 {
		t.Errorf("Host localhost: %d, want 200", code)
	}
}

// TestSearchAbuseIsRefused runs serve without a password and sends the
// searches a cross-site <img> could: too many terms, one-letter prefixes,
// a 6 KB query — each a 400 with the reason, and Today still answers
// while sixteen of them arrive at once.
func TestSearchAbuseIsRefused(t *testing.T) {
	if testing.Short() {
		t.Skip("serves")
	}
	cfg, _ := slowConfig(t, 3, 0, "schedule: '0 0 1 1 *'\n")
	base := serveInProcess(t, "listening on ", "serve", "--config", cfg, "--listen", "127.0.0.1:0")
	get := func(q string) (int, string) {
		t.Helper()
		res, err := http.Get(base + "/?q=" + url.QueryEscape(q))
		if err != nil {
			t.Fatal(err)
		}
		defer res.Body.Close()
		b, _ := io.ReadAll(res.Body)
		return res.StatusCode, string(b)
	}
	abuse := []string{strings.Repeat("a* ", 400), strings.Repeat("a* ", 2000), strings.Repeat("migrants ", 40), "x*"}
	for _, q := range abuse {
		if code, body := get(q); code != http.StatusBadRequest || !strings.Contains(body, "search") {
			t.Errorf("search %.30q…: %d, want 400 saying why", q, code)
		}
	}
	done := make(chan int, 16)
	for range 16 {
		go func() {
			code, _ := get(strings.Repeat("a* ", 2000))
			done <- code
		}()
	}
	if code, _ := get(""); code != 200 {
		t.Errorf("Today during the abuse: %d", code)
	}
	for range 16 {
		if code := <-done; code != http.StatusBadRequest {
			t.Errorf("a parallel abusive search: %d, want 400", code)
		}
	}
	if code, _ := get("migrants"); code != 200 {
		t.Errorf("a real search: %d", code)
	}
}

// TestPasswordEnvFollowsPasswdsRule: a one-letter password in
// serve.password_env is refused by check and serve, as passwd refuses it.
func TestPasswordEnvFollowsPasswdsRule(t *testing.T) {
	cfg, _ := slowConfig(t, 1, 0, "serve:\n  listen: 0.0.0.0:0\n  password_env: PRESSCLIP_TEST_PASSWORD\n")
	for _, tt := range []struct {
		password string
		code     int
	}{{"x", 2}, {strings.Repeat("long", 20), 2}, {"correct horse battery", 0}} {
		t.Setenv("PRESSCLIP_TEST_PASSWORD", tt.password)
		if _, errOut, code := cli(t, "check", "--config", cfg); code != tt.code || tt.code != 0 && !strings.Contains(errOut, "8 to 72 bytes") {
			t.Errorf("check with a password of %d bytes: exit %d, %q; want %d", len(tt.password), code, errOut, tt.code)
		}
	}
}
