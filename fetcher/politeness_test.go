package fetcher

import (
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

func TestRetries(t *testing.T) {
	var calls sync.Map // path → *atomic.Int32
	count := func(p string) *atomic.Int32 {
		v, _ := calls.LoadOrStore(p, new(atomic.Int32))
		return v.(*atomic.Int32)
	}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		n := count(r.URL.Path).Add(1)
		switch r.URL.Path {
		case "/flaky-503": // fails twice, then answers
			if n <= 2 {
				w.WriteHeader(http.StatusServiceUnavailable)
				return
			}
		case "/always-500":
			w.WriteHeader(http.StatusInternalServerError)
			return
		case "/429-short":
			if n == 1 {
				w.Header().Set("Retry-After", "1")
				w.WriteHeader(http.StatusTooManyRequests)
				return
			}
		case "/429-long":
			w.Header().Set("Retry-After", "3600")
			w.WriteHeader(http.StatusTooManyRequests)
			return
		case "/404":
			http.NotFound(w, r)
			return
		case "/408":
			if n == 1 {
				w.WriteHeader(http.StatusRequestTimeout)
				return
			}
		case "/reset": // closes the connection mid-body once
			if n == 1 {
				w.Header().Set("Content-Length", "50000")
				w.Write([]byte("partial"))
				hj, _ := w.(http.Hijacker)
				conn, _, _ := hj.Hijack()
				conn.Close()
				return
			}
		}
		fmt.Fprint(w, "ok")
	}))
	defer srv.Close()
	c := newClient(t, Options{Timeout: 5 * time.Second})
	tests := []struct {
		name      string
		path      string
		wantErr   Kind
		wantCalls int32
		minTime   time.Duration
	}{
		{"a 503 is retried until it answers", "/flaky-503", "", 3, 0},
		{"a 500 that persists fails after the retries", "/always-500", KindHTTP5xx, 3, 0},
		{"a short Retry-After is honoured", "/429-short", "", 2, time.Second},
		{"a Retry-After longer than the pass allows is not waited for", "/429-long", KindHTTP429, 1, 0},
		{"a 404 is not retried", "/404", KindHTTP4xx, 1, 0},
		{"a 408 is retried", "/408", "", 2, 0},
		{"a connection reset mid-body is retried", "/reset", "", 2, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			start := time.Now()
			resp, err := c.Get(t.Context(), srv.URL+tt.path, AcceptHTML)
			if got := KindOf(err); got != tt.wantErr {
				t.Fatalf("got kind %q (%v), want %q", got, err, tt.wantErr)
			}
			if got := count(tt.path).Load(); got != tt.wantCalls {
				t.Errorf("got %d requests, want %d", got, tt.wantCalls)
			}
			if elapsed := time.Since(start); elapsed < tt.minTime {
				t.Errorf("took %v, want at least %v", elapsed, tt.minTime)
			}
			if err == nil && (string(resp.Body) != "ok" || resp.Attempts != int(tt.wantCalls)) {
				t.Errorf("got body %q after %d attempts", resp.Body, resp.Attempts)
			}
			if tt.path == "/429-long" {
				se, _ := errors.AsType[*StatusError](err)
				if se == nil || se.RetryAfterDelay != time.Hour {
					t.Errorf("got %v, want the Retry-After of an hour kept for the scheduler", err)
				}
			}
		})
	}
}

func TestRetriesShareTheRequestDeadline(t *testing.T) {
	// A server that never answers: each try hits the header timeout, and
	// all tries together stop at Timeout.
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { <-r.Context().Done() }))
	defer srv.Close()
	c := newClient(t, Options{Timeout: 1500 * time.Millisecond, ResponseHeaderTimeout: 400 * time.Millisecond})
	start := time.Now()
	_, err := c.Get(t.Context(), srv.URL, AcceptHTML)
	elapsed := time.Since(start)
	if KindOf(err) != KindTimeout {
		t.Fatalf("got %v, want a timeout", err)
	}
	if elapsed > 2500*time.Millisecond {
		t.Errorf("took %v, want about the 1.5 s deadline", elapsed)
	}
}

func TestConnectionRefusedIsNotRetried(t *testing.T) {
	c := newClient(t, Options{})
	start := time.Now()
	_, err := c.Get(t.Context(), "http://127.0.0.1:1/", AcceptHTML)
	if KindOf(err) != KindRefused {
		t.Fatalf("got %v, want refused", err)
	}
	if time.Since(start) > 300*time.Millisecond {
		t.Errorf("took %v: a refused connection should fail at once", time.Since(start))
	}
}

