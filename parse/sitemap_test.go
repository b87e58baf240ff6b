package parse

import (
	"bytes"
	"compress/gzip"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"
)

// sitemapMax is the cap the sitemap tests use, well above their fixtures.
const sitemapMax = 1 << 20

func parseSitemapFile(t *testing.T, name, base string) *Sitemap {
	t.Helper()
	sm, err := ParseSitemap(bytes.NewReader(testdataBytes(t, "sitemap", name)), base, sitemapMax)
	if err != nil {
		t.Fatalf("got error %v, want a sitemap", err)
	}
	return sm
}

func TestParseSitemapNews(t *testing.T) {
	sm := parseSitemapFile(t, "news.xml", "https://riverside-tribune.example/news-sitemap.xml")
	want := []Item{
		{
			Link:      "https://riverside-tribune.example/world/2026/11/25/iom-opens-border-centre",
			Title:     "IOM opens a reception centre at the northern border",
			Source:    "Riverside Tribune",
			Published: time.Date(2026, 11, 25, 6, 45, 0, 0, time.UTC),
		},
		{
			Link:      "https://riverside-tribune.example/business/2026/11/24/remittances-record",
			Title:     `Remittances hit a record: "families depend on them" & more`,
			Source:    "Riverside Tribune",
			Published: time.Date(2026, 11, 24, 23, 30, 0, 0, time.UTC),
		},
		{
			Link:      "https://riverside-tribune.example/es/2026/11/24/caf%C3%A9-migrantes",
			Title:     "Un café para migrantes abre en el puerto & busca voluntarios",
			Source:    "Riverside Tribune en español",
			Published: time.Date(2026, 11, 24, 12, 0, 0, 0, time.UTC),
		},
		{
			// A garbage publication date falls back to lastmod.
			Link:      "https://riverside-tribune.example/opinion/2026/11/23/letters",
			Title:     "Letters to the editor",
			Source:    "Riverside Tribune",
			Published: time.Date(2026, 11, 23, 0, 0, 0, 0, time.UTC),
		},
	}
	if len(sm.URLs) != len(want) {
		t.Fatalf("got %d URLs, want %d", len(sm.URLs), len(want))
	}
	for i, w := range want {
		t.Run(w.Link, func(t *testing.T) {
			got := sm.URLs[i]
			if got.Link != w.Link {
				t.Errorf("link: got %q, want %q", got.Link, w.Link)
			}
			if got.Title != w.Title {
				t.Errorf("title: got %q, want %q", got.Title, w.Title)
			}
			if got.Source != w.Source {
				t.Errorf("source: got %q, want %q", got.Source, w.Source)
			}
			if !got.Published.Equal(w.Published) || got.Published.Location() != time.UTC {
				t.Errorf("published: got %v, want %v", got.Published, w.Published)
			}
		})
	}
	if len(sm.Children) != 0 || sm.Truncated != 0 {
		t.Errorf("got %d children and %d truncated, want none", len(sm.Children), sm.Truncated)
	}
}

func TestParseSitemapPlain(t *testing.T) {
	sm := parseSitemapFile(t, "plain.xml", "https://harbour-ledger.example/sitemap.xml")
	want := []struct {
		link string
		pub  time.Time
	}{
		{"https://harbour-ledger.example/", time.Time{}},
		{"https://harbour-ledger.example/news/piraeus-reception-centre", time.Date(2026, 11, 25, 4, 10, 0, 0, time.UTC)},
		{"https://harbour-ledger.example/news/ferry-timetable", time.Date(2026, 11, 24, 0, 0, 0, 0, time.UTC)},
		{"https://harbour-ledger.example/about", time.Time{}},        // 0000-00-00
		{"https://harbour-ledger.example/archive/1970", time.Time{}}, // before 1990
	}
	if len(sm.URLs) != len(want) {
		t.Fatalf("got %d URLs, want %d", len(sm.URLs), len(want))
	}
	for i, w := range want {
		got := sm.URLs[i]
		if got.Link != w.link || !got.Published.Equal(w.pub) {
			t.Errorf("URL %d: got %s at %v, want %s at %v", i, got.Link, got.Published, w.link, w.pub)
		}
		if got.Title != "" || got.Source != "" {
			t.Errorf("URL %d: got title %q and source %q, want none", i, got.Title, got.Source)
		}
	}
}

