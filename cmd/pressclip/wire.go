package main

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"log/slog"
	"maps"
	"net/netip"
	"os"
	"path/filepath"
	"slices"
	"time"

	"github.com/pressclip/pressclip/config"
	"github.com/pressclip/pressclip/fetcher"
	"github.com/pressclip/pressclip/internal/view"
	"github.com/pressclip/pressclip/mention"
	"github.com/pressclip/pressclip/pipeline"
	"github.com/pressclip/pressclip/store"
	"github.com/pressclip/pressclip/summarizer"
)

// openStoreToRead opens the database for a command that reads it
// (mentions, export, sources, runs, review, backup, prune): a missing file
// is an error, never an empty new database that says "no mentions" (issue
// 14). Failures are fatal (exit 1).
func openStoreToRead(ctx context.Context, path string, log *slog.Logger) (*store.Store, error) {
	st, err := store.Open(ctx, path, store.Options{Logger: log, MustExist: true})
	if errors.Is(err, store.ErrNoDatabase) {
		return nil, noDatabase(path)
	}
	return st, err
}

// openToRead opens the database the flags and config name for a command
// that reads or reviews it: never created when missing.
func (e *env) openToRead(ctx context.Context) (*store.Store, error) {
	path, err := e.databasePath()
	if err != nil {
		return nil, err
	}
	return openStoreToRead(ctx, path, e.logger())
}

// needDatabase refuses a missing database before a reading command takes
// the pass lock (whose file would be left beside it).
func needDatabase(path string) error {
	if store.IsPostgres(path) {
		return nil // Open with MustExist refuses a database pressclip never set up
	}
	if _, err := os.Stat(path); errors.Is(err, fs.ErrNotExist) {
		return noDatabase(path)
	}
	return nil
}

func noDatabase(path string) error {
	if store.IsPostgres(path) {
		return fmt.Errorf("database %s has no pressclip schema (run pressclip fetch first, or check --db / database: / %s)", store.Redact(path), databaseURLVar)
	}
	if abs, err := filepath.Abs(path); err == nil {
		path = abs
	}
	return fmt.Errorf("database %s does not exist (run pressclip fetch first, or check --db / database:)", path)
}

// openStoreToSave opens the database for a command that keeps articles,
// with the config's rules for crediting stories.
func openStoreToSave(ctx context.Context, path string, log *slog.Logger, cfg *config.Config) (*store.Store, error) {
	return store.Open(ctx, path, store.Options{Logger: log, CreditOutlets: cfg.Stories.Credit == config.CreditOutlet})
}

// viewSources are the configured sources as the pages and exports know
// them.
func viewSources(cfg *config.Config) []view.Source {
	out := make([]view.Source, len(cfg.Sources))
	for i, s := range cfg.Sources {
		out[i] = view.Source{Name: s.Name, Outlet: s.Outlet(), Tag: s.Tag, Tier: s.Tier}
	}
	return out
}

// newFetcher builds the process's one HTTP client from the config.
// turns, when not nil, shares each host's request turns with the other
// workers (fetch --worker on PostgreSQL).
func newFetcher(f config.Fetch, log *slog.Logger, turns fetcher.Turns) (*fetcher.Client, error) {
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
		Turns:                 turns,
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
	so := summarizer.Options{Org: o.ShortName(), OrgNames: append([]string{o.Name}, o.Aliases...),
		HeadTitle: o.Head.Title, HeadName: o.Head.Name, Language: cfg.Lines.Language}
	if len(cfg.Lines.Glossary) > 0 {
		so.Glossary = []summarizer.Term{}
		froms := slices.Sorted(maps.Keys(cfg.Lines.Glossary))
		// Longer phrases first, so that "illegal migrants" is replaced
		// before "illegal".
		slices.SortStableFunc(froms, func(a, b string) int { return len(b) - len(a) })
		for _, from := range froms {
			so.Glossary = append(so.Glossary, summarizer.Term{From: from, To: cfg.Lines.Glossary[from]})
		}
	}
	return summarizer.New(so)
}

