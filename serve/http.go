package serve

import (
	"context"
	"encoding/json"
	"fmt"
	"net"
	"net/http"
	"slices"
	"sync"
	"time"

	"github.com/pressclip/pressclip/store"
	"github.com/pressclip/pressclip/web"

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
	// Every route answers only to the server's own names (DNS rebinding).
	names := s.o.Hosts
	if host, _, err := net.SplitHostPort(s.o.Listen); err == nil && host != "" {
		names = append(slices.Clone(names), host) // "listen: pressbox.lan:8080" is its own name
	}
	return web.HostGuard(web.HostAllowed(names), mux)
}

// healthz answers 200 with the database's check and the last pass, or
// 503 when the database fails its check. The last pass is read from the
// run log, whichever process ran it (serve, or cron's fetch) and across
// restarts. It says "degraded" when restarting serve would not help and
// a person must look: every source failed (a proxy refuses everything),
// the pass met a network outage, or it attempted no source at all
// because every one was backed off.
func (s *Server) healthz(w http.ResponseWriter, r *http.Request) {
	body := map[string]any{"status": "ok", "database": "ok"}
	if last, ok := s.lastRun(r.Context()); ok {
		body["last_pass_end"] = last.Finished.UTC().Format(time.RFC3339)
		body["last_pass_age_seconds"] = int(s.o.Now().Sub(last.Finished).Seconds())
		body["last_pass_sources_ok"], body["last_pass_sources_failed"] = last.SourcesOK, last.SourcesFailed
		body["last_pass_sources_skipped"], body["last_pass_outage"] = last.SourcesSkipped, last.Outage
		why := degraded(last)
		if why == noneAttempted {
			// One schedule group's pass attempted nothing: degraded only
			// when every source of the config is backed off.
			if all, err := s.o.Store.AllBackedOff(r.Context(), s.o.Now()); err != nil || !all {
				why = ""
			}
		}
		if why != "" {
			body["status"], body["why"] = "degraded", why
		}
	}
	if s.o.Jobs != nil {
		// A worker among many: the cluster's queue. Jobs discarded after
		// every attempt failed want a person.
		if jobs, err := s.o.Jobs(r.Context()); err != nil {
			s.log.Error("healthz: the job queue", "error", err)
		} else {
			body["jobs"] = jobs
			if jobs["discarded"] > 0 && body["status"] == "ok" {
				body["status"], body["why"] = "degraded", fmt.Sprintf("%d source jobs discarded after every attempt failed (the worker logs say why)", jobs["discarded"])
			}
		}
	}
	if since, quiet, err := s.o.Store.Quiet(r.Context(), s.o.Now(), s.o.QuietAlarm); err != nil {
		s.log.Error("healthz: the last new item", "error", err)
	} else if quiet {
		body["status"] = "degraded"
		body["why"] = fmt.Sprintf("no new item from any source since %s (serve.quiet_alarm %s)", since.UTC().Format(time.RFC3339), s.o.QuietAlarm)
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

// lastRun returns the last pass that finished, from the run log (however
// many after it crashed or were killed).
func (s *Server) lastRun(ctx context.Context) (store.Run, bool) {
	r, ok, err := s.o.Store.LastFinishedRun(ctx)
	if err != nil {
		s.log.Error("healthz: the run log", "error", err)
		return store.Run{}, false
	}
	return r, ok
}

// degraded says why a finished pass leaves the service degraded, or "".
func degraded(r store.Run) string {
	switch {
	case r.Outage:
		return "network outage: most sources failed with network errors"
	case r.SourcesOK == 0 && r.SourcesFailed > 0:
		return "every source failed"
	case r.SourcesOK == 0 && r.SourcesFailed == 0 && r.SourcesSkipped > 0:
		return noneAttempted
	}
	return ""
}

// noneAttempted is degraded's word for a pass that attempted no source.
const noneAttempted = "no source was attempted: all are backed off"

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
