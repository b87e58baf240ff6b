package web

import (
	"log"
	"net"
	"net/http"
	"net/netip"
	"strings"
	"time"
)

// DNS rebinding: a web page whose domain is re-pointed at 127.0.0.1 is,
// to the browser, the same origin as this server, and reads and posts to
// it freely. The server answers only to the names it is known by: IP
// literals (which no attacker's domain can be), localhost, and the names
// configured (serve.hosts, the reverse proxy's public name). Any other
// Host gets 421 before any handler runs.

// HostAllowed returns the test HostGuard applies: host (a Host header,
// with or without its port) is an IP address, localhost (or a name under
// .localhost), or one of names (case-insensitive).
func HostAllowed(names []string) func(host string) bool {
	allowed := map[string]bool{}
	for _, n := range names {
		allowed[strings.ToLower(strings.TrimSuffix(n, "."))] = true
	}
	return func(host string) bool {
		h := host
		if hp, _, err := net.SplitHostPort(host); err == nil {
			h = hp
		}
		h = strings.ToLower(strings.TrimSuffix(strings.Trim(h, "[]"), "."))
		if h == "" {
			return false
		}
		if _, err := netip.ParseAddr(h); err == nil {
			return true
		}
		return h == "localhost" || strings.HasSuffix(h, ".localhost") || allowed[h]
	}
}

// HostGuard answers 421 Misdirected Request to a request whose Host is not
// allowed, on every route (pages, downloads, /metrics, /healthz).
func HostGuard(allowed func(host string) bool, next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if !allowed(r.Host) {
			http.Error(w, "unknown host: this server answers to its own address, localhost and the names in serve.hosts", http.StatusMisdirectedRequest)
			return
		}
		next.ServeHTTP(w, r)
	})
}

// Limits of a connection to the pages: a client that sends its request a
// byte at a time, or never reads the answer, holds it no longer than
// these.
const (
	ReadHeaderTimeout = 10 * time.Second
	ReadTimeout       = 30 * time.Second
	WriteTimeout      = 2 * time.Minute
	IdleTimeout       = time.Minute
)

// NewServer is an http.Server for h with every timeout set, its own
// messages logged through errorLog (nil: the standard logger).
func NewServer(h http.Handler, errorLog *log.Logger) *http.Server {
	return &http.Server{Handler: h, ReadHeaderTimeout: ReadHeaderTimeout, ReadTimeout: ReadTimeout,
		WriteTimeout: WriteTimeout, IdleTimeout: IdleTimeout, ErrorLog: errorLog}
}
