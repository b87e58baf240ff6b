package fetcher

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/netip"
	"net/url"
	"time"
)

// Options configure a Client. Zero values take the defaults below.
type Options struct {
	// UserAgent is sent with every request.
	UserAgent string
	// Timeout bounds one request from dial to the last body byte,
	// redirects included (default 20s).
	Timeout time.Duration
	// DialTimeout, TLSHandshakeTimeout and ResponseHeaderTimeout bound the
	// steps before the body (defaults 10s, 10s, 15s).
	DialTimeout           time.Duration
	TLSHandshakeTimeout   time.Duration
	ResponseHeaderTimeout time.Duration
	// MaxBodyBytes caps a body after decompression (default 15 MiB).
	MaxBodyBytes int64
	// MaxRedirects caps the redirects followed (default 10).
	MaxRedirects int
	// PerHost caps concurrent requests to one host (default 2).
	PerHost int
	// AllowPrivate lists non-public networks that may be fetched anyway.
	AllowPrivate []netip.Prefix
	Logger       *slog.Logger
}

// Defaults for Options (RELIABILITY.md §7).
const (
	DefaultTimeout               = 20 * time.Second
	DefaultDialTimeout           = 10 * time.Second
	DefaultTLSHandshakeTimeout   = 10 * time.Second
	DefaultResponseHeaderTimeout = 15 * time.Second
	DefaultMaxBodyBytes          = 15 << 20
	DefaultMaxRedirects          = 10
	DefaultPerHost               = 2
	maxHeaderBytes               = 64 << 10
)

// Accept headers: some outlets answer 406 to requests without one.
const (
	AcceptFeed = "application/rss+xml, application/atom+xml, application/feed+json, application/rdf+xml;q=0.9, application/xml;q=0.9, text/xml;q=0.9, */*;q=0.8"
	AcceptHTML = "text/html, application/xhtml+xml;q=0.9, */*;q=0.8"
)

// Client fetches URLs within the limits of its Options. It is safe for
// concurrent use; one Client serves the whole process.
type Client struct {
	opts  Options
	http  *http.Client
	hosts *hostLimit
	log   *slog.Logger
}

// Response is a fetched body with the URL it was finally served from.
type Response struct {
	// URL is the final URL, after redirects.
	URL        string
	StatusCode int
	Header     http.Header
	Body       []byte
	Elapsed    time.Duration
}

// ContentType is the response's Content-Type header.
func (r *Response) ContentType() string { return r.Header.Get("Content-Type") }

// New builds a Client with its own transport.
func New(o Options) *Client {
	if o.Timeout <= 0 {
		o.Timeout = DefaultTimeout
	}
	if o.DialTimeout <= 0 {
		o.DialTimeout = DefaultDialTimeout
	}
	if o.TLSHandshakeTimeout <= 0 {
		o.TLSHandshakeTimeout = DefaultTLSHandshakeTimeout
	}
	if o.ResponseHeaderTimeout <= 0 {
		o.ResponseHeaderTimeout = DefaultResponseHeaderTimeout
	}
	if o.MaxBodyBytes <= 0 {
		o.MaxBodyBytes = DefaultMaxBodyBytes
	}
	if o.MaxRedirects <= 0 {
		o.MaxRedirects = DefaultMaxRedirects
	}
	if o.PerHost <= 0 {
		o.PerHost = DefaultPerHost
	}
	if o.UserAgent == "" {
		o.UserAgent = "pressclip/0.1 (+https://github.com/pressclip/pressclip)"
	}
	if o.Logger == nil {
		o.Logger = slog.New(slog.DiscardHandler)
	}
	g := guard{allow: o.AllowPrivate}
	dialer := &net.Dialer{Timeout: o.DialTimeout, KeepAlive: 30 * time.Second, Control: g.control}
	transport := &http.Transport{
		// No Proxy: a proxy from the environment would be a side door
		// around the private-address check.
		DialContext:            dialer.DialContext,
		TLSHandshakeTimeout:    o.TLSHandshakeTimeout,
		ResponseHeaderTimeout:  o.ResponseHeaderTimeout,
		MaxResponseHeaderBytes: maxHeaderBytes,
		MaxIdleConns:           100,
		MaxIdleConnsPerHost:    o.PerHost,
		IdleConnTimeout:        30 * time.Second,
		ForceAttemptHTTP2:      true,
	}
	c := &Client{opts: o, hosts: newHostLimit(o.PerHost), log: o.Logger}
	c.http = &http.Client{
		Transport: transport,
		Timeout:   o.Timeout,
		CheckRedirect: func(req *http.Request, via []*http.Request) error {
			if len(via) > o.MaxRedirects {
				return fmt.Errorf("after %d redirects: %w", o.MaxRedirects, ErrTooManyRedirects)
			}
			if req.URL.Scheme != "http" && req.URL.Scheme != "https" {
				return fmt.Errorf("redirect to %s: %w", req.URL.Redacted(), ErrUnsupportedScheme)
			}
			return nil
		},
	}
	return c
}

