package export

import (
	"encoding/xml"
	"fmt"
	"io"
	"net/url"
	"os"
	"strings"
	"time"
)

// Atom (RFC 4287) elements of the section feed.
type atomFeed struct {
	XMLName xml.Name    `xml:"http://www.w3.org/2005/Atom feed"`
	ID      string      `xml:"id"`
	Title   string      `xml:"title"`
	Updated string      `xml:"updated"`
	Self    *atomLink   `xml:"link,omitempty"`
	Entries []atomEntry `xml:"entry"`
}

type atomEntry struct {
	ID      string     `xml:"id"`
	Title   string     `xml:"title"`
	Updated string     `xml:"updated"`
	Author  atomAuthor `xml:"author"`
	Link    *atomLink  `xml:"link,omitempty"`
	Summary string     `xml:"summary"`
}

type atomAuthor struct {
	Name string `xml:"name"`
}

type atomLink struct {
	Href string `xml:"href,attr"`
	Rel  string `xml:"rel,attr"`
}

// writeAtom writes the section as an Atom feed: one entry per line,
// linked to its article, credited to its outlet, updated when its line
// last changed. The feed's time is its newest entry's, so that the same
// stories give the same bytes. Entry IDs are tag: URIs (RFC 4151) of the
// feed's host, or of authority without one: "tag:press.example.org,
// 2026-11-24:story/12", unique across installations and stable across
// exports.
func writeAtom(w io.Writer, items []Item, line func(Item) string, feedURL, authority string) error {
	if u, err := url.Parse(feedURL); err == nil && u.Hostname() != "" {
		authority = u.Hostname()
	}
	authority = tagAuthority(authority)
	f := atomFeed{ID: "tag:" + authority + ",2026:section", Title: "In the press"}
	if u := httpURL(feedURL); u != "" {
		f.Self = &atomLink{Href: u, Rel: "self"}
	}
	var newest time.Time
	for _, it := range items {
		at := it.UpdatedAt
		for _, t := range []time.Time{it.PublishedAt, it.FoundAt} {
			if at.IsZero() {
				at = t
			}
		}
		if at.After(newest) {
			newest = at
		}
		minted := it.FoundAt
		if minted.IsZero() {
			minted = at
		}
		if minted.IsZero() {
			minted = time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
		}
		e := atomEntry{ID: fmt.Sprintf("tag:%s,%s:story/%d", authority, minted.UTC().Format(time.DateOnly), it.ID),
			Title: clean(line(it)), Updated: atomTime(at), Author: atomAuthor{Name: clean(orOutlet(it))}, Summary: clean(line(it))}
		if u := httpURL(it.URL); u != "" {
			e.Link = &atomLink{Href: u, Rel: "alternate"}
		}
		f.Entries = append(f.Entries, e)
	}
	f.Updated = atomTime(newest)
	if _, err := io.WriteString(w, xml.Header); err != nil {
		return err
	}
	enc := xml.NewEncoder(w)
	enc.Indent("", "  ")
	if err := enc.Encode(f); err != nil {
		return err
	}
	_, err := io.WriteString(w, "\n")
	return err
}

// HostAuthority is this machine's host name, for SectionOptions.Authority
// when the feed is not served from a URL.
func HostAuthority() string {
	h, err := os.Hostname()
	if err != nil {
		return ""
	}
	return h
}

// tagAuthority makes a host name fit a tag: URI's authority: lower case,
// letters, digits, dots and hyphens; "localhost" when nothing is left.
func tagAuthority(host string) string {
	host = strings.ToLower(strings.TrimSuffix(host, "."))
	host = strings.Map(func(r rune) rune {
		if r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r == '.' || r == '-' {
			return r
		}
		return -1
	}, host)
	if host == "" {
		return "localhost"
	}
	return host
}

func atomTime(t time.Time) string {
	if t.IsZero() {
		t = time.Unix(0, 0)
	}
	return t.UTC().Format(time.RFC3339)
}

func orOutlet(it Item) string {
	if it.Credit != "" {
		return it.Credit
	}
	return it.Outlet
}
