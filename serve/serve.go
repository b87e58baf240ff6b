// Package serve runs pressclip unattended: the schedules cmd gives it
// from the config (Options: it reads no config) with robfig/cron (the default schedule and each source's own, @every and
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
// Files: serve.go (Server, Options, Run), schedule.go (schedules,
// jitter, catch-up, passes, prune), exports.go (scheduled exports and
// mail), metrics.go, http.go (/healthz, /metrics, the Host check).
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

	"github.com/pressclip/pressclip/internal/view"
	"github.com/pressclip/pressclip/pipeline"
	"github.com/pressclip/pressclip/store"
	"github.com/pressclip/pressclip/web"
)

// ShutdownTimeout bounds Run's return after its context ends.
const ShutdownTimeout = 10 * time.Second

// Options wire a Server; cmd builds them from the config (this package
// reads none).
type Options struct {
	// Listen is the address of the review pages, /healthz and /metrics;
	// Hosts the names it answers to besides its IP addresses and
	// localhost.
	Listen string
	Hosts  []string
	// Passes are the sources that share a schedule; NewPass builds the
	// pipeline of one pass over some of them, by name.
	Passes  []Pass
	NewPass func(sources []string) *pipeline.Pipeline
	// Jitter delays each scheduled pass by a random time up to it.
	Jitter time.Duration
	// Prune is when the retention is applied (a cron spec, "@daily"), and
	// Retention what it keeps.
	Prune     string
	Retention store.Retention
	// Exports are the scheduled export jobs; Group and Language the
	// sections' grouping by default and language; Sources the sources as
	// exports know them (tags).
	Exports         []Job
	Group, Language string
	Sources         []view.Source
	// QuietAlarm: with no new item from any source for this long,
	// /healthz is degraded (0: never).
	QuietAlarm time.Duration
	// DBPath is the database file (its pass lock sits beside it).
	DBPath string
	Store  *store.Store
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
	// Share, when set, makes serve a worker among many (serve --worker
	// on PostgreSQL, issue 19): a scheduled pass is not run here but
	// opened as a shared pass named key (its schedule and the minute it
	// fired, the same on every worker, so that it runs once per
	// cluster), whose sources the workers fetch; no pass lock is taken.
	Share func(ctx context.Context, key string, sources []string) (SharedPass, error)
	// Jobs, when set, gives the shared passes' jobs by state, cluster-wide
	// (for /healthz and /metrics).
	Jobs func(ctx context.Context) (map[string]int64, error)
}

// SharedPass is what Share did: the run of the pass, whether this worker
// opened it (the others joined), and the sources it added to the queue.
type SharedPass struct {
	RunID    int64
	Opened   bool
	Enqueued int
}

// Pass is a schedule (a cron spec) and the sources it fetches.
type Pass struct {
	Spec    string
	Sources []string
}

// Which stories an export job sends.
const (
	// JobApproved is the newsletter's section: the approved stories not
	// exported yet, marked exported once sent.
	JobApproved = "approved"
	// JobAll is a digest of every story found since the last run; JobNew
	// of the unreviewed ones.
	JobAll = "all"
	JobNew = "new"
)

// Job is a scheduled export: its stories (Status, one of the Job
// constants; Since the first run's period) in each format, written to Dir
// and mailed.
type Job struct {
	Name, Schedule string
	Since          time.Duration
	Status         string
	Formats        []string
	Dir            string
	Mail           *Mail
	// Group overrides the default grouping; Template renders the section
	// with a Go template file instead of the formats.
	Group, Template string
}

// Mail is where and how a job's section is mailed (TLS: "starttls",
// "tls" or "none"; Password read by cmd from the environment).
type Mail struct {
	From               string
	To                 []string
	Subject            string
	Host               string
	Port               int
	TLS                string
	Username, Password string
}

// Server is pressclip serve.
type Server struct {
	o       Options
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
	if o.Store == nil || o.NewPass == nil {
		return nil, errors.New("serve: a store and a pass builder are needed")
	}
	if o.Listen == "" {
		// net.Listen would take "" as every interface, on any port.
		return nil, errors.New("serve: no listen address")
	}
	if o.Logger == nil {
		o.Logger = slog.New(slog.DiscardHandler)
	}
	if o.Now == nil {
		o.Now = time.Now
	}
	m := newMetrics(o.Store, o.Jobs)
	var jobs []string
	for _, x := range o.Exports {
		jobs = append(jobs, x.Name)
	}
	m.initExports(jobs)
	return &Server{
		o: o, log: o.Logger, metrics: m,
		parser: cron.NewParser(cron.Minute | cron.Hour | cron.Dom | cron.Month | cron.Dow | cron.Descriptor),
	}, nil
}

// Run serves until ctx ends.
func (s *Server) Run(ctx context.Context) error {
	ln, err := net.Listen("tcp", s.o.Listen)
	if err != nil {
		return fmt.Errorf("serve: listen on %s: %w", s.o.Listen, err)
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