// newWriter is the line writer the config asks for: the extractive
// summarizer, or the LLM writer in front of it; and for articles in other
// languages than the newsletter's, the translator (the LLM writer or a
// LibreTranslate server), or none: their lines are marked for staff.
func newWriter(cfg *config.Config, s *summarizer.Summarizer, log *slog.Logger) (summarizer.Writer, error) {
	lines := cfg.Lines
	llm := func(translate bool) (*summarizer.LLM, error) {
		l := lines.LLM
		w, err := summarizer.NewLLM(s, summarizer.LLMOptions{
			URL: l.URL, Model: l.Model, APIKey: os.Getenv(l.APIKeyEnv), Timeout: l.Timeout.Value(), Retries: l.Retries,
			Concurrency: l.Concurrency, Translate: translate, Logger: log,
		})
		if err != nil {
			return nil, usagef("lines.llm: %v", err)
		}
		return w, nil
	}
	var same summarizer.Writer = s
	if lines.Writer == config.WriterLLM {
		w, err := llm(lines.Translator == config.TranslatorLLM)
		if err != nil {
			return nil, err
		}
		same = w
	}
	switch lines.Translator {
	case config.TranslatorLLM:
		if lines.Writer == config.WriterLLM {
			return same, nil // the LLM writer translates too
		}
		w, err := llm(true)
		if err != nil {
			return nil, err
		}
		return summarizer.Router{S: s, Same: same, Foreign: w}, nil
	case config.TranslatorLibreTranslate:
		lt := lines.LibreTranslate
		t, err := summarizer.NewLibreTranslate(summarizer.LibreTranslateOptions{URL: lt.URL, APIKey: os.Getenv(lt.APIKeyEnv),
			Timeout: lt.Timeout.Value(), Retries: lt.Retries, Concurrency: lt.Concurrency})
		if err != nil {
			return nil, usagef("lines.libretranslate: %v", err)
		}
		return summarizer.NewTranslating(s, same, t, summarizer.TranslatingOptions{Logger: log}), nil
	}
	return same, nil
}

// passOptions are the command-line choices for a pass.
type passOptions struct {
	force    bool
	onSource func(pipeline.SourceReport)
	onItem   func()
	// worker names this process when it shares passes with others
	// (fetch --worker): hosts' turns and item URLs are then the store's,
	// claims lasting lease.
	worker string
	lease  time.Duration
}

// newPipeline wires every stage for one pass over cfg's sources.
func newPipeline(cfg *config.Config, st *store.Store, log *slog.Logger, po passOptions) (*pipeline.Pipeline, func(), error) {
	var turns fetcher.Turns
	if po.worker != "" {
		turns = st
	}
	fc, err := newFetcher(cfg.Fetch, log, turns)
	if err != nil {
		return nil, nil, err
	}
	build, err := passBuilder(cfg, st, log, fc, po)
	if err != nil {
		fc.Close()
		return nil, nil, err
	}
	return build(cfg.Sources), fc.Close, nil
}

// passBuilder returns what builds the pipeline of one pass over some of
// cfg's sources, every pass sharing the process's one HTTP client.
func passBuilder(cfg *config.Config, st *store.Store, log *slog.Logger, fc *fetcher.Client, po passOptions) (func([]config.Source) *pipeline.Pipeline, error) {
	chain, err := newPageChain(cfg, log)
	if err != nil {
		return nil, err
	}
	return func(sources []config.Source) *pipeline.Pipeline {
		return pipeline.New(pipeline.Options{
			Sources: sources, Fetch: cfg.Fetch, Fetcher: fc, Store: st, Matcher: chain.matcher,
			Writer: chain.writer, Watch: cfg.Organization.Name, Logger: log,
			Force: po.force, OnSource: po.onSource, OnItem: po.onItem, Claimer: po.worker, ClaimFor: po.lease,
		})
	}, nil
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
