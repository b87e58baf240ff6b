package fetcher

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"sort"
	"strings"
	"time"

	"github.com/pressclip/pressclip/parse"
)

// Source types.
const (
	TypeFeed       = "feed"
	TypePage       = "page"
	TypeSitemap    = "sitemap"
	TypeGoogleNews = "googlenews"
)

// Source is what to fetch for one outlet.
type Source struct {
	// Type is one of the Type constants ("" is TypeFeed).
	Type string
	URL  string
	// Selectors of a TypePage source (a parse.Selectors): Links picks
	// the article links (inside each Item when Item is set); Title and
	// Date, inside each Item, pick the headline and the date.
	Item, Links, Title, Date string
	// Keywords, when set, keep only the items whose title, link or
	// summary contains one of them (case-insensitive): a sitemap of
	// thousands of URLs is narrowed before any article is fetched.
	Keywords []string
	// MaxItems caps the items taken, newest first for sitemaps (0: all).
	MaxItems int
	// ETag and LastModified from the last successful fetch make the
	// request conditional.
	ETag, LastModified string
}

// Result is what fetching a source gave.
type Result struct {
	Items []parse.Item
	// NotModified: the server answered 304 to the conditional request;
	// Items is empty and nothing else was fetched.
	NotModified bool
	// URL is the document finally read (after redirects and discovery);
	// DiscoveredURL is set when a home page named the feed that was read.
	URL           string
	DiscoveredURL string
	// ETag and LastModified are the validators for the next request.
	ETag, LastModified string
	Status             int
	Elapsed            time.Duration
	Format             string
	Truncated          int
	Repaired           bool
}

// maxDiscovered is how many feeds named by a home page are tried;
// maxSitemapChildren how many children of a sitemap index, the newest.
const (
	maxDiscovered      = 3
	maxSitemapChildren = 5
)

// FetchSource fetches one source by its type and returns its items.
func (c *Client) FetchSource(ctx context.Context, s Source) (*Result, error) {
	start := time.Now()
	var res *Result
	var err error
	switch s.Type {
	case "", TypeFeed, TypeGoogleNews:
		res, err = c.fetchFeed(ctx, s)
	case TypePage:
		res, err = c.fetchListPage(ctx, s)
	case TypeSitemap:
		res, err = c.fetchSitemap(ctx, s)
	default:
		return nil, fmt.Errorf("source %s: unknown type %q", s.URL, s.Type)
	}
	if err != nil {
		return res, err
	}
	// Every type's items: a Google News link is headline-only wherever
	// it comes from; a search's items are search results.
	parse.ResolveGoogleNews(res.Items, s.Type == TypeGoogleNews)
	res.Items = filterKeywords(res.Items, s.Keywords)
	res.Elapsed = time.Since(start)
	return res, nil
}

func (c *Client) fetchFeed(ctx context.Context, s Source) (*Result, error) {
	resp, err := c.Do(ctx, Request{URL: s.URL, Accept: AcceptFeed, ETag: s.ETag, LastModified: s.LastModified})
	if err != nil {
		return nil, err
	}
	res := newResult(resp)
	if resp.NotModified {
		return res, nil
	}
	f, err := parse.ParseFeed(bytes.NewReader(resp.Body), resp.ContentType(), resp.URL, s.MaxItems)
	if errors.Is(err, parse.ErrNotAFeed) && looksLikeHTML(resp.Body) {
		// A home page instead of a feed: read the feed it names.
		for i, link := range parse.DiscoverFeeds(resp.Body, resp.URL) {
			if i == maxDiscovered {
				break
			}
			fresp, ferr := c.Do(ctx, Request{URL: link, Accept: AcceptFeed})
			if ferr != nil {
				continue
			}
			if df, perr := parse.ParseFeed(bytes.NewReader(fresp.Body), fresp.ContentType(), fresp.URL, s.MaxItems); perr == nil {
				res = newResult(fresp)
				res.DiscoveredURL = link
				f, err = df, nil
				break
			}
		}
	}
	if err != nil {
		return res, fmt.Errorf("feed %s: %w", resp.URL, err)
	}
	res.Items, res.Format, res.Truncated, res.Repaired = f.Items, f.Format, f.Truncated, f.Repaired
	return res, nil
}

