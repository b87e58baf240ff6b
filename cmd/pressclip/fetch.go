package main

import (
	"fmt"

	"github.com/spf13/cobra"

	"github.com/pressclip/pressclip/pipeline"
)

func fetchCmd(e *env) *cobra.Command {
	return &cobra.Command{
		Use:   "fetch",
		Short: "Make one pass over every source (for cron)",
		Long: "fetch fetches every source once, keeps the new articles that mention the organization and\n" +
			"records each source's health. It exits 0 when the pass completes, even when sources failed:\n" +
			"each failure is printed on its own line and shown by `pressclip sources`.",
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
			st, err := openStore(c.Context(), path, log)
			if err != nil {
				return err
			}
			defer st.Close()
			done := 0
			progress := func(r pipeline.SourceReport) {
				done++
				if e.isTerminal() {
					fmt.Fprintf(e.stderr, "\r[%d/%d] %-40.40s", done, len(cfg.Sources), r.Name)
				}
			}
			p, closeFetcher, err := newPipeline(cfg, st, log, progress)
			if err != nil {
				return err
			}
			defer closeFetcher()
			rep, err := p.Run(c.Context())
			if e.isTerminal() {
				fmt.Fprintln(e.stderr)
			}
			if err != nil {
				return err
			}
			for _, f := range rep.Failed() {
				fmt.Fprintf(e.stdout, "failed: %s: %s: %v\n", f.Name, f.Kind, f.Err)
			}
			fmt.Fprintln(e.stdout, describe(rep))
			return nil
		},
	}
}
