package extractor

import (
	"fmt"
	"strings"
	"testing"
)

func TestTextFromHTML(t *testing.T) {
	deep := strings.Repeat("<div>", 600) + "<p>Deep paragraph.</p><script>alert(1)</script><p>Second one.</p>" + strings.Repeat("</div>", 600)
	tests := []struct {
		name, in, want string
	}{
		{"plain text passes through with its spaces collapsed", "  Boat arrivals\trise on the\n Atlantic route  ", "Boat arrivals rise on the Atlantic route"},
		{"an empty description is empty", "", ""},
		{"an HTML description from a CDATA section becomes its text",
			`<p>More than 4,100 people reached the islands in October, the <b>International Organization for Migration</b> said.</p>`,
			"More than 4,100 people reached the islands in October, the International Organization for Migration said."},
		{"a WordPress description keeps its paragraphs apart",
			"<p>Ferries were cancelled on Monday.</p>\n<p>The post <a href=\"https://x.example/p\">Storm closes ports</a> appeared first on <a href=\"https://x.example\">Harbour News</a>.</p>",
			"Ferries were cancelled on Monday.\n\nThe post Storm closes ports appeared first on Harbour News."},
		{"paragraphs with no space between them are not glued", "<p>First ends here.</p><p>Second starts here.</p>", "First ends here.\n\nSecond starts here."},
		{"a <br> is a space, never a glue", "Line one<br>Line two<br/><br/>Line three", "Line one Line two Line three"},
		{"a <p> opened inside a <p> starts a new block", "<p>Outer text <p>Inner text</p> tail text</p>", "Outer text\n\nInner text\n\ntail text"},
		{"nested block elements each make a block", "<div><p>First para</p><div><p>Nested para</p></div></div>", "First para\n\nNested para"},
		{"list items are kept as blocks", "<ul><li>One</li><li>Two</li></ul>", "One\n\nTwo"},
		{"entities are decoded", "Tom &amp; Jerry &lt;3 &eacute;t&eacute; &#8217;&#x2019; &quot;q&quot;&nbsp;end", "Tom & Jerry <3 été ’’ \"q\" end"},
		{"an entity alone decodes without markup", "AT&amp;T raises prices", "AT&T raises prices"},
		{"script, style and noscript content is dropped", "<p>Kept.</p><script>alert('x')</script><style>p{color:red}</style><noscript>Enable JS</noscript>", "Kept."},
		{"an inline script between words leaves the words apart", "before <script>var x = 1;</script>after", "before after"},
		{"control characters are dropped", "Bell\x07 and\x00 null", "Bell and null"},
		{"a fragment nested 600 deep returns its text, not its markup", deep, "Deep paragraph.\n\nSecond one."},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := TextFromHTML(tt.in); got != tt.want {
				t.Errorf("TextFromHTML(%.60q): got %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

func ExampleTextFromHTML() {
	fmt.Println(TextFromHTML(`<p>Ports <b>closed</b> on Monday.</p><p>Ferries resume &amp; trains run.</p><script>track()</script>`))
	// Output:
	// Ports closed on Monday.
	//
	// Ferries resume & trains run.
}
