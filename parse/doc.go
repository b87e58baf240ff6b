// Package parse reads what the fetcher brings back: feeds, sitemaps,
// HTML list pages and home pages, from an io.Reader or a []byte, into
// plain items. It never fetches: it imports no net/http, makes no
// request and follows no link; package fetcher gets the bytes and hands
// them here, and tests, fuzzers and the evaluation module call it on
// files.
//
// The readers, each named after what it reads:
//
//   - ParseFeed: an RSS (0.9x, 1.0/RDF, 2.0), Atom or JSON Feed document
//     into a *Feed of Items (a cut-off XML feed is repaired and flagged).
//   - ParseSitemap: a sitemap or sitemap index, gzipped or not, into a
//     *Sitemap (its URLs as Items, or its children), within a byte cap
//     after decompression.
//   - ParseListPage: an HTML list page's article links, picked by
//     Selectors, into Items; Selectors.Problems lists what is wrong with
//     a set of selectors (the config reports them at load).
//   - DiscoverFeeds: the feeds a home page names in <link rel="alternate">.
//   - IsGoogleNewsLink, DecodeGoogleNewsLink and ResolveGoogleNews: the
//     publisher URL inside a Google News redirect link, and the items of
//     a Google News feed marked as search results or headline-only.
//
// Every text is clean UTF-8 whatever the document's charset (declared in
// the Content-Type, the XML prolog or a byte-order mark, or detected),
// with the code points XML forbids and C1 controls dropped.
//
// Errors: ErrNotAFeed (the document is not what was asked for),
// ErrSelectorEmpty (a list page's links selector found nothing: the
// outlet changed its markup), ErrBodyTooLarge (a sitemap over its cap),
// ErrEmptyBody, and *ParseError for a broken document. fetcher.KindOf
// gives each its kind for a source's health, and the fetcher's
// ErrBodyTooLarge and ErrEmptyBody are the same values as these.
//
// Files: feed.go (ParseFeed, Feed, Item), sitemap.go (ParseSitemap and
// its cap), listpage.go (ParseListPage, Selectors), discover.go
// (DiscoverFeeds), googlenews.go (Google News links), charset.go (toUTF8:
// decoding to clean UTF-8), xmlutil.go (charsets for encoding/xml),
// errors.go (the errors).
package parse
