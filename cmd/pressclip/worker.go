package main

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"sync/atomic"
	"time"

	"github.com/pressclip/pressclip/cluster"
	"github.com/pressclip/pressclip/config"
	"github.com/pressclip/pressclip/pipeline"
	"github.com/pressclip/pressclip/store"
)

// workerOptions are fetch --worker's flags.
type workerOptions struct {
	pass  string        // the shared pass's key ("" : the minute now, UTC)
	lease time.Duration // a source's time limit and take-over delay
	force bool          // --all
}

// passKey is the shared pass's name: --pass, else the minute the worker
// started (cron starts the workers of one pass in the same minute; one
// started a minute late opens a pass of its own, which leaves out the
// sources the first pass still has queued).
func passKey(flag string, now time.Time) string {
	if flag != "" {
		return flag
	}
	return "cron " + now.UTC().Format("2006-01-02T15:04Z")
}

// workerName names this process in the run log's sources and River's
// tables: the host and the pid.
func workerName() string {
	host, _ := os.Hostname()
	return fmt.Sprintf("%s-%d", host, os.Getpid())
}

// worker is this process's membership of a cluster of fetch workers: a
// pipeline over every source of the config (jobs name their source),
// hosts' turns and item URLs shared through the store, and the River
// client that hands out the jobs.
type worker struct {
	name    string
	st      *store.Store
	cfg     *config.Config
	all     *pipeline.Pipeline
	build   func([]config.Source) *pipeline.Pipeline
	cl      *cluster.Cluster
	fetched atomic.Int64 // sources this worker fetched
	close   func()
}

// newWorker joins the cluster on st's PostgreSQL database at path: the
// config's sources recorded, River's tables migrated; start starts
// taking jobs.
func (e *env) newWorker(ctx context.Context, cfg *config.Config, path string, st *store.Store, lease time.Duration, force bool) (*worker, error) {
	log := e.logger()
	w := &worker{name: workerName(), st: st, cfg: cfg}
	fc, err := newFetcher(cfg.Fetch, log, st)
	if err != nil {
		return nil, err
	}
	w.build, err = passBuilder(cfg, st, log, fc, passOptions{force: force, worker: w.name, lease: lease})
	if err != nil {
		fc.Close()
		return nil, err
	}
	w.all = w.build(cfg.Sources)
	if _, err := w.all.Sync(ctx); err != nil {
		fc.Close()
		return nil, err
	}
	w.cl, err = cluster.Open(ctx, cluster.Options{
		URL: path, Logger: log, Lease: lease, ID: w.name,
		Workers: 4 * max(cfg.Fetch.Concurrency, 1),
		Work: func(ctx context.Context, run int64, source string, last bool) error {
			return workSource(ctx, st, w.all, run, source, w.name, last, &w.fetched, log)
		},
	})
	if err != nil {
		fc.Close()
		return nil, err
	}
	w.close = func() {
		// Stopped by a signal: the sources in hand go back to the queue
		// at once, for another worker. Else the jobs running (of other
		// passes) get 30 s to finish.
		stop, cancel := context.WithTimeout(context.WithoutCancel(ctx), 30*time.Second)
		defer cancel()
		if err := w.cl.Stop(stop, ctx.Err() != nil); err != nil {
			log.Warn("stopping the worker", "err", err)
		}
		fc.Close()
	}
	return w, nil
}

// sweep enqueues again the sources of every unfinished shared pass (a
// job is not added twice): a pass whose opener died before enqueuing, or
// whose job River gave up after a worker died on its last attempt, is
// finished by the next worker that starts or shares a pass.
func (w *worker) sweep(ctx context.Context) (int, error) {
	runs, err := w.st.UnfinishedPasses(ctx)
	if err != nil {
		return 0, err
	}
	added := 0
	for run, sources := range runs {
		n, err := w.cl.Enqueue(ctx, run, sources)
		if err != nil {
			return added, err
		}
		added += n
	}
	return added, nil
}

// share opens the shared pass key over the named sources (those due), or
// joins it, and enqueues its sources not yet recorded.
func (w *worker) share(ctx context.Context, key string, names []string) (store.SharedPass, int, error) {
	due, err := w.build(sourcesNamed(w.cfg, names)).Due(ctx, names)
	if err != nil {
		return store.SharedPass{}, 0, err
	}
	sp, err := w.st.StartSharedPass(ctx, key, due)
	if err != nil {
		return store.SharedPass{}, 0, err
	}
	added, err := w.cl.Enqueue(ctx, sp.RunID, sp.Queued)
	if err != nil {
		return sp, added, err
	}
	more, err := w.sweep(ctx)
	return sp, added + more, err
}

