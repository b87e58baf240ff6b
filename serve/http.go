package serve

import (
	"crypto/subtle"
	"encoding/json"
	"net/http"
	"os"
	"time"

	"github.com/prometheus/client_golang/prometheus/promhttp"
)

// handler serves /healthz (open: a load balancer or systemd watchdog asks
// it), /metrics and the caller's pages (behind basic authentication when
// serve.user is set).
func (s *Server) handler() http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("GET /healthz", s.healthz)
	protected := http.NewServeMux()
	protected.Handle("GET /metrics", promhttp.HandlerFor(s.metrics.reg, promhttp.HandlerOpts{}))
	if s.o.Handler != nil {
		protected.Handle("/", s.o.Handler)
	}
	mux.Handle("/", s.auth(protected))
	return mux
}

// healthz answers 200 with the database's check and the last pass, or
// 503 when the database fails its check.
func (s *Server) healthz(w http.ResponseWriter, r *http.Request) {
	s.lastMu.Lock()
	last := s.last
	s.lastMu.Unlock()
	body := map[string]any{"status": "ok", "database": "ok"}
	if !last.IsZero() {
		body["last_pass_end"] = last.UTC().Format(time.RFC3339)
		body["last_pass_age_seconds"] = int(s.o.Now().Sub(last).Seconds())
	}
	code := http.StatusOK
	if err := s.o.Store.Check(r.Context()); err != nil {
		code = http.StatusServiceUnavailable
		body["status"], body["database"] = "failing", err.Error()
	}
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(code)
	json.NewEncoder(w).Encode(body)
}

// auth asks for serve.user and the password in serve.password_env when a
// user is configured.
func (s *Server) auth(next http.Handler) http.Handler {
	user := s.cfg.Serve.User
	if user == "" {
		return next
	}
	pass := os.Getenv(s.cfg.Serve.PasswordEnv)
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		u, p, ok := r.BasicAuth()
		if !ok || pass == "" || subtle.ConstantTimeCompare([]byte(u), []byte(user)) != 1 || subtle.ConstantTimeCompare([]byte(p), []byte(pass)) != 1 {
			w.Header().Set("WWW-Authenticate", `Basic realm="pressclip", charset="UTF-8"`)
			http.Error(w, "authentication required", http.StatusUnauthorized)
			return
		}
		next.ServeHTTP(w, r)
	})
}
