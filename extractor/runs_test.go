package extractor

import (
	"bytes"
	"io"
	"strings"
	"testing"

	"golang.org/x/net/html"
)

// splitText parses page read through a runSplitter of limit (or as it
// is, with limit 0) and returns the document's text.
func splitText(t testing.TB, page string, limit int) string {
	var r io.Reader = strings.NewReader(page)
	if limit > 0 {
		r = newRunSplitter(r, limit)
	}
	root, err := html.Parse(r)
	if err != nil {
		t.Fatal(err)
	}
	return nodeText(root)
}

func TestRunSplitter(t *testing.T) {
	long := strings.Repeat("words of a long paragraph ", 40)
	for _, tt := range []struct{ desc, page string }{
		{"a long paragraph", "<p>" + long + "</p>"},
		{"a title and a textarea keep their text whole", "<title>" + long + "</title><textarea>" + long + "</textarea><p>" + long + "</p>"},
		{"a script's text is not markup", "<script>var s = '" + long + "';</script><p>" + long + "</p>"},
		{"quoted attribute values with '>'", `<p title="a > b ` + long + `">` + long + "</p>"},
		{"comments", "<!-- " + long + " --><p>" + long + "</p><!---->"},
		{"an end tag in capitals", "<STYLE>" + long + "</STYLE ><p>" + long + "</p>"},
		{"a '<' in text", "<p>a < b and " + long + "</p>"},
	} {
		t.Run(tt.desc, func(t *testing.T) {
			want := splitText(t, tt.page, 0)
			for _, limit := range []int{1, 7, 64, 1 << 20} {
				var out bytes.Buffer
				io.Copy(&out, newRunSplitter(strings.NewReader(tt.page), limit))
				if limit == 64 && !bytes.Contains(out.Bytes(), splitMark) {
					t.Errorf("no mark in a run of %d bytes", len(long))
				}
				if got := splitText(t, tt.page, limit); got != want {
					t.Errorf("limit %d: text %q, want %q", limit, got, want)
				}
			}
		})
	}
}

// FuzzRunSplitter: the marks never change a page's text.
func FuzzRunSplitter(f *testing.F) {
	for _, s := range []string{"<p>a b c d e f</p>", "<title>a b c</title>", "<script>a b</script>x y z", `<a href="x > y">a b</a>`,
		"<!-- a b -->c d", "a < b c d", "<textarea>a b</textarea>", "<svg><![CDATA[a b]]></svg>p q r"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, page string) {
		if got, want := splitText(t, page, 2), splitText(t, page, 0); got != want {
			t.Errorf("text %q, want %q", got, want)
		}
	})
}
