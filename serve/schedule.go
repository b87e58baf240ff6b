package serve

import (
	"context"
	"fmt"
	"math/rand/v2"
	"sort"
	"sync"
	"time"

	"github.com/robfig/cron/v3"

	"github.com/pressclip/pressclip/passlock"
)

// group is the sources that share a schedule.
type group struct {
	spec    string
	sched   cron.Schedule
	sources []string
}

// groups parses the passes' schedules.
func (s *Server) groups() ([]group, error) {
	var out []group
	for _, p := range s.o.Passes {
		sched, err := s.parser.Parse(p.Spec)
		if err != nil {
			return nil, fmt.Errorf("serve: schedule %q: %w", p.Spec, err)
		}
		out = append(out, group{spec: p.Spec, sched: sched, sources: p.Sources})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].spec < out[j].spec })
	return out, nil
}

// schedule adds the passes, the prune and the exports to c. Every job
// runs on work and is counted in wg, so that Run can wait for it.
func (s *Server) schedule(work context.Context, c *cron.Cron, wg *sync.WaitGroup) error {
	gs, err := s.groups()
	if err != nil {
		return err
	}
	job := func(name string, fn func()) func() {
		return func() {
			if work.Err() != nil {
				return
			}
			wg.Add(1)
			defer wg.Done()
			fn()
		}
	}
	for _, g := range gs {
		if _, err := c.AddFunc(g.spec, job("pass", func() {
			// Named before the jitter: the workers of a cluster name the
			// same firing alike.
			key := g.spec + " at " + s.o.Now().UTC().Truncate(time.Minute).Format("2006-01-02T15:04Z")
			if s.sleep(work, s.jitter()) {
				s.pass(work, g, "scheduled", key)
			}
		})); err != nil {
			return fmt.Errorf("serve: schedule %q: %w", g.spec, err)
		}
		s.log.Info("scheduled", "schedule", g.spec, "sources", len(g.sources), "next", g.sched.Next(s.o.Now()))
	}
	if _, err := c.AddFunc(s.o.Prune, job("prune", func() { s.prune(work) })); err != nil {
		return fmt.Errorf("serve: prune schedule %q: %w", s.o.Prune, err)
	}
	for _, x := range s.o.Exports {
		if _, err := c.AddFunc(x.Schedule, job("export", func() {
			s.export(work, x, "at "+s.o.Now().UTC().Truncate(time.Minute).Format("2006-01-02T15:04Z"))
		})); err != nil {
			return fmt.Errorf("serve: export %q schedule %q: %w", x.Name, x.Schedule, err)
		}
	}
	return nil
}

// catchUp runs at once the groups whose last pass is older than their
// schedule's last activation: serve was down when they were due.
func (s *Server) catchUp(work context.Context, wg *sync.WaitGroup) {
	gs, err := s.groups()
	if err != nil {
		return
	}
	states, err := s.o.Store.SourceStates(work, nil)
	if err != nil {
		s.log.Error("catch-up: source states", "error", err)
		return
	}
	now := s.o.Now()
	for _, g := range gs {
		var last time.Time
		for _, src := range g.sources {
			if t := states[src].LastAttempt; t.After(last) {
				last = t
			}
		}
		if !missed(g.sched, last, now, time.Local) {
			continue
		}
		s.log.Info("catch-up pass: the last one is older than the schedule", "schedule", g.spec, "last", last)
		// Workers starting together read the same last attempt from the
		// shared store: one catch-up pass.
		key := g.spec + " catch-up after " + last.UTC().Format(time.RFC3339Nano)
		wg.Add(1)
		go func() {
			defer wg.Done()
			s.pass(work, g, "catch-up", key)
		}()
	}
	// An export job that was due while serve was down runs now (one that
	// never ran waits for its schedule).
	for _, x := range s.o.Exports {
		sched, err := s.parser.Parse(x.Schedule)
		if err != nil {
			continue
		}
		last, ok, err := s.o.Store.ExportJobRun(work, x.Name)
		if err != nil {
			s.log.Error("catch-up: export job", "export", x.Name, "error", err)
			continue
		}
		if !ok || !missed(sched, last.At, now, time.Local) {
			continue
		}
		s.log.Info("catch-up export: it was due while serve was down", "export", x.Name, "last", last.At)
		wg.Add(1)
		go func() {
			defer wg.Done()
			s.export(work, x, "catch-up after "+last.At.UTC().Format(time.RFC3339Nano))
		}()
	}
}

