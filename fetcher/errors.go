package fetcher

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"errors"
	"fmt"
	"net"
	"net/http"
	"strings"
	"syscall"
	"time"

	"github.com/pressclip/pressclip/parse"
)

// Kind is a stable name for a class of failure, stored with a source's
// health so that tests and alerts need not grep messages.
type Kind string

// Failure kinds (DESIGN.md, `sources` JSON `error_kind`).
const (
	KindTimeout        Kind = "timeout"
	KindTLS            Kind = "tls"
	KindDNS            Kind = "dns"
	KindRefused        Kind = "refused"
	KindNetwork        Kind = "network"
	KindHTTP4xx        Kind = "http_4xx"
	KindHTTP429        Kind = "http_429"
	KindHTTP5xx        Kind = "http_5xx"
	KindTooLarge       Kind = "too_large"
	KindRedirects      Kind = "too_many_redirects"
	KindParse          Kind = "parse"
	KindNotAFeed       Kind = "not_a_feed"
	KindEmpty          Kind = "empty"
	KindBlockedPrivate Kind = "blocked_private"
	KindScheme         Kind = "unsupported_scheme"
	KindCanceled       Kind = "canceled"
	KindRobots         Kind = "robots"
	KindSelectorEmpty  Kind = "selector_empty"
	KindOther          Kind = "other"
)

// Kinds lists every Kind, for counters that start at zero.
var Kinds = []Kind{KindTimeout, KindTLS, KindDNS, KindRefused, KindNetwork, KindHTTP4xx, KindHTTP429, KindHTTP5xx,
	KindTooLarge, KindRedirects, KindParse, KindNotAFeed, KindEmpty, KindBlockedPrivate, KindScheme, KindCanceled,
	KindRobots, KindSelectorEmpty, KindOther}

// Sentinel errors callers branch on with errors.Is. A body's errors are
// package parse's (parse.ErrNotAFeed, parse.ErrSelectorEmpty,
// *parse.ParseError), which KindOf classifies too; ErrBodyTooLarge and
// ErrEmptyBody are parse's same values, as a body can be too large or
// empty for the client and for a parser alike.
var (
	ErrBodyTooLarge      = parse.ErrBodyTooLarge
	ErrTooManyRedirects  = errors.New("too many redirects")
	ErrBlockedPrivate    = errors.New("address is not public")
	ErrUnsupportedScheme = errors.New("only http and https URLs are fetched")
	ErrEmptyBody         = parse.ErrEmptyBody
	ErrRobots            = errors.New("disallowed by robots.txt")
	// ErrNotReached: the pass ended before the request's turn came or
	// while it ran. It is not the source's failure (kind canceled): the
	// next pass takes it.
	ErrNotReached = errors.New("not reached in this pass")
)

// StatusError is a response whose status is not 2xx.
type StatusError struct {
	Code int
	// RetryAfter is the raw Retry-After header, if any, and
	// RetryAfterDelay what it asks for (0 when absent or unreadable).
	RetryAfter      string
	RetryAfterDelay time.Duration
}

func (e *StatusError) Error() string {
	return fmt.Sprintf("HTTP %d %s", e.Code, http.StatusText(e.Code))
}

// KindOf classifies err, the client's and package parse's alike; nil
// is "".
func KindOf(err error) Kind {
	if err == nil {
		return ""
	}
	if se, ok := errors.AsType[*StatusError](err); ok {
		switch {
		case se.Code == http.StatusTooManyRequests:
			return KindHTTP429
		case se.Code >= 500:
			return KindHTTP5xx
		default:
			return KindHTTP4xx
		}
	}
	for _, k := range []struct {
		err  error
		kind Kind
	}{
		{ErrBlockedPrivate, KindBlockedPrivate},
		{ErrBodyTooLarge, KindTooLarge},
		{ErrTooManyRedirects, KindRedirects},
		{ErrUnsupportedScheme, KindScheme},
		{ErrEmptyBody, KindEmpty},
		{parse.ErrNotAFeed, KindNotAFeed},
		{ErrRobots, KindRobots},
		{parse.ErrSelectorEmpty, KindSelectorEmpty},
		{ErrNotReached, KindCanceled},
		{context.Canceled, KindCanceled},
		{context.DeadlineExceeded, KindTimeout},
		{syscall.ECONNREFUSED, KindRefused},
	} {
		if errors.Is(err, k.err) {
			return k.kind
		}
	}
	if _, ok := errors.AsType[*parse.ParseError](err); ok {
		return KindParse
	}
	if _, ok := errors.AsType[*net.DNSError](err); ok {
		return KindDNS
	}
	if isTLSError(err) {
		return KindTLS
	}
	if ne, ok := errors.AsType[net.Error](err); ok && ne.Timeout() {
		return KindTimeout
	}
	if _, ok := errors.AsType[*net.OpError](err); ok {
		return KindNetwork
	}
	if strings.Contains(err.Error(), "unexpected EOF") || errors.Is(err, syscall.ECONNRESET) {
		return KindNetwork
	}
	return KindOther
}

func isTLSError(err error) bool {
	if _, ok := errors.AsType[*tls.CertificateVerificationError](err); ok {
		return true
	}
	if _, ok := errors.AsType[x509.UnknownAuthorityError](err); ok {
		return true
	}
	if _, ok := errors.AsType[x509.HostnameError](err); ok {
		return true
	}
	if _, ok := errors.AsType[x509.CertificateInvalidError](err); ok {
		return true
	}
	if _, ok := errors.AsType[tls.RecordHeaderError](err); ok {
		return true
	}
	if _, ok := errors.AsType[tls.AlertError](err); ok {
		return true
	}
	// net/http's own words for https:// to a plain-HTTP port (it reads
	// the tls.RecordHeaderError and says this instead).
	return strings.Contains(err.Error(), "tls: ") || strings.Contains(err.Error(), "server gave HTTP response to HTTPS client")
}
