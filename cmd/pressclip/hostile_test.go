package main

import (
	"bytes"
	"compress/gzip"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// hostile serves outlets that misbehave in every way RELIABILITY.md lists.
func hostile(t *testing.T) *httptest.Server {
	t.Helper()
	var bomb bytes.Buffer
	zw := gzip.NewWriter(&bomb)
	for range 32 {
		zw.Write(make([]byte, 1<<20))
	}
	zw.Close()
	// Random bytes from a fixed seed, never starting with what a feed
	// starts with: an unseeded run once began with "{" (a JSON Feed).
	garbage := make([]byte, 64<<10)
	rng := rand.New(rand.NewPCG(17, 18))
	for i := range garbage {
		garbage[i] = byte(rng.IntN(256))
	}
	garbage[0] = 0x01
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/hang":
			<-r.Context().Done()
		case "/slow-headers":
			select {
			case <-r.Context().Done():
			case <-time.After(10 * time.Second):
			}
		case "/trickle":
			w.Header().Set("Content-Type", "application/rss+xml")
			for {
				if _, err := w.Write([]byte(" ")); err != nil {
					return
				}
				w.(http.Flusher).Flush()
				select {
				case <-r.Context().Done():
					return
				case <-time.After(100 * time.Millisecond):
				}
			}
		case "/huge":
			chunk := bytes.Repeat([]byte("<item>x</item>"), 1<<16)
			w.Write([]byte("<rss><channel>"))
			for range 200 {
				if _, err := w.Write(chunk); err != nil {
					return
				}
			}
		case "/bomb":
			w.Header().Set("Content-Encoding", "gzip")
			w.Write(bomb.Bytes())
		case "/loop":
			http.Redirect(w, r, "/loop", http.StatusFound)
		case "/to-private":
			http.Redirect(w, r, "http://10.11.12.13/feed.xml", http.StatusFound)
		case "/garbage":
			w.Write(garbage)
		case "/html":
			fmt.Fprint(w, "<!DOCTYPE html><html><body><p>Under maintenance</p></body></html>")
		case "/500":
			w.WriteHeader(http.StatusInternalServerError)
		case "/empty":
		default:
			http.NotFound(w, r)
		}
	}))
	t.Cleanup(srv.Close)
	return srv
}

// TestFetchAgainstHostileSourcesFinishes: every source misbehaves; the
// pass still ends within the request timeout plus a few seconds, records
// an error for each source and, since every source failed, exits 1 (issue
// 14: cron mails someone).
func TestFetchAgainstHostileSourcesFinishes(t *testing.T) {
	srv := hostile(t)
	paths := []string{"/hang", "/slow-headers", "/trickle", "/huge", "/bomb", "/loop", "/to-private", "/garbage", "/html", "/500", "/empty", "/missing"}
	var b strings.Builder
	b.WriteString("organization:\n  name: International Organization for Migration\n  aliases: [IOM]\nsources:\n")
	for _, p := range paths {
		fmt.Fprintf(&b, "  - name: %s\n    url: %s%s\n", strings.TrimPrefix(p, "/"), srv.URL, p)
	}
	b.WriteString("  - name: refused\n    url: http://127.0.0.1:1/feed.xml\n")
	const timeout = 2 * time.Second
	fmt.Fprintf(&b, "fetch:\n  timeout: %s\n  header_timeout: 1s\n  host_delay: 0s\n  per_host: 16\n  max_body_bytes: 1MiB\n  allow_private_networks: [127.0.0.1/32]\n", timeout)
	dir := t.TempDir()
	cfg := writeFile(t, dir, "config.yaml", b.String())
	db := filepath.Join(dir, "h.db")

	start := time.Now()
	out, errOut, code := cli(t, "fetch", "--config", cfg, "--db", db)
	elapsed := time.Since(start)
	if code != 1 || !strings.Contains(errOut, "pressclip: every source failed (13 failed, none read)") {
		t.Fatalf("got exit %d, want 1 and every source failed: %s", code, errOut)
	}
	if elapsed > timeout+3*time.Second {
		t.Errorf("the pass took %v, want at most the %v request timeout plus a few seconds", elapsed, timeout)
	}
	if got := strings.Count(out, "failed: "); got != len(paths)+1 {
		t.Errorf("got %d failed lines, want %d:\n%s", got, len(paths)+1, out)
	}

	js, _, _ := cli(t, "sources", "--config", cfg, "--db", db, "--format", "json")
	var hs []struct {
		Name      string  `json:"name"`
		LastError *string `json:"last_error"`
		ErrorKind *string `json:"error_kind"`
	}
	if err := json.Unmarshal([]byte(js), &hs); err != nil {
		t.Fatal(err)
	}
	want := map[string]string{
		"hang": "timeout", "slow-headers": "timeout", "trickle": "timeout", "huge": "too_large", "bomb": "too_large",
		"loop": "too_many_redirects", "to-private": "blocked_private", "garbage": "not_a_feed", "html": "not_a_feed",
		"500": "http_5xx", "empty": "empty", "missing": "http_4xx", "refused": "refused",
	}
	for _, h := range hs {
		if h.LastError == nil || h.ErrorKind == nil {
			t.Errorf("%s: no error recorded", h.Name)
			continue
		}
		if *h.ErrorKind != want[h.Name] {
			t.Errorf("%s: error kind %q, want %q (%s)", h.Name, *h.ErrorKind, want[h.Name], *h.LastError)
		}
	}
	if len(hs) != len(want) {
		t.Errorf("got %d sources, want %d", len(hs), len(want))
	}
}
