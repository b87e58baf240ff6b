package config

import (
	"strings"
	"testing"
	"time"
)

func TestMaxAge(t *testing.T) {
	for _, tt := range []struct {
		yaml string
		want time.Duration
	}{
		{"", DefaultMaxAge},
		{"fetch:\n  max_age: 48h\n", 48 * time.Hour},
	} {
		cfg, err := Load(strings.NewReader("organization:\n  name: IOM\nsources:\n  - name: A\n    url: https://a.example/feed.xml\n"+tt.yaml), "config.yaml")
		if err != nil {
			t.Fatal(err)
		}
		if got := cfg.Fetch.MaxAge.Value(); got != tt.want {
			t.Errorf("%q: max_age %v, want %v", tt.yaml, got, tt.want)
		}
	}
}
