package main

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"time"

	"github.com/spf13/cobra"

	"github.com/pressclip/pressclip/config"
	"github.com/pressclip/pressclip/demo"
	"github.com/pressclip/pressclip/export"
	"github.com/pressclip/pressclip/store"
)

func demoCmd(e *env) *cobra.Command {
	return &cobra.Command{
		Use:   "demo",
		Short: "Run the whole pipeline offline on bundled sample outlets and print the press section",
		Long: "demo serves the bundled sample outlets on 127.0.0.1, makes one pass over them into a fresh\n" +
			"database (a temporary one unless --db is given) and prints the press section. One sample\n" +
			"source is broken on purpose: it shows up as a failed source.",
		Args: noArgs,
		RunE: func(c *cobra.Command, _ []string) error {
			ctx := c.Context()
			sites, err := demo.Start(ctx)
			if err != nil {
				return err
			}
			defer sites.Close()
			raw, err := sites.Config()
			if err != nil {
				return err
			}
			cfg, err := config.Load(bytes.NewReader(raw), "demo/config.yaml")
			if err != nil {
				return err
			}
			path := e.dbPath
			if path == "" {
				dir, err := os.MkdirTemp("", "pressclip-demo-")
				if err != nil {
					return err
				}
				defer os.RemoveAll(dir)
				path = filepath.Join(dir, "demo.db")
			} else if _, err := os.Stat(path); err == nil {
				return usagef("--db %s exists: the demo wants a fresh database", path)
			}
			log := e.logger()
			st, err := openStoreToSave(ctx, path, log, cfg)
			if err != nil {
				return err
			}
			defer st.Close()
			p, closeFetcher, err := newPipeline(cfg, st, log, passOptions{force: true})
			if err != nil {
				return err
			}
			defer closeFetcher()
			fmt.Fprintf(e.stdout, "pressclip demo: %d sample outlets served on 127.0.0.1\n", len(cfg.Sources))
			rep, err := p.Run(ctx)
			if err != nil {
				return err
			}
			fmt.Fprintln(e.stdout, describe(rep))
			for _, f := range rep.Failed() {
				fmt.Fprintf(e.stdout, "failed source: %s (%s): %v\n", f.Name, f.Kind, f.Err)
			}
			stories, err := st.Stories(ctx, store.Filter{From: time.Now().Add(-time.Hour), ExcludeRejected: true})
			if err != nil {
				return err
			}
			fmt.Fprintf(e.stdout, "\nIn the press (%d stories)\n\n", len(stories))
			return export.Section(e.stdout, "text", e.items(stories), export.SectionOptions{})
		},
	}
}
