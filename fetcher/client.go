package fetcher

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"math/rand/v2"
	"net"
	"net/http"
	"net/netip"
	"net/url"
	"strconv"
	"strings"
	"time"
)

// Options configure a Client. Zero values take the defaults below.
type Options struct {
	// UserAgent is sent with every request; put a contact URL in it.
	UserAgent string
	// Timeout bounds one request from dial to the last body byte,
	// redirects and retries included (default 20s).
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
	// Concurrency caps the requests in flight in the whole process
	// (default 16); PerHost caps them per host (default 2).
	Concurrency int
	PerHost     int
	// HostDelay is the least time between two request starts on one host
	// (0: none). Up to a quarter of it is added at random.
	HostDelay time.Duration
	// MaxRetries is how often a request that timed out, was reset or got
	// 408, 429 or 5xx is tried again within Timeout (default 2; -1: never).
	MaxRetries int
	// MaxRetryWait is the longest Retry-After honoured within a pass
	// (default 10s); a longer one fails the request and is reported.
	MaxRetryWait time.Duration
	// RobotsAgent is the product token matched in robots.txt (default
	// "pressclip"). Article pages disallowed there are not fetched.
	RobotsAgent string
	// AllowPrivate lists non-public networks that may be fetched anyway.
	AllowPrivate []netip.Prefix
	// Turns, when set, hands out each host's request turns across
	// processes (fetch workers on many machines, issue 19) instead of
	// this process alone: the HostDelay between two requests to one host
	// holds for all of them together. PerHost stays per process.
	Turns  Turns
	Logger *slog.Logger
}

// Defaults for Options (RELIABILITY.md §7).
const (
	DefaultTimeout               = 20 * time.Second
	DefaultDialTimeout           = 10 * time.Second
	DefaultTLSHandshakeTimeout   = 10 * time.Second
	DefaultResponseHeaderTimeout = 15 * time.Second
	DefaultMaxBodyBytes          = 15 << 20
	DefaultMaxRedirects          = 10
	DefaultConcurrency           = 16
	DefaultPerHost               = 2
	DefaultMaxRetries            = 2
	DefaultMaxRetryWait          = 10 * time.Second
	// DefaultHostDelay is the config's least time between two requests to
	// one host (Options.HostDelay 0 is none).
	DefaultHostDelay = 250 * time.Millisecond
	maxHeaderBytes   = 64 << 10
)

// Accept headers: some outlets answer 406 to requests without one.
const (
	AcceptFeed = "application/rss+xml, application/atom+xml, application/feed+json, application/rdf+xml;q=0.9, application/xml;q=0.9, text/xml;q=0.9, */*;q=0.8"
	AcceptHTML = "text/html, application/xhtml+xml;q=0.9, */*;q=0.8"
	AcceptXML  = "application/xml, text/xml;q=0.9, */*;q=0.8"
)

// Client fetches URLs within the limits of its Options. It is safe for
// concurrent use; one Client serves the whole process.
type Client struct {
	opts   Options
	http   *http.Client
	hosts  *hosts
	global chan struct{}
	robots *robotsCache
	log    *slog.Logger
}

// Response is a fetched body with the URL it was finally served from.
type Response struct {
	// URL is the final URL, after redirects.
	URL        string
	StatusCode int
	Header     http.Header
	Body       []byte
	// NotModified is set when a conditional request got 304: Body is
	// empty and nothing changed since ETag or LastModified.
	NotModified bool
	Elapsed     time.Duration
	// Attempts is how many tries the request took.
	Attempts int
}

// ContentType is the response's Content-Type header.
func (r *Response) ContentType() string { return r.Header.Get("Content-Type") }

// Request says how to fetch one URL.
type Request struct {
	URL    string
	Accept string
	// ETag and LastModified, from an earlier response, make the request
	// conditional.
	ETag, LastModified string
	// MaxBytes overrides the client's body cap when smaller.
	MaxBytes int64
}

