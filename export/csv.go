package export

import (
	"encoding/csv"
	"io"
	"strconv"
	"strings"
	"time"
	"unicode"
)

func listCSV(w io.Writer, items []Item, withBOM bool) error {
	if err := writeBOM(w, withBOM); err != nil {
		return err
	}
	cw := csv.NewWriter(w)
	if err := cw.Write([]string{"id", "status", "outlet", "title", "url", "published_at", "line", "snippet", "watches", "also_reported_by", "credit", "audit"}); err != nil {
		return err
	}
	for _, it := range items {
		pub := ""
		if !it.PublishedAt.IsZero() {
			pub = it.PublishedAt.UTC().Format(time.RFC3339)
		}
		if err := cw.Write([]string{strconv.FormatInt(it.ID, 10), it.Status, csvCell(it.Outlet), csvCell(it.Title), csvCell(it.URL), pub,
			csvCell(it.Line), csvCell(it.Snippet), csvCell(strings.Join(it.Watches, "; ")), csvCell(strings.Join(it.AlsoReportedBy, "; ")), csvCell(it.Credit), auditCell(it.Audit)}); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}

// sectionCSV writes the section for a spreadsheet: one row per line as
// it prints, with its group, and the story's facts.
func sectionCSV(w io.Writer, groups []group, line func(Item) string, withBOM bool) error {
	if err := writeBOM(w, withBOM); err != nil {
		return err
	}
	cw := csv.NewWriter(w)
	if err := cw.Write([]string{"group", "line", "credit", "outlet", "title", "url", "published_at", "also_reported_by", "watches", "status", "id", "audit"}); err != nil {
		return err
	}
	for _, g := range groups {
		for _, it := range g.Items {
			pub := ""
			if !it.PublishedAt.IsZero() {
				pub = it.PublishedAt.UTC().Format(time.RFC3339)
			}
			if err := cw.Write([]string{csvCell(g.Heading), csvCell(line(it)), csvCell(it.Credit), csvCell(it.Outlet), csvCell(it.Title), csvCell(it.URL), pub,
				csvCell(strings.Join(it.AlsoReportedBy, "; ")), csvCell(strings.Join(it.Watches, "; ")), it.Status, strconv.FormatInt(it.ID, 10), auditCell(it.Audit)}); err != nil {
				return err
			}
		}
	}
	cw.Flush()
	return cw.Error()
}

// auditCell is a story's decisions, one a line, in UTC.
func auditCell(lines []AuditLine) string {
	parts := make([]string, len(lines))
	for i, a := range lines {
		parts[i] = csvCell(a.Text(time.UTC, "2006-01-02 15:04"))
	}
	return strings.Join(parts, "\n")
}

// CSV writes rows for a spreadsheet, as the exports do: UTF-8 with the
// byte-order mark when asked (Excel reads UTF-8 only with it), every
// cell cleaned and defused (a cell that would start a formula is
// prefixed with a quote). The review pages' Coverage CSV uses it.
type CSV struct{ w *csv.Writer }

// NewCSV starts a CSV file on w.
func NewCSV(w io.Writer, withBOM bool) (*CSV, error) {
	if err := writeBOM(w, withBOM); err != nil {
		return nil, err
	}
	return &CSV{w: csv.NewWriter(w)}, nil
}

// Row writes one row.
func (c *CSV) Row(cells ...string) error {
	out := make([]string, len(cells))
	for i, v := range cells {
		out[i] = csvCell(v)
	}
	return c.w.Write(out)
}

// Flush writes what is buffered and says whether anything failed.
func (c *CSV) Flush() error {
	c.w.Flush()
	return c.w.Error()
}

// writeBOM starts a CSV file with the byte-order mark, when asked.
func writeBOM(w io.Writer, on bool) error {
	if !on {
		return nil
	}
	_, err := io.WriteString(w, bom)
	return err
}

// csvCell cleans a cell and defuses spreadsheet formulas (CSV injection):
// a cell that formulaStart finds would start a formula is prefixed with a
// quote, which makes a spreadsheet read it as text.
func csvCell(s string) string {
	s = clean(s)
	if formulaStart(s) {
		return "'" + s
	}
	return s
}

// formulaStart reports whether s starts with a character that makes a
// spreadsheet read a cell as a formula: = + - @, a tab or a carriage
// return, or a fullwidth or small form of the first four (＝ ＋ － ＠,
// ﹦ ﹢ ﹣ ﹫), which some spreadsheets fold to ASCII. White space and
// invisible characters before it are skipped, since a spreadsheet may
// skip them too and a reviewer cannot see them (issue 15, item 9).
func formulaStart(s string) bool {
	for _, r := range s {
		if unicode.IsSpace(r) && r != '\t' && r != '\r' || invisible(r) {
			continue
		}
		return strings.ContainsRune("=+-@\t\r＝＋－＠﹦﹢﹣﹫", r)
	}
	return false
}

// invisible reports the characters that render as nothing: the format
// characters (zero-width space and joiners U+200B–U+200D, word joiner
// U+2060, byte-order mark U+FEFF, soft hyphen, the bidi marks, embeddings
// and isolates), variation selectors and the other default-ignorable code
// points (Hangul fillers, U+034F).
func invisible(r rune) bool {
	return unicode.In(r, unicode.Cf, unicode.Variation_Selector, unicode.Other_Default_Ignorable_Code_Point)
}
