package parse

import (
	"bytes"
	"encoding/xml"
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
	// Repaired is set when the document was cut off and its open elements
	// had to be closed before it parsed.
	Repaired bool
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
	// SearchResult: the item is a search engine's result (a Google News
	// search): the engine matched the query on an article we may not be
	// able to read, and Source names the outlet that published it. Only
	// its headline is the engine's own.
	SearchResult bool
	// HeadlineOnly: the item's link names no page anyone can read (a
	// Google News redirect that does not decode): its feed text is all
	// there is.
	HeadlineOnly bool
}

// ParseFeed parses an RSS (0.9x, 1.0/RDF, 2.0), Atom or JSON Feed document.
// It never fetches. The bytes are first made clean UTF-8 (toUTF8, using
// contentType's charset when the bytes need one); baseURL resolves relative
// item links; at most maxItems items are kept (0 keeps all). A document
// that is not a feed (an HTML page, say) is ErrNotAFeed; a broken one is a
// *ParseError, except an XML feed that was merely cut off, which is parsed
// after its open elements are closed and flagged Repaired.
func ParseFeed(r io.Reader, contentType, baseURL string, maxItems int) (*Feed, error) {
	raw, err := io.ReadAll(r)
	if err != nil {
		return nil, fmt.Errorf("read feed: %w", err)
	}
	if len(bytes.TrimSpace(raw)) == 0 {
		return nil, ErrEmptyBody
	}
	data := toUTF8(raw, contentType)
	gf, err := parseUniversal(data)
	repaired := false
	if err != nil && !errors.Is(err, ErrNotAFeed) {
		if fixed, ok := closeOpenElements(data); ok {
			if gf2, err2 := parseUniversal(fixed); err2 == nil {
				gf, err, repaired = gf2, nil, true
			}
		}
	}
	if err != nil {
		return nil, err
	}
	f := &Feed{URL: baseURL, Title: cleanText(strings.TrimSpace(gf.Title)), Format: gf.FeedType, Repaired: repaired}
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
			Title:       cleanText(strings.TrimSpace(it.Title)),
			Description: cleanText(it.Description),
			Content:     cleanText(it.Content),
		}
		if item.Link == "" && len(it.Links) > 0 {
			item.Link = resolve(base, strings.TrimSpace(it.Links[0]))
		}
		if len(it.Authors) > 0 && it.Authors[0] != nil {
			item.Author = cleanText(strings.TrimSpace(it.Authors[0].Name))
		}
		switch {
		case it.PublishedParsed != nil:
			item.Published = it.PublishedParsed.UTC()
		case it.UpdatedParsed != nil:
			item.Published = it.UpdatedParsed.UTC()
		}
		if i < len(sources) && sources[i] != nil {
			item.Source = cleanText(strings.TrimSpace(sources[i].Title))
			item.SourceURL = strings.TrimSpace(sources[i].URL)
		}
		f.Items = append(f.Items, item)
	}
	return f, nil
}

func parseUniversal(data []byte) (*gofeed.Feed, error) {
	p := gofeed.NewParser()
	p.KeepOriginalFeed = true
	gf, err := p.Parse(bytes.NewReader(data))
	if err != nil {
		if errors.Is(err, gofeed.ErrFeedTypeNotDetected) {
			return nil, ErrNotAFeed
		}
		return nil, &ParseError{Err: err}
	}
	return gf, nil
}

// closeOpenElements repairs an XML document that ends early: when the
// document reads cleanly up to its end, the elements still open there are
// closed. A document broken in any other way is left alone (ok false).
func closeOpenElements(data []byte) ([]byte, bool) {
	d := xml.NewDecoder(bytes.NewReader(data))
	d.Strict = false
	d.AutoClose = xml.HTMLAutoClose
	d.Entity = xml.HTMLEntity
	var open []xml.Name
	for {
		tok, err := d.RawToken()
		if err == io.EOF {
			break
		}
		if err != nil {
			if !strings.Contains(err.Error(), "unexpected EOF") {
				return nil, false
			}
			break
		}
		switch t := tok.(type) {
		case xml.StartElement:
			open = append(open, t.Name)
		case xml.EndElement:
			if len(open) > 0 {
				open = open[:len(open)-1]
			}
		}
	}
	if len(open) == 0 {
		return nil, false
	}
	out := bytes.Clone(data)
	for i := len(open) - 1; i >= 0; i-- {
		name := open[i].Local
		if open[i].Space != "" {
			name = open[i].Space + ":" + name
		}
		out = append(out, "</"+name+">"...)
	}
	return out, true
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