// concurrency records the most requests in flight at once.
type concurrency struct {
	mu       sync.Mutex
	now, max int
	starts   []time.Time
}

func (c *concurrency) handler(delay time.Duration) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		c.mu.Lock()
		c.now++
		c.max = max(c.max, c.now)
		c.starts = append(c.starts, time.Now())
		c.mu.Unlock()
		time.Sleep(delay)
		c.mu.Lock()
		c.now--
		c.mu.Unlock()
		fmt.Fprint(w, "ok")
	}
}

func TestPerHostLimitAndDelay(t *testing.T) {
	tests := []struct {
		name    string
		opts    Options
		wantMax int
		gap     time.Duration // least time between two request starts
	}{
		{"at most two requests at once to one host", Options{PerHost: 2}, 2, 0},
		{"one at a time when per_host is 1", Options{PerHost: 1}, 1, 0},
		{"request starts spaced by the host delay", Options{PerHost: 4, HostDelay: 60 * time.Millisecond}, 4, 60 * time.Millisecond},
		{"the global limit caps requests across the process", Options{PerHost: 10, Concurrency: 3}, 3, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var cc concurrency
			srv := httptest.NewServer(cc.handler(40 * time.Millisecond))
			defer srv.Close()
			c := newClient(t, tt.opts)
			var wg sync.WaitGroup
			for i := range 10 {
				wg.Go(func() {
					if _, err := c.Get(t.Context(), fmt.Sprintf("%s/%d", srv.URL, i), AcceptHTML); err != nil {
						t.Error(err)
					}
				})
			}
			wg.Wait()
			if cc.max > tt.wantMax {
				t.Errorf("got %d requests at once, want at most %d", cc.max, tt.wantMax)
			}
			if tt.gap > 0 {
				for i := 1; i < len(cc.starts); i++ {
					// The server sees starts a little later than the client
					// sends them; allow 10 ms of scheduling noise.
					if d := cc.starts[i].Sub(cc.starts[i-1]); d < tt.gap-10*time.Millisecond {
						t.Errorf("requests %d and %d started %v apart, want at least %v", i-1, i, d, tt.gap)
					}
				}
			}
		})
	}
}

func TestConditionalGet(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Header.Get("If-None-Match") == `"v1"` || r.Header.Get("If-Modified-Since") == "Tue, 24 Nov 2026 08:00:00 GMT" {
			w.WriteHeader(http.StatusNotModified)
			return
		}
		w.Header().Set("ETag", `"v1"`)
		w.Header().Set("Last-Modified", "Tue, 24 Nov 2026 08:00:00 GMT")
		w.Write([]byte(mustRead(t, "rss2.xml")))
	}))
	defer srv.Close()
	c := newClient(t, Options{})
	first, err := c.FetchSource(t.Context(), Source{URL: srv.URL})
	if err != nil {
		t.Fatal(err)
	}
	if first.NotModified || len(first.Items) != 3 || first.ETag != `"v1"` || first.LastModified == "" {
		t.Fatalf("first fetch: got %+v", first)
	}
	for _, s := range []Source{{URL: srv.URL, ETag: first.ETag}, {URL: srv.URL, LastModified: first.LastModified}} {
		again, err := c.FetchSource(t.Context(), s)
		if err != nil {
			t.Fatal(err)
		}
		if !again.NotModified || len(again.Items) != 0 {
			t.Errorf("conditional fetch with %+v: got %+v, want 304 and no items", s, again)
		}
	}
}

func TestUserAgentAndAccept(t *testing.T) {
	var ua, accept string
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		ua, accept = r.UserAgent(), r.Header.Get("Accept")
		w.Write([]byte(mustRead(t, "rss2.xml")))
	}))
	defer srv.Close()
	c := newClient(t, Options{UserAgent: "pressclip/0.1 (+https://example.org/contact)"})
	if _, err := c.FetchSource(t.Context(), Source{URL: srv.URL}); err != nil {
		t.Fatal(err)
	}
	if ua != "pressclip/0.1 (+https://example.org/contact)" || !strings.Contains(accept, "application/rss+xml") {
		t.Errorf("got User-Agent %q and Accept %q", ua, accept)
	}
}