func TestParseSitemapIndex(t *testing.T) {
	sm := parseSitemapFile(t, "index.xml", "https://canal-times.example/sitemap_index.xml")
	want := []SitemapChild{
		{URL: "https://canal-times.example/sitemaps/news-2026-11-25.xml", LastMod: time.Date(2026, 11, 25, 9, 0, 0, 0, time.UTC)},
		{URL: "https://canal-times.example/sitemaps/news-2026-11-24.xml.gz", LastMod: time.Date(2026, 11, 24, 23, 59, 0, 0, time.UTC)},
		{URL: "https://canal-times.example/sitemaps/sections.xml"},
		// javascript: and httpx: children are dropped.
	}
	if len(sm.URLs) != 0 {
		t.Errorf("got %d URLs, want none", len(sm.URLs))
	}
	if len(sm.Children) != len(want) {
		t.Fatalf("got children %v, want %v", sm.Children, want)
	}
	for i, w := range want {
		got := sm.Children[i]
		if got.URL != w.URL || !got.LastMod.Equal(w.LastMod) {
			t.Errorf("child %d: got %s at %v, want %s at %v", i, got.URL, got.LastMod, w.URL, w.LastMod)
		}
	}
}

func TestParseSitemapKeepsOnlyHTTPLocations(t *testing.T) {
	sm := parseSitemapFile(t, "locations.xml", "https://lagoon-gazette.example/sitemap.xml")
	want := []string{
		"https://lagoon-gazette.example/world/2026/11/25/relative-path",
		"https://lagoon-gazette.example/venice/2026/11/25/padded",
		"https://lagoon-gazette.example/venice/2026/11/25/scheme-relative",
		"https://Lagoon-Gazette.example/venice/2026/11/24/upper-case-scheme",
	}
	var got []string
	for _, u := range sm.URLs {
		got = append(got, u.Link)
	}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("got %q, want %q", got, want)
	}
}

func TestParseSitemapDecodesTheDeclaredCharset(t *testing.T) {
	sm := parseSitemapFile(t, "latin1.xml", "https://gazette-littoral.example/sitemap.xml")
	if len(sm.URLs) != 1 {
		t.Fatalf("got %d URLs, want 1", len(sm.URLs))
	}
	if got, want := sm.URLs[0].Title, "L'OIM ouvre un bureau à Nantes : « une étape décisive »"; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
}

func TestParseSitemapGzip(t *testing.T) {
	plain := testdataBytes(t, "sitemap", "news.xml")
	gz := gzipBytes(t, plain)
	sm, err := ParseSitemap(bytes.NewReader(gz), "https://riverside-tribune.example/news-sitemap.xml.gz", sitemapMax)
	if err != nil {
		t.Fatalf("got error %v, want a sitemap", err)
	}
	if len(sm.URLs) != 4 || sm.URLs[0].Title != "IOM opens a reception centre at the northern border" {
		t.Errorf("got %d URLs (first %+v), want the 4 of news.xml", len(sm.URLs), sm.URLs)
	}
}

