package parse

import (
	"bytes"
	"strings"

	"github.com/PuerkitoBio/goquery"
)

// feedTypes are the link types that name a feed, best first.
var feedTypes = []string{"application/rss+xml", "application/atom+xml", "application/feed+json", "application/json", "application/rdf+xml", "application/xml", "text/xml"}

// DiscoverFeeds returns the feeds an HTML page names with
// <link rel="alternate" type="application/rss+xml" href="…">, resolved
// against the page's <base href> or pageURL, RSS and Atom before JSON, in
// page order within a type.
func DiscoverFeeds(page []byte, pageURL string) []string {
	doc, err := goquery.NewDocumentFromReader(bytes.NewReader(page))
	if err != nil {
		return nil
	}
	base := documentBase(doc, pageURL)
	byType := map[string][]string{}
	doc.Find(`link[rel][href]`).Each(func(_ int, s *goquery.Selection) {
		rel := strings.ToLower(s.AttrOr("rel", ""))
		if !strings.Contains(" "+rel+" ", " alternate ") && !strings.Contains(" "+rel+" ", " feed ") {
			return
		}
		typ := strings.ToLower(strings.TrimSpace(strings.Split(s.AttrOr("type", ""), ";")[0]))
		if typ == "application/json" && !strings.Contains(strings.ToLower(s.AttrOr("title", "")+s.AttrOr("href", "")), "feed") {
			return // a JSON alternate that is not a JSON Feed (oEmbed, API)
		}
		if href := resolve(base, strings.TrimSpace(s.AttrOr("href", ""))); isHTTP(href) {
			byType[typ] = append(byType[typ], href)
		}
	})
	var out []string
	seen := map[string]bool{}
	for _, t := range feedTypes {
		for _, h := range byType[t] {
			if !seen[h] {
				seen[h] = true
				out = append(out, h)
			}
		}
	}
	return out
}
