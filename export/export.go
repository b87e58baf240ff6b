// Package export writes the press section and the mention list in the
// formats the newsletter and its editors use: text (the newsletter's own
// bullets), Markdown, HTML, JSON and CSV.
//
// It takes plain Items and never reads the database. Text from the web
// is treated as hostile: control characters are dropped in every format,
// Markdown escapes what would render as markup, and only http(s) URLs
// become links.
//
// Files: export.go (Item, Section, List, formats, clean), csv.go (CSV and
// its formula defusing), markdown.go (Markdown escaping and links),
// html.go, atom.go, json.go (the JSON shape with stable snake_case keys),
// template.go (custom templates), file.go (WriteFile).
package export

import (
	"errors"
	"fmt"
	"io"
	"regexp"
	"slices"
	"sort"
	"strings"
	"time"
	"unicode"
)

// Item is one story as exports show it.
type Item struct {
	ID        int64
	ClusterID int64
	// Outlet published the representative article; Credit is whom the
	// line credits (that outlet, or the wire agency of its copies), and
	// CreditReason why that article represents the story.
	Outlet       string
	Credit       string
	CreditReason string
	// MergeReason says why the representative joined the story ("" when
	// it started it); each Copy says why it did.
	MergeReason string
	Title       string
	URL         string
	PublishedAt time.Time
	FoundAt     time.Time
	// UpdatedAt is the story's last change (its line, its review): an
	// Atom entry's updated time.
	UpdatedAt      time.Time
	Line           string
	LineEdited     bool
	Status         string
	AlsoReportedBy []string
	Copies         []Copy
	Watches        []string
	Snippet        string
	// SnippetMarks are the byte ranges of the matched words in Snippet.
	SnippetMarks [][2]int
	Score        float64
	// Role is the organization's part in the story (subject, source,
	// spokesperson, list, mention); Low marks low relevance.
	Role     string
	Low      bool
	Type     string
	Language string
	Wire     string
	// Partial: the page gave only a teaser. LowConfidence: the page's
	// text did not agree with its headline or feed; the feed's text was
	// read instead when the feed had any.
	Partial       bool
	LowConfidence bool
	// NeedsTranslation: the line is the marked headline of an article in
	// another language, to translate from SourceLead; Alternatives are the
	// writer's other lines.
	NeedsTranslation bool
	SourceLead       string
	Alternatives     []string
	// Audit are staff's decisions on the story, oldest first.
	Audit []AuditLine
	// Tag is the representative source's tag (a region, a country), for
	// grouped sections.
	Tag string
}

// AuditLine is one staff decision on a story: when, by whom ("" when
// the pages ask no login), what, and the new line or credit.
type AuditLine struct {
	At                 time.Time
	By, Action, Detail string
}

// Text is the decision in words, its time in loc with layout and its
// zone: "approved by Amal at 6 Dec 08:12 UTC", "line edited by Omar at
// 6 Dec 08:13 UTC: AFP reported that …".
func (a AuditLine) Text(loc *time.Location, layout string) string {
	var b strings.Builder
	b.WriteString(a.Action)
	if a.By != "" {
		b.WriteString(" by " + a.By)
	}
	b.WriteString(" at " + a.At.In(loc).Format(layout+" MST"))
	if a.Detail != "" {
		b.WriteString(": " + a.Detail)
	}
	return b.String()
}

// Copy is another outlet's copy of the story and why it was merged.
type Copy struct {
	Outlet string
	URL    string
	Reason string
}

// ErrFormat is returned for a format the writer does not know.
var ErrFormat = errors.New("unknown format")

// Formats each writer accepts.
var (
	SectionFormats = []string{"text", "md", "html", "csv", "json", "atom"}
	// Groupings of a section.
	Groupings   = []string{"none", "watch", "outlet", "tag"}
	ListFormats = []string{"text", "md", "json", "csv"}
)

