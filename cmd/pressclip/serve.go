package main

import (
	"context"
	"fmt"
	"time"

	"github.com/spf13/cobra"

	"github.com/pressclip/pressclip/export"
	"github.com/pressclip/pressclip/serve"
	"github.com/pressclip/pressclip/store"
)

func serveCmd(e *env) *cobra.Command {
	return &cobra.Command{
		Use:   "serve",
		Short: "Run the schedules, the daily prune and the scheduled exports; serve /healthz and /metrics",
		Long: "serve runs unattended: each source's schedule (the config's schedule, or its own: 5-field cron,\n" +
			"@every 15m, @hourly, CRON_TZ=Europe/Zurich …) with a random delay up to serve.jitter, a pass at\n" +
			"start for schedules whose last pass is overdue, the retention's prune (serve.prune) and the\n" +
			"exports jobs. A pass never overlaps another: when a fetch from cron holds the pass lock, the pass\n" +
			"is skipped and logged. /healthz and /metrics are served on serve.listen (127.0.0.1:8089).\n" +
			"SIGINT or SIGTERM: no new pass starts, the ones in flight are cancelled, and serve exits 0\n" +
			"within 10 s.",
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
			st, err := openStoreToSave(c.Context(), path, log, cfg)
			if err != nil {
				return err
			}
			defer st.Close()
			fc, err := newFetcher(cfg.Fetch, log)
			if err != nil {
				return err
			}
			defer fc.Close()
			build, err := passBuilder(cfg, st, log, fc, passOptions{})
			if err != nil {
				return err
			}
			srv, err := serve.New(serve.Options{
				Config: cfg, DBPath: path, Store: st, NewPass: build, Logger: log,
				Section: func(ctx context.Context, from, to time.Time, approved bool) ([]export.Item, error) {
					f := store.Filter{From: from, To: to, ExcludeRejected: true}
					if approved {
						f.Status = store.StatusApproved
					}
					stories, err := st.Stories(ctx, f)
					if err != nil {
						return nil, err
					}
					return e.items(stories), nil
				},
				Ready: func(addr string) { fmt.Fprintf(e.stdout, "pressclip serve: listening on http://%s\n", addr) },
			})
			if err != nil {
				return err
			}
			return srv.Run(c.Context())
		},
	}
}
