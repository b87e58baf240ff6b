package main

import (
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/spf13/cobra"

	"github.com/pressclip/pressclip/config"
	"github.com/pressclip/pressclip/passlock"
	"github.com/pressclip/pressclip/store"
)

func runsCmd(e *env) *cobra.Command {
	var format string
	var limit int
	c := &cobra.Command{
		Use:   "runs",
		Short: "Show the run log: each pass's start, end and counts",
		Long: "runs lists the last passes, newest first: when each started and ended (\"interrupted\" when it\n" +
			"never finished), the sources read and failed, the new items and the new mentions.",
		Args: noArgs,
		RunE: func(c *cobra.Command, _ []string) error {
			if format != "text" && format != "json" {
				return usagef("--format %q: want text or json", format)
			}
			st, err := e.openToRead(c.Context())
			if err != nil {
				return err
			}
			defer st.Close()
			runs, err := st.Runs(c.Context(), limit)
			if err != nil {
				return err
			}
			if format == "json" {
				type runJSON struct {
					ID            int64   `json:"id"`
					Started       string  `json:"started"`
					Finished      *string `json:"finished"`
					Seconds       float64 `json:"seconds"`
					SourcesOK     int     `json:"sources_ok"`
					SourcesFailed int     `json:"sources_failed"`
					NewItems      int     `json:"new_items"`
					NewMentions   int     `json:"new_mentions"`
				}
				out := []runJSON{}
				for _, r := range runs {
					j := runJSON{ID: r.ID, Started: r.Started.UTC().Format(time.RFC3339), SourcesOK: r.SourcesOK, SourcesFailed: r.SourcesFailed,
						NewItems: r.NewItems, NewMentions: r.NewMentions}
					if !r.Finished.IsZero() {
						f := r.Finished.UTC().Format(time.RFC3339)
						j.Finished, j.Seconds = &f, r.Finished.Sub(r.Started).Seconds()
					}
					out = append(out, j)
				}
				enc := json.NewEncoder(e.stdout)
				enc.SetIndent("", "  ")
				return enc.Encode(out)
			}
			if len(runs) == 0 {
				fmt.Fprintln(e.stdout, "no passes yet")
				return nil
			}
			fmt.Fprintf(e.stdout, "%-6s %-19s %-12s %9s %9s %9s %9s\n", "run", "started", "took", "sources", "failed", "new", "mentions")
			for _, r := range runs {
				took := "interrupted"
				if !r.Finished.IsZero() {
					took = r.Finished.Sub(r.Started).Round(time.Millisecond).String()
				}
				fmt.Fprintf(e.stdout, "%-6d %-19s %-12s %9d %9d %9d %9d\n", r.ID, r.Started.Local().Format("2006-01-02 15:04:05"), took,
					r.SourcesOK+r.SourcesFailed, r.SourcesFailed, r.NewItems, r.NewMentions)
			}
			return nil
		},
	}
	c.Flags().StringVar(&format, "format", "text", "text or json")
	c.Flags().IntVar(&limit, "limit", 20, "how many passes")
	return c
}

func pruneCmd(e *env) *cobra.Command {
	return &cobra.Command{
		Use:   "prune",
		Short: "Apply the retention: remove old seen URLs, texts, rejected stories and runs",
		Long: "prune removes what config.yaml's retention says is old (serve does it daily): item URLs that\n" +
			"mentioned nothing, article texts of old stories (their lines stay), rejected stories, old runs.\n" +
			"It takes the pass lock: it waits for a running pass to end.",
		Args: noArgs,
		RunE: func(c *cobra.Command, _ []string) error {
			cfg, err := e.loadConfig()
			if err != nil {
				return err
			}
			path := e.database(cfg)
			if err := needDatabase(path); err != nil {
				return err
			}
			lock, err := passlock.Acquire(c.Context(), path, "prune", true)
			if stoppedEarly(c.Context(), err) {
				e.say("stopped while waiting for the pass: nothing pruned", "prune stopped while waiting for the pass: nothing pruned")
				return nil
			}
			if err != nil {
				return err
			}
			defer lock.Release()
			st, err := openStoreToRead(c.Context(), path, e.logger())
			if stoppedEarly(c.Context(), err) {
				e.say("stopped: nothing pruned", "prune stopped: nothing pruned")
				return nil
			}
			if err != nil {
				return err
			}
			defer st.Close()
			p, err := st.Prune(c.Context(), retention(cfg.Retention))
			if stoppedEarly(c.Context(), err) {
				// Each batch is its own transaction: what was pruned stays.
				e.say("stopped: "+describePrune(p), "prune stopped", pruneAttrs(p)...)
				return nil
			}
			if err != nil {
				return err
			}
			e.say(describePrune(p), "pruned", pruneAttrs(p)...)
			return nil
		},
	}
}

// retention maps the config's retention to the store's.
func retention(r config.Retention) store.Retention {
	return store.Retention{Seen: r.Seen.Value(), Text: r.Text.Value(), Rejected: r.Rejected.Value(), Runs: r.Runs.Value()}
}

func describePrune(p store.Pruned) string {
	return fmt.Sprintf("pruned %d seen URLs, %d article texts, %d rejected stories, %d runs", p.Seen, p.Texts, p.Rejected, p.Runs)
}

// pruneAttrs are describePrune's counts for a JSON record, with serve's
// keys.
func pruneAttrs(p store.Pruned) []any {
	return []any{"seen_urls", p.Seen, "texts", p.Texts, "rejected_stories", p.Rejected, "runs", p.Runs}
}

func backupCmd(e *env) *cobra.Command {
	return &cobra.Command{
		Use:   "backup FILE",
		Short: "Write a consistent copy of the database to FILE",
		Long: "backup writes a consistent, compacted copy of the database (SQLite's VACUUM INTO) while passes\n" +
			"and readers go on, checks it, syncs it and links it into place. An existing FILE is refused.",
		Args: func(c *cobra.Command, args []string) error {
			if len(args) != 1 {
				return usagef("backup needs one file name")
			}
			return nil
		},
		RunE: func(c *cobra.Command, args []string) error {
			path, err := e.databasePath()
			if err != nil {
				return err
			}
			st, err := openStoreToRead(c.Context(), path, e.logger())
			if err != nil {
				return err
			}
			defer st.Close()
			if err := st.Backup(c.Context(), args[0]); err != nil {
				if errors.Is(err, store.ErrExists) {
					return usageError{err}
				}
				if stoppedEarly(c.Context(), err) {
					e.say("stopped: no backup written", "backup stopped: no backup written")
					return nil
				}
				return err
			}
			e.say(fmt.Sprintf("backed up %s to %s", path, args[0]), "backed up", "database", path, "file", args[0])
			return nil
		},
	}
}
