package parse

import (
	"bytes"
	"compress/gzip"
	"errors"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"unicode/utf8"
)

// fuzzSeeds returns the files matching pattern under testdata.
func fuzzSeeds(f *testing.F, pattern string) [][]byte {
	f.Helper()
	names, err := filepath.Glob(filepath.Join("testdata", pattern))
	if err != nil || len(names) == 0 {
		f.Fatalf("no seeds for %s (%v)", pattern, err)
	}
	var out [][]byte
	for _, name := range names {
		b, err := os.ReadFile(name)
		if err != nil {
			f.Fatal(err)
		}
		out = append(out, b)
	}
	return out
}

// hasBadControl reports a C0 control other than tab and newlines.
func hasBadControl(s string) bool {
	return strings.ContainsFunc(s, func(r rune) bool { return r < 0x20 && r != '\t' && r != '\n' && r != '\r' })
}

// anyReference is a numeric character reference of any value.
var anyReference = regexp.MustCompile(`&#(?:[0-9]+|[xX][0-9a-fA-F]+);`)

func FuzzToUTF8(f *testing.F) {
	for _, b := range fuzzSeeds(f, "charset/*.xml") {
		f.Add(b, "")
		f.Add(b, "text/xml; charset=windows-1251")
	}
	for _, b := range fuzzSeeds(f, "*.xml") {
		f.Add(b, "application/rss+xml; charset=utf-8")
	}
	f.Add([]byte("\xff\xfe<\x00?\x00"), "")
	f.Add([]byte("<t>&#&#8;8;\x01</t>"), "text/xml; charset=koi8-r")
	f.Add([]byte("<t>a\uffffb\ufffec&#xFFFE;&#65535;&#xd800;&#&#xffff;xfffe;</t>"), "")
	f.Add([]byte("\xfe\xff\x00<\x00t\x00>\xff\xfe\xd8\x00\x00<"), "")
	f.Fuzz(func(t *testing.T, data []byte, contentType string) {
		out := toUTF8(data, contentType)
		if !utf8.Valid(out) {
			t.Fatalf("got invalid UTF-8 %q", out)
		}
		if i := strings.IndexFunc(string(out), func(r rune) bool { return !xmlChar(r) }); i >= 0 {
			t.Fatalf("got %U, which XML forbids, at byte %d of %q", []rune(string(out[i:]))[0], i, out)
		}
		for _, ref := range anyReference.FindAll(out, -1) {
			if _, legal := reference(ref); !legal {
				t.Fatalf("got the character reference %s, which XML forbids, in %q", ref, out)
			}
		}
		// Clean UTF-8 is a fixed point: decoding it again changes nothing.
		if again := toUTF8(out, ""); !bytes.Equal(again, out) {
			t.Fatalf("a second pass changed %q into %q", out, again)
		}
	})
}

func FuzzParseSitemap(f *testing.F) {
	for _, b := range fuzzSeeds(f, "sitemap/*") {
		f.Add(b)
	}
	news, err := os.ReadFile(filepath.Join("testdata", "sitemap", "news.xml"))
	if err != nil {
		f.Fatal(err)
	}
	var gz bytes.Buffer
	zw := gzip.NewWriter(&gz)
	zw.Write(news)
	zw.Close()
	f.Add(gz.Bytes())
	const maxBytes = 64 << 10
	f.Fuzz(func(t *testing.T, data []byte) {
		sm, err := ParseSitemap(bytes.NewReader(data), "https://fuzz.example/sitemap.xml", maxBytes)
		if err != nil {
			switch kindOf(err) {
			case kindParse, kindNotAFeed, kindTooLarge:
			default:
				t.Fatalf("got error kind %q (%v), want parse, not_a_feed or too_large", kindOf(err), err)
			}
			return
		}
		if len(sm.URLs) > MaxSitemapURLs {
			t.Fatalf("got %d URLs, cap %d", len(sm.URLs), MaxSitemapURLs)
		}
		for _, u := range sm.URLs {
			if !isHTTP(u.Link) {
				t.Fatalf("got location %q, want http(s) only", u.Link)
			}
			if !utf8.ValidString(u.Title) || hasBadControl(u.Title) {
				t.Fatalf("got title %q, want clean UTF-8", u.Title)
			}
			if !u.Published.IsZero() && (u.Published.Year() < 1990 || u.Published.Year() > 2200) {
				t.Fatalf("got date %v, want 1990–2200 or none", u.Published)
			}
		}
		for _, c := range sm.Children {
			if !isHTTP(c.URL) {
				t.Fatalf("got child %q, want http(s) only", c.URL)
			}
		}
	})
}

