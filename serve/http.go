package serve

import (
	"context"
	"encoding/json"
	"net/http"
	"sync"
	"time"

	"github.com/prometheus/client_golang/prometheus/promhttp"
)

// handler serves /healthz (open: a load balancer or systemd watchdog asks
// it), /metrics and the caller's pages, both behind Options.Protect.
func (s *Server) handler() http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("GET /healthz", s.healthz)
	metrics := promhttp.HandlerFor(s.metrics.reg, promhttp.HandlerOpts{})
	protect := s.o.Protect
	if protect == nil {
		protect = func(h http.Handler) http.Handler { return h }
	}
	mux.Handle("GET /metrics", protect(metrics))
	if s.o.Handler != nil {
		mux.Handle("/", s.o.Handler) // the pages guard themselves, their login page included
	}
	return mux
}

// healthz answers 200 with the database's check and the last pass, or
// 503 when the database fails its check. A last pass where every source
// failed (the network is down, or a proxy refuses everything) says
// "degraded": restarting serve would not help, a person must look.
func (s *Server) healthz(w http.ResponseWriter, r *http.Request) {
	s.lastMu.Lock()
	last, ok, failed := s.last, s.lastOK, s.lastFailed
	s.lastMu.Unlock()
	body := map[string]any{"status": "ok", "database": "ok"}
	if !last.IsZero() {
		body["last_pass_end"] = last.UTC().Format(time.RFC3339)
		body["last_pass_age_seconds"] = int(s.o.Now().Sub(last).Seconds())
		body["last_pass_sources_ok"], body["last_pass_sources_failed"] = ok, failed
		if ok == 0 && failed > 0 {
			body["status"] = "degraded"
		}
	}
	code := http.StatusOK
	if err := s.health.check(r.Context(), s.o.Store.Check, s.o.Now()); err != nil {
		// The details go to the log: /healthz answers anyone.
		s.log.Error("healthz: the database fails its check", "error", err)
		code = http.StatusServiceUnavailable
		body["status"], body["database"] = "failing", "failing its check (see the log)"
	}
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(code)
	json.NewEncoder(w).Encode(body)
}

// healthEvery is how often /healthz checks the database at most: the
// check reads the whole file, and /healthz answers anyone.
const healthEvery = time.Minute

// health runs the database check at most once per healthEvery, one at a
// time, and remembers its result.
type health struct {
	mu  sync.Mutex
	at  time.Time
	err error
}

func (h *health) check(ctx context.Context, check func(context.Context) error, now time.Time) error {
	h.mu.Lock()
	defer h.mu.Unlock()
	if h.at.IsZero() || now.Sub(h.at) >= healthEvery || now.Before(h.at) {
		h.err, h.at = check(ctx), now
	}
	return h.err
}
