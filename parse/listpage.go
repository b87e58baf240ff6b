package parse

import (
	"bytes"
	"fmt"
	"io"
	"net/url"
	"strings"

	"github.com/PuerkitoBio/goquery"
	"github.com/andybalholm/cascadia"
	"golang.org/x/net/html"
	"golang.org/x/net/html/charset"
	"golang.org/x/text/transform"

	"github.com/pressclip/pressclip/internal/dates"
)

// Selectors pick a list page's articles: Links the article links (inside
// each Item when Item is set); Title and Date, inside each Item, the
// headline and the date (a datetime or content attribute, or the text).
type Selectors struct {
	Item, Links, Title, Date string
}

// SelectorProblem is what is wrong with a list page's selectors: Field
// names the selector ("links", "item", "title", "date"; "" for the set).
type SelectorProblem struct {
	Field, Msg string
}

func (p SelectorProblem) Error() string { return p.Msg }

// Problems lists what is wrong with the selectors, the rules' one home
// (the config reports them at load, ParseListPage refuses them): Links
// is required, Title and Date need Item, and each one given is valid
// CSS.
func (s Selectors) Problems() []SelectorProblem {
	var out []SelectorProblem
	if s.Links == "" {
		out = append(out, SelectorProblem{"", "a page source needs a links selector (the CSS selector of its article links)"})
	}
	if (s.Title != "" || s.Date != "") && s.Item == "" {
		out = append(out, SelectorProblem{"", "title and date selectors need an item selector"})
	}
	for _, sel := range []struct{ name, css string }{{"links", s.Links}, {"item", s.Item}, {"title", s.Title}, {"date", s.Date}} {
		if sel.css == "" {
			continue
		}
		if _, err := cascadia.ParseGroup(sel.css); err != nil {
			out = append(out, SelectorProblem{sel.name, fmt.Sprintf("%s selector %q: %v", sel.name, sel.css, err)})
		}
	}
	return out
}

// compileSelectors is the selectors' first problem, or nil.
func compileSelectors(s Selectors) error {
	if ps := s.Problems(); len(ps) > 0 {
		return ps[0]
	}
	return nil
}

// ParseListPage reads the article links of an HTML list page ("latest
// news"), in page order, resolved against its <base href> or pageURL, each
// once. It never fetches. A page where Links matches nothing is
// ErrSelectorEmpty: the outlet changed its markup, which must not pass for
// "no news".
func ParseListPage(r io.Reader, contentType, pageURL string, sel Selectors, maxItems int) ([]Item, error) {
	if err := compileSelectors(sel); err != nil {
		return nil, err
	}
	data, err := io.ReadAll(r)
	if err != nil {
		return nil, fmt.Errorf("read page: %w", err)
	}
	enc, _, _ := charset.DetermineEncoding(data, contentType)
	root, err := html.Parse(transform.NewReader(bytes.NewReader(data), enc.NewDecoder()))
	if err != nil {
		return nil, &ParseError{Err: err}
	}
	doc := goquery.NewDocumentFromNode(root)
	base := documentBase(doc, pageURL)
	var items []Item
	seen := map[string]bool{}
	add := func(link *goquery.Selection, scope *goquery.Selection) {
		a := link
		if goquery.NodeName(a) != "a" {
			a = link.Find("a[href]").First()
		}
		href := resolve(base, strings.TrimSpace(a.AttrOr("href", "")))
		if !strings.HasPrefix(href, "http://") && !strings.HasPrefix(href, "https://") || seen[href] {
			return
		}
		seen[href] = true
		it := Item{Link: href, Title: strings.Join(strings.Fields(cleanText(a.Text())), " ")}
		if scope != nil {
			if sel.Title != "" {
				if t := strings.Join(strings.Fields(cleanText(scope.Find(sel.Title).First().Text())), " "); t != "" {
					it.Title = t
				}
			}
			if sel.Date != "" {
				d := scope.Find(sel.Date).First()
				for _, v := range []string{d.AttrOr("datetime", ""), d.AttrOr("content", ""), d.Text()} {
					if t := dates.Parse(v); !t.IsZero() {
						it.Published = t.UTC()
						break
					}
				}
			}
		}
		items = append(items, it)
	}
	if sel.Item != "" {
		doc.Find(sel.Item).Each(func(_ int, item *goquery.Selection) {
			link := item
			if !item.Is(sel.Links) {
				link = item.Find(sel.Links).First()
			}
			if link.Length() > 0 {
				add(link, item)
			}
		})
	} else {
		doc.Find(sel.Links).Each(func(_ int, link *goquery.Selection) { add(link, nil) })
	}
	if len(items) == 0 {
		return nil, ErrSelectorEmpty
	}
	if maxItems > 0 && len(items) > maxItems {
		items = items[:maxItems]
	}
	return items, nil
}

// documentBase is the URL a page's relative links resolve against: its
// first <base href>, itself resolved against pageURL, or pageURL (HTML
// "document base URL").
func documentBase(doc *goquery.Document, pageURL string) *url.URL {
	base, err := url.Parse(pageURL)
	if err != nil {
		return nil
	}
	if href, ok := doc.Find("base[href]").First().Attr("href"); ok {
		if b, err := url.Parse(strings.TrimSpace(href)); err == nil {
			return base.ResolveReference(b)
		}
	}
	return base
}
