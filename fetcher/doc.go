// Package fetcher gets feeds, sitemaps, list pages and article pages from
// news outlets over one shared HTTP client. It only fetches: the bytes it
// gets are read by package parse (feeds, sitemaps, list pages, feed
// discovery, Google News links), and a source's items are parse.Items.
//
// Every request is bounded: a total deadline that includes the body, a
// dial, TLS and response-header timeout, a cap on the body after
// decompression (exceeding it is ErrBodyTooLarge, never a truncation), a
// cap on redirects, http and https only, and at most PerHost requests to
// one host at a time. Connections to loopback, private, link-local and
// metadata addresses are refused where the connection is made (so every
// redirect hop and every resolved address is checked) unless an
// allow-list names them. Failures carry a stable Kind for source health,
// parse's errors included.
//
// The package knows nothing of SQL or of the config file: it takes
// Options and URLs and returns bytes, items and errors.
//
// Files: client.go (Client, Get and its limits), guard.go (the
// private-network check), hosts.go (the per-host limit), robots.go
// (robots.txt for article pages, FetchPage), source.go (Source, Result,
// FetchSource and one fetch method per source type: a feed or the feed a
// home page names, a list page, a sitemap and its index's newest
// children), errors.go (error kinds).
package fetcher