// Close releases idle connections.
func (c *Client) Close() { c.http.CloseIdleConnections() }

// Get fetches rawURL with the given Accept header. A status outside 2xx is
// a *StatusError; a body over the cap is ErrBodyTooLarge; an empty body is
// ErrEmptyBody. Errors are wrapped with the URL.
func (c *Client) Get(ctx context.Context, rawURL, accept string) (*Response, error) {
	u, err := url.Parse(rawURL)
	if err != nil {
		return nil, fmt.Errorf("fetch %q: %w", rawURL, err)
	}
	if u.Scheme != "http" && u.Scheme != "https" {
		return nil, fmt.Errorf("fetch %s: %w", u.Redacted(), ErrUnsupportedScheme)
	}
	release, err := c.hosts.acquire(ctx, u.Host)
	if err != nil {
		return nil, fmt.Errorf("fetch %s: %w", u.Redacted(), err)
	}
	defer release()
	start := time.Now()
	resp, err := c.do(ctx, u, accept)
	if err != nil {
		c.log.Debug("fetch failed", "url", u.Redacted(), "error", err)
		return nil, fmt.Errorf("fetch %s: %w", u.Redacted(), err)
	}
	resp.Elapsed = time.Since(start)
	return resp, nil
}

func (c *Client) do(ctx context.Context, u *url.URL, accept string) (*Response, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u.String(), nil)
	if err != nil {
		return nil, err
	}
	req.Header.Set("User-Agent", c.opts.UserAgent)
	req.Header.Set("Accept", accept)
	resp, err := c.http.Do(req)
	if err != nil {
		return nil, unwrapURLError(err)
	}
	defer resp.Body.Close()
	if resp.StatusCode < 200 || resp.StatusCode > 299 {
		// Drain a little so the connection can be reused.
		_, _ = io.CopyN(io.Discard, resp.Body, 4<<10)
		return nil, &StatusError{Code: resp.StatusCode, RetryAfter: resp.Header.Get("Retry-After")}
	}
	body, err := readCapped(resp, c.opts.MaxBodyBytes)
	if err != nil {
		return nil, err
	}
	return &Response{URL: resp.Request.URL.String(), StatusCode: resp.StatusCode, Header: resp.Header, Body: body}, nil
}

// readCapped reads the (already decompressed) body, failing rather than
// truncating when it is larger than max. An honest Content-Length over the
// cap is refused before reading.
func readCapped(resp *http.Response, max int64) ([]byte, error) {
	if resp.ContentLength > max && !resp.Uncompressed {
		return nil, fmt.Errorf("%d bytes announced, cap %d: %w", resp.ContentLength, max, ErrBodyTooLarge)
	}
	var buf bytes.Buffer
	if resp.ContentLength > 0 && resp.ContentLength <= max {
		buf.Grow(int(resp.ContentLength))
	}
	n, err := buf.ReadFrom(io.LimitReader(resp.Body, max+1))
	if err != nil {
		return nil, fmt.Errorf("read body: %w", err)
	}
	if n > max {
		return nil, fmt.Errorf("more than %d bytes: %w", max, ErrBodyTooLarge)
	}
	if n == 0 {
		return nil, ErrEmptyBody
	}
	return buf.Bytes(), nil
}

// unwrapURLError drops *url.Error's "Get "…": " prefix (Get wraps with the
// URL itself) while keeping the cause for errors.Is.
func unwrapURLError(err error) error {
	if ue, ok := errors.AsType[*url.Error](err); ok {
		if ue.Timeout() {
			return fmt.Errorf("%w: %v", context.DeadlineExceeded, ue.Err)
		}
		return ue.Err
	}
	return err
}
