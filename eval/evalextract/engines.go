package main

import (
	"bytes"
	"net/url"
	"sort"
	"strings"
	"unicode"

	readability "codeberg.org/readeck/go-readability/v2"
	"github.com/markusmobius/go-trafilatura"
	"golang.org/x/net/html"

	"github.com/pressclip/pressclip/extractor"
)

// pageURL is the URL Readability's own tests give these pages.
var pageURL, _ = url.Parse("http://fakehost/test/page.html")

// engines extract the article text of a page.
var engines = map[string]func([]byte) string{
	"pressclip": func(b []byte) string {
		a, err := extractor.Extract(bytes.NewReader(b), pageURL.String(), "")
		if err != nil {
			return ""
		}
		return a.Text
	},
	"readeck": func(b []byte) string {
		a, err := readability.FromReader(bytes.NewReader(b), pageURL)
		if err != nil {
			return ""
		}
		var buf bytes.Buffer
		if err := a.RenderText(&buf); err != nil {
			return ""
		}
		return buf.String()
	},
	"trafilatura": func(b []byte) string {
		r, err := trafilatura.Extract(bytes.NewReader(b), trafilatura.Options{OriginalURL: pageURL, HtmlDateMode: trafilatura.Disabled, ExcludeComments: true})
		if err != nil || r == nil {
			return ""
		}
		return r.ContentText
	},
	"trafilatura+fallback": func(b []byte) string {
		r, err := trafilatura.Extract(bytes.NewReader(b), trafilatura.Options{OriginalURL: pageURL, HtmlDateMode: trafilatura.Disabled, ExcludeComments: true, EnableFallback: true})
		if err != nil || r == nil {
			return ""
		}
		return r.ContentText
	},
}

func engineNames() []string {
	var out []string
	for n := range engines {
		out = append(out, n)
	}
	sort.Strings(out)
	return out
}

func isWord(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) || r == '_' }

// htmlText is the text of an HTML fragment with blocks kept apart.
func htmlText(b []byte) string {
	root, err := html.Parse(bytes.NewReader(b))
	if err != nil {
		return ""
	}
	var sb strings.Builder
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.TextNode {
			sb.WriteString(n.Data)
		}
		if n.Type == html.ElementNode && (n.Data == "script" || n.Data == "style") {
			return
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
		if n.Type == html.ElementNode {
			sb.WriteByte('\n')
		}
	}
	walk(root)
	return sb.String()
}
