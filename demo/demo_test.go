package demo

import (
	"bytes"
	"io"
	"net/http"
	"strings"
	"testing"

	"github.com/pressclip/pressclip/config"
)

func TestSitesServeTheOutletsWithTheirAddress(t *testing.T) {
	sites, err := Start(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	defer sites.Close()
	byDir := map[string]*Site{}
	for _, s := range sites.List {
		byDir[s.Dir] = s
	}
	tests := []struct {
		name, dir, path string
		status          int
		contentType     string
	}{
		{"the RSS feed", "meridian", "/rss.xml", 200, "application/xml"},
		{"the Atom feed", "courrier", "/atom.xml", 200, "application/xml"},
		{"the JSON Feed", "harbour", "/feed.json", 200, "application/feed+json"},
		{"an article page", "harbour", "/stories/48204-un-agency-migrant-deaths-2026.html", 200, "text/html"},
		{"a page the feed names but the site lacks", "meridian", "/news/2026/11/libya-mali-voluntary-return-flight.html", 404, ""},
		{"a directory", "meridian", "/news", 404, ""},
		{"a path that climbs out", "meridian", "/../courrier/atom.xml", 404, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			site := byDir[tt.dir]
			resp, err := http.Get(site.Base + tt.path)
			if err != nil {
				t.Fatal(err)
			}
			defer resp.Body.Close()
			body, _ := io.ReadAll(resp.Body)
			if resp.StatusCode != tt.status {
				t.Fatalf("got %d, want %d", resp.StatusCode, tt.status)
			}
			if tt.status != 200 {
				return
			}
			if !strings.HasPrefix(resp.Header.Get("Content-Type"), tt.contentType) {
				t.Errorf("Content-Type %q, want %s", resp.Header.Get("Content-Type"), tt.contentType)
			}
			if bytes.Contains(body, []byte("{{BASE}}")) || !bytes.Contains(body, []byte(site.Base)) {
				t.Error("{{BASE}} not replaced by the outlet's address")
			}
		})
	}
}

func TestConfigIsValidAndPointsAtTheSites(t *testing.T) {
	sites, err := Start(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	defer sites.Close()
	raw, err := sites.Config()
	if err != nil {
		t.Fatal(err)
	}
	cfg, err := config.Load(bytes.NewReader(raw), "demo/config.yaml")
	if err != nil {
		t.Fatal(err)
	}
	if len(cfg.Sources) != 4 {
		t.Fatalf("got %d sources, want 4", len(cfg.Sources))
	}
	for _, s := range cfg.Sources {
		if !strings.HasPrefix(s.URL, "http://127.0.0.1:") {
			t.Errorf("source %s: URL %s is not a local site", s.Name, s.URL)
		}
	}
}
