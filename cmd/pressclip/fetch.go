package main

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/schollz/progressbar/v3"
	"github.com/spf13/cobra"

	"github.com/pressclip/pressclip/passlock"
	"github.com/pressclip/pressclip/pipeline"
)

func fetchCmd(e *env) *cobra.Command {
	var all, wait bool
	c := &cobra.Command{
		Use:   "fetch",
		Short: "Make one pass over every source (for cron)",
		Long: "fetch fetches every source once, keeps the new articles that mention the organization and\n" +
			"records each source's health. It exits 0 when the pass completes, even when sources failed:\n" +
			"each failure is printed on its own line and shown by `pressclip sources`. A source that keeps\n" +
			"failing is backed off (5 min after the first failure, doubling up to a day); --all fetches it anyway.\n" +
			"One pass at a time: when another pass (a fetch, or serve) is running, fetch says so and exits 0,\n" +
			"or with --wait waits for it to end.",
		Args: noArgs,
		RunE: func(c *cobra.Command, _ []string) error {
			if err := e.checkLogFormat(); err != nil {
				return err
			}
			cfg, err := e.loadConfig()
			if err != nil {
				return err
			}
			path := cfg.Database
			if e.dbPath != "" {
				path = e.dbPath
			}
			log := e.logger()
			lock, err := passlock.Acquire(c.Context(), path, "fetch", wait)
			if passlock.IsBusy(err) {
				log.Warn("pass not started: " + err.Error())
				fmt.Fprintln(e.stdout, err.Error()+": nothing done")
				return nil
			}
			if stoppedEarly(c.Context(), err) {
				fmt.Fprintln(e.stdout, "stopped while waiting for the other pass: nothing done")
				return nil
			}
			if err != nil {
				return err
			}
			defer lock.Release()
			st, err := openStoreToSave(c.Context(), path, log, cfg)
			if stoppedEarly(c.Context(), err) {
				// A signal during the opening (a migration rolls back).
				fmt.Fprintln(e.stdout, "stopped before the pass started: nothing done")
				return nil
			}
			if err != nil {
				return err
			}
			defer st.Close()
			po := passOptions{force: all}
			var bar *progressbar.ProgressBar
			if e.isTerminal() {
				// On a terminal, progress over the sources; under cron the
				// log and the summary line say what happened.
				bar = progressbar.NewOptions(len(cfg.Sources),
					progressbar.OptionSetWriter(e.stderr), progressbar.OptionSetDescription("fetching"),
					progressbar.OptionShowCount(), progressbar.OptionClearOnFinish(),
					progressbar.OptionThrottle(100*time.Millisecond), progressbar.OptionSetPredictTime(false))
				po.onSource = func(r pipeline.SourceReport) {
					bar.Describe(fmt.Sprintf("%-30.30s", r.Name))
					bar.Add(1)
				}
			}
			p, closeFetcher, err := newPipeline(cfg, st, log, po)
			if err != nil {
				return err
			}
			defer closeFetcher()
			rep, err := p.Run(c.Context())
			if bar != nil {
				bar.Finish()
			}
			if err != nil {
				return err
			}
			for _, f := range rep.Failed() {
				fmt.Fprintf(e.stdout, "failed: %s: %s: %v\n", f.Name, f.Kind, f.Err)
			}
			for _, s := range rep.Skipped() {
				fmt.Fprintf(e.stdout, "backed off: %s: next attempt %s\n", s.Name, s.NextAttempt.Local().Format("2006-01-02 15:04"))
			}
			fmt.Fprintln(e.stdout, describe(rep))
			return nil
		},
	}
	c.Flags().BoolVar(&all, "all", false, "also fetch sources backed off after failures")
	c.Flags().BoolVar(&wait, "wait", false, "when another pass is running, wait for it to end instead of exiting")
	return c
}

// stoppedEarly: err comes from a signal (SIGINT or SIGTERM cancel the
// command's context) before the pass began, which is a clean stop.
func stoppedEarly(ctx context.Context, err error) bool {
	return err != nil && ctx.Err() != nil && errors.Is(err, context.Canceled)
}