func TestParseSitemapErrors(t *testing.T) {
	// A gzip bomb: a few KB that inflate to 8 MiB of whitespace inside a
	// valid urlset, so that only the cap can stop it.
	var bomb bytes.Buffer
	zw := gzip.NewWriter(&bomb)
	zw.Write([]byte(`<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">`))
	spaces := bytes.Repeat([]byte(" "), 1<<20)
	for range 8 {
		zw.Write(spaces)
	}
	zw.Write([]byte(`</urlset>`))
	zw.Close()
	if bomb.Len() > 16<<10 {
		t.Fatalf("the bomb is %d bytes, want a few KB", bomb.Len())
	}

	tests := []struct {
		name     string
		body     []byte
		maxBytes int64
		want     kind
	}{
		{"a gzip bomb stops at the cap after decompression", bomb.Bytes(), sitemapMax, kindTooLarge},
		{"a plain body over the cap is too large", bytes.Repeat([]byte("<urlset>"), 1000), 4000, kindTooLarge},
		{"an HTML page is not a sitemap", testdataBytes(t, "sitemap", "not-a-sitemap.html"), sitemapMax, kindNotAFeed},
		{"an RSS feed is not a sitemap", testdataBytes(t, "rss2.xml"), sitemapMax, kindNotAFeed},
		{"an empty body is not a sitemap", nil, sitemapMax, kindNotAFeed},
		{"text without markup is not a sitemap", []byte("Service Unavailable"), sitemapMax, kindNotAFeed},
		{"a mismatched end tag is a parse error", testdataBytes(t, "sitemap", "broken.xml"), sitemapMax, kindParse},
		{"a sitemap cut off mid-element is a parse error", []byte(`<urlset><url><loc>https://a.example/1</loc></url><url><loc>https://a.exa`), sitemapMax, kindParse},
		{"a truncated gzip stream is a parse error", gzipBytes(t, testdataBytes(t, "sitemap", "news.xml"))[:200], sitemapMax, kindParse},
		{"a gzip header alone is a parse error", []byte{0x1f, 0x8b}, sitemapMax, kindParse},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			sm, err := ParseSitemap(bytes.NewReader(tt.body), "https://canal-times.example/sitemap.xml", tt.maxBytes)
			if got := kindOf(err); got != tt.want {
				t.Errorf("got %q (%v, %+v), want %q", got, err, sm, tt.want)
			}
			if tt.want == kindTooLarge && !errors.Is(err, ErrBodyTooLarge) {
				t.Errorf("got %v, want ErrBodyTooLarge", err)
			}
		})
	}
}

func TestParseSitemapCapIsInclusive(t *testing.T) {
	doc := []byte(`<urlset><url><loc>https://canal-times.example/a</loc></url></urlset>`)
	tests := []struct {
		name     string
		maxBytes int64
		want     kind
	}{
		{"a sitemap exactly at the cap is read", int64(len(doc)), ""},
		{"a sitemap one byte over the cap is too large", int64(len(doc)) - 1, kindTooLarge},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := ParseSitemap(bytes.NewReader(doc), "https://canal-times.example/", tt.maxBytes)
			if got := kindOf(err); got != tt.want {
				t.Errorf("got %q (%v), want %q", got, err, tt.want)
			}
		})
	}
}

func TestParseSitemapCountsURLsOverTheLimit(t *testing.T) {
	const extra = 7
	var b strings.Builder
	b.WriteString(`<?xml version="1.0" encoding="UTF-8"?>` + "\n" + `<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">`)
	for i := range MaxSitemapURLs + extra {
		fmt.Fprintf(&b, "<url><loc>https://big.example/a/%d</loc><lastmod>2026-11-25</lastmod></url>\n", i)
	}
	b.WriteString(`</urlset>`)
	sm, err := ParseSitemap(strings.NewReader(b.String()), "https://big.example/sitemap.xml", 64<<20)
	if err != nil {
		t.Fatal(err)
	}
	if len(sm.URLs) != MaxSitemapURLs || sm.Truncated != extra {
		t.Fatalf("got %d URLs and %d truncated, want %d and %d", len(sm.URLs), sm.Truncated, MaxSitemapURLs, extra)
	}
	if got, want := sm.URLs[MaxSitemapURLs-1].Link, fmt.Sprintf("https://big.example/a/%d", MaxSitemapURLs-1); got != want {
		t.Errorf("last URL: got %s, want %s", got, want)
	}
}

func gzipBytes(t *testing.T, b []byte) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := gzip.NewWriter(&buf)
	if _, err := zw.Write(b); err != nil {
		t.Fatal(err)
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}
