package fetcher

import (
	"bytes"
	"compress/gzip"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/netip"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

var loopback = []netip.Prefix{netip.MustParsePrefix("127.0.0.1/32")}

func newClient(t *testing.T, o Options) *Client {
	t.Helper()
	if o.AllowPrivate == nil {
		o.AllowPrivate = loopback
	}
	c := New(o)
	t.Cleanup(c.Close)
	return c
}

// mustRead reads a file under testdata.
func mustRead(t *testing.T, name string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func serveFile(t *testing.T, name, contentType string) http.HandlerFunc {
	t.Helper()
	body, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	return func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", contentType)
		w.Write(body)
	}
}

func TestGetLimits(t *testing.T) {
	big := bytes.Repeat([]byte("x"), 2<<20)
	var gz bytes.Buffer
	zw := gzip.NewWriter(&gz)
	for range 64 { // 64 MiB of zeros in a ~64 KiB gzip body
		zw.Write(make([]byte, 1<<20))
	}
	zw.Close()

	mux := http.NewServeMux()
	mux.HandleFunc("/ok", func(w http.ResponseWriter, r *http.Request) { fmt.Fprint(w, "hello") })
	mux.HandleFunc("/huge-chunked", func(w http.ResponseWriter, r *http.Request) {
		for range 4 {
			w.Write(big)
			w.(http.Flusher).Flush()
		}
	})
	mux.HandleFunc("/huge-declared", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Length", fmt.Sprint(200<<20))
		w.Write(big[:1024])
	})
	mux.HandleFunc("/gzip-bomb", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Encoding", "gzip")
		w.Write(gz.Bytes())
	})
	mux.HandleFunc("/loop", func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, "/loop?x="+r.URL.Query().Get("x")+"1", http.StatusFound)
	})
	mux.HandleFunc("/to-file", func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, "file:///etc/passwd", http.StatusFound)
	})
	mux.HandleFunc("/slow-body", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/rss+xml")
		w.WriteHeader(200)
		for i := 0; ; i++ {
			if _, err := w.Write([]byte("<")); err != nil {
				return
			}
			w.(http.Flusher).Flush()
			select {
			case <-r.Context().Done():
				return
			case <-time.After(50 * time.Millisecond):
			}
		}
	})
	mux.HandleFunc("/hang", func(w http.ResponseWriter, r *http.Request) { <-r.Context().Done() })
	mux.HandleFunc("/empty", func(w http.ResponseWriter, r *http.Request) {})
	mux.HandleFunc("/404", http.NotFound)
	mux.HandleFunc("/429", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Retry-After", "3600")
		w.WriteHeader(http.StatusTooManyRequests)
	})
	mux.HandleFunc("/503", func(w http.ResponseWriter, r *http.Request) { w.WriteHeader(http.StatusServiceUnavailable) })
	srv := httptest.NewServer(mux)
	t.Cleanup(srv.Close)

	c := newClient(t, Options{MaxBodyBytes: 1 << 20, Timeout: 500 * time.Millisecond, ResponseHeaderTimeout: 300 * time.Millisecond, MaxRedirects: 5})
	tests := []struct {
		name string
		path string
		want Kind
		is   error
	}{
		{"a plain page is fetched", "/ok", "", nil},
		{"a chunked body over the cap is an error, not a truncation", "/huge-chunked", KindTooLarge, ErrBodyTooLarge},
		{"a declared length over the cap is refused before reading", "/huge-declared", KindTooLarge, ErrBodyTooLarge},
		{"a gzip bomb stops at the cap after decompression", "/gzip-bomb", KindTooLarge, ErrBodyTooLarge},
		{"a redirect loop stops at the redirect cap", "/loop", KindRedirects, ErrTooManyRedirects},
		{"a redirect to file: is refused", "/to-file", KindScheme, ErrUnsupportedScheme},
		{"a body that trickles forever hits the total timeout", "/slow-body", KindTimeout, nil},
		{"a server that never answers hits the header timeout", "/hang", KindTimeout, nil},
		{"an empty body is an error", "/empty", KindEmpty, ErrEmptyBody},
		{"404 is an HTTP 4xx", "/404", KindHTTP4xx, nil},
		{"429 is kept apart from other 4xx", "/429", KindHTTP429, nil},
		{"503 is an HTTP 5xx", "/503", KindHTTP5xx, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			start := time.Now()
			resp, err := c.Get(t.Context(), srv.URL+tt.path, AcceptHTML)
			if elapsed := time.Since(start); elapsed > 3*time.Second {
				t.Errorf("took %v, want the limits to stop it within about a second", elapsed)
			}
			if got := KindOf(err); got != tt.want {
				t.Fatalf("got kind %q (err %v), want %q", got, err, tt.want)
			}
			if tt.is != nil && !errors.Is(err, tt.is) {
				t.Errorf("got %v, want errors.Is %v", err, tt.is)
			}
			if tt.want == "" && string(resp.Body) != "hello" {
				t.Errorf("got body %q, want hello", resp.Body)
			}
			if err != nil && !strings.Contains(err.Error(), srv.URL) {
				t.Errorf("error %q does not name the URL", err)
			}
		})
	}
}