// missed: the schedule fired (or never ran) since last. Next reads
// last in last's own zone, and cron fires specs without CRON_TZ in its
// location (local time), while the store gives UTC: last is moved to
// that location first.
func missed(sched cron.Schedule, last, now time.Time, loc *time.Location) bool {
	return last.IsZero() || !sched.Next(last.In(loc)).After(now)
}

// jitter is a random delay up to serve.jitter.
func (s *Server) jitter() time.Duration {
	j := s.o.Jitter
	if j <= 0 {
		return 0
	}
	return rand.N(j)
}

// sleep waits d, or less when ctx ends; it reports whether d passed.
func (s *Server) sleep(ctx context.Context, d time.Duration) bool {
	if d <= 0 {
		return ctx.Err() == nil
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return true
	case <-ctx.Done():
		return false
	}
}

// pass runs one pass over a group, unless the group's previous pass is
// still running (skipped) or another process holds the pass lock
// (skipped, logged). Passes in this process run one at a time.
//
// A worker (Options.Share) opens the pass named key for the cluster
// instead, or joins it: the workers fetch its sources.
func (s *Server) pass(ctx context.Context, g group, why, key string) {
	if s.o.Share != nil {
		s.share(ctx, g, why, key)
		return
	}
	mu, _ := s.running.LoadOrStore(g.spec, &sync.Mutex{})
	if !mu.(*sync.Mutex).TryLock() {
		s.log.Info("pass skipped: the previous one for this schedule is still running", "schedule", g.spec)
		s.metrics.passes.WithLabelValues("skipped_running").Inc()
		return
	}
	defer mu.(*sync.Mutex).Unlock()
	s.passMu.Lock()
	defer s.passMu.Unlock()
	if ctx.Err() != nil {
		return
	}
	lock, err := passlock.Acquire(ctx, s.o.DBPath, "serve", false)
	if passlock.IsBusy(err) {
		s.log.Warn("pass skipped: "+err.Error(), "schedule", g.spec)
		s.metrics.passes.WithLabelValues("skipped_busy").Inc()
		return
	}
	if err != nil {
		s.log.Error("pass lock", "error", err)
		s.metrics.passes.WithLabelValues("failed").Inc()
		return
	}
	defer lock.Release()
	start := time.Now()
	rep, err := s.o.NewPass(g.sources).Run(ctx)
	elapsed := time.Since(start)
	s.metrics.observePass(rep, err, elapsed)
	if err != nil {
		s.log.Error("pass failed", "schedule", g.spec, "why", why, "error", err)
		return
	}
	t := rep.Totals()
	s.log.Info("pass done", "schedule", g.spec, "why", why, "took", elapsed.Round(time.Millisecond), "sources_ok", t.SourcesOK,
		"sources_failed", t.SourcesFailed, "new_items", t.NewItems, "new_mentions", t.NewMentions)
}

// share opens (or joins) the shared pass key over g's sources.
func (s *Server) share(ctx context.Context, g group, why, key string) {
	p, err := s.o.Share(ctx, key, g.sources)
	if err != nil {
		s.log.Error("shared pass failed", "schedule", g.spec, "why", why, "pass", key, "error", err)
		s.metrics.passes.WithLabelValues("failed").Inc()
		return
	}
	outcome := "shared_joined"
	if p.Opened {
		outcome = "shared_opened"
	}
	s.metrics.passes.WithLabelValues(outcome).Inc()
	s.log.Info("shared pass", "schedule", g.spec, "why", why, "pass", key, "run_id", p.RunID, "opened", p.Opened, "enqueued", p.Enqueued)
}

// prune applies the retention, waiting for the pass lock.
func (s *Server) prune(ctx context.Context) {
	s.passMu.Lock()
	defer s.passMu.Unlock()
	lock, err := passlock.Acquire(ctx, s.o.DBPath, "serve prune", true)
	if err != nil {
		if ctx.Err() == nil {
			s.log.Error("prune: pass lock", "error", err)
		}
		return
	}
	defer lock.Release()
	p, err := s.o.Store.Prune(ctx, s.o.Retention)
	if err != nil {
		s.log.Error("prune failed", "error", err)
		return
	}
	s.metrics.observePrune(p)
	s.log.Info("pruned", "seen_urls", p.Seen, "texts", p.Texts, "rejected_stories", p.Rejected, "runs", p.Runs)
}
