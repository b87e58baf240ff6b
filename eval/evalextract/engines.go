package main

import (
	"bytes"
	"fmt"
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

// An engine extracts the article text of a page: its raw bytes, as
// fetched or saved (each engine decodes the charset itself: pressclip
// from the bytes and the Content-Type, here unknown; readeck and
// go-trafilatura through go-shiori/dom's detector), and its URL.
type engine func(src []byte, u *url.URL) (string, error)

// engines are the engines measured, by name.
var engines = map[string]engine{
	"pressclip": func(b []byte, u *url.URL) (string, error) {
		a, err := extractor.Extract(bytes.NewReader(b), u.String(), "")
		if err != nil {
			return "", err
		}
		return a.Text, nil
	},
	"readeck": func(b []byte, u *url.URL) (string, error) {
		a, err := readability.FromReader(bytes.NewReader(b), u)
		if err != nil {
			return "", err
		}
		var buf bytes.Buffer
		if err := a.RenderText(&buf); err != nil {
			return "", err
		}
		return buf.String(), nil
	},
	"trafilatura": func(b []byte, u *url.URL) (string, error) {
		return trafilaturaText(b, trafilatura.Options{OriginalURL: u, HtmlDateMode: trafilatura.Disabled, ExcludeComments: true})
	},
	"trafilatura+fallback": func(b []byte, u *url.URL) (string, error) {
		return trafilaturaText(b, trafilatura.Options{OriginalURL: u, HtmlDateMode: trafilatura.Disabled, ExcludeComments: true, EnableFallback: true})
	},
}

func trafilaturaText(b []byte, opts trafilatura.Options) (string, error) {
	r, err := trafilatura.Extract(bytes.NewReader(b), opts)
	if err != nil {
		return "", err
	}
	if r == nil {
		return "", nil
	}
	return r.ContentText, nil
}

// run calls eng and turns a panic into an error, so that one page an
// engine cannot handle is a miss, not the end of the measurement.
func run(eng engine, src []byte, u *url.URL) (text string, err error) {
	defer func() {
		if r := recover(); r != nil {
			text, err = "", fmt.Errorf("panic: %v", r)
		}
	}()
	return eng(src, u)
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
