// Package canon turns article URLs into one canonical form, so that the
// same story reached through a feed link with tracking parameters, an AMP
// page or a mobile host is recognised as one URL.
//
// URL lower-cases the scheme and host, drops default ports, fragments and
// tracking parameters (the list is trackingParams, in one place), maps AMP
// and mobile variants to the article, and sorts what parameters remain.
// It is idempotent: URL(URL(u)) == URL(u).
package canon

import (
	"errors"
	"net"
	"net/url"
	"sort"
	"strings"
)

// trackingParams are query parameters that identify a campaign or a click,
// never the article. Keys are compared lower-cased.
var trackingParams = map[string]bool{
	"fbclid": true, "gclid": true, "dclid": true, "gbraid": true, "wbraid": true,
	"msclkid": true, "yclid": true, "twclid": true, "igshid": true,
	"mc_cid": true, "mc_eid": true, "ocid": true, "cmpid": true, "cmp": true,
	"icid": true, "ito": true, "_ga": true, "_gl": true, "ref_src": true,
	"ref_url": true, "smid": true, "sh": true, "taid": true, "soc_src": true,
	"soc_trk": true, "at_medium": true, "at_campaign": true, "__twitter_impression": true,
}

// trackingPrefixes are parameter name prefixes with the same role.
var trackingPrefixes = []string{"utm_", "pk_", "mtm_", "at_"}

// ErrNotHTTP is returned for URLs that are not absolute http(s) URLs.
var ErrNotHTTP = errors.New("not an absolute http(s) URL")

// URL returns the canonical form of raw.
func URL(raw string) (string, error) {
	u, err := url.Parse(strings.TrimSpace(raw))
	if err != nil {
		return "", err
	}
	u.Scheme = strings.ToLower(u.Scheme)
	if (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return "", ErrNotHTTP
	}
	u.User = nil
	u.Fragment, u.RawFragment = "", ""
	u.Host = canonicalHost(u.Scheme, u.Host)
	if u.Hostname() == "" {
		return "", ErrNotHTTP
	}
	u.Path = canonicalPath(u.Path)
	u.RawPath = ""
	u.RawQuery = canonicalQuery(u.Query())
	u.ForceQuery = false
	return u.String(), nil
}

// Must is URL for callers that hold a URL already known to be valid;
// it returns raw unchanged when raw does not parse.
func Must(raw string) string {
	c, err := URL(raw)
	if err != nil {
		return raw
	}
	return c
}

func canonicalHost(scheme, host string) string {
	host = strings.ToLower(host)
	if h, port, err := net.SplitHostPort(host); err == nil {
		if (scheme == "http" && port == "80") || (scheme == "https" && port == "443") {
			host = h
			if strings.Contains(h, ":") { // IPv6 literal
				host = "[" + h + "]"
			}
		}
	}
	host = strings.TrimRight(host, ".")
	for stripped := true; stripped; {
		stripped = false
		for _, p := range []string{"amp.", "m.", "mobile."} {
			if rest, ok := strings.CutPrefix(host, p); ok && strings.Contains(rest, ".") {
				host, stripped = rest, true
			}
		}
	}
	return host
}

func canonicalPath(p string) string {
	if p == "" {
		return "/"
	}
	for stripped := true; stripped; {
		stripped = false
		for _, suffix := range []string{"/amp/", "/amp", ".amp"} {
			if rest, ok := strings.CutSuffix(p, suffix); ok && rest != "" {
				p, stripped = rest, true
			}
		}
	}
	return p
}

func canonicalQuery(q url.Values) string {
	for k, vs := range q {
		lk := strings.ToLower(k)
		switch {
		case trackingParams[lk]:
			delete(q, k)
		case lk == "outputtype" && len(vs) == 1 && strings.EqualFold(vs[0], "amp"):
			delete(q, k)
		case lk == "amp" && (len(vs) == 0 || vs[0] == "" || vs[0] == "1" || vs[0] == "true"):
			delete(q, k)
		default:
			for _, p := range trackingPrefixes {
				if strings.HasPrefix(lk, p) {
					delete(q, k)
					break
				}
			}
		}
	}
	if len(q) == 0 {
		return ""
	}
	keys := make([]string, 0, len(q))
	for k := range q {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	var b strings.Builder
	for _, k := range keys {
		vs := q[k]
		sort.Strings(vs)
		for _, v := range vs {
			if b.Len() > 0 {
				b.WriteByte('&')
			}
			b.WriteString(url.QueryEscape(k))
			b.WriteByte('=')
			b.WriteString(url.QueryEscape(v))
		}
	}
	return b.String()
}

// SameSite reports whether two URLs are on the same site: the same host,
// ignoring a leading "www.".
func SameSite(a, b string) bool {
	ua, err1 := url.Parse(a)
	ub, err2 := url.Parse(b)
	if err1 != nil || err2 != nil {
		return false
	}
	ha := strings.TrimPrefix(strings.ToLower(ua.Hostname()), "www.")
	hb := strings.TrimPrefix(strings.ToLower(ub.Hostname()), "www.")
	return ha != "" && ha == hb && ua.Port() == ub.Port()
}
