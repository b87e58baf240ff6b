package parse

import "errors"

// Sentinel errors callers branch on with errors.Is. The fetcher's
// ErrBodyTooLarge and ErrEmptyBody are these same values, so one
// errors.Is covers a body refused by the client and one refused here.
var (
	// ErrNotAFeed: the document is not what was asked for (an HTML page
	// where a feed or a sitemap was expected).
	ErrNotAFeed = errors.New("not a feed")
	// ErrSelectorEmpty: a list page's links selector found no links.
	ErrSelectorEmpty = errors.New("the links selector found no links")
	// ErrBodyTooLarge: a document is over its byte cap (a sitemap after
	// decompression).
	ErrBodyTooLarge = errors.New("response body too large")
	// ErrEmptyBody: a document with nothing in it but white space.
	ErrEmptyBody = errors.New("empty response body")
)

// ParseError is a body that could not be parsed as what was asked for.
type ParseError struct {
	Err error
}

func (e *ParseError) Error() string { return "parse: " + e.Err.Error() }
func (e *ParseError) Unwrap() error { return e.Err }
