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
		Long: "sources shows, for each configured source, its status (ok, failing, silent: answering but\n" +
			"nothing new for five times its usual interval, never: not fetched yet), last success, last error\n" +
			"and its kind, consecutive failures and the next attempt of a backed-off source, items seen and\n" +
			"mentions kept, and the average response time; failing sources first, then silent ones.",
		Args: noArgs,
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
			st, err := openStoreToRead(c.Context(), path, e.logger())
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
			fmt.Fprintln(tw, "SOURCE\tSTATUS\tLAST SUCCESS\tFAILURES\tNEXT ATTEMPT\tITEMS\tMENTIONS\tLATENCY\tLAST ERROR")
			for _, h := range hs {
				lastErr := ""
				if h.LastError != "" {
					lastErr = h.ErrorKind + ": " + h.LastError
				}
				latency := ""
				if h.AvgLatency > 0 {
					latency = h.AvgLatency.Round(time.Millisecond).String()
				}
				fmt.Fprintf(tw, "%s\t%s\t%s\t%d\t%s\t%d\t%d\t%s\t%s\n", h.Name, h.Status(), localTime(h.LastSuccess),
					h.ConsecutiveFailures, localTime(h.NextAttempt), h.ItemsSeen, h.MentionsTotal, latency, lastErr)
			}
			return tw.Flush()
		},
	}
	c.Flags().StringVar(&format, "format", "text", "text or json")
	return c
}

func localTime(t time.Time) string {
	if t.IsZero() {
		return "-"
	}
	return t.Local().Format("2006-01-02 15:04")
}

// sourceJSON is the `sources --format json` object (DESIGN.md).
type sourceJSON struct {
	Name                string   `json:"name"`
	URL                 string   `json:"url"`
	Type                string   `json:"type"`
	FeedURL             *string  `json:"feed_url"`
	Status              string   `json:"status"`
	Silent              bool     `json:"silent"`
	LastAttempt         *string  `json:"last_attempt"`
	LastSuccess         *string  `json:"last_success"`
	LastError           *string  `json:"last_error"`
	ErrorKind           *string  `json:"error_kind"`
	HTTPStatus          *int     `json:"http_status"`
	ConsecutiveFailures int      `json:"consecutive_failures"`
	NextAttempt         *string  `json:"next_attempt"`
	ItemsSeen           int      `json:"items_seen"`
	NewItemsLast        int      `json:"new_items_last"`
	NotModifiedLast     bool     `json:"not_modified_last"`
	MentionsTotal       int      `json:"mentions_total"`
	LastNewItem         *string  `json:"last_new_item"`
	LastMention         *string  `json:"last_mention"`
	AvgLatencyMS        *float64 `json:"avg_latency_ms"`
	UsualIntervalS      *float64 `json:"usual_interval_s"`
}

func writeSourcesJSON(e *env, hs []store.SourceHealth) error {
	out := make([]sourceJSON, 0, len(hs))
	for _, h := range hs {
		j := sourceJSON{
			Name: h.Name, URL: h.URL, Type: h.Type, FeedURL: strPtr(h.FeedURL), Status: h.Status(), Silent: h.Silent,
			LastAttempt: timePtr(h.LastAttempt), LastSuccess: timePtr(h.LastSuccess),
			LastError: strPtr(h.LastError), ErrorKind: strPtr(h.ErrorKind), ConsecutiveFailures: h.ConsecutiveFailures,
			NextAttempt: timePtr(h.NextAttempt), ItemsSeen: h.ItemsSeen, NewItemsLast: h.NewItemsLast,
			NotModifiedLast: h.NotModifiedLast, MentionsTotal: h.MentionsTotal,
			LastNewItem: timePtr(h.LastNewItem), LastMention: timePtr(h.LastMention),
		}
		if h.HTTPStatus != 0 {
			j.HTTPStatus = &h.HTTPStatus
		}
		if h.AvgLatency > 0 {
			ms := float64(h.AvgLatency.Microseconds()) / 1000
			j.AvgLatencyMS = &ms
		}
		if h.UsualInterval > 0 {
			s := h.UsualInterval.Seconds()
			j.UsualIntervalS = &s
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
