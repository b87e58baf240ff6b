// Package extractor turns an article page into the article: its own text
// (without navigation, related links, captions or share widgets) and the
// facts around it: title, published and modified time, author, site name,
// canonical URL, language, section, type (news, opinion, …) and wire
// agency.
//
// Extract takes the page's bytes as an io.Reader with the page URL and
// the HTTP Content-Type, decodes the charset (BOM, header, <meta charset>,
// then WHATWG sniffing) and parses with golang.org/x/net/html through
// goquery. It never fetches.
//
// Files: extract.go (Article, Extract), tree.go (one parse, removals
// undone between attempts), index.go (the page's elements by tag, class
// and id), names.go (class and id names word by word), score.go and
// content.go (main-text scoring, Readability's way), clean.go (what a
// container holds besides text), boilerplate.go (furniture inside the
// article's container), text.go (block text and TextFromHTML), runs.go
// (long text runs split before the tokenizer), meta.go (metadata
// signals; dates through internal/dates), jsonld.go (schema.org
// JSON-LD), kind.go (page type and wire agency), lang.go (the
// language), confidence.go (the text checked against its headline).
package extractor
