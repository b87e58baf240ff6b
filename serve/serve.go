// Package serve runs pressclip unattended: the config's schedules with
// robfig/cron (the default schedule and each source's own, @every and
// CRON_TZ= included), each pass under the database's pass lock so that a
// fetch from cron and serve never run at once, a catch-up pass at start
// for schedules that missed theirs, the daily prune, the scheduled
// exports (files and e-mail), and an HTTP server on 127.0.0.1 with
// /healthz and Prometheus /metrics (and the review pages mounted by the
// caller).
//
// Run returns when its context ends: no pass or export starts after
// that, the ones in flight are cancelled (their transactions roll back)
// and waited for, and the HTTP server is shut down, all within
// ShutdownTimeout.
//
// Files: serve.go (Server, Run), schedule.go (groups, jitter, catch-up,
// passes), exports.go (scheduled exports and mail), metrics.go, http.go.
package serve

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"sync"
	"time"

	"github.com/robfig/cron/v3"

	"github.com/pressclip/pressclip/config"
	"github.com/pressclip/pressclip/internal/view"
	"github.com/pressclip/pressclip/pipeline"
	"github.com/pressclip/pressclip/store"
	"github.com/pressclip/pressclip/web"
)

// ShutdownTimeout bounds Run's return after its context ends.
const ShutdownTimeout = 10 * time.Second

// Options wire a Server.
type Options struct {
	Config *config.Config
	// Sources are the configured sources as exports know them (tags).
	Sources []view.Source
	// DBPath is the database file (its pass lock sits beside it).
	DBPath string
	Store  *store.Store
	// NewPass builds the pipeline of one pass over some sources.
	NewPass func(sources []config.Source) *pipeline.Pipeline
	// Handler, when set, serves everything but /healthz and /metrics (the
	// review pages); Protect, when set, guards everything but /healthz
	// (the pages' login).
	Handler http.Handler
	Protect func(http.Handler) http.Handler
	Logger  *slog.Logger
	// Now is the clock (time.Now when nil); Sleep waits (a test's clock
	// may replace it).
	Now func() time.Time
	// Ready, when set, is called with the HTTP server's address once it
	// listens.
	Ready func(addr string)
}

// Server is pressclip serve.
type Server struct {
	o       Options
	cfg     *config.Config
	log     *slog.Logger
	metrics *metrics
	parser  cron.Parser

	passMu  sync.Mutex // passes in this process, one at a time
	running sync.Map   // schedule spec → *sync.Mutex: skip if still running
	health  health     // the database check behind /healthz
	// exporting holds a mutex per export job name.
	exporting sync.Map
}

// New builds a Server.
func New(o Options) (*Server, error) {
	if o.Config == nil || o.Store == nil || o.NewPass == nil {
		return nil, errors.New("serve: a config, a store and a pass builder are needed")
	}
	if o.Logger == nil {
		o.Logger = slog.New(slog.DiscardHandler)
	}
	if o.Now == nil {
		o.Now = time.Now
	}
	m := newMetrics(o.Store)
	var jobs []string
	for _, x := range o.Config.Exports {
		jobs = append(jobs, x.Name)
	}
	m.initExports(jobs)
	return &Server{
		o: o, cfg: o.Config, log: o.Logger, metrics: m,
		parser: cron.NewParser(cron.Minute | cron.Hour | cron.Dom | cron.Month | cron.Dow | cron.Descriptor),
	}, nil
}

// Run serves until ctx ends.
func (s *Server) Run(ctx context.Context) error {
	ln, err := net.Listen("tcp", s.cfg.Serve.Listen)
	if err != nil {
		return fmt.Errorf("serve: listen on %s: %w", s.cfg.Serve.Listen, err)
	}
	// net/http's own messages (a client's TLS handshake failing) go
	// through the logger too: under --log-format json every line is JSON.
	srv := web.NewServer(s.handler(), slog.NewLogLogger(s.log.Handler(), slog.LevelWarn))
	httpDone := make(chan error, 1)
	go func() { httpDone <- srv.Serve(ln) }()
	addr := ln.Addr().String()
	s.log.Info("serving", "addr", "http://"+addr)
	if s.o.Ready != nil {
		s.o.Ready(addr)
	}

	// Work gets its own context: cancelling it stops passes and exports.
	work, stopWork := context.WithCancel(ctx)
	defer stopWork()
	c := cron.New(cron.WithParser(s.parser), cron.WithLocation(time.Local),
		cron.WithChain(cron.Recover(cronLogger{s.log})))
	var wg sync.WaitGroup
	if err := s.schedule(work, c, &wg); err != nil {
		srv.Close()
		return err
	}
	c.Start()
	s.catchUp(work, &wg)

	var failed error
	select {
	case <-ctx.Done():
	case err := <-httpDone:
		// The pages and /healthz are gone: stop, and say so in the exit
		// status, so that systemd's Restart=on-failure brings serve back.
		failed = fmt.Errorf("serve: http server: %w", err)
		s.log.Error("http server failed", "error", err)
	}
	s.log.Info("stopping: no new passes; cancelling the ones in flight")
	// One deadline for everything: the work in flight and the HTTP
	// requests stop together.
	deadline, cancel := context.WithTimeout(context.Background(), ShutdownTimeout)
	defer cancel()
	httpStopped := make(chan struct{})
	go func() {
		defer close(httpStopped)
		if err := srv.Shutdown(deadline); err != nil {
			srv.Close()
		}
	}()
	stopped := c.Stop()
	stopWork()
	done := make(chan struct{})
	go func() {
		<-stopped.Done()
		wg.Wait()
		<-httpStopped
		close(done)
	}()
	select {
	case <-done:
	case <-deadline.Done():
		s.log.Warn("stopping: work still running after the timeout", "timeout", ShutdownTimeout)
		srv.Close()
	}
	s.log.Info("stopped")
	return failed
}

// cronLogger passes robfig/cron's messages to slog.
type cronLogger struct{ log *slog.Logger }

func (l cronLogger) Info(msg string, kv ...any) { l.log.Debug("cron: "+msg, kv...) }
func (l cronLogger) Error(err error, msg string, kv ...any) {
	l.log.Error("cron: "+msg, append(kv, "error", err)...)
}
