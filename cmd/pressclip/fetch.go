package main

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"sync/atomic"
	"time"

	"github.com/schollz/progressbar/v3"
	"github.com/spf13/cobra"

	"github.com/pressclip/pressclip/cluster"
	"github.com/pressclip/pressclip/fetcher"
	"github.com/pressclip/pressclip/passlock"
	"github.com/pressclip/pressclip/pipeline"
)

// fetchCmd is `pressclip fetch`: one pass.
// Long: a cobra command is its flags, their checks and its RunE (the
// pass lock, the progress bar, the exit codes).
func fetchCmd(e *env) *cobra.Command {
	var all, wait, worker bool
	var wo workerOptions
	c := &cobra.Command{
		Use:   "fetch",
		Short: "Make one pass over every source (for cron)",
		Long: "fetch fetches every source once, keeps the new articles that mention the organization and\n" +
			"records each source's health. It exits 0 when the pass completes, even when some sources failed:\n" +
			"each failure is printed on its own line and shown by `pressclip sources`; when every source it\n" +
			"tried failed, it exits 1, so that cron mails someone. With --log-format json every line it\n" +
			"writes, on stdout and stderr, is a JSON object, and each failure is logged once. A source that keeps\n" +
			"failing is backed off (5 min after the first failure, doubling up to a day); --all fetches it anyway.\n" +
			"One pass at a time: when another pass (a fetch, or serve) is running, fetch says so and exits 0,\n" +
			"or with --wait waits for it to end.\n\n" +
			"With --worker (PostgreSQL only) the pass is shared: fetch workers started by cron on many machines\n" +
			"in the same minute (or given the same --pass) open one pass, each source is fetched by one of them,\n" +
			"and a worker that dies mid-source has its sources finished by the others after --lease.",
		Args: noArgs,
		RunE: func(c *cobra.Command, _ []string) error {
			if err := e.checkLogFormat(); err != nil {
				return err
			}
			cfg, err := e.loadConfig()
			if err != nil {
				return err
			}
			path := e.database(cfg)
			if worker {
				if wait {
					return usagef("--wait is for a pass of one's own; --worker shares the pass")
				}
				if wo.lease <= 0 {
					return usagef("--lease %v: must be more than 0", wo.lease)
				}
				wo.force = all
				return e.fetchWorker(c.Context(), cfg, path, wo)
			}
			if c.Flags().Changed("pass") || c.Flags().Changed("lease") {
				return usagef("--pass and --lease go with --worker")
			}
			log := e.logger()
			lock, err := passlock.Acquire(c.Context(), path, "fetch", wait)
			if passlock.IsBusy(err) {
				log.Warn("pass not started: " + err.Error())
				if !e.jsonLogs() { // with JSON, the warning is the one record
					fmt.Fprintln(e.stdout, err.Error()+": nothing done")
				}
				return nil
			}
			if stoppedEarly(c.Context(), err) {
				e.say("stopped while waiting for the other pass: nothing done", "pass not started: stopped while waiting for the other pass")
				return nil
			}
			if err != nil {
				return err
			}
			defer lock.Release()
			st, err := openStoreToSave(c.Context(), path, log, cfg)
			if stoppedEarly(c.Context(), err) {
				// A signal during the opening (a migration rolls back).
				e.say("stopped before the pass started: nothing done", "pass not started: stopped")
				return nil
			}
			if err != nil {
				return err
			}
			defer st.Close()
			po := passOptions{force: all}
			var bar *progressbar.ProgressBar
			if e.isTerminal() && !e.jsonLogs() {
				// On a terminal, progress over the sources; under cron the
				// log and the summary line say what happened.
				// The bar counts sources; its description the pages read. It
				// shows at once, and log lines clear it and draw it again
				// below them (the logger writes through e.progress).
				bar = progressbar.NewOptions(len(cfg.Sources),
					progressbar.OptionSetWriter(e.stderr), progressbar.OptionSetDescription("sources"),
					progressbar.OptionShowCount(), progressbar.OptionClearOnFinish(),
					progressbar.OptionThrottle(100*time.Millisecond), progressbar.OptionSetPredictTime(false))
				e.progress.show(bar)
				defer e.progress.show(nil)
				var pages atomic.Int64
				describe := func() {
					// Under the progress lock: a log line clears and draws
					// the bar, and item workers describe it at once.
					e.progress.do(func() { bar.Describe(fmt.Sprintf("sources, %d pages read", pages.Load())) })
				}
				po.onSource = func(pipeline.SourceReport) {
					describe()
					e.progress.do(func() { bar.Add(1) })
				}
				po.onItem = func() {
					pages.Add(1)
					describe()
				}
			}
			p, closeFetcher, err := newPipeline(cfg, st, log, po)
			if err != nil {
				return err
			}
			defer closeFetcher()
			rep, err := p.Run(c.Context())
			if bar != nil {
				e.progress.do(func() { bar.Finish() })
				e.progress.show(nil)
			}
			if err != nil {
				return err
			}
			e.reportPass(rep)
			if c.Context().Err() != nil {
				return nil // stopped: the sources not reached did not fail
			}
			return everyFailed(rep)
		},
	}
	c.Flags().BoolVar(&all, "all", false, "also fetch sources backed off after failures")
	c.Flags().BoolVar(&wait, "wait", false, "when another pass is running, wait for it to end instead of exiting")
	c.Flags().BoolVar(&worker, "worker", false, "share the pass with the workers on other machines (PostgreSQL database)")
	c.Flags().StringVar(&wo.pass, "pass", "", "with --worker: the shared pass's name (default: the minute the worker started, UTC)")
	c.Flags().DurationVar(&wo.lease, "lease", cluster.DefaultLease, "with --worker: a source's time limit; a dead worker's sources are taken over after it")
	return c
}

