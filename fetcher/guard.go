package fetcher

import (
	"fmt"
	"net"
	"net/netip"
	"syscall"
)

// cgnat is RFC 6598 shared address space, not reachable from the internet.
var cgnat = netip.MustParsePrefix("100.64.0.0/10")

// IsPublic reports whether a is an address on the public internet: not
// loopback, private (RFC 1918, fc00::/7), link-local (169.254.0.0/16 holds
// cloud metadata services), CGNAT, multicast or unspecified (0.0.0.0
// reaches localhost on Linux).
func IsPublic(a netip.Addr) bool {
	a = a.Unmap()
	switch {
	case !a.IsValid(), a.IsLoopback(), a.IsPrivate(), a.IsUnspecified(),
		a.IsLinkLocalUnicast(), a.IsLinkLocalMulticast(), a.IsInterfaceLocalMulticast(),
		a.IsMulticast(), cgnat.Contains(a):
		return false
	case a.Is4() && a.As4()[0] == 0: // 0.0.0.0/8, "this network"
		return false
	}
	return true
}

// guard refuses connections to non-public addresses outside the allow-list.
// It runs as net.Dialer.Control, after DNS resolution and before connect,
// so it checks the address actually dialed on every redirect hop; a check
// on the URL's host name would miss DNS rebinding (the Miniflux fetcher
// does the same).
type guard struct {
	allow []netip.Prefix
}

func (g guard) control(network, address string, _ syscall.RawConn) error {
	host, _, err := net.SplitHostPort(address)
	if err != nil {
		return fmt.Errorf("dial %s: %w", address, err)
	}
	a, err := netip.ParseAddr(host)
	if err != nil {
		return fmt.Errorf("dial %s: %w", address, err)
	}
	if g.allowed(a) {
		return nil
	}
	return fmt.Errorf("dial %s: %w (allow it with fetch.allow_private_networks)", address, ErrBlockedPrivate)
}

func (g guard) allowed(a netip.Addr) bool {
	a = a.Unmap()
	if IsPublic(a) {
		return true
	}
	for _, p := range g.allow {
		if p.Contains(a) {
			return true
		}
	}
	return false
}
