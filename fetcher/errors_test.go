package fetcher

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"strings"
	"testing"

	"github.com/pressclip/pressclip/parse"
)

// TestKindOfParseErrors: the errors of package parse, as the fetch
// methods wrap them, keep their kinds in a source's health.
func TestKindOfParseErrors(t *testing.T) {
	_, sitemapErr := parse.ParseSitemap(bytes.NewReader(bytes.Repeat([]byte("<urlset>"), 1000)), "https://a.example/", 4000)
	_, feedErr := parse.ParseFeed(strings.NewReader("<html><body>Home</body></html>"), "text/html", "https://a.example/", 0)
	_, emptyErr := parse.ParseFeed(strings.NewReader(" \n"), "", "https://a.example/", 0)
	_, listErr := parse.ParseListPage(strings.NewReader(`<p><a href="/x">X</a></p>`), "text/html", "https://a.example/", parse.Selectors{Links: "li a"}, 0)
	tests := []struct {
		name string
		err  error
		want Kind
	}{
		{"a sitemap over the cap is too large", fmt.Errorf("sitemap %s: %w", "https://a.example/", sitemapErr), KindTooLarge},
		{"an HTML page read as a feed is not a feed", fmt.Errorf("feed %s: %w", "https://a.example/", feedErr), KindNotAFeed},
		{"a blank feed is empty", emptyErr, KindEmpty},
		{"a links selector that matches nothing is selector_empty", fmt.Errorf("list page %s: %w", "https://a.example/", listErr), KindSelectorEmpty},
		{"a parse error is parse, even of an unexpected EOF", fmt.Errorf("sitemap: %w", &parse.ParseError{Err: io.ErrUnexpectedEOF}), KindParse},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if tt.err == nil {
				t.Fatal("got no error from the parser, want one")
			}
			if got := KindOf(tt.err); got != tt.want {
				t.Errorf("got %q (%v), want %q", got, tt.err, tt.want)
			}
		})
	}
	if !errors.Is(sitemapErr, ErrBodyTooLarge) || !errors.Is(emptyErr, ErrEmptyBody) {
		t.Errorf("got %v and %v, want the fetcher's ErrBodyTooLarge and ErrEmptyBody to be parse's", sitemapErr, emptyErr)
	}
}
