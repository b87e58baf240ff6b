package parse

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"net/url"
	"strings"
	"time"

	"github.com/pressclip/pressclip/internal/dates"
)

// MaxSitemapURLs is the protocol's limit of URLs in one sitemap file;
// ParseSitemap reads no more.
const MaxSitemapURLs = 50000

// Sitemap is a parsed sitemap: its URLs, or, for a sitemap index, the
// sitemaps it lists.
type Sitemap struct {
	URLs     []Item
	Children []SitemapChild
	// Truncated counts the URLs beyond MaxSitemapURLs, not read.
	Truncated int
}

// SitemapChild is a sitemap named by an index.
type SitemapChild struct {
	URL     string
	LastMod time.Time
}

type sitemapURL struct {
	Loc     string `xml:"loc"`
	LastMod string `xml:"lastmod"`
	News    struct {
		Title           string `xml:"title"`
		PublicationDate string `xml:"publication_date"`
		Publication     struct {
			Name string `xml:"name"`
		} `xml:"publication"`
	} `xml:"news"`
}

type sitemapChild struct {
	Loc     string `xml:"loc"`
	LastMod string `xml:"lastmod"`
}

// ParseSitemap reads a sitemap or sitemap index (Google News sitemaps
// included: news:title, news:publication_date, lastmod), gzipped or not.
// It never fetches. Only http(s) locations are kept; at most maxBytes of
// decompressed XML (a gzip bomb stops there) and MaxSitemapURLs URLs are
// read.
func ParseSitemap(r io.Reader, baseURL string, maxBytes int64) (*Sitemap, error) {
	br := bufio.NewReaderSize(r, 4096)
	var in io.Reader = br
	if head, _ := br.Peek(2); bytes.Equal(head, []byte{0x1f, 0x8b}) {
		zr, err := gzip.NewReader(br)
		if err != nil {
			return nil, &ParseError{Err: err}
		}
		in = zr
	}
	lr := &cappedReader{r: in, left: maxBytes}
	d := xml.NewDecoder(lr)
	d.Strict = false
	d.Entity = xml.HTMLEntity // &eacute; in a news:title (RELIABILITY C2)
	d.CharsetReader = charsetReader
	base, _ := url.Parse(baseURL)
	sm := &Sitemap{}
	root := ""
	for {
		tok, err := d.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			if errors.Is(err, ErrBodyTooLarge) || lr.over {
				return nil, fmt.Errorf("sitemap after decompression: %w", ErrBodyTooLarge)
			}
			return nil, &ParseError{Err: err}
		}
		se, ok := tok.(xml.StartElement)
		if !ok {
			continue
		}
		if root == "" {
			root = se.Name.Local
			if root != "urlset" && root != "sitemapindex" {
				return nil, fmt.Errorf("root element <%s>: %w", root, ErrNotAFeed)
			}
			continue
		}
		switch se.Name.Local {
		case "url":
			if len(sm.URLs) >= MaxSitemapURLs {
				sm.Truncated++
				d.Skip()
				continue
			}
			var u sitemapURL
			if err := d.DecodeElement(&u, &se); err != nil {
				return nil, &ParseError{Err: err}
			}
			loc := resolve(base, strings.TrimSpace(u.Loc))
			if !isHTTP(loc) {
				continue
			}
			it := Item{Link: loc, Title: strings.TrimSpace(u.News.Title), Source: strings.TrimSpace(u.News.Publication.Name)}
			it.Published = dates.Parse(u.News.PublicationDate)
			if it.Published.IsZero() {
				it.Published = dates.Parse(u.LastMod)
			}
			it.Published = it.Published.UTC()
			if it.Published.Year() < 1990 {
				it.Published = time.Time{}
			}
			sm.URLs = append(sm.URLs, it)
		case "sitemap":
			var c sitemapChild
			if err := d.DecodeElement(&c, &se); err != nil {
				return nil, &ParseError{Err: err}
			}
			if loc := resolve(base, strings.TrimSpace(c.Loc)); isHTTP(loc) {
				sm.Children = append(sm.Children, SitemapChild{URL: loc, LastMod: dates.Parse(c.LastMod)})
			}
		}
	}
	if root == "" {
		return nil, ErrNotAFeed
	}
	return sm, nil
}

// isHTTP reports whether a resolved location is an http(s) URL.
func isHTTP(loc string) bool {
	return strings.HasPrefix(loc, "http://") || strings.HasPrefix(loc, "https://")
}

// cappedReader fails with ErrBodyTooLarge past its limit; a body of
// exactly the limit is read (as fetcher.Client.Do allows it).
type cappedReader struct {
	r    io.Reader
	left int64
	over bool
}

func (c *cappedReader) Read(p []byte) (int, error) {
	if c.left <= 0 {
		var probe [1]byte
		if n, err := c.r.Read(probe[:]); n == 0 {
			return 0, err // io.EOF at the limit: the body fits
		}
		c.over = true
		return 0, ErrBodyTooLarge
	}
	if int64(len(p)) > c.left {
		p = p[:c.left]
	}
	n, err := c.r.Read(p)
	c.left -= int64(n)
	return n, err
}