// SectionOptions shape the press section.
type SectionOptions struct {
	// Also adds the other outlets that carried each story to its line:
	// "… according to IOM (also: The Guardian, France 24)."
	Also bool
	// Together names them all as the line's subject instead
	// (SUMMARY-STYLE.md rule 24): "AFP, The Guardian and France 24
	// reported that … They cited IOM figures."
	Together bool
	// Group puts the lines under headings: "watch" (the first watch a
	// story matched), "outlet" (whom it credits), "tag" (its source's
	// tag, a region or country); "" or "none" for one list. JSON and Atom
	// are never grouped.
	Group string
	// FeedURL is where the Atom feed is served (its rel="self" link, and
	// the authority of its entries' tag: IDs); Authority names the
	// installation when there is no URL (a host name). Entries of two
	// installations never share an ID.
	FeedURL, Authority string
	// NoBOM leaves out the UTF-8 byte-order mark that starts a CSV file
	// (without it Excel reads the file in the machine's legacy code page
	// and garbles every accent).
	NoBOM bool
	// Lang is the newsletter's language (BCP 47, "en" when empty): the
	// HTML document's, and each line's unless the line is still to be
	// translated from its article's language.
	Lang string
}

// ListOptions shape the mention list.
type ListOptions struct {
	// NoBOM: as SectionOptions.NoBOM.
	NoBOM bool
}

// bom starts a CSV file for Excel.
const bom = "\ufeff"

// group is a heading and its items.
type group struct {
	Heading string
	Items   []Item
}

// grouped splits items under headings, in alphabetical order with
// "Other" last; each heading keeps its items' order.
func grouped(items []Item, by string) ([]group, error) {
	var key func(Item) string
	switch by {
	case "", "none":
		return []group{{Items: items}}, nil
	case "watch":
		key = func(it Item) string {
			if len(it.Watches) > 0 {
				return it.Watches[0]
			}
			return ""
		}
	case "outlet":
		key = func(it Item) string {
			if it.Credit != "" {
				return it.Credit
			}
			return it.Outlet
		}
	case "tag":
		key = func(it Item) string { return it.Tag }
	default:
		return nil, fmt.Errorf("%w grouping %q (want %s)", ErrFormat, by, strings.Join(Groupings, ", "))
	}
	var out []group
	at := map[string]int{}
	for _, it := range items {
		k := clean(key(it))
		if k == "" {
			k = "Other"
		}
		i, ok := at[k]
		if !ok {
			i = len(out)
			at[k] = i
			out = append(out, group{Heading: k})
		}
		out[i].Items = append(out[i].Items, it)
	}
	sort.SliceStable(out, func(i, j int) bool {
		if (out[i].Heading == "Other") != (out[j].Heading == "Other") {
			return out[j].Heading == "Other"
		}
		return out[i].Heading < out[j].Heading
	})
	return out, nil
}

// Section writes the press section: one line per story.
func Section(w io.Writer, format string, items []Item, o SectionOptions) error {
	line := func(it Item) string {
		switch {
		case o.Together:
			return together(it.Line, it.Credit, it.AlsoReportedBy)
		case o.Also:
			return withAlso(it.Line, it.AlsoReportedBy)
		}
		return it.Line
	}
	if !slices.Contains(SectionFormats, format) {
		return fmt.Errorf("%w %q for the press section (want %s)", ErrFormat, format, strings.Join(SectionFormats, ", "))
	}
	groups, err := grouped(items, o.Group)
	if err != nil {
		return err
	}
	switch format {
	case "text":
		for gi, g := range groups {
			if g.Heading != "" {
				sep := ""
				if gi > 0 {
					sep = "\n"
				}
				if _, err := fmt.Fprintf(w, "%s%s\n", sep, g.Heading); err != nil {
					return err
				}
			}
			for _, it := range g.Items {
				if _, err := fmt.Fprintf(w, "• %s\n", clean(line(it))); err != nil {
					return err
				}
			}
		}
		return nil
	case "md":
		for gi, g := range groups {
			if g.Heading != "" {
				sep := ""
				if gi > 0 {
					sep = "\n"
				}
				if _, err := fmt.Fprintf(w, "%s### %s\n\n", sep, mdEscape(g.Heading)); err != nil {
					return err
				}
			}
			for _, it := range g.Items {
				if _, err := fmt.Fprintf(w, "- %s\n", mdLink(line(it), it.URL)); err != nil {
					return err
				}
			}
		}
		return nil
	case "html":
		return writeHTML(w, groups, line, o.Lang)
	case "csv":
		return sectionCSV(w, groups, line, !o.NoBOM)
	case "atom":
		return writeAtom(w, items, line, o.FeedURL, o.Authority)
	}
	return writeJSON(w, items)
}

// followUpSubject finds the subject of a follow-up sentence.
var followUpSubject = regexp.MustCompile(`\. It (quoted|cited|referenced) `)

