package fetcher

import (
	"compress/gzip"
	"encoding/base64"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/pressclip/pressclip/parse"
)

// site serves a small outlet: a home page naming its feed, the feed, a
// list page, and a sitemap index with two children (one gzipped).
func site(t *testing.T) *httptest.Server {
	t.Helper()
	var srv *httptest.Server
	srv = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		base := srv.URL
		switch r.URL.Path {
		case "/":
			fmt.Fprintf(w, `<!DOCTYPE html><html><head><title>Lakeside Herald</title>
<link rel="alternate" type="application/rss+xml" title="Lakeside Herald" href="/feeds/all.rss">
</head><body><h1>Lakeside Herald</h1></body></html>`)
		case "/feeds/all.rss":
			w.Write([]byte(mustRead(t, "rss2.xml")))
		case "/latest":
			fmt.Fprintf(w, `<!DOCTYPE html><html><body><nav><a href="/">Home</a><a href="/sport">Sport</a></nav>
<ul class="latest">
<li class="teaser"><h3><a href="/news/2026/11/boats.html">Boat arrivals rise</a></h3><time datetime="2026-11-25T08:00:00Z">25 Nov</time></li>
<li class="teaser"><h3><a href="%s/news/2026/11/budget.html">Council budget passes</a></h3><time datetime="2026-11-24T18:30:00+01:00">24 Nov</time></li>
<li class="teaser"><h3><a href="/news/2026/11/boats.html">Boat arrivals rise (again)</a></h3></li>
</ul><footer><a href="/about">About</a></footer></body></html>`, base)
		case "/redesigned":
			fmt.Fprint(w, `<html><body><div class="cards"><a href="/x">X</a></div></body></html>`)
		case "/sitemap-index.xml":
			fmt.Fprintf(w, `<?xml version="1.0" encoding="UTF-8"?>
<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
<sitemap><loc>%[1]s/sitemap-old.xml</loc><lastmod>2026-10-01</lastmod></sitemap>
<sitemap><loc>%[1]s/sitemap-news.xml.gz</loc><lastmod>2026-11-25T09:00:00Z</lastmod></sitemap>
</sitemapindex>`, base)
		case "/sitemap-news.xml.gz":
			zw := gzip.NewWriter(w)
			fmt.Fprintf(zw, `<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">
<url><loc>%[1]s/news/older.html</loc><news:news><news:publication><news:name>Lakeside Herald</news:name><news:language>en</news:language></news:publication>
<news:publication_date>2026-11-24T10:00:00Z</news:publication_date><news:title>Older story</news:title></news:news></url>
<url><loc>%[1]s/news/newest.html</loc><news:news><news:publication><news:name>Lakeside Herald</news:name><news:language>en</news:language></news:publication>
<news:publication_date>2026-11-25T10:00:00+01:00</news:publication_date><news:title>IOM opens a centre</news:title></news:news></url>
</urlset>`, base)
			zw.Close()
		case "/sitemap-old.xml":
			fmt.Fprintf(w, `<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
<url><loc>%s/news/ancient.html</loc><lastmod>2026-09-30</lastmod></url></urlset>`, base)
		case "/gnews.xml":
			id := "CBMi" + base64.RawURLEncoding.EncodeToString(append(append([]byte{0x08, 0x13, 0x22, byte(len(base + "/news/decoded.html"))}, base+"/news/decoded.html"...), 0xd2, 0x01, 0x00))[4:]
			fmt.Fprintf(w, `<?xml version="1.0"?><rss version="2.0"><channel><title>Google News</title>
<item><title>Decoded story - Riverside Tribune</title><link>https://news.google.com/rss/articles/%s?oc=5</link><source url="https://riverside.example">Riverside Tribune</source></item>
<item><title>Opaque story - Valley Times</title><link>https://news.google.com/rss/articles/CBMiAU_yqLOpaqueIdWithNoUrl?oc=5</link><source url="https://valley.example">Valley Times</source></item>
</channel></rss>`, id)
		default:
			http.NotFound(w, r)
		}
	}))
	t.Cleanup(srv.Close)
	return srv
}

