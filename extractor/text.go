package extractor

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// maxDepth bounds recursion into the tree: a page nested 100,000 levels
// deep must not exhaust the stack (RELIABILITY.md C26). The HTML parser
// refuses trees deeper than 512 elements, so nothing deeper reaches here.
const maxDepth = 1024

// blockTags start a new block of text: their text is never glued to the
// text around them.
var blockTags = map[atom.Atom]bool{
	atom.P: true, atom.Div: true, atom.H1: true, atom.H2: true, atom.H3: true, atom.H4: true,
	atom.H5: true, atom.H6: true, atom.Li: true, atom.Ul: true, atom.Ol: true, atom.Blockquote: true,
	atom.Pre: true, atom.Table: true, atom.Tr: true, atom.Td: true, atom.Th: true, atom.Section: true,
	atom.Article: true, atom.Header: true, atom.Footer: true, atom.Aside: true, atom.Figure: true,
	atom.Figcaption: true, atom.Dl: true, atom.Dt: true, atom.Dd: true, atom.Main: true, atom.Nav: true,
	atom.Form: true, atom.Hr: true, atom.Address: true, atom.Details: true, atom.Summary: true,
}

// skipTags hold no readable text.
var skipTags = map[atom.Atom]bool{
	atom.Script: true, atom.Style: true, atom.Noscript: true, atom.Template: true, atom.Svg: true,
	atom.Math: true, atom.Iframe: true, atom.Object: true, atom.Embed: true, atom.Canvas: true,
	atom.Video: true, atom.Audio: true, atom.Select: true, atom.Button: true, atom.Textarea: true,
	// Ruby annotations (furigana) read above the text, not in it.
	atom.Rt: true, atom.Rp: true,
}

// nodeText is the text of n with inline elements joined as a browser would
// render them and whitespace collapsed; <br> becomes a space.
func nodeText(n *html.Node) string {
	var b strings.Builder
	appendText(&b, n, 0)
	return collapse(b.String())
}

func appendText(b *strings.Builder, n *html.Node, depth int) {
	if depth > maxDepth {
		return
	}
	switch n.Type {
	case html.TextNode:
		b.WriteString(n.Data)
		return
	case html.ElementNode:
		if skipTags[n.DataAtom] {
			return
		}
		if n.DataAtom == atom.Br || blockTags[n.DataAtom] {
			b.WriteByte(' ')
		}
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		appendText(b, c, depth+1)
	}
	if n.Type == html.ElementNode && blockTags[n.DataAtom] {
		b.WriteByte(' ')
	}
}

// softHyphen marks where a word may break; it is not text ("Alt\u00adpa\u00adläo…"
// is one word), and is dropped.
const softHyphen = '\u00ad'

// collapse trims s and turns every run of white space (including
// non-breaking spaces) into one space; it also drops control characters.
// Text that needs no more than trimming is returned as it is, not copied:
// the text of a 15 MiB paragraph is then held once, not twice (issue 13).
func collapse(s string) string {
	if t, ok := collapsed(s); ok {
		return t
	}
	var b strings.Builder
	b.Grow(len(s))
	space := false
	for _, r := range s {
		switch {
		case unicode.IsSpace(r) || r == '\u00a0' || r == '\u200b' || r == '\ufeff':
			space = b.Len() > 0
		case unicode.IsControl(r) || r == softHyphen:
		default:
			if space {
				b.WriteByte(' ')
				space = false
			}
			b.WriteRune(r)
		}
	}
	return b.String()
}

// collapsed returns s without its leading and trailing spaces when that
// is all collapse would change: no other white space, no run of spaces,
// no control character, no invalid UTF-8.
func collapsed(s string) (string, bool) {
	s = strings.Trim(s, " ")
	space := false
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			switch {
			case c == ' ' && space, c < 0x20, c == 0x7f:
				return "", false
			}
			space = c == ' '
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 || unicode.IsSpace(r) || unicode.IsControl(r) || r == '\u00a0' || r == '\u200b' || r == '\ufeff' || r == softHyphen {
			return "", false
		}
		space = false
		i += size
	}
	return s, true
}

// TextFromHTML turns a fragment of HTML (a feed item's description) into
// plain text, one block per paragraph, separated by blank lines. Plain
// text passes through with its whitespace collapsed.
func TextFromHTML(s string) string {
	if !strings.ContainsAny(s, "<&") {
		return collapse(s)
	}
	nodes, err := html.ParseFragment(strings.NewReader(s), &html.Node{Type: html.ElementNode, Data: "div", DataAtom: atom.Div})
	if err != nil {
		// The parser refuses fragments nested deeper than 512 elements:
		// read their text token by token rather than return the markup.
		return textFromTokens(s)
	}
	var out blockText
	var walk func(n *html.Node, depth int)
	walk = func(n *html.Node, depth int) {
		if depth > maxDepth {
			return
		}
		switch n.Type {
		case html.TextNode:
			out.cur.WriteString(n.Data)
			return
		case html.ElementNode:
			if skipTags[n.DataAtom] {
				return
			}
			if n.DataAtom == atom.Br {
				out.cur.WriteByte(' ')
			}
			if blockTags[n.DataAtom] {
				out.flush()
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c, depth+1)
		}
		if n.Type == html.ElementNode && blockTags[n.DataAtom] {
			out.flush()
		}
	}
	for _, n := range nodes {
		walk(n, 0)
	}
	return out.String()
}

// blockText collects text in blocks separated by blank lines.
type blockText struct {
	blocks []string
	cur    strings.Builder
}

// flush ends the current block, if it holds any text.
func (b *blockText) flush() {
	if t := collapse(b.cur.String()); t != "" {
		b.blocks = append(b.blocks, t)
	}
	b.cur.Reset()
}

func (b *blockText) String() string {
	b.flush()
	return strings.Join(b.blocks, "\n\n")
}

// textFromTokens is TextFromHTML without a tree, for fragments the parser
// refuses: the text outside skipTags, split into blocks at block tags.
func textFromTokens(s string) string {
	z := html.NewTokenizer(strings.NewReader(s))
	var out blockText
	skip := 0
	for {
		tt := z.Next()
		switch tt {
		case html.ErrorToken:
			return out.String()
		case html.TextToken:
			if skip == 0 {
				out.cur.Write(z.Text())
			}
		case html.StartTagToken, html.EndTagToken, html.SelfClosingTagToken:
			name, _ := z.TagName()
			a := atom.Lookup(name)
			switch {
			case skipTags[a] && a != atom.Embed && tt == html.StartTagToken:
				skip++
			case skipTags[a] && tt == html.EndTagToken && skip > 0:
				skip--
			case a == atom.Br:
				out.cur.WriteByte(' ')
			case blockTags[a]:
				out.flush()
			}
		}
	}
}
