package main

import (
	"context"
	"fmt"
	"log/slog"
	"net/netip"
	"time"

	"github.com/pressclip/pressclip/config"
	"github.com/pressclip/pressclip/fetcher"
	"github.com/pressclip/pressclip/mention"
	"github.com/pressclip/pressclip/pipeline"
	"github.com/pressclip/pressclip/store"
	"github.com/pressclip/pressclip/summarizer"
)

// openStore opens the database; failures are fatal (exit 1).
func openStore(ctx context.Context, path string, log *slog.Logger) (*store.Store, error) {
	return store.Open(ctx, path, store.Options{Logger: log})
}

// openStoreToSave opens the database for a command that keeps articles,
// with the config's rules for crediting stories.
func openStoreToSave(ctx context.Context, path string, log *slog.Logger, cfg *config.Config) (*store.Store, error) {
	return store.Open(ctx, path, store.Options{Logger: log, CreditOutlets: cfg.Stories.Credit == config.CreditOutlet})
}

// newFetcher builds the process's one HTTP client from the config.
func newFetcher(f config.Fetch, log *slog.Logger) (*fetcher.Client, error) {
	var allow []netip.Prefix
	for _, c := range f.AllowPrivateNetworks {
		p, err := config.ParsePrefix(c)
		if err != nil {
			return nil, usagef("fetch.allow_private_networks: %v", err)
		}
		allow = append(allow, p)
	}
	return fetcher.New(fetcher.Options{
		UserAgent:             f.UserAgentString(),
		Timeout:               f.Timeout.Value(),
		DialTimeout:           f.DialTimeout.Value(),
		TLSHandshakeTimeout:   f.TLSTimeout.Value(),
		ResponseHeaderTimeout: f.HeaderTimeout.Value(),
		MaxBodyBytes:          int64(f.MaxBodyBytes),
		MaxRedirects:          f.MaxRedirects,
		Concurrency:           f.Concurrency,
		PerHost:               f.PerHost,
		HostDelay:             f.HostDelay.Value(),
		MaxRetries:            f.Retries,
		MaxRetryWait:          f.MaxRetryWait.Value(),
		AllowPrivate:          allow,
		Logger:                log,
	}), nil
}

// watches turns the config's organization and watches into the
// matcher's.
func watches(cfg *config.Config) []mention.Watch {
	var out []mention.Watch
	for _, w := range cfg.AllWatches() {
		out = append(out, mention.Watch{Name: w.Name, Query: w.Query, Aliases: w.Aliases, Exclude: w.Exclude,
			MinScore: w.MinScore, StrictAccents: w.StrictAccents})
	}
	return out
}

func newMatcher(cfg *config.Config) (*mention.Matcher, error) {
	m, err := mention.New(watches(cfg))
	if err != nil {
		return nil, usagef("organization: %v", err)
	}
	return m, nil
}

func newSummarizer(cfg *config.Config) *summarizer.Summarizer {
	o := cfg.Organization
	return summarizer.New(summarizer.Options{Org: o.ShortName(), OrgNames: append([]string{o.Name}, o.Aliases...)})
}

// passOptions are the command-line choices for a pass.
type passOptions struct {
	force    bool
	onSource func(pipeline.SourceReport)
}

// newPipeline wires every stage for one pass over cfg's sources.
func newPipeline(cfg *config.Config, st *store.Store, log *slog.Logger, po passOptions) (*pipeline.Pipeline, func(), error) {
	fc, err := newFetcher(cfg.Fetch, log)
	if err != nil {
		return nil, nil, err
	}
	m, err := newMatcher(cfg)
	if err != nil {
		return nil, nil, err
	}
	p := pipeline.New(pipeline.Options{
		Sources: cfg.Sources, Fetch: cfg.Fetch, Fetcher: fc, Store: st, Matcher: m,
		Summarizer: newSummarizer(cfg), Watch: cfg.Organization.Name, Logger: log,
		Force: po.force, OnSource: po.onSource,
	})
	return p, fc.Close, nil
}

// describe is one line about a pass for the user and for cron mail.
func describe(rep pipeline.Report) string {
	t := rep.Totals()
	skipped := ""
	if n := len(rep.Skipped()); n > 0 {
		skipped = fmt.Sprintf(", %d backed off", n)
	}
	return fmt.Sprintf("pass done in %s: %d sources (%d failed%s), %d new items, %d mentions kept",
		rep.Finished.Sub(rep.Started).Round(time.Millisecond), t.SourcesOK+t.SourcesFailed+len(rep.Skipped()), t.SourcesFailed, skipped, t.NewItems, t.NewMentions)
}