// together makes every outlet the line's subject: "AFP and The Guardian
// reported that …", "They cited …". A line that does not start with its
// credit (staff rewrote it) is left as it is.
func together(line, credit string, also []string) string {
	rest, ok := strings.CutPrefix(line, credit+" ")
	if !ok || credit == "" || len(also) == 0 {
		return line
	}
	names := append([]string{credit}, also...)
	subject := strings.Join(names[:len(names)-1], ", ") + " and " + names[len(names)-1]
	rest = followUpSubject.ReplaceAllString(rest, ". They $1 ")
	return subject + " " + rest
}

// withAlso puts "(also: A, B)" at the end of line, inside its final full
// stop.
func withAlso(line string, also []string) string {
	if len(also) == 0 {
		return line
	}
	note := " (also: " + strings.Join(also, ", ") + ")"
	line = strings.TrimSpace(line)
	if body, ok := strings.CutSuffix(line, "."); ok {
		return body + note + "."
	}
	return line + note
}

// who names the outlet of a story, with the agency its line credits when
// that is another: "AFP via The Meridian Post".
func who(it Item) string {
	if it.Credit != "" && it.Credit != it.Outlet {
		return it.Credit + " via " + it.Outlet
	}
	return it.Outlet
}

// List writes the mention list that staff review: outlet, title, URL,
// snippet and status of each story.
func List(w io.Writer, format string, items []Item, o ListOptions) error {
	switch format {
	case "text":
		return listText(w, items)
	case "md":
		for _, it := range items {
			if _, err := fmt.Fprintf(w, "- **#%d** [%s] %s — %s\n  > %s\n", it.ID, it.Status, mdEscape(who(it)),
				mdLink(it.Title, it.URL), mdEscape(it.Snippet)); err != nil {
				return err
			}
		}
		return nil
	case "json":
		return writeJSON(w, items)
	case "csv":
		return listCSV(w, items, !o.NoBOM)
	}
	return fmt.Errorf("%w %q for the mention list (want %s)", ErrFormat, format, strings.Join(ListFormats, ", "))
}

func listText(w io.Writer, items []Item) error {
	for i, it := range items {
		if i > 0 {
			if _, err := io.WriteString(w, "\n"); err != nil {
				return err
			}
		}
		date := ""
		if !it.PublishedAt.IsZero() {
			date = " · " + it.PublishedAt.UTC().Format("2006-01-02")
		}
		also := ""
		if len(it.AlsoReportedBy) > 0 {
			also = "\n      also: " + clean(strings.Join(it.AlsoReportedBy, ", "))
		}
		about := ""
		if it.Role != "" {
			about = "      " + it.Role
			if len(it.Watches) > 0 {
				about += " · " + clean(strings.Join(it.Watches, ", "))
			}
			if it.Low {
				about += " · low relevance"
			}
			about += "\n"
		}
		if _, err := fmt.Fprintf(w, "#%-4d %-8s %s%s\n      %s\n      %s\n      %s%s\n%s      line: %s\n",
			it.ID, it.Status, clean(who(it)), date, clean(it.Title), clean(it.URL), marked(it, "«", "»"), also, about, clean(it.Line)); err != nil {
			return err
		}
	}
	return nil
}

// marked is the snippet with its matched words between open and close
// (when the snippet is clean text, so that the byte marks hold).
func marked(it Item, open, close string) string {
	s := clean(it.Snippet)
	if s != it.Snippet || len(it.SnippetMarks) == 0 {
		return s
	}
	var b strings.Builder
	last := 0
	for _, m := range it.SnippetMarks {
		if m[0] < last || m[0] > m[1] || m[1] > len(s) {
			continue
		}
		b.WriteString(s[last:m[0]])
		b.WriteString(open + s[m[0]:m[1]] + close)
		last = m[1]
	}
	b.WriteString(s[last:])
	return b.String()
}

// clean drops control characters and collapses white space.
func clean(s string) string {
	s = strings.Map(func(r rune) rune {
		if unicode.IsControl(r) && r != '\n' && r != '\t' || isBidiOverride(r) {
			return -1
		}
		return r
	}, s)
	return strings.Join(strings.Fields(s), " ")
}

// isBidiOverride reports the explicit bidi embeddings, overrides and
// isolates (U+202A–U+202E, U+2066–U+2069): they reorder the text after
// them, up to the end of the line, so a hostile title can disguise what
// follows it ("Trojan Source", CVE-2021-42574).
func isBidiOverride(r rune) bool {
	return r >= '\u202a' && r <= '\u202e' || r >= '\u2066' && r <= '\u2069'
}
