package canon

import (
	"testing"
)

func TestURL(t *testing.T) {
	tests := []struct {
		name, in, want string
	}{
		{"tracking parameters are dropped", "https://news.example/world/story?utm_source=rss&utm_medium=feed", "https://news.example/world/story"},
		{"click IDs are dropped and the rest is sorted", "https://news.example/a?id=7&fbclid=xyz&b=2&gclid=1", "https://news.example/a?b=2&id=7"},
		{"host and scheme are lower-cased", "HTTPS://News.Example/World/Story", "https://news.example/World/Story"},
		{"default ports are dropped", "https://news.example:443/a", "https://news.example/a"},
		{"other ports are kept", "http://127.0.0.1:8080/a", "http://127.0.0.1:8080/a"},
		{"fragments are dropped", "https://news.example/a#comments", "https://news.example/a"},
		{"an AMP path maps to the article", "https://news.example/world/story/amp", "https://news.example/world/story"},
		{"an AMP host maps to the article", "https://amp.news.example/world/story", "https://news.example/world/story"},
		{"a mobile host maps to the article", "https://m.news.example/world/story", "https://news.example/world/story"},
		{"outputType=amp is dropped", "https://news.example/world/story?outputType=amp", "https://news.example/world/story"},
		{"an empty path is /", "https://news.example", "https://news.example/"},
		{"user info is dropped", "https://user:pw@news.example/a", "https://news.example/a"},
		{"a Matomo campaign is dropped", "https://news.example/a?pk_campaign=x&mtm_source=y", "https://news.example/a"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := URL(tt.in)
			if err != nil {
				t.Fatal(err)
			}
			if got != tt.want {
				t.Errorf("URL(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

func TestURLRefusesNonHTTP(t *testing.T) {
	for _, in := range []string{"javascript:alert(1)", "file:///etc/passwd", "/relative/path", "mailto:a@b.example", "https://"} {
		if got, err := URL(in); err == nil {
			t.Errorf("URL(%q) = %q, want an error", in, got)
		}
	}
}

func FuzzURL(f *testing.F) {
	for _, s := range []string{"https://news.example/x/amp/amp", "https://m.amp.news.example/a", "https://news.example/a?utm_source=x&b=1#f", "http://M.Example.com:80/amp", "https://[::1]:443/a?amp=1", "https://x.example/%2F?q=%zz"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		c, err := URL(s)
		if err != nil {
			return
		}
		again, err := URL(c)
		if err != nil {
			t.Fatalf("URL(%q) = %q, which does not parse again: %v", s, c, err)
		}
		if again != c {
			t.Fatalf("not idempotent: %q -> %q -> %q", s, c, again)
		}
	})
}
