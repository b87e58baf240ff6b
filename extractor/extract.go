package extractor

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"net/url"
	"regexp"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/pressclip/pressclip/internal/dates"

	"github.com/PuerkitoBio/goquery"
	"golang.org/x/net/html"
	"golang.org/x/net/html/charset"
	"golang.org/x/text/encoding"
	"golang.org/x/text/transform"
)

// Page types (SUMMARY-STYLE.md rules 5–8 choose the line's frame by them).
const (
	TypeNews         = "news"
	TypeOpinion      = "opinion"
	TypeEditorial    = "editorial"
	TypeInterview    = "interview"
	TypePressRelease = "press_release"
	TypeReport       = "report"
)

// Article is what a page says and the facts around it.
type Article struct {
	Title string
	// Text is the article body: paragraphs, headings and list items
	// separated by blank lines.
	Text string
	// Paragraphs is Text split into its blocks.
	Paragraphs []string
	// Published and Modified are zero when the page does not say.
	Published    time.Time
	Modified     time.Time
	Author       string
	SiteName     string
	CanonicalURL string
	Language     string
	Section      string
	// Type is one of the Type constants.
	Type string
	// Wire is the news agency whose copy this is ("AFP", "Reuters"), or
	// empty.
	Wire string
	// Partial is set when the page gives only part of the article: a
	// paywall teaser, or a stub that sends readers elsewhere. The feed's
	// text about the article is then read alongside it.
	Partial bool
	// Standfirst is the paragraph near the top the page marks as its
	// standfirst (dek, strapline, subtitle) above the story: it stays in
	// Paragraphs, and the line's writer knows it is not the lead.
	Standfirst string `json:",omitempty"`
	// LowConfidence is set when the text may not be the article: it shares
	// almost no words with the page's headline and description (a footer,
	// a sidebar or comments outscored the story), or the page gave no
	// text. Read the feed's text instead when there is one.
	LowConfidence bool `json:",omitempty"`
}

// Partial articles: behind a paywall and shorter than paywalledRunes, or
// shorter than stubRunes and ending in a call to subscribe or read on.
const (
	paywalledRunes = 2500
	stubRunes      = 600
)

var readOn = regexp.MustCompile(`(?i)(subscribe|subscription|sign in|log in|register|subscriber|abonnez-vous|suscr[ií]bete|read (the full|more|on)|continue reading|to read this (article|story)|full (article|story))`)

// MaxInputBytes caps what Extract reads.
const MaxInputBytes = 16 << 20

// ErrTooLarge is returned for pages over MaxInputBytes.
var ErrTooLarge = errors.New("page larger than the extractor's cap")

// Extract reads an HTML page and returns its article. pageURL resolves
// relative links and is the canonical URL when the page names none;
// contentType is the HTTP Content-Type header ("" when unknown).
func Extract(r io.Reader, pageURL, contentType string) (*Article, error) {
	var data []byte
	var err error
	if sized, ok := r.(interface{ Len() int }); ok && sized.Len() <= MaxInputBytes {
		// A reader that knows its length (bytes.Reader, strings.Reader):
		// one allocation, where ReadAll's doubling makes three.
		var b bytes.Buffer
		b.Grow(sized.Len() + bytes.MinRead)
		_, err = b.ReadFrom(io.LimitReader(r, MaxInputBytes+1))
		data = b.Bytes()
	} else {
		data, err = io.ReadAll(io.LimitReader(r, MaxInputBytes+1))
	}
	if err != nil {
		return nil, fmt.Errorf("extract: read: %w", err)
	}
	return ExtractBytes(data, pageURL, contentType)
}

// ExtractBytes is Extract on a page already in memory (the fetcher's
// body), without copying it; it does not modify data.
func ExtractBytes(data []byte, pageURL, contentType string) (*Article, error) {
	if len(data) > MaxInputBytes {
		return nil, ErrTooLarge
	}
	doc, err := parse(data, contentType)
	if err != nil {
		return nil, fmt.Errorf("extract: parse: %w", err)
	}
	base, _ := url.Parse(pageURL)
	ix := newIndex(doc)
	if href, ok := ix.first(baseSel).Attr("href"); ok && base != nil {
		if b, err := base.Parse(href); err == nil {
			base = b
		}
	}

	a := &Article{}
	m := readMeta(ix, base)
	a.Title = m.title()
	a.Published, a.Modified = m.published, m.modified
	a.Author = m.author
	a.SiteName = m.siteName
	a.CanonicalURL = m.canonical
	if a.CanonicalURL == "" && base != nil {
		a.CanonicalURL = base.String()
	}
	a.Section = m.section

	standfirst := markedStandfirst(ix)
	text := mainText(doc, a.Title, siteWords(a.SiteName, m.docTitle, a.Title), []string{a.Title, m.description})
	a.Paragraphs = text.paragraphs
	for i, p := range a.Paragraphs[:max(0, min(len(a.Paragraphs)-1, 3))] {
		if standfirst != "" && strings.Join(strings.Fields(p), " ") == standfirst {
			a.Standfirst = a.Paragraphs[i]
			break
		}
	}
	a.Text = strings.Join(a.Paragraphs, "\n\n")
	a.Language = language(m.language, a.Paragraphs)
	if a.Published.IsZero() {
		a.Published = dates.FromURL(a.CanonicalURL)
	}
	a.Type = pageType(m, a.CanonicalURL, a.Title)
	a.Wire = wireAgency(a.Paragraphs, a.Author, m.bylineFull, m.credit)
	a.Partial = partial(a.Paragraphs, m.paywall, text.readOn)
	a.LowConfidence = text.low || len(a.Paragraphs) == 0
	return a, nil
}

