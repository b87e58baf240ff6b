package parse

import (
	"encoding/base64"
	"encoding/binary"
	"strings"
	"testing"
)

// googleNewsID builds an old-style Google News article id the way Google
// encodes it: a protobuf with field 1 = 19 (0x08 0x13), field 4 = the
// article URL (0x22, varint length, bytes), field 26 = the AMP URL (0xd2
// 0x01, varint length, bytes), in unpadded base64url. Such ids start with
// "CBMi".
func googleNewsID(article, amp string) string {
	return base64.RawURLEncoding.EncodeToString(googleNewsProto(article, amp))
}

func googleNewsProto(article, amp string) []byte {
	b := []byte{0x08, 0x13, 0x22}
	b = binary.AppendUvarint(b, uint64(len(article)))
	b = append(b, article...)
	b = append(b, 0xd2, 0x01)
	b = binary.AppendUvarint(b, uint64(len(amp)))
	return append(b, amp...)
}

// opaqueGoogleNewsID builds a new-style id: the same envelope around bytes
// that hold no URL, which only Google can resolve.
func opaqueGoogleNewsID() string {
	payload := []byte("AU_yqLOq3mQ7-bVz0x1N9kfPzsXWl2cIeRr8tJ4aHgYvKm6E")
	for i := range payload {
		payload[i] ^= byte(i * 7) // some bytes above 0x7f, none spelling "http"
	}
	b := append([]byte{0x08, 0x13, 0x22, byte(len(payload))}, payload...)
	return base64.RawURLEncoding.EncodeToString(b)
}

func TestDecodeGoogleNewsLink(t *testing.T) {
	short := "https://riverside-tribune.example/world/2026/11/25/iom-opens-border-centre"
	long := "https://www.harbour-ledger.example/news/2026/11/25/piraeus-reception-centre-opens-with-room-for-three-hundred-people-a-day-says-the-un-migration-agency?ref=rss&section=world"
	if len(long) <= 127 {
		t.Fatalf("the long URL is %d bytes, want more than 127 (a two-byte varint)", len(long))
	}
	tests := []struct {
		name   string
		link   string
		want   string
		wantOK bool
	}{
		{"a short URL (one-byte length)", "https://news.google.com/rss/articles/" + googleNewsID(short, "") + "?oc=5", short, true},
		{"a short URL followed by its AMP URL", "https://news.google.com/rss/articles/" + googleNewsID(short, short+"/amp") + "?oc=5", short, true},
		{"a URL over 127 bytes (two-byte length)", "https://news.google.com/rss/articles/" + googleNewsID(long, long+"&amp=1") + "?oc=5&hl=en-US&gl=US&ceid=US:en", long, true},
		{"an id with base64 padding", "https://news.google.com/rss/articles/" + base64.URLEncoding.EncodeToString(googleNewsProto("https://canal-times.example/a/b", "")), "https://canal-times.example/a/b", true},
		{"a web (not RSS) article link", "https://news.google.com/articles/" + googleNewsID(short, ""), short, true},
		{"an upper-case host", "https://NEWS.GOOGLE.COM/rss/articles/" + googleNewsID(short, ""), short, true},
		{"a wrong length falls back to the URL's own bytes", "https://news.google.com/rss/articles/CBMiXmh0dHBzOi8vcml2ZXJzaWRlLmV4YW1wbGUvd29ybGQvYmFsa2Fu0gEA?oc=5", "https://riverside.example/world/balkan", true},
		{"a new-style opaque id", "https://news.google.com/rss/articles/" + opaqueGoogleNewsID() + "?oc=5", "", false},
		{"an id that is not base64", "https://news.google.com/rss/articles/not*base64!?oc=5", "", false},
		{"an id whose URL has no host", "https://news.google.com/rss/articles/" + googleNewsID("http://", ""), "", false},
		{"an id whose URL bytes are not UTF-8", "https://news.google.com/rss/articles/" + googleNewsID("https://M4\xd3M4\xd3.example/", ""), "", false},
		{"an id whose URL holds a space", "https://news.google.com/rss/articles/" + googleNewsID("https://a.example/x y", ""), "", false},
		{"an id holding an http-like scheme", "https://news.google.com/rss/articles/" + googleNewsID("httpx://evil.example/", ""), "", false},
		{"a publisher link", short, "", false},
		{"a Google News topic page", "https://news.google.com/topics/CAAqJggKIiBDQkFTRWdvSUwyMHZNRGx1YlY4U0FtVnVHZ0pWVXlnQVAB", "", false},
		{"a look-alike host", "https://news.google.com.evil.example/rss/articles/" + googleNewsID(short, ""), "", false},
		{"Google News in the path of another host", "https://evil.example/news.google.com/rss/articles/" + googleNewsID(short, ""), "", false},
		{"an empty link", "", "", false},
		{"an unparsable link", "https://news.google.com/rss/articles/%zz", "", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, ok := DecodeGoogleNewsLink(tt.link)
			if got != tt.want || ok != tt.wantOK {
				t.Errorf("got %q, %v, want %q, %v", got, ok, tt.want, tt.wantOK)
			}
		})
	}
}

