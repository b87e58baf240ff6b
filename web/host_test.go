package web

import (
	"net/http"
	"net/http/httptest"
	"testing"
)

func TestHostAllowed(t *testing.T) {
	allowed := HostAllowed([]string{"Press.Example.org"})
	for _, tt := range []struct {
		host string
		want bool
	}{
		{"127.0.0.1:8080", true},
		{"[::1]:8080", true},
		{"192.0.2.7", true},
		{"localhost:8080", true},
		{"pressclip.localhost", true},
		{"press.example.org", true},
		{"press.example.org.:443", true},
		{"rebind.example:8080", false},
		{"127.0.0.1.nip.io", false},
		{"localhost.attacker.example", false},
		{"", false},
	} {
		if got := allowed(tt.host); got != tt.want {
			t.Errorf("%q: %v, want %v", tt.host, got, tt.want)
		}
	}
	h := HostGuard(allowed, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { w.Write([]byte("ok")) }))
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest("GET", "http://rebind.example/", nil))
	if rec.Code != http.StatusMisdirectedRequest {
		t.Errorf("a foreign Host: %d, want 421", rec.Code)
	}
}