// New builds a Client with its own transport.
func New(o Options) *Client {
	defaults := []struct {
		v   *time.Duration
		def time.Duration
	}{
		{&o.Timeout, DefaultTimeout}, {&o.DialTimeout, DefaultDialTimeout},
		{&o.TLSHandshakeTimeout, DefaultTLSHandshakeTimeout}, {&o.ResponseHeaderTimeout, DefaultResponseHeaderTimeout},
		{&o.MaxRetryWait, DefaultMaxRetryWait},
	}
	for _, d := range defaults {
		if *d.v <= 0 {
			*d.v = d.def
		}
	}
	if o.MaxBodyBytes <= 0 {
		o.MaxBodyBytes = DefaultMaxBodyBytes
	}
	if o.MaxRedirects <= 0 {
		o.MaxRedirects = DefaultMaxRedirects
	}
	if o.Concurrency <= 0 {
		o.Concurrency = DefaultConcurrency
	}
	if o.PerHost <= 0 {
		o.PerHost = DefaultPerHost
	}
	switch {
	case o.MaxRetries == 0:
		o.MaxRetries = DefaultMaxRetries
	case o.MaxRetries < 0:
		o.MaxRetries = 0
	}
	if o.UserAgent == "" {
		o.UserAgent = "pressclip/0.1 (+https://github.com/pressclip/pressclip)"
	}
	if o.RobotsAgent == "" {
		o.RobotsAgent = "pressclip"
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
	c := &Client{
		opts: o, hosts: newHosts(o.PerHost, o.HostDelay, o.Turns), global: make(chan struct{}, o.Concurrency),
		robots: newRobotsCache(), log: o.Logger,
	}
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

// Get fetches rawURL with the given Accept header; see Do.
func (c *Client) Get(ctx context.Context, rawURL, accept string) (*Response, error) {
	return c.Do(ctx, Request{URL: rawURL, Accept: accept})
}

// Do fetches r.URL. A status outside 2xx (and 304 for a conditional
// request) is a *StatusError; a body over the cap is ErrBodyTooLarge; an
// empty body is ErrEmptyBody. Timeouts, resets, 408, 429 and 5xx are
// retried with exponential backoff and jitter (honouring Retry-After) as
// long as Options.Timeout allows: all tries and the waits between them
// share that one budget. Time spent waiting for the host's turn and a
// global slot is not part of it: it is bounded by ctx alone (the pass),
// so sixty sources on one host time out only when their outlet is slow,
// never because they queued. Errors are wrapped with the URL.
func (c *Client) Do(ctx context.Context, r Request) (*Response, error) {
	u, err := url.Parse(r.URL)
	if err != nil {
		return nil, fmt.Errorf("fetch %q: %w", r.URL, err)
	}
	if u.Scheme != "http" && u.Scheme != "https" {
		return nil, fmt.Errorf("fetch %s: %w", u.Redacted(), ErrUnsupportedScheme)
	}
	budget := c.opts.Timeout
	start := time.Now()
	for attempt := 1; ; attempt++ {
		resp, spent, err := c.once(ctx, u, r, budget)
		budget -= spent
		if err == nil {
			resp.Elapsed, resp.Attempts = time.Since(start), attempt
			return resp, nil
		}
		if ctx.Err() != nil {
			// The pass ended (or was stopped) while this waited or ran:
			// not the outlet's failure; the next pass takes it.
			return nil, fmt.Errorf("fetch %s: %w: %w", u.Redacted(), ErrNotReached, ctx.Err())
		}
		wait, retry := c.backoff(err, attempt)
		if retry && budget < wait+100*time.Millisecond {
			retry = false
		}
		if !retry || !sleep(ctx, wait) {
			c.log.Debug("fetch failed", "url", u.Redacted(), "attempts", attempt, "error", err)
			return nil, fmt.Errorf("fetch %s: %w", u.Redacted(), err)
		}
		budget -= wait
		c.log.Debug("fetch retry", "url", u.Redacted(), "attempt", attempt, "wait", wait, "error", err)
	}
}

// once makes one try within the politeness limits, waiting for its turn
// under ctx, then requesting within budget; spent is the time the request
// took, the wait for its turn excluded.
func (c *Client) once(ctx context.Context, u *url.URL, r Request, budget time.Duration) (resp *Response, spent time.Duration, err error) {
	release, err := c.hosts.acquire(ctx, u.Host)
	if err != nil {
		return nil, 0, err
	}
	defer release()
	select {
	case c.global <- struct{}{}:
		defer func() { <-c.global }()
	case <-ctx.Done():
		return nil, 0, ctx.Err()
	}
	start := time.Now()
	rctx, cancel := context.WithTimeout(ctx, budget)
	defer cancel()
	resp, err = c.do(rctx, u, r)
	return resp, time.Since(start), err
}

// backoff says whether err is worth another try and how long to wait:
// 500 ms doubling per try with ±50% jitter, or the server's Retry-After.
func (c *Client) backoff(err error, attempt int) (time.Duration, bool) {
	if attempt > c.opts.MaxRetries {
		return 0, false
	}
	if se, ok := errors.AsType[*StatusError](err); ok {
		switch {
		case se.Code == http.StatusTooManyRequests, se.Code == http.StatusRequestTimeout, se.Code >= 500 && se.Code != http.StatusNotImplemented:
		default:
			return 0, false
		}
		if se.RetryAfterDelay > 0 {
			return se.RetryAfterDelay, se.RetryAfterDelay <= c.opts.MaxRetryWait
		}
	} else {
		switch KindOf(err) {
		case KindTimeout, KindNetwork:
		default:
			return 0, false
		}
	}
	base := 500 * time.Millisecond << (attempt - 1)
	return base/2 + time.Duration(rand.Int64N(int64(base))), true
}

// sleep waits d or until ctx ends; it reports whether d passed.
func sleep(ctx context.Context, d time.Duration) bool {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return true
	case <-ctx.Done():
		return false
	}
}

func (c *Client) do(ctx context.Context, u *url.URL, r Request) (*Response, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u.String(), nil)
	if err != nil {
		return nil, err
	}
	req.Header.Set("User-Agent", c.opts.UserAgent)
	req.Header.Set("Accept", r.Accept)
	if r.ETag != "" {
		req.Header.Set("If-None-Match", r.ETag)
	}
	if r.LastModified != "" {
		req.Header.Set("If-Modified-Since", r.LastModified)
	}
	resp, err := c.http.Do(req)
	if err != nil {
		return nil, unwrapURLError(err)
	}
	defer resp.Body.Close()
	if resp.StatusCode == http.StatusNotModified && (r.ETag != "" || r.LastModified != "") {
		return &Response{URL: resp.Request.URL.String(), StatusCode: resp.StatusCode, Header: resp.Header, NotModified: true}, nil
	}
	if resp.StatusCode < 200 || resp.StatusCode > 299 {
		// Drain a little so the connection can be reused.
		_, _ = io.CopyN(io.Discard, resp.Body, 4<<10)
		ra := resp.Header.Get("Retry-After")
		return nil, &StatusError{Code: resp.StatusCode, RetryAfter: ra, RetryAfterDelay: parseRetryAfter(ra, time.Now())}
	}
	limit := c.opts.MaxBodyBytes
	if r.MaxBytes > 0 && r.MaxBytes < limit {
		limit = r.MaxBytes
	}
	body, err := readCapped(resp, limit)
	if err != nil {
		return nil, err
	}
	return &Response{URL: resp.Request.URL.String(), StatusCode: resp.StatusCode, Header: resp.Header, Body: body}, nil
}

// parseRetryAfter reads Retry-After as seconds or an HTTP date (RFC 9110
// §10.2.3); 0 when absent or unreadable.
func parseRetryAfter(v string, now time.Time) time.Duration {
	v = strings.TrimSpace(v)
	if v == "" {
		return 0
	}
	if n, err := strconv.Atoi(v); err == nil {
		if n < 0 {
			return 0
		}
		return time.Duration(min(n, 7*24*3600)) * time.Second
	}
	if t, err := http.ParseTime(v); err == nil && t.After(now) {
		return min(t.Sub(now), 7*24*time.Hour)
	}
	return 0
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