// fetchWorker is `fetch --worker`: this process's share of a pass that
// workers on many machines share through PostgreSQL (issue 19). It opens
// (or joins) the pass, enqueues its sources (a source already enqueued is
// not added again), works jobs until the pass's run is finished, and
// reports the run. Jobs of other passes still waiting are worked too.
func (e *env) fetchWorker(ctx context.Context, cfg *config.Config, path string, wo workerOptions) error {
	if !store.IsPostgres(path) {
		return usagef("--worker shares passes through a PostgreSQL database: give --db postgres://… (or %s)", databaseURLVar)
	}
	// Named before anything that takes time: the workers cron starts in
	// one minute name one pass.
	key := passKey(wo.pass, time.Now())
	log := e.logger()
	st, err := openStoreToSave(ctx, path, log, cfg)
	if err != nil {
		return err
	}
	defer st.Close()
	w, err := e.newWorker(ctx, cfg, path, st, wo.lease, wo.force)
	if err != nil {
		return err
	}
	defer w.close()
	names := make([]string, len(cfg.Sources))
	for i, s := range cfg.Sources {
		names[i] = s.Name
	}
	sp, added, err := w.share(ctx, key, names)
	if err != nil {
		return err
	}
	log.Info("shared pass", "pass", key, "run_id", sp.RunID, "opened", sp.Started, "sources_left", len(sp.Queued),
		"left_to_an_unfinished_pass", sp.Elsewhere, "enqueued", added, "worker", w.name)
	if sp.Finished && !sp.Started {
		e.say(fmt.Sprintf("pass %q was done already (run %d): nothing fetched (name each pass anew, or leave out --pass)", key, sp.RunID),
			"shared pass done already", "pass", key, "run_id", sp.RunID)
		return nil
	}
	if err := w.cl.Start(ctx); err != nil {
		return err
	}
	// The run ends when its last source is recorded; a worker that waits
	// longer than its sources can take (each at most a lease, a dead
	// worker's taken over after a lease and a half, retried up to five
	// times) says so instead of waiting for ever under cron.
	switch waitRun(ctx, st, sp.RunID, 5*(wo.lease+wo.lease/2)+time.Minute) {
	case waitStopped:
		e.say(fmt.Sprintf("stopped: this worker fetched %d sources of run %d; its sources in hand went back to the queue, the other workers finish the pass", w.fetched.Load(), sp.RunID),
			"worker stopped before the pass ended")
		return nil
	case waitTimedOut:
		left, _ := st.StartSharedPass(context.WithoutCancel(ctx), key, nil)
		return fmt.Errorf("run %d not finished after %s: %d sources still queued (the next worker to start enqueues them again; see pressclip runs)",
			sp.RunID, 5*(wo.lease+wo.lease/2)+time.Minute, len(left.Queued))
	}
	run, err := st.Run(context.WithoutCancel(ctx), sp.RunID)
	if err != nil {
		return err
	}
	if e.jsonLogs() {
		slog.New(slog.NewJSONHandler(e.stdout, nil)).Info("shared pass done", "pass", key, "run_id", run.ID, "sources_ok", run.SourcesOK,
			"sources_failed", run.SourcesFailed, "backed_off", run.SourcesSkipped, "new_items", run.NewItems, "new_mentions", run.NewMentions,
			"fetched_here", w.fetched.Load())
	} else {
		fmt.Fprintf(e.stdout, "pass %q (run %d) done by the workers: %d sources read, %d failed, %d backed off, %d new items, %d new mentions; this worker fetched %d\n",
			key, run.ID, run.SourcesOK, run.SourcesFailed, run.SourcesSkipped, run.NewItems, run.NewMentions, w.fetched.Load())
	}
	if run.SourcesFailed > 0 && run.SourcesOK == 0 {
		return fmt.Errorf("every source failed (%d failed, none read): see `pressclip sources`", run.SourcesFailed)
	}
	return nil
}

// workSource is one job: the source of run, unless another worker
// recorded it (a job taken over from a worker that died after its
// record), fetched and recorded. A worker stopping (its job's context
// cancelled) records nothing: River gives the job back. A job that fails
// (the database, a source this worker's config lacks) is tried again; on
// its last attempt the source is recorded failed, so that the pass ends.
func workSource(ctx context.Context, st *store.Store, p *pipeline.Pipeline, run int64, source, me string, last bool, mine *atomic.Int64, log *slog.Logger) error {
	done, err := st.SourceDone(ctx, run, source)
	if err != nil || done {
		return err
	}
	rep, err := p.RunSource(ctx, source)
	if errors.Is(ctx.Err(), context.Canceled) {
		return ctx.Err()
	}
	if err != nil {
		if !last {
			return err
		}
		log.Error("source given up after every attempt failed", "source", source, "run_id", run, "error", err)
		_, _, rerr := st.RecordPassSource(context.WithoutCancel(ctx), run, source, store.SourceOutcome{State: store.PassFailed, Worker: me})
		return errors.Join(err, rerr)
	}
	o := store.SourceOutcome{State: store.PassOK, NewItems: rep.New, NewMentions: rep.Mentions + rep.Joined, Worker: me}
	switch {
	case rep.Skipped:
		o.State = store.PassSkipped
	case rep.Err != nil:
		o.State = store.PassFailed
	}
	mine.Add(1)
	_, _, err = st.RecordPassSource(context.WithoutCancel(ctx), run, source, o)
	return err
}

// How waitRun ended.
const (
	waitFinished = iota
	waitStopped
	waitTimedOut
)

// waitRun waits for the run to be finished, ctx to end, or limit.
func waitRun(ctx context.Context, st *store.Store, run int64, limit time.Duration) int {
	t := time.NewTicker(200 * time.Millisecond)
	defer t.Stop()
	deadline := time.NewTimer(limit)
	defer deadline.Stop()
	for {
		if done, err := st.RunFinished(ctx, run); err == nil && done {
			return waitFinished
		}
		select {
		case <-ctx.Done():
			return waitStopped
		case <-deadline.C:
			return waitTimedOut
		case <-t.C:
		}
	}
}
