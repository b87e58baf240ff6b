package main

import (
	"encoding/json"
	"fmt"
	"text/tabwriter"
	"time"

	"github.com/spf13/cobra"

	"github.com/pressclip/pressclip/store"
)

func sourcesCmd(e *env) *cobra.Command {
	var format string
	c := &cobra.Command{
		Use:   "sources",
		Short: "Show each source's health",
		Long:  "sources shows, for each configured source, its last attempt and success, its last error\nand its kind, consecutive failures and items seen; failing sources first.",
		Args:  noArgs,
		RunE: func(c *cobra.Command, _ []string) error {
			if format != "text" && format != "json" {
				return usagef("--format %q: want text or json", format)
			}
			path, err := e.databasePath()
			if err != nil {
				return err
			}
			var names []string
			if cfg, err := e.loadConfig(); err == nil {
				for _, s := range cfg.Sources {
					names = append(names, s.Name)
				}
			}
			st, err := openStore(c.Context(), path, e.logger())
			if err != nil {
				return err
			}
			defer st.Close()
			hs, err := st.Sources(c.Context(), names)
			if err != nil {
				return err
			}
			if format == "json" {
				return writeSourcesJSON(e, hs)
			}
			tw := tabwriter.NewWriter(e.stdout, 0, 4, 2, ' ', 0)
			fmt.Fprintln(tw, "SOURCE\tSTATUS\tLAST SUCCESS\tFAILURES\tITEMS\tMENTIONS\tLAST ERROR")
			for _, h := range hs {
				status := "ok"
				switch {
				case h.LastAttempt.IsZero():
					status = "never fetched"
				case h.ConsecutiveFailures > 0:
					status = "failing"
				}
				lastErr := ""
				if h.LastError != "" {
					lastErr = h.ErrorKind + ": " + h.LastError
				}
				fmt.Fprintf(tw, "%s\t%s\t%s\t%d\t%d\t%d\t%s\n", h.Name, status, ago(h.LastSuccess), h.ConsecutiveFailures, h.ItemsSeen, h.MentionsTotal, lastErr)
			}
			return tw.Flush()
		},
	}
	c.Flags().StringVar(&format, "format", "text", "text or json")
	return c
}

func ago(t time.Time) string {
	if t.IsZero() {
		return "never"
	}
	return t.Local().Format("2006-01-02 15:04")
}

type sourceJSON struct {
	Name                string  `json:"name"`
	URL                 string  `json:"url"`
	Type                string  `json:"type"`
	LastAttempt         *string `json:"last_attempt"`
	LastSuccess         *string `json:"last_success"`
	LastError           *string `json:"last_error"`
	ErrorKind           *string `json:"error_kind"`
	HTTPStatus          *int    `json:"http_status"`
	ConsecutiveFailures int     `json:"consecutive_failures"`
	ItemsSeen           int     `json:"items_seen"`
	NewItemsLast        int     `json:"new_items_last"`
	MentionsTotal       int     `json:"mentions_total"`
	LastNewItem         *string `json:"last_new_item"`
	LastMention         *string `json:"last_mention"`
}

func writeSourcesJSON(e *env, hs []store.SourceHealth) error {
	out := make([]sourceJSON, 0, len(hs))
	for _, h := range hs {
		j := sourceJSON{
			Name: h.Name, URL: h.URL, Type: h.Type, LastAttempt: timePtr(h.LastAttempt), LastSuccess: timePtr(h.LastSuccess),
			LastError: strPtr(h.LastError), ErrorKind: strPtr(h.ErrorKind), ConsecutiveFailures: h.ConsecutiveFailures,
			ItemsSeen: h.ItemsSeen, NewItemsLast: h.NewItemsLast, MentionsTotal: h.MentionsTotal,
			LastNewItem: timePtr(h.LastNewItem), LastMention: timePtr(h.LastMention),
		}
		if h.HTTPStatus != 0 {
			j.HTTPStatus = &h.HTTPStatus
		}
		out = append(out, j)
	}
	enc := json.NewEncoder(e.stdout)
	enc.SetIndent("", "  ")
	return enc.Encode(out)
}

func timePtr(t time.Time) *string {
	if t.IsZero() {
		return nil
	}
	s := t.UTC().Format(time.RFC3339)
	return &s
}

func strPtr(s string) *string {
	if s == "" {
		return nil
	}
	return &s
}
