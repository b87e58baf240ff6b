// Package pipeline runs one pass over every configured source: fetch the
// source, skip the items already seen, fetch and extract each new article,
// match the watches, draft the line and keep what mentions a watch. It is
// the only package that knows every stage; each stage's output is mapped
// to the next one's input here, so these files show the whole flow.
//
// A failing source is data, not an error: its failure is recorded in its
// health and in the Report, and the pass goes on. A panic in one source is
// recovered and recorded the same way. A source that keeps failing is left
// alone until the store says it is due again.
//
// Files: pipeline.go (Options, Report, Run), source.go (one source),
// item.go (one article).
package pipeline

import (
	"context"
	"fmt"
	"log/slog"
	"net/url"
	"slices"
	"sync"
	"time"

	"golang.org/x/sync/errgroup"

	"github.com/pressclip/pressclip/config"
	"github.com/pressclip/pressclip/fetcher"
	"github.com/pressclip/pressclip/mention"
	"github.com/pressclip/pressclip/store"
	"github.com/pressclip/pressclip/summarizer"
)

// Options wire the stages together.
type Options struct {
	Sources []config.Source
	Fetch   config.Fetch
	Fetcher *fetcher.Client
	Store   *store.Store
	Matcher *mention.Matcher
	// Writer drafts the lines: the extractive summarizer, or the LLM
	// writer in front of it.
	Writer summarizer.Writer
	// Watch is the watch that a search source's results belong to (a
	// Google News search for the organization finds the organization).
	Watch  string
	Logger *slog.Logger
	// ItemWorkers bounds the articles of one source fetched at once
	// (default 4); the fetcher's per-host limit still applies.
	ItemWorkers int
	// Force fetches every source, also those backed off after failures.
	Force bool
	// Now is the clock (time.Now when nil).
	Now func() time.Time
	// OnSource, if set, is called as each source finishes; calls never
	// overlap.
	OnSource func(SourceReport)
	// OnItem, if set, is called as each article page is done with (read,
	// matched, kept or not); it may be called from several goroutines.
	OnItem func()
	// Claimer names this worker when workers on several machines share
	// passes (issue 19): a source's new item URLs are claimed in the
	// store for ClaimFor before they are read, and those another worker
	// claimed are left to it.
	Claimer  string
	ClaimFor time.Duration
}

// sourcesPerRequest is how many sources are in progress per request
// allowed in flight.
const sourcesPerRequest = 4

// Pipeline runs passes. Run is not meant to be called concurrently on one
// Pipeline; the store's writer lock serializes passes across processes.
type Pipeline struct {
	o   Options
	log *slog.Logger
}

// New builds a Pipeline.
func New(o Options) *Pipeline {
	if o.Logger == nil {
		o.Logger = slog.New(slog.DiscardHandler)
	}
	if o.ItemWorkers <= 0 {
		o.ItemWorkers = 4
	}
	if o.Fetch.Concurrency <= 0 {
		o.Fetch.Concurrency = config.DefaultConcurrency
	}
	if o.Now == nil {
		o.Now = time.Now
	}
	return &Pipeline{o: o, log: o.Logger}
}

// Report is what a pass did.
type Report struct {
	RunID    int64
	Started  time.Time
	Finished time.Time
	Sources  []SourceReport
	// Outage: most sources failed with network errors (see
	// outageVictims); none of them was backed off for it.
	Outage bool
}

// SourceReport is what a pass did with one source.
type SourceReport struct {
	Name string
	// Err is the source's failure (nil when it was read).
	Err  error
	Kind fetcher.Kind
	// Skipped: the source is backed off after failures until NextAttempt.
	Skipped     bool
	NextAttempt time.Time
	// NotModified: the source answered 304; nothing else was fetched.
	NotModified bool
	// Discovered is the feed a home page named, when one was read.
	Discovered string
	// Items listed by the source; New not seen before; Mentions kept as
	// new stories; Joined kept as copies of existing stories; PageErrors
	// articles whose page could not be had; Robots pages robots.txt
	// disallowed.
	Items, New, Mentions, Joined, PageErrors, Robots int
	// Old counts the new items published before max_age: remembered,
	// not read.
	Old     int
	Elapsed time.Duration
}

