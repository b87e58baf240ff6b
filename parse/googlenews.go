package parse

import (
	"bytes"
	"encoding/base64"
	"net/url"
	"strings"
	"unicode/utf8"
)

// Google News RSS links point to news.google.com/rss/articles/<id>, not
// to the publisher. Older ids are a base64url protobuf that holds the
// article URL; newer ones are opaque and only Google can resolve them.

// IsGoogleNewsLink reports whether link is a Google News redirect link.
func IsGoogleNewsLink(link string) bool {
	u, err := url.Parse(link)
	return err == nil && strings.EqualFold(u.Hostname(), "news.google.com") && strings.Contains(u.Path, "/articles/")
}

// DecodeGoogleNewsLink returns the publisher URL inside a Google News
// article link, when the id carries one.
func DecodeGoogleNewsLink(link string) (string, bool) {
	if !IsGoogleNewsLink(link) {
		return "", false
	}
	u, _ := url.Parse(link)
	id := u.Path[strings.LastIndex(u.Path, "/")+1:]
	raw, err := base64.RawURLEncoding.DecodeString(strings.TrimRight(id, "="))
	if err != nil {
		if raw, err = base64.URLEncoding.DecodeString(id); err != nil {
			return "", false
		}
	}
	i := bytes.Index(raw, []byte("http"))
	if i < 0 {
		return "", false
	}
	// The URL is a protobuf string: a varint length (one byte, or two
	// when the first has its high bit set) and the bytes. Without a
	// usable length, read up to the first byte that is not a URL's.
	n := 0
	switch {
	case i >= 2 && raw[i-2]&0x80 != 0:
		n = int(raw[i-2]&0x7f) | int(raw[i-1])<<7
	case i >= 1:
		n = int(raw[i-1])
	}
	end := i + n
	if n <= 0 || end > len(raw) {
		end = i
		for end < len(raw) && raw[end] > 0x20 && raw[end] < 0x7f {
			end++
		}
	}
	s := string(raw[i:end])
	p, err := url.Parse(s)
	if err != nil || (p.Scheme != "http" && p.Scheme != "https") || p.Host == "" {
		return "", false
	}
	// The length can take in bytes url.Parse lets through: found by
	// FuzzDecodeGoogleNewsLink.
	if !utf8.ValidString(s) || strings.ContainsFunc(s, func(r rune) bool { return r <= ' ' || r == 0x7f }) {
		return "", false
	}
	return s, true
}

// ResolveGoogleNews marks what the items of a source are. Items of a
// search (a googlenews source) are search results: each Google News link
// that decodes is replaced by the publisher's URL, and the " - Outlet"
// suffix Google appends to every title is stripped. In any source, an
// item whose link is still a Google News link is headline-only (no page
// anyone can read). A plain feed's Google links are not decoded: such an
// item was always kept by its Google link, and decoding it now would
// change its key and bring it back as new.
func ResolveGoogleNews(items []Item, search bool) {
	for i := range items {
		it := &items[i]
		if search {
			it.SearchResult = true
			if real, ok := DecodeGoogleNewsLink(it.Link); ok {
				it.Link = real
			}
			if it.Source != "" {
				it.Title = strings.TrimSuffix(it.Title, " - "+it.Source)
			}
		}
		it.HeadlineOnly = IsGoogleNewsLink(it.Link)
	}
}
