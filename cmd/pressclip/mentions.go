package main

import (
	"fmt"
	"slices"
	"time"

	"github.com/spf13/cobra"

	"github.com/pressclip/pressclip/export"
	"github.com/pressclip/pressclip/store"
)

func mentionsCmd(e *env) *cobra.Command {
	var since, from, to, status, format, watch string
	var low, withBOM bool
	c := &cobra.Command{
		Use:   "mentions",
		Short: "List the mentions found (the daily review list)",
		Long:  "mentions lists the stories found in a period, one per story, with outlet, title, URL,\nsnippet, status and the drafted line. IDs are what `pressclip review` takes.",
		Args:  noArgs,
		RunE: func(c *cobra.Command, _ []string) error {
			if !slices.Contains(export.ListFormats, format) {
				return usagef("--format %q: want one of %v", format, export.ListFormats)
			}
			if !slices.Contains([]string{"new", "approved", "rejected", "all"}, status) {
				return usagef("--status %q: want new, approved, rejected or all", status)
			}
			p, err := parsePeriod(since, from, to, "24h", time.Now())
			if err != nil {
				return err
			}
			st, err := e.openToRead(c.Context())
			if err != nil {
				return err
			}
			defer st.Close()
			stories, err := st.Stories(c.Context(), store.Filter{From: p.from, To: p.to, Status: status, Watch: watch, IncludeLow: low})
			if err != nil {
				return err
			}
			if len(stories) == 0 && format == "text" {
				fmt.Fprintln(e.stderr, "no mentions in this period")
				return nil
			}
			return export.List(e.stdout, format, e.items(stories), export.ListOptions{NoBOM: !withBOM})
		},
	}
	f := c.Flags()
	f.StringVar(&since, "since", "", "stories found in the last DURATION (24h, 7d; default 24h)")
	f.StringVar(&from, "from", "", "stories found from this day (2026-11-25) or time (RFC 3339)")
	f.StringVar(&to, "to", "", "stories found up to this day, included, or time")
	f.StringVar(&status, "status", "all", "new, approved, rejected or all")
	f.StringVar(&format, "format", "text", "text, md, json or csv")
	f.StringVar(&watch, "watch", "", "only stories that mention this watch")
	completeValues(c, "format", export.ListFormats)
	completeValues(c, "status", []string{"new", "approved", "rejected", "all"})
	f.BoolVar(&withBOM, "bom", true, "start CSV with the UTF-8 byte-order mark, so that Excel reads it as UTF-8 (--bom=false leaves it out)")
	f.BoolVar(&low, "low", false, "also show low-relevance mentions (below their watch's min_score)")
	return c
}