// Failed returns the sources that failed.
func (r Report) Failed() []SourceReport {
	var out []SourceReport
	for _, s := range r.Sources {
		if s.Err != nil {
			out = append(out, s)
		}
	}
	return out
}

// Skipped returns the sources left alone because they are backed off.
func (r Report) Skipped() []SourceReport {
	var out []SourceReport
	for _, s := range r.Sources {
		if s.Skipped {
			out = append(out, s)
		}
	}
	return out
}

// Totals sums the pass; skipped sources count as neither.
func (r Report) Totals() store.RunTotals {
	var t store.RunTotals
	t.Outage = r.Outage
	for _, s := range r.Sources {
		switch {
		case s.Skipped:
			t.SourcesSkipped++
		case s.Err != nil:
			t.SourcesFailed++
		default:
			t.SourcesOK++
		}
		t.NewItems += s.New
		t.NewMentions += s.Mentions + s.Joined
	}
	return t
}

// Outage thresholds: a pass is an outage when the sources it attempted
// are on at least minOutageHosts hosts and on at least outageShare of
// those hosts they failed with network-level errors (one outlet down, or
// two section feeds of it, is the outlet's failure, not the network's).
const (
	minOutageHosts = 3
	outageShare    = 0.8
)

// networkKinds are the failures of the way to the outlet, not of it.
var networkKinds = map[fetcher.Kind]bool{
	fetcher.KindDNS: true, fetcher.KindRefused: true, fetcher.KindNetwork: true, fetcher.KindTimeout: true,
}

// attempted counts the sources a pass fetched (neither skipped nor
// stopped).
func attempted(results []SourceReport) int {
	n := 0
	for _, r := range results {
		if !r.Skipped && r.Kind != fetcher.KindCanceled {
			n++
		}
	}
	return n
}

// outageVictims returns the indexes of the sources that failed with
// network errors when they failed on most of the hosts attempted, else
// nil. hosts[i] is the host of source i.
func outageVictims(results []SourceReport, hosts []string) []int {
	var down []int
	tried, failed := map[string]bool{}, map[string]bool{}
	for i, r := range results {
		if r.Skipped || r.Kind == fetcher.KindCanceled {
			continue
		}
		tried[hosts[i]] = true
		if r.Err != nil && networkKinds[r.Kind] {
			down = append(down, i)
			failed[hosts[i]] = true
		}
	}
	if len(tried) < minOutageHosts || float64(len(failed)) < outageShare*float64(len(tried)) {
		return nil
	}
	return down
}

// Sync records the pipeline's sources in the store (new ones, changed
// URLs) and returns their names.
func (p *Pipeline) Sync(ctx context.Context) ([]string, error) {
	srcs := make([]store.Source, len(p.o.Sources))
	names := make([]string, len(p.o.Sources))
	for i, s := range p.o.Sources {
		srcs[i] = store.Source{Name: s.Name, URL: s.FeedURL(), Type: s.Type}
		names[i] = s.Name
	}
	return names, p.o.Store.SyncSources(ctx, srcs)
}

// Due are the sources a pass starting now would fetch: all of them with
// Force, else those not backed off.
func (p *Pipeline) Due(ctx context.Context, names []string) ([]string, error) {
	states, err := p.o.Store.SourceStates(ctx, names)
	if err != nil {
		return nil, err
	}
	now := p.o.Now()
	var due []string
	for _, n := range names {
		if p.o.Force || states[n].Due(now) {
			due = append(due, n)
		}
	}
	return due, nil
}