// siteWords is what names the site: its name, and the short segment the
// document's <title> ends with when the headline does not ("… | Delta
// Voice").
func siteWords(siteName, docTitle, title string) string {
	for _, sep := range titleSeparators {
		_, tail, ok := titleTail(docTitle, sep)
		if ok && len(strings.Fields(tail)) <= 4 && !strings.HasSuffix(strings.TrimSpace(title), tail) {
			return siteName + " " + tail
		}
	}
	return siteName
}

// parse decodes data to UTF-8 and parses it.
func parse(data []byte, contentType string) (*goquery.Document, error) {
	var r io.Reader = bytes.NewReader(data)
	if !isUTF8Text(data) {
		// DetermineEncoding (not charset.NewReader, which fails with
		// io.EOF on an empty page): BOM, header, <meta> prescan, then the
		// WHATWG default.
		enc, _, certain := charset.DetermineEncoding(data, contentType)
		if !certain {
			if late := lateCharset(data); late != nil {
				enc = late
			}
		}
		r = transform.NewReader(r, enc.NewDecoder())
	}
	if len(data) > maxTextRun {
		r = newRunSplitter(r, maxTextRun)
	}
	root, err := html.ParseWithOptions(r, html.ParseOptionEnableScripting(false))
	if err != nil {
		return nil, err
	}
	return goquery.NewDocumentFromNode(root), nil
}

// lateCharsetBytes is how far lateCharset looks for a <meta> charset
// declaration past the 1,024 bytes the standard prescan reads.
const lateCharsetBytes = 64 << 10

// prescanBytes is what the standard (WHATWG) prescan reads.
const prescanBytes = 1024

// lateCharset returns the encoding a <meta> in the <head> declares after
// the standard prescan's 1,024 bytes (pages with long comments or scripts
// before it: a gb2312 page read as windows-1252 is mojibake), or nil. It
// looks only when those 1,024 bytes declare nothing, reads tags as the
// tokenizer does (comments and scripts are not markup), stops at <body>,
// and reads a declared UTF-16 as UTF-8, as the standard does.
func lateCharset(data []byte) encoding.Encoding {
	if len(data) <= prescanBytes {
		return nil
	}
	z := html.NewTokenizer(bytes.NewReader(data[:min(len(data), lateCharsetBytes)]))
	offset := 0 // where the token starts
	for {
		tt := z.Next()
		start := offset
		offset += len(z.Raw())
		switch tt {
		case html.ErrorToken:
			return nil
		case html.StartTagToken, html.SelfClosingTagToken:
			name, more := z.TagName()
			switch string(name) {
			case "body":
				return nil
			case "meta":
			default:
				continue
			}
			var label string
			for more {
				var k, v []byte
				k, v, more = z.TagAttr()
				switch strings.ToLower(string(k)) {
				case "charset":
					label = string(v)
				case "content":
					if _, after, ok := strings.Cut(strings.ToLower(string(v)), "charset="); ok {
						label = strings.Trim(after, ` "';`)
					}
				}
			}
			if label == "" {
				continue
			}
			if start < prescanBytes {
				return nil // the standard prescan read this one
			}
			enc, canonical := charset.Lookup(label)
			if strings.HasPrefix(canonical, "utf-16") {
				enc, _ = charset.Lookup("utf-8")
			}
			return enc
		}
	}
}

// isUTF8Text reports whether data is UTF-8 with some non-ASCII text in
// it. Such bytes are UTF-8 whatever the page or the server declares: text
// in a legacy charset is almost never valid UTF-8, and a page saved or
// re-served as UTF-8 often keeps its old <meta charset> (RELIABILITY.md
// C16, for pages as for feeds). Pure ASCII is left to the declaration.
func isUTF8Text(data []byte) bool {
	if bytes.HasPrefix(data, []byte{0xFE, 0xFF}) || bytes.HasPrefix(data, []byte{0xFF, 0xFE}) {
		return false // a UTF-16 byte-order mark
	}
	ascii := true
	for _, c := range data {
		if c >= 0x80 {
			ascii = false
			break
		}
	}
	return !ascii && utf8.Valid(data)
}

// partial decides Article.Partial from the text, the paywall signal and
// a call to read on at the end of the article's container.
func partial(paragraphs []string, paywall, readOnPrompt bool) bool {
	n := 0
	for _, p := range paragraphs {
		n += utf8.RuneCountInString(p)
	}
	switch {
	case n == 0:
		return false
	case paywall && n < paywalledRunes:
		return true
	case n < stubRunes:
		return readOnPrompt || readOn.MatchString(paragraphs[len(paragraphs)-1])
	}
	return false
}