func TestStatusErrorKeepsRetryAfter(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Retry-After", "120")
		w.WriteHeader(http.StatusTooManyRequests)
	}))
	defer srv.Close()
	_, err := newClient(t, Options{}).Get(t.Context(), srv.URL, AcceptFeed)
	se, ok := errors.AsType[*StatusError](err)
	if !ok || se.Code != 429 || se.RetryAfter != "120" {
		t.Errorf("got %v, want a 429 StatusError with Retry-After 120", err)
	}
}

func TestPrivateAddressesAreRefusedUnlessAllowed(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { fmt.Fprint(w, "secret") }))
	defer srv.Close()
	tests := []struct {
		name  string
		allow []netip.Prefix
		want  Kind
	}{
		{"loopback is refused by default", []netip.Prefix{}, KindBlockedPrivate},
		{"another network in the allow-list does not open loopback", []netip.Prefix{netip.MustParsePrefix("10.0.0.0/8")}, KindBlockedPrivate},
		{"the allow-list opens loopback", loopback, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := New(Options{AllowPrivate: tt.allow})
			defer c.Close()
			_, err := c.Get(t.Context(), srv.URL, AcceptHTML)
			if got := KindOf(err); got != tt.want {
				t.Errorf("got %q (%v), want %q", got, err, tt.want)
			}
		})
	}
}

func TestRedirectToPrivateAddressIsRefused(t *testing.T) {
	// The first server is allowed (127.0.0.1); it redirects to 127.0.0.2,
	// which is not: the check runs on every hop.
	target := httptest.NewUnstartedServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { fmt.Fprint(w, "metadata") }))
	l, err := netListen("127.0.0.2:0")
	if err != nil {
		t.Skipf("cannot listen on 127.0.0.2: %v", err)
	}
	target.Listener = l
	target.Start()
	defer target.Close()
	front := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { http.Redirect(w, r, target.URL, http.StatusFound) }))
	defer front.Close()
	_, err = newClient(t, Options{}).Get(t.Context(), front.URL, AcceptHTML)
	if got := KindOf(err); got != KindBlockedPrivate {
		t.Errorf("got %q (%v), want blocked_private", got, err)
	}
}

func TestIsPublic(t *testing.T) {
	tests := []struct {
		addr string
		want bool
	}{
		{"8.8.8.8", true},
		{"2001:4860:4860::8888", true},
		{"127.0.0.1", false},
		{"127.0.0.2", false},
		{"10.1.2.3", false},
		{"192.168.1.1", false},
		{"172.16.0.1", false},
		{"169.254.169.254", false},
		{"100.64.0.1", false},
		{"0.0.0.0", false},
		{"::1", false},
		{"::ffff:127.0.0.1", false},
		{"fd00::1", false},
		{"fe80::1", false},
		{"224.0.0.1", false},
	}
	for _, tt := range tests {
		t.Run(tt.addr, func(t *testing.T) {
			if got := IsPublic(netip.MustParseAddr(tt.addr)); got != tt.want {
				t.Errorf("IsPublic(%s) = %v, want %v", tt.addr, got, tt.want)
			}
		})
	}
}

func TestUnsupportedSchemeIsRefusedBeforeAnyRequest(t *testing.T) {
	_, err := newClient(t, Options{}).Get(t.Context(), "file:///etc/passwd", AcceptHTML)
	if !errors.Is(err, ErrUnsupportedScheme) {
		t.Errorf("got %v, want ErrUnsupportedScheme", err)
	}
}