// RunSource fetches one source by name, as a worker's share of a pass
// that workers share (issue 19): what Run does for each source, its
// health recorded the same way. A backed-off source is skipped (unless
// Force); the error is the store's failing, as Run's.
func (p *Pipeline) RunSource(ctx context.Context, name string) (SourceReport, error) {
	i := slices.IndexFunc(p.o.Sources, func(s config.Source) bool { return s.Name == name })
	if i < 0 {
		return SourceReport{}, fmt.Errorf("source %q is not in this worker's config", name)
	}
	states, err := p.o.Store.SourceStates(ctx, []string{name})
	if err != nil {
		return SourceReport{}, err
	}
	st := states[name]
	if !p.o.Force && !st.Due(p.o.Now()) {
		return SourceReport{Name: name, Skipped: true, NextAttempt: st.NextAttempt}, nil
	}
	return p.runSource(ctx, p.o.Sources[i], st)
}

// Run makes one pass over every source. It returns an error only when the
// pass itself cannot go on (the database fails); source failures are in
// the Report.
// Long: the pass's frame (the run log, the sources' states, the pool of
// sources, the report) in one place, so that a reader sees the whole pass.
func (p *Pipeline) Run(ctx context.Context) (Report, error) {
	rep := Report{Started: p.o.Now()}
	// Bookkeeping outlives a cancellation, so that an interrupted pass
	// still leaves its run log and source health behind.
	keep := context.WithoutCancel(ctx)
	names, err := p.Sync(keep)
	if err != nil {
		return rep, err
	}
	states, err := p.o.Store.SourceStates(keep, names)
	if err != nil {
		return rep, err
	}
	runID, err := p.o.Store.StartRun(keep)
	if err != nil {
		return rep, err
	}
	rep.RunID = runID

	results := make([]SourceReport, len(p.o.Sources))
	var fatal error
	var fatalOnce sync.Once
	var notify sync.Mutex // OnSource calls never overlap
	// Sources in progress spend most of their time waiting for their
	// host's turn (per-host limit and delay), so more of them run at once
	// than requests do; the fetcher still caps requests at Concurrency.
	var sources errgroup.Group // a pool: no error stops the others
	sources.SetLimit(sourcesPerRequest * p.o.Fetch.Concurrency)
	for i, src := range p.o.Sources {
		st := states[src.Name]
		switch {
		case ctx.Err() != nil:
			results[i] = SourceReport{Name: src.Name, Err: ctx.Err(), Kind: fetcher.KindCanceled}
			continue
		case !p.o.Force && !st.Due(rep.Started):
			results[i] = SourceReport{Name: src.Name, Skipped: true, NextAttempt: st.NextAttempt}
			p.log.Info("source backed off", "source", src.Name, "failures", st.ConsecutiveFailures, "next_attempt", st.NextAttempt)
			continue
		}
		sources.Go(func() error {
			r, err := p.runSource(ctx, src, st)
			results[i] = r
			if err != nil {
				fatalOnce.Do(func() { fatal = err })
			}
			if p.o.OnSource != nil {
				notify.Lock()
				p.o.OnSource(r)
				notify.Unlock()
			}
			return nil
		})
	}
	sources.Wait()
	rep.Sources = results
	rep.Finished = p.o.Now()
	if fatal != nil {
		return rep, fatal
	}
	hosts := make([]string, len(p.o.Sources))
	for i, s := range p.o.Sources {
		if u, err := url.Parse(s.FeedURL()); err == nil {
			hosts[i] = u.Host
		}
	}
	if down := outageVictims(results, hosts); down != nil {
		// The network is down, not the outlets: no source is backed off
		// for it, and the first pass after it returns fetches them all.
		rep.Outage = true
		p.log.Warn("network outage: most sources failed with network errors; none is backed off for it",
			"failed", len(down), "attempted", attempted(results))
		for _, i := range down {
			before := states[results[i].Name]
			if err := p.o.Store.ForgiveFailure(keep, results[i].Name, before.ConsecutiveFailures, before.NextAttempt); err != nil {
				return rep, err
			}
		}
	}
	if err := p.o.Store.FinishRun(keep, runID, rep.Totals()); err != nil {
		return rep, err
	}
	return rep, nil
}
