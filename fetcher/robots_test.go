package fetcher

import (
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"sync/atomic"
	"testing"
)

func TestRobots(t *testing.T) {
	tests := []struct {
		name   string
		robots func(w http.ResponseWriter)
		path   string
		want   error
	}{
		{"a disallowed path is not fetched", func(w http.ResponseWriter) {
			fmt.Fprint(w, "User-agent: *\nDisallow: /private/\n")
		}, "/private/story.html", ErrRobots},
		{"an allowed path is fetched", func(w http.ResponseWriter) {
			fmt.Fprint(w, "User-agent: *\nDisallow: /private/\n")
		}, "/news/story.html", nil},
		{"a rule for pressclip applies to pressclip", func(w http.ResponseWriter) {
			fmt.Fprint(w, "User-agent: pressclip\nDisallow: /\n\nUser-agent: *\nAllow: /\n")
		}, "/news/story.html", ErrRobots},
		{"a rule for another bot does not", func(w http.ResponseWriter) {
			fmt.Fprint(w, "User-agent: GPTBot\nDisallow: /\n")
		}, "/news/story.html", nil},
		{"a missing robots.txt allows everything", func(w http.ResponseWriter) {
			w.WriteHeader(http.StatusNotFound)
		}, "/news/story.html", nil},
		{"a robots.txt that errors disallows everything", func(w http.ResponseWriter) {
			w.WriteHeader(http.StatusInternalServerError)
		}, "/news/story.html", ErrRobots},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var robotsHits, pageHits atomic.Int32
			srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				if r.URL.Path == "/robots.txt" {
					robotsHits.Add(1)
					tt.robots(w)
					return
				}
				pageHits.Add(1)
				fmt.Fprint(w, "<html><body><p>story</p></body></html>")
			}))
			defer srv.Close()
			c := newClient(t, Options{MaxRetries: -1})
			for range 3 {
				_, err := c.FetchPage(t.Context(), srv.URL+tt.path)
				if !errors.Is(err, tt.want) {
					t.Fatalf("got %v, want %v", err, tt.want)
				}
			}
			if robotsHits.Load() != 1 {
				t.Errorf("robots.txt fetched %d times for three pages, want once (cached)", robotsHits.Load())
			}
			if want := int32(3); tt.want != nil {
				if pageHits.Load() != 0 {
					t.Errorf("a disallowed page was fetched %d times", pageHits.Load())
				}
			} else if pageHits.Load() != want {
				t.Errorf("page fetched %d times, want %d", pageHits.Load(), want)
			}
		})
	}
}

func TestFeedsIgnoreRobots(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/robots.txt" {
			fmt.Fprint(w, "User-agent: *\nDisallow: /\n")
			return
		}
		w.Write([]byte(mustRead(t, "rss2.xml")))
	}))
	defer srv.Close()
	res, err := newClient(t, Options{}).FetchSource(t.Context(), Source{URL: srv.URL + "/rss"})
	if err != nil || len(res.Items) != 3 {
		t.Errorf("got %v, %v; feeds are read whatever robots.txt says (as feed readers do)", res, err)
	}
}
