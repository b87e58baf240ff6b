package export

import (
	"strings"
	"testing"
)

// Issue 15, item 9: a URL with a character that ends or escapes the link
// destination ("\" before the closing parenthesis, ")", a space, a
// backtick that opens a code span) broke its Markdown link.
func TestMarkdownLinkDestinationSurvives(t *testing.T) {
	tests := []struct{ name, url, want string }{
		{"a query ending in a backslash", `https://x.example/a?q=b\`, "https://x.example/a?q=b%5C"},
		{"a backslash before a parenthesis in the query", `https://x.example/a?q=\)`, "https://x.example/a?q=%5C%29"},
		{"parentheses in the query", "https://x.example/a?q=(b)", "https://x.example/a?q=%28b%29"},
		{"a parenthesis in the fragment", "https://x.example/a#b)c", "https://x.example/a#b%29c"},
		{"parentheses and a space in the path", "http://news.example/world/rescue (update)?id=4&lang=pt", "http://news.example/world/rescue%20%28update%29?id=4&lang=pt"},
		{"a space in the query", "https://x.example/a?q=a b", "https://x.example/a?q=a%20b"},
		{"a backtick, angle brackets and quotes in the query", "https://x.example/a?q=`b`<c>\"d\"", "https://x.example/a?q=%60b%60%3Cc%3E%22d%22"},
		{"braces, a bar and a caret in the query", "https://x.example/a?q={b}|c^", "https://x.example/a?q=%7Bb%7D%7Cc%5E"},
		{"non-ASCII letters and a no-break space in the query", "https://x.example/a?q=café\u00a0x", "https://x.example/a?q=caf%C3%A9%C2%A0x"},
		{"what needs no encoding", "https://x.example/a_b~c/d-e.f?g=h&i=j;k,l+m:n@o!p$q'r*s%20#t[u]", "https://x.example/a_b~c/d-e.f?g=h&i=j;k,l+m:n@o!p$q'r*s%20#t[u]"},
	}
	for _, tt := range tests {
		t.Run("a URL with "+tt.name+" stays one link", func(t *testing.T) {
			want := "[Title](" + tt.want + ")"
			if got := mdLink("Title", tt.url); got != want {
				t.Errorf("got %q, want %q", got, want)
			}
		})
	}
}

// Issue 15, item 9: a line that starts like a Markdown block ("1. ",
// "- ", "# ", "> ", a fence) rendered as a list, a heading or code instead
// of as its text.
func TestMarkdownEscapesBlockStarts(t *testing.T) {
	tests := []struct{ name, in, want string }{
		{"a number and a full stop (an ordered list)", "1. The migrants", `1\. The migrants`},
		{"a year and a full stop", "2026. A year of arrivals", `2026\. A year of arrivals`},
		{"a number and a parenthesis (an ordered list)", "3) Third point", `3\) Third point`},
		{"a number alone with a full stop", "7.", `7\.`},
		{"a hyphen and a space (a bullet list)", "- forged bullet", `\- forged bullet`},
		{"a plus and a space (a bullet list)", "+ forged bullet", `\+ forged bullet`},
		{"an asterisk and a space (a bullet list)", "* forged bullet", `\* forged bullet`},
		{"three hyphens (a thematic break)", "---", `\---`},
		{"a hash (a heading)", "# Breaking", `\# Breaking`},
		{"a greater-than sign (a block quote)", "> quoted", "&gt; quoted"},
		{"a tilde fence (a code block)", "~~~ code", `\~\~\~ code`},
		{"a backtick fence (a code block)", "``` code", "\\`\\`\\` code"},
		{"leading white space before a list marker", "  \t1. indented", `1\. indented`},
	}
	for _, tt := range tests {
		t.Run("text starting with "+tt.name+" is escaped", func(t *testing.T) {
			if got := mdEscape(tt.in); got != tt.want {
				t.Errorf("got %q, want %q", got, tt.want)
			}
		})
	}
	kept := []struct{ name, in string }{
		{"a negative number", "-5% in arrivals"},
		{"a decimal number", "1.5 million people"},
		{"a number and a word", "43 migrants were rescued"},
		{"a plus without a space", "+5% in a year"},
		{"two hyphens", "-- an aside"},
		{"a date", "2026-11-24: arrivals"},
	}
	for _, tt := range kept {
		t.Run("text starting with "+tt.name+" is left as it is", func(t *testing.T) {
			if got := mdEscape(tt.in); got != tt.in {
				t.Errorf("got %q, want %q", got, tt.in)
			}
		})
	}
}

func TestMarkdownSectionAndListKeepLinesAsText(t *testing.T) {
	hostile := []Item{
		{ID: 1, Outlet: "1. Outlet", Title: "1. Title", Line: "1. The line", URL: "javascript:alert(1)", Snippet: "- 2) snippet", Status: "new"},
		{ID: 2, Outlet: "Outlet", Title: "# Title", Line: "- The line", URL: `https://x.example/a?q=b\`, Snippet: "1. snippet", Status: "new"},
	}
	var b strings.Builder
	if err := Section(&b, "md", hostile, SectionOptions{}); err != nil {
		t.Fatal(err)
	}
	if got, want := b.String(), "- 1\\. The line\n- [\\- The line](https://x.example/a?q=b%5C)\n"; got != want {
		t.Errorf("section: got %q, want %q", got, want)
	}
	b.Reset()
	if err := List(&b, "md", hostile, ListOptions{}); err != nil {
		t.Fatal(err)
	}
	want := "- **#1** [new] 1\\. Outlet — 1\\. Title\n  > \\- 2) snippet\n" +
		"- **#2** [new] Outlet — [\\# Title](https://x.example/a?q=b%5C)\n  > 1\\. snippet\n"
	if got := b.String(); got != want {
		t.Errorf("list: got %q, want %q", got, want)
	}
}