func FuzzParseListPage(f *testing.F) {
	for _, b := range fuzzSeeds(f, "listpage/*.html") {
		f.Add(b, "text/html", "a")
		f.Add(b, "text/html; charset=windows-1252", "li a, .headline a")
	}
	f.Add([]byte("<base href=\"//x.example/a/\"><li><a href=\"b\">\x08B</a></li>"), "", "li a")
	const maxItems = 20
	f.Fuzz(func(t *testing.T, data []byte, contentType, links string) {
		for _, sel := range []Selectors{
			{Links: links},
			{Item: "li, article, div", Links: "a", Title: "h1, h2, h3", Date: "time, span"},
		} {
			items, err := ParseListPage(bytes.NewReader(data), contentType, "https://fuzz.example/news/", sel, maxItems)
			if err != nil {
				if errors.Is(err, ErrSelectorEmpty) || compileSelectors(sel) != nil {
					continue
				}
				if _, ok := errors.AsType[*ParseError](err); !ok {
					t.Fatalf("got %v, want ErrSelectorEmpty, a selector error or a parse error", err)
				}
				continue
			}
			if len(items) == 0 || len(items) > maxItems {
				t.Fatalf("got %d items, want 1 to %d", len(items), maxItems)
			}
			seen := map[string]bool{}
			for _, it := range items {
				if !isHTTP(it.Link) || seen[it.Link] {
					t.Fatalf("got link %q (seen before: %v), want each http(s) link once", it.Link, seen[it.Link])
				}
				seen[it.Link] = true
				if !utf8.ValidString(it.Title) || hasBadControl(it.Title) {
					t.Fatalf("got title %q, want clean UTF-8", it.Title)
				}
			}
		}
	})
}

func FuzzDecodeGoogleNewsLink(f *testing.F) {
	feed, err := ParseFeed(bytes.NewReader(fuzzSeeds(f, "googlenews.xml")[0]), "", "https://news.google.com/rss", 0)
	if err != nil {
		f.Fatal(err)
	}
	for _, it := range feed.Items {
		f.Add(it.Link)
	}
	f.Add("https://news.google.com/rss/articles/" + googleNewsID("https://riverside-tribune.example/world/2026/11/25/a", "") + "?oc=5")
	f.Add("https://news.google.com/rss/articles/" + googleNewsID("https://harbour-ledger.example/"+strings.Repeat("long-path/", 20), "https://amp.example/") + "?oc=5")
	f.Add("https://news.google.com/rss/articles/" + opaqueGoogleNewsID() + "?oc=5")
	f.Add("https://riverside-tribune.example/articles/x")
	f.Fuzz(func(t *testing.T, link string) {
		got, ok := DecodeGoogleNewsLink(link)
		if !ok {
			if got != "" {
				t.Fatalf("got %q with ok false, want empty", got)
			}
			return
		}
		if !IsGoogleNewsLink(link) {
			t.Fatalf("decoded %q from %q, which is not a Google News link", got, link)
		}
		u, err := url.Parse(got)
		if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
			t.Fatalf("got %q (%v), want an absolute http(s) URL", got, err)
		}
		if !utf8.ValidString(got) || strings.ContainsFunc(got, func(r rune) bool { return r <= 0x20 || r == 0x7f }) {
			t.Fatalf("got %q, want a URL without controls, spaces or invalid UTF-8", got)
		}
	})
}