func (c *Client) fetchSitemap(ctx context.Context, s Source) (*Result, error) {
	resp, err := c.Do(ctx, Request{URL: s.URL, Accept: AcceptXML, ETag: s.ETag, LastModified: s.LastModified})
	if err != nil {
		return nil, err
	}
	res := newResult(resp)
	if resp.NotModified {
		return res, nil
	}
	sm, err := parse.ParseSitemap(bytes.NewReader(resp.Body), resp.URL, c.opts.MaxBodyBytes)
	if err != nil {
		return res, fmt.Errorf("sitemap %s: %w", resp.URL, err)
	}
	items, truncated := sm.URLs, sm.Truncated
	// An index: the newest children hold the news.
	children := sm.Children
	sort.SliceStable(children, func(i, j int) bool { return children[i].LastMod.After(children[j].LastMod) })
	for i, child := range children {
		if i == maxSitemapChildren {
			break
		}
		cresp, err := c.Do(ctx, Request{URL: child.URL, Accept: AcceptXML})
		if err != nil {
			return res, fmt.Errorf("sitemap index %s: child %w", resp.URL, err)
		}
		csm, err := parse.ParseSitemap(bytes.NewReader(cresp.Body), cresp.URL, c.opts.MaxBodyBytes)
		if err != nil {
			return res, fmt.Errorf("sitemap %s: %w", cresp.URL, err)
		}
		items = append(items, csm.URLs...)
		truncated += csm.Truncated
	}
	newestFirst(items)
	if s.MaxItems > 0 && len(items) > s.MaxItems {
		truncated += len(items) - s.MaxItems
		items = items[:s.MaxItems]
	}
	res.Items, res.Truncated, res.Format = items, truncated, "sitemap"
	return res, nil
}

func (c *Client) fetchListPage(ctx context.Context, s Source) (*Result, error) {
	resp, err := c.Do(ctx, Request{URL: s.URL, Accept: AcceptHTML, ETag: s.ETag, LastModified: s.LastModified})
	if err != nil {
		return nil, err
	}
	res := newResult(resp)
	if resp.NotModified {
		return res, nil
	}
	items, err := parse.ParseListPage(bytes.NewReader(resp.Body), resp.ContentType(), resp.URL, parse.Selectors{Item: s.Item, Links: s.Links, Title: s.Title, Date: s.Date}, s.MaxItems)
	if err != nil {
		return res, fmt.Errorf("list page %s: %w", resp.URL, err)
	}
	res.Items, res.Format = items, "html"
	return res, nil
}

func newResult(resp *Response) *Result {
	return &Result{
		URL: resp.URL, Status: resp.StatusCode, NotModified: resp.NotModified,
		ETag: resp.Header.Get("ETag"), LastModified: resp.Header.Get("Last-Modified"),
	}
}

func looksLikeHTML(b []byte) bool {
	head := bytes.ToLower(b[:min(len(b), 2048)])
	return bytes.Contains(head, []byte("<html")) || bytes.Contains(head, []byte("<!doctype html")) || bytes.Contains(head, []byte("<head"))
}

func filterKeywords(items []parse.Item, keywords []string) []parse.Item {
	if len(keywords) == 0 {
		return items
	}
	var out []parse.Item
	for _, it := range items {
		hay := strings.ToLower(it.Title + " " + it.Link + " " + it.Description)
		for _, k := range keywords {
			if k = strings.ToLower(strings.TrimSpace(k)); k != "" && strings.Contains(hay, k) {
				out = append(out, it)
				break
			}
		}
	}
	return out
}

// newestFirst sorts items by date, newest first, undated last, keeping
// document order among equals.
func newestFirst(items []parse.Item) {
	sort.SliceStable(items, func(i, j int) bool {
		a, b := items[i].Published, items[j].Published
		if a.IsZero() != b.IsZero() {
			return !a.IsZero()
		}
		return a.After(b)
	})
}
