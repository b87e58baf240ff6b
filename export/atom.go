package export

import (
	"encoding/xml"
	"fmt"
	"io"
	"time"
)

// Atom (RFC 4287) elements of the section feed.
type atomFeed struct {
	XMLName xml.Name    `xml:"http://www.w3.org/2005/Atom feed"`
	ID      string      `xml:"id"`
	Title   string      `xml:"title"`
	Updated string      `xml:"updated"`
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
// linked to its article, credited to its outlet. The feed's time is its
// newest entry's, so that the same stories give the same bytes.
func writeAtom(w io.Writer, items []Item, line func(Item) string) error {
	f := atomFeed{ID: "urn:pressclip:section", Title: "In the press"}
	var newest time.Time
	for _, it := range items {
		at := it.PublishedAt
		if at.IsZero() {
			at = it.FoundAt
		}
		if at.After(newest) {
			newest = at
		}
		e := atomEntry{ID: fmt.Sprintf("urn:pressclip:story:%d", it.ID), Title: clean(line(it)), Updated: atomTime(at),
			Author: atomAuthor{Name: clean(orOutlet(it))}, Summary: clean(line(it))}
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
