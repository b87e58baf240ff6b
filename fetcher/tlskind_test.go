package fetcher

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

// TestHTTPSToPlainPortIsTLS: https:// to a port that speaks plain HTTP
// (a config typo, or a proxy) is a TLS failure, not "other".
func TestHTTPSToPlainPortIsTLS(t *testing.T) {
	srv := httptest.NewServer(http.NotFoundHandler())
	defer srv.Close()
	c := newClient(t, Options{MaxRetries: -1})
	_, err := c.Get(t.Context(), strings.Replace(srv.URL, "http://", "https://", 1)+"/feed.xml", "*/*")
	if KindOf(err) != KindTLS {
		t.Errorf("%v: kind %s, want tls", err, KindOf(err))
	}
}
