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
// Files: extract.go (Article, Extract), content.go (main-text scoring),
// text.go (block text and TextFromHTML), meta.go (metadata signals),
// jsonld.go (schema.org JSON-LD), dates.go (date formats), kind.go (page
// type and wire agency).
package extractor
