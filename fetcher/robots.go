package fetcher

import (
	"context"
	"errors"
	"fmt"
	"net/url"
	"sync"
	"time"

	"github.com/temoto/robotstxt"
)

// How long a host's robots.txt is trusted, and how long a failure to get it
// stands before the next try.
const (
	robotsTTL      = time.Hour
	robotsErrorTTL = 10 * time.Minute
	robotsMaxBytes = 512 << 10
)

// robotsCache holds each origin's robots.txt. Concurrent first requests
// for one origin wait for a single fetch.
type robotsCache struct {
	mu      sync.Mutex
	entries map[string]*robotsEntry
}

type robotsEntry struct {
	mu      sync.Mutex
	data    *robotstxt.RobotsData
	err     error // the origin itself may not be fetched
	expires time.Time
}

func newRobotsCache() *robotsCache { return &robotsCache{entries: map[string]*robotsEntry{}} }

// allowed reports whether the robots.txt of u's origin lets the client's
// agent fetch u (RFC 9309): a 4xx robots.txt allows everything; a 5xx or
// an unreachable one disallows everything until it is tried again. An
// origin the client may not reach at all (a private address) is that
// error instead.
func (c *Client) allowed(ctx context.Context, u *url.URL) (bool, error) {
	origin := u.Scheme + "://" + u.Host
	c.robots.mu.Lock()
	e, ok := c.robots.entries[origin]
	if !ok {
		e = &robotsEntry{}
		c.robots.entries[origin] = e
	}
	c.robots.mu.Unlock()

	e.mu.Lock()
	defer e.mu.Unlock()
	if e.data == nil || time.Now().After(e.expires) {
		e.data, e.expires, e.err = c.fetchRobots(ctx, origin)
	}
	if e.err != nil {
		return false, e.err
	}
	path := u.EscapedPath()
	if path == "" {
		path = "/"
	}
	if u.RawQuery != "" {
		path += "?" + u.RawQuery
	}
	return e.data.TestAgent(path, c.opts.RobotsAgent), nil
}

var disallowAll, _ = robotstxt.FromStatusAndBytes(500, nil)

func (c *Client) fetchRobots(ctx context.Context, origin string) (*robotstxt.RobotsData, time.Time, error) {
	resp, err := c.Do(ctx, Request{URL: origin + "/robots.txt", Accept: "text/plain, */*;q=0.5", MaxBytes: robotsMaxBytes})
	status, body := 0, []byte(nil)
	switch se, isStatus := errors.AsType[*StatusError](err); {
	case err == nil:
		status, body = resp.StatusCode, resp.Body
	case errors.Is(err, ErrEmptyBody):
		status = 200
	case isStatus:
		status = se.Code
	case errors.Is(err, ErrBlockedPrivate), errors.Is(err, ErrUnsupportedScheme):
		return disallowAll, time.Now().Add(robotsErrorTTL), err
	default:
		c.log.Info("robots.txt unreachable: its article pages wait", "origin", origin, "error", err)
		return disallowAll, time.Now().Add(robotsErrorTTL), nil
	}
	data, err := robotstxt.FromStatusAndBytes(status, body)
	if err != nil {
		// An unparsable robots.txt says nothing: allow.
		data, _ = robotstxt.FromStatusAndBytes(404, nil)
	}
	ttl := robotsTTL
	if status >= 500 {
		ttl = robotsErrorTTL
	}
	return data, time.Now().Add(ttl), nil
}

// FetchPage gets an HTML article page, unless the site's robots.txt
// disallows it (ErrRobots).
func (c *Client) FetchPage(ctx context.Context, rawURL string) (*Response, error) {
	u, err := url.Parse(rawURL)
	if err != nil {
		return nil, fmt.Errorf("fetch %q: %w", rawURL, err)
	}
	if u.Scheme == "http" || u.Scheme == "https" {
		ok, err := c.allowed(ctx, u)
		if err != nil {
			return nil, err
		}
		if !ok {
			return nil, fmt.Errorf("fetch %s: %w", u.Redacted(), ErrRobots)
		}
	}
	return c.Get(ctx, rawURL, AcceptHTML)
}
