package parse

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

func TestParseFeed(t *testing.T) {
	tests := []struct {
		file      string
		base      string
		format    string
		items     int
		firstLink string
		firstPub  time.Time
		source    string
	}{
		{"rss2.xml", "https://lakeside.example/rss", "rss", 3, "https://lakeside.example/world/2026/11/canaries-arrivals?utm_source=rss", time.Date(2026, 11, 24, 8, 12, 0, 0, time.UTC), ""},
		{"atom.xml", "https://rhodanien.example/atom.xml", "atom", 1, "https://rhodanien.example/articles/oim-centre-accueil", time.Date(2026, 11, 25, 6, 30, 0, 0, time.UTC), ""},
		{"feed.json", "https://portside.example/feed.json", "json", 1, "https://portside.example/stories/2001-dockworkers", time.Date(2026, 11, 24, 18, 5, 0, 0, time.UTC), ""},
		{"googlenews.xml", "https://news.google.com/rss/search?q=x", "rss", 1, "https://news.google.com/rss/articles/CBMiXmh0dHBzOi8vcml2ZXJzaWRlLmV4YW1wbGUvd29ybGQvYmFsa2Fu0gEA?oc=5", time.Date(2026, 11, 25, 6, 0, 0, 0, time.UTC), "Riverside Tribune"},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			f, err := os.Open(filepath.Join("testdata", tt.file))
			if err != nil {
				t.Fatal(err)
			}
			defer f.Close()
			feed, err := ParseFeed(f, "", tt.base, 0)
			if err != nil {
				t.Fatal(err)
			}
			if feed.Format != tt.format || len(feed.Items) != tt.items {
				t.Fatalf("got %s with %d items, want %s with %d", feed.Format, len(feed.Items), tt.format, tt.items)
			}
			it := feed.Items[0]
			if it.Link != tt.firstLink {
				t.Errorf("link: got %q, want %q", it.Link, tt.firstLink)
			}
			if !it.Published.Equal(tt.firstPub) {
				t.Errorf("published: got %v, want %v", it.Published, tt.firstPub)
			}
			if it.Source != tt.source {
				t.Errorf("source: got %q, want %q", it.Source, tt.source)
			}
		})
	}
}

func TestParseFeedResolvesRelativeLinksAndCapsItems(t *testing.T) {
	data, _ := os.ReadFile(filepath.Join("testdata", "rss2.xml"))
	feed, err := ParseFeed(bytes.NewReader(data), "", "https://lakeside.example/rss", 2)
	if err != nil {
		t.Fatal(err)
	}
	if len(feed.Items) != 2 || feed.Truncated != 1 {
		t.Fatalf("got %d items (%d dropped), want 2 (1 dropped)", len(feed.Items), feed.Truncated)
	}
	if got, want := feed.Items[1].Link, "https://lakeside.example/local/2026/11/winter-budget"; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
}

func TestParseFeedRejectsWhatIsNotAFeed(t *testing.T) {
	tests := []struct {
		name string
		body string
		want kind
	}{
		{"an HTML page is not a feed", mustRead(t, "not-a-feed.html"), kindNotAFeed},
		{"XML broken inside is a parse error", "<rss version=\"2.0\"><channel><item><title><![CDAT broken</title></item></channel></rss>", kindParse},
		{"broken JSON Feed is a parse error", `{"version": "https://jsonfeed.org/version/1.1", "items": [`, kindParse},
		{"random bytes are not a feed", "\x00\x01\x02garbage", kindNotAFeed},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := ParseFeed(strings.NewReader(tt.body), "", "https://x.example/", 0)
			if got := kindOf(err); got != tt.want {
				t.Errorf("got %q (%v), want %q", got, err, tt.want)
			}
		})
	}
}

func mustRead(t *testing.T, name string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func FuzzParseFeed(f *testing.F) {
	for _, name := range []string{"rss2.xml", "atom.xml", "feed.json", "googlenews.xml", "not-a-feed.html", "truncated.xml", "noncharacters-fffe-ffff.xml"} {
		b, err := os.ReadFile(filepath.Join("testdata", name))
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		feed, err := ParseFeed(bytes.NewReader(data), "", "https://fuzz.example/feed", 50)
		if err != nil {
			return
		}
		if len(feed.Items) > 50 {
			t.Errorf("got %d items, cap 50", len(feed.Items))
		}
		for _, it := range feed.Items {
			for _, s := range []string{it.Title, it.Description, it.Content, it.Author, it.Source} {
				if i := strings.IndexFunc(s, func(r rune) bool { return !xmlChar(r) || isC1(r) }); i >= 0 {
					t.Fatalf("got %U in %q, want the code points XML forbids and C1 controls dropped", []rune(s[i:])[0], s)
				}
			}
		}
	})
}

func TestLargeFeedIsCappedAndParsedWhole(t *testing.T) {
	var b strings.Builder
	b.WriteString(`<?xml version="1.0"?><rss version="2.0"><channel><title>Big</title>`)
	for i := range 10000 {
		fmt.Fprintf(&b, `<item><title>Item %d with a title of a usual length for news</title><link>https://big.example/%d</link><guid>g%d</guid><description>A description of item %d, about as long as feeds send for one story summary.</description><pubDate>Tue, 24 Nov 2026 09:00:00 GMT</pubDate></item>`, i, i, i, i)
	}
	b.WriteString(`</channel></rss>`)
	if b.Len() < 2<<20 {
		t.Fatalf("fixture is %d bytes, want a feed of about 2.7 MB", b.Len())
	}
	feed, err := ParseFeed(strings.NewReader(b.String()), "", "https://big.example/rss", 200)
	if err != nil {
		t.Fatal(err)
	}
	if len(feed.Items) != 200 || feed.Truncated != 9800 || feed.Items[199].Link != "https://big.example/199" {
		t.Errorf("got %d items (%d dropped), want the first 200 (9800 dropped)", len(feed.Items), feed.Truncated)
	}
}

func TestEmptyButValidFeedIsNotAnError(t *testing.T) {
	feed, err := ParseFeed(strings.NewReader(`<?xml version="1.0"?><rss version="2.0"><channel><title>Quiet</title></channel></rss>`), "", "https://q.example/rss", 0)
	if err != nil || len(feed.Items) != 0 {
		t.Errorf("got %v, %v; want success with no items", feed, err)
	}
}

func TestCutOffFeedIsRepaired(t *testing.T) {
	feed, err := ParseFeed(strings.NewReader(mustRead(t, "truncated.xml")), "", "https://cut.example/rss", 0)
	if err != nil {
		t.Fatal(err)
	}
	if !feed.Repaired || len(feed.Items) != 2 || feed.Items[0].Link != "https://cut.example/1" {
		t.Errorf("got repaired=%v with %d items, want a repaired feed with both items", feed.Repaired, len(feed.Items))
	}
}
