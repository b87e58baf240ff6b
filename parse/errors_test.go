package parse

import (
	"errors"
	"fmt"
	"testing"
)

// kind names the class of a parser's error. The names are those of
// fetcher's Kind (a source's health reports them), which this package
// cannot import; fetcher's TestKindOfParseErrors checks that KindOf gives
// the same names for these errors.
type kind string

const (
	kindTooLarge      kind = "too_large"
	kindEmpty         kind = "empty"
	kindNotAFeed      kind = "not_a_feed"
	kindSelectorEmpty kind = "selector_empty"
	kindParse         kind = "parse"
	kindOther         kind = "other"
)

// kindOf classifies err with errors.Is and errors.As on this package's
// errors, in fetcher.KindOf's order (the sentinels first, then
// *ParseError); nil is "".
func kindOf(err error) kind {
	switch {
	case err == nil:
		return ""
	case errors.Is(err, ErrBodyTooLarge):
		return kindTooLarge
	case errors.Is(err, ErrEmptyBody):
		return kindEmpty
	case errors.Is(err, ErrNotAFeed):
		return kindNotAFeed
	case errors.Is(err, ErrSelectorEmpty):
		return kindSelectorEmpty
	}
	if _, ok := errors.AsType[*ParseError](err); ok {
		return kindParse
	}
	return kindOther
}

func TestKindOf(t *testing.T) {
	for _, tt := range []struct {
		err  error
		want kind
	}{
		{nil, ""},
		{fmt.Errorf("sitemap after decompression: %w", ErrBodyTooLarge), kindTooLarge},
		{ErrEmptyBody, kindEmpty},
		{fmt.Errorf("root element <html>: %w", ErrNotAFeed), kindNotAFeed},
		{fmt.Errorf("list page: %w", ErrSelectorEmpty), kindSelectorEmpty},
		{&ParseError{Err: errors.New("XML syntax error")}, kindParse},
		{errors.New("read feed: connection reset"), kindOther},
	} {
		if got := kindOf(tt.err); got != tt.want {
			t.Errorf("kindOf(%v): got %q, want %q", tt.err, got, tt.want)
		}
	}
}