func TestFetchSourceTypes(t *testing.T) {
	srv := site(t)
	c := newClient(t, Options{})
	tests := []struct {
		name       string
		src        Source
		wantLinks  []string
		wantTitles []string
		discovered string
		wantErr    Kind
	}{
		{
			name: "a home page given as a feed names the feed that is read",
			src:  Source{Type: TypeFeed, URL: srv.URL + "/"},
			// The relative link resolves against the feed's own URL.
			wantLinks:  []string{"https://lakeside.example/world/2026/11/canaries-arrivals?utm_source=rss", srv.URL + "/local/2026/11/winter-budget", "https://lakeside.example/briefs/undated"},
			discovered: srv.URL + "/feeds/all.rss",
		},
		{
			name:       "a list page gives its article links, titles and dates in page order, once each",
			src:        Source{Type: TypePage, URL: srv.URL + "/latest", Item: "li.teaser", Links: "h3 a", Date: "time"},
			wantLinks:  []string{srv.URL + "/news/2026/11/boats.html", srv.URL + "/news/2026/11/budget.html"},
			wantTitles: []string{"Boat arrivals rise", "Council budget passes"},
		},
		{
			name:    "a list page whose selector finds nothing is an error, not an empty pass",
			src:     Source{Type: TypePage, URL: srv.URL + "/redesigned", Links: "h3 a"},
			wantErr: KindSelectorEmpty,
		},
		{
			name:       "a sitemap index gives its newest children's URLs, newest first",
			src:        Source{Type: TypeSitemap, URL: srv.URL + "/sitemap-index.xml"},
			wantLinks:  []string{srv.URL + "/news/newest.html", srv.URL + "/news/older.html", srv.URL + "/news/ancient.html"},
			wantTitles: []string{"IOM opens a centre", "Older story", ""},
		},
		{
			name:       "keywords narrow a sitemap before any article is fetched",
			src:        Source{Type: TypeSitemap, URL: srv.URL + "/sitemap-index.xml", Keywords: []string{"iom"}},
			wantLinks:  []string{srv.URL + "/news/newest.html"},
			wantTitles: []string{"IOM opens a centre"},
		},
		{
			name:       "a sitemap is capped to the newest items",
			src:        Source{Type: TypeSitemap, URL: srv.URL + "/sitemap-index.xml", MaxItems: 1},
			wantLinks:  []string{srv.URL + "/news/newest.html"},
			wantTitles: []string{"IOM opens a centre"},
		},
		{
			name:       "a Google News search gives publisher URLs where the link carries one, and outlet-free titles",
			src:        Source{Type: TypeGoogleNews, URL: srv.URL + "/gnews.xml"},
			wantTitles: []string{"Decoded story", "Opaque story"},
			wantLinks:  []string{srv.URL + "/news/decoded.html", "https://news.google.com/rss/articles/CBMiAU_yqLOpaqueIdWithNoUrl?oc=5"},
		},
		{
			name:    "a page that names no feed is not a feed",
			src:     Source{Type: TypeFeed, URL: srv.URL + "/redesigned"},
			wantErr: KindNotAFeed,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res, err := c.FetchSource(t.Context(), tt.src)
			if got := KindOf(err); got != tt.wantErr {
				t.Fatalf("got kind %q (%v), want %q", got, err, tt.wantErr)
			}
			if err != nil {
				return
			}
			var links, titles []string
			for _, it := range res.Items {
				links = append(links, it.Link)
				titles = append(titles, it.Title)
			}
			if strings.Join(links, "\n") != strings.Join(tt.wantLinks, "\n") {
				t.Errorf("links:\ngot  %q\nwant %q", links, tt.wantLinks)
			}
			if tt.wantTitles != nil && strings.Join(titles, "|") != strings.Join(tt.wantTitles, "|") {
				t.Errorf("titles: got %q, want %q", titles, tt.wantTitles)
			}
			if res.DiscoveredURL != tt.discovered {
				t.Errorf("discovered %q, want %q", res.DiscoveredURL, tt.discovered)
			}
			if tt.src.Type == TypeGoogleNews && res.Items[0].Source != "Riverside Tribune" {
				t.Errorf("outlet %q, want Riverside Tribune from <source>", res.Items[0].Source)
			}
			if tt.src.Type == TypePage && res.Items[1].Published.IsZero() {
				t.Error("the date selector gave no date")
			}
		})
	}
}

func TestSitemapLocationsToPrivateAddressesAreNotFetched(t *testing.T) {
	// A public-facing sitemap may list private URLs (RELIABILITY.md N16):
	// the same dialer guard refuses them when the page is fetched.
	c := New(Options{})
	defer c.Close()
	_, err := c.FetchPage(t.Context(), "http://169.254.169.254/latest/meta-data/")
	if KindOf(err) != KindBlockedPrivate {
		t.Errorf("got %v, want the metadata address refused", err)
	}
}

func TestFetchFeedReportsNotAFeed(t *testing.T) {
	srv := httptest.NewServer(serveFile(t, "not-a-feed.html", "text/html"))
	defer srv.Close()
	_, err := newClient(t, Options{}).FetchSource(t.Context(), Source{URL: srv.URL + "/feed.xml"})
	if !errors.Is(err, parse.ErrNotAFeed) {
		t.Errorf("got %v, want parse.ErrNotAFeed", err)
	}
}

// TestGoogleNewsLinksAreHeadlineOnlyInEverySource: a list page (or any
// source other than a Google News search) linking to a Google News
// redirect gets an item marked headline-only, with its link kept, so
// that nobody fetches Google's page as the article.
func TestGoogleNewsLinksAreHeadlineOnlyInEverySource(t *testing.T) {
	const google = "https://news.google.com/rss/articles/CBMiQWh0dHBzOi8vYS5leGFtcGxlL25ld3MvMQ?oc=5"
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		fmt.Fprintf(w, `<html><body><ul><li><h3><a href="%s">Via Google</a></h3></li><li><h3><a href="/news/2">Own</a></h3></li></ul></body></html>`, google)
	}))
	defer srv.Close()
	res, err := newClient(t, Options{}).FetchSource(t.Context(), Source{Type: TypePage, URL: srv.URL + "/latest", Links: "h3 a"})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Items) != 2 || res.Items[0].Link != google || !res.Items[0].HeadlineOnly || res.Items[0].SearchResult ||
		res.Items[1].HeadlineOnly {
		t.Errorf("items: %+v", res.Items)
	}
}
