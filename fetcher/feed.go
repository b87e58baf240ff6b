package fetcher

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"net/url"
	"strings"
	"time"

	"github.com/mmcdole/gofeed"
	"github.com/mmcdole/gofeed/rss"
)

// Feed is a parsed feed: its title and items, newest first as published.
type Feed struct {
	// URL is the final URL the feed was served from.
	URL   string
	Title string
	// Format is "rss", "atom" or "json".
	Format string
	Items  []Item
	// Truncated counts the items dropped by the item cap.
	Truncated int
}

// Item is one feed entry, with HTML fields left as HTML.
type Item struct {
	GUID  string
	Link  string
	Title string
	// Description and Content are the item's summary and full content,
	// as HTML (or plain text) exactly as the feed gave them.
	Description string
	Content     string
	Author      string
	// Published is zero when the feed gave no parsable date.
	Published time.Time
	// Source names the outlet that published the item when the feed is
	// an aggregator (the RSS <source> element of Google News).
	Source    string
	SourceURL string
}

// ParseFeed parses an RSS (0.9x, 1.0/RDF, 2.0), Atom or JSON Feed document.
// It never fetches. baseURL resolves relative item links. At most maxItems
// items are kept (0 keeps all). A document that is not a feed (an HTML
// page, say) is ErrNotAFeed; a broken one is a *ParseError.
func ParseFeed(r io.Reader, baseURL string, maxItems int) (*Feed, error) {
	p := gofeed.NewParser()
	p.KeepOriginalFeed = true
	gf, err := p.Parse(r)
	if err != nil {
		if errors.Is(err, gofeed.ErrFeedTypeNotDetected) {
			return nil, ErrNotAFeed
		}
		return nil, &ParseError{Err: err}
	}
	f := &Feed{URL: baseURL, Title: strings.TrimSpace(gf.Title), Format: gf.FeedType}
	sources := rssSources(gf)
	base, _ := url.Parse(baseURL)
	for i, it := range gf.Items {
		if maxItems > 0 && len(f.Items) >= maxItems {
			f.Truncated = len(gf.Items) - i
			break
		}
		item := Item{
			GUID:        strings.TrimSpace(it.GUID),
			Link:        resolve(base, strings.TrimSpace(it.Link)),
			Title:       strings.TrimSpace(it.Title),
			Description: it.Description,
			Content:     it.Content,
		}
		if item.Link == "" && len(it.Links) > 0 {
			item.Link = resolve(base, strings.TrimSpace(it.Links[0]))
		}
		if len(it.Authors) > 0 && it.Authors[0] != nil {
			item.Author = strings.TrimSpace(it.Authors[0].Name)
		}
		switch {
		case it.PublishedParsed != nil:
			item.Published = it.PublishedParsed.UTC()
		case it.UpdatedParsed != nil:
			item.Published = it.UpdatedParsed.UTC()
		}
		if i < len(sources) && sources[i] != nil {
			item.Source = strings.TrimSpace(sources[i].Title)
			item.SourceURL = strings.TrimSpace(sources[i].URL)
		}
		f.Items = append(f.Items, item)
	}
	return f, nil
}

// rssSources returns the RSS <source> element of each item, which the
// universal gofeed item drops; Google News names the outlet there.
func rssSources(gf *gofeed.Feed) []*rss.Source {
	orig, ok := gf.OriginalFeed().(*rss.Feed)
	if !ok || len(orig.Items) != len(gf.Items) {
		return nil
	}
	out := make([]*rss.Source, len(orig.Items))
	for i, it := range orig.Items {
		out[i] = it.Source
	}
	return out
}

func resolve(base *url.URL, ref string) string {
	if ref == "" || base == nil {
		return ref
	}
	u, err := url.Parse(ref)
	if err != nil {
		return ref
	}
	return base.ResolveReference(u).String()
}

// FetchFeed gets and parses the feed at rawURL.
func (c *Client) FetchFeed(ctx context.Context, rawURL string, maxItems int) (*Feed, *Response, error) {
	resp, err := c.Get(ctx, rawURL, AcceptFeed)
	if err != nil {
		return nil, nil, err
	}
	f, err := ParseFeed(bytes.NewReader(resp.Body), resp.URL, maxItems)
	if err != nil {
		return nil, resp, fmt.Errorf("feed %s: %w", resp.URL, err)
	}
	return f, resp, nil
}

// FetchPage gets an HTML page.
func (c *Client) FetchPage(ctx context.Context, rawURL string) (*Response, error) {
	return c.Get(ctx, rawURL, AcceptHTML)
}