// reportPass says on stdout what the pass did: a line per failed and
// per backed-off source, then the summary. With --log-format json only the
// summary, as one record: the pipeline's log already has one record per
// failed source ("source failed") and per backed-off one, and each
// failure is logged once.
func (e *env) reportPass(rep pipeline.Report) {
	if e.jsonLogs() {
		t := rep.Totals()
		slog.New(slog.NewJSONHandler(e.stdout, nil)).Info("pass done", "run_id", rep.RunID,
			"took", rep.Finished.Sub(rep.Started).Round(time.Millisecond), "sources_ok", t.SourcesOK,
			"sources_failed", t.SourcesFailed, "backed_off", len(rep.Skipped()), "outage", rep.Outage, "new_items", t.NewItems, "new_mentions", t.NewMentions)
		return
	}
	for _, f := range rep.Failed() {
		fmt.Fprintf(e.stdout, "failed: %s: %s: %v\n", f.Name, f.Kind, f.Err)
	}
	for _, s := range rep.Skipped() {
		fmt.Fprintf(e.stdout, "backed off: %s: next attempt %s\n", s.Name, s.NextAttempt.Local().Format("2006-01-02 15:04"))
	}
	fmt.Fprintln(e.stdout, describe(rep))
}

// everyFailed is the error of a pass in which every source it tried
// failed and none was read (exit 1: cron mails its output; issue 14). A
// pass with some failures is done (exit 0, DESIGN.md), and so is one that
// tried nothing (every source backed off). Sources the pass did not reach
// before it ended are not failures.
func everyFailed(rep pipeline.Report) error {
	failed := 0
	for _, s := range rep.Failed() {
		if s.Kind != fetcher.KindCanceled {
			failed++
		}
	}
	if failed == 0 || rep.Totals().SourcesOK > 0 {
		return nil
	}
	more := ""
	if n := len(rep.Skipped()); n > 0 {
		more = fmt.Sprintf(", %d backed off", n)
	}
	if rep.Outage {
		more += ", a network outage"
	}
	return fmt.Errorf("every source failed (%d failed%s, none read): see `pressclip sources`", failed, more)
}

// stoppedEarly: err comes from a signal (SIGINT or SIGTERM cancel the
// command's context) before the pass began, which is a clean stop.
func stoppedEarly(ctx context.Context, err error) bool {
	return err != nil && ctx.Err() != nil && errors.Is(err, context.Canceled)
}