func TestIsGoogleNewsLink(t *testing.T) {
	tests := []struct {
		link string
		want bool
	}{
		{"https://news.google.com/rss/articles/CBMiAbc?oc=5", true},
		{"https://news.google.com/articles/CBMiAbc", true},
		{"http://news.google.com/rss/articles/CBMiAbc", true},
		{"https://News.Google.Com/rss/articles/x", true},
		{"https://news.google.com/rss/search?q=IOM", false},
		{"https://news.google.com/topics/CAAq", false},
		{"https://www.google.com/url?url=https://a.example/articles/x", false},
		{"https://news.google.co.uk/rss/articles/x", false},
		{"https://news.google.com.evil.example/articles/x", false},
		{"https://riverside-tribune.example/articles/x", false},
		{"not a url at all", false},
		{"", false},
	}
	for _, tt := range tests {
		t.Run(tt.link, func(t *testing.T) {
			if got := IsGoogleNewsLink(tt.link); got != tt.want {
				t.Errorf("got %v, want %v", got, tt.want)
			}
		})
	}
}

func TestResolveGoogleNews(t *testing.T) {
	article := "https://riverside-tribune.example/world/2026/11/25/iom-opens-border-centre"
	encoded := "https://news.google.com/rss/articles/" + googleNewsID(article, "") + "?oc=5"
	opaque := "https://news.google.com/rss/articles/" + opaqueGoogleNewsID() + "?oc=5"
	tests := []struct {
		name      string
		in        Item
		wantLink  string
		wantTitle string
	}{
		{
			name:      "a decodable link is replaced and the outlet suffix stripped",
			in:        Item{Link: encoded, Title: "IOM opens a border centre - Riverside Tribune", Source: "Riverside Tribune"},
			wantLink:  article,
			wantTitle: "IOM opens a border centre",
		},
		{
			name:      "an opaque link is kept and the suffix still stripped",
			in:        Item{Link: opaque, Title: "Ferry resumes - Coastal Herald", Source: "Coastal Herald"},
			wantLink:  opaque,
			wantTitle: "Ferry resumes",
		},
		{
			name:      "without a source the title is left alone",
			in:        Item{Link: encoded, Title: "IOM opens a border centre - Riverside Tribune"},
			wantLink:  article,
			wantTitle: "IOM opens a border centre - Riverside Tribune",
		},
		{
			name:      "a suffix naming another outlet is left alone",
			in:        Item{Link: article, Title: "Talks end - Canal Times", Source: "Riverside Tribune"},
			wantLink:  article,
			wantTitle: "Talks end - Canal Times",
		},
		{
			name:      "only the last dash is the outlet's",
			in:        Item{Link: article, Title: "Nantes - Lyon rail link reopens - La Gazette", Source: "La Gazette"},
			wantLink:  article,
			wantTitle: "Nantes - Lyon rail link reopens",
		},
		{
			name:      "the outlet name inside the headline stays",
			in:        Item{Link: article, Title: "Riverside Tribune wins award", Source: "Riverside Tribune"},
			wantLink:  article,
			wantTitle: "Riverside Tribune wins award",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			items := []Item{tt.in}
			ResolveGoogleNews(items, true)
			if items[0].Link != tt.wantLink {
				t.Errorf("link: got %q, want %q", items[0].Link, tt.wantLink)
			}
			if items[0].Title != tt.wantTitle {
				t.Errorf("title: got %q, want %q", items[0].Title, tt.wantTitle)
			}
			if !items[0].SearchResult || items[0].HeadlineOnly != (tt.wantLink == opaque) {
				t.Errorf("search result %v, headline-only %v", items[0].SearchResult, items[0].HeadlineOnly)
			}
		})
	}
	// In any other source, a Google News link is kept as it is (its key
	// never changes) and is headline-only, decodable or not; the item is
	// no search result and its title stays whole; other links are read.
	items := []Item{{Link: opaque, Title: "Ferry resumes - Coastal Herald", Source: "Coastal Herald"}, {Link: encoded, Title: "T"}, {Link: article}}
	ResolveGoogleNews(items, false)
	if items[0].SearchResult || !items[0].HeadlineOnly || items[0].Title != "Ferry resumes - Coastal Herald" ||
		items[1].Link != encoded || !items[1].HeadlineOnly || items[2].HeadlineOnly {
		t.Errorf("in a feed: %+v", items)
	}
}

func TestGoogleNewsIDStartsLikeGoogles(t *testing.T) {
	if id := googleNewsID("https://a.example/", ""); !strings.HasPrefix(id, "CBMi") {
		t.Errorf("got %q, want an id starting with CBMi", id)
	}
}
