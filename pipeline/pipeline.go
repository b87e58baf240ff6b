// Package pipeline runs one pass over every configured source: fetch the
// feed, skip the items already seen, fetch and extract each new article,
// match the watches, draft the line and keep what mentions a watch. It is
// the only package that knows every stage; each stage's output is mapped
// to the next one's input here, so this file shows the whole flow.
//
// A failing source is data, not an error: its failure is recorded in its
// health and in the Report, and the pass goes on. A panic in one source is
// recovered and recorded the same way.
package pipeline

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"log/slog"
	"strings"
	"sync"
	"time"

	"github.com/pressclip/pressclip/canon"
	"github.com/pressclip/pressclip/config"
	"github.com/pressclip/pressclip/extractor"
	"github.com/pressclip/pressclip/fetcher"
	"github.com/pressclip/pressclip/mention"
	"github.com/pressclip/pressclip/store"
	"github.com/pressclip/pressclip/summarizer"
)

// Options wire the stages together.
type Options struct {
	Sources    []config.Source
	Fetch      config.Fetch
	Fetcher    *fetcher.Client
	Store      *store.Store
	Matcher    *mention.Matcher
	Summarizer *summarizer.Summarizer
	Logger     *slog.Logger
	// ItemWorkers bounds the articles of one source fetched at once
	// (default 4); the fetcher's per-host limit still applies.
	ItemWorkers int
	// OnSource, if set, is called as each source finishes; calls never
	// overlap.
	OnSource func(SourceReport)
}

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
	return &Pipeline{o: o, log: o.Logger}
}

// Report is what a pass did.
type Report struct {
	RunID    int64
	Started  time.Time
	Finished time.Time
	Sources  []SourceReport
}

// SourceReport is what a pass did with one source.
type SourceReport struct {
	Name string
	// Err is the source's failure (nil when its feed was read).
	Err  error
	Kind fetcher.Kind
	// Items listed by the feed; New not seen before; Mentions kept as
	// new stories; Joined kept as copies of existing stories; PageErrors
	// articles whose page could not be had.
	Items, New, Mentions, Joined, PageErrors int
	Elapsed                                  time.Duration
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

// Totals sums the pass.
func (r Report) Totals() store.RunTotals {
	var t store.RunTotals
	for _, s := range r.Sources {
		if s.Err != nil {
			t.SourcesFailed++
		} else {
			t.SourcesOK++
		}
		t.NewItems += s.New
		t.NewMentions += s.Mentions + s.Joined
	}
	return t
}

// Run makes one pass over every source. It returns an error only when the
// pass itself cannot go on (the database fails); source failures are in
// the Report.
func (p *Pipeline) Run(ctx context.Context) (Report, error) {
	rep := Report{Started: time.Now()}
	srcs := make([]store.Source, len(p.o.Sources))
	for i, s := range p.o.Sources {
		srcs[i] = store.Source{Name: s.Name, URL: s.FeedURL(), Type: s.Type}
	}
	// Bookkeeping outlives a cancellation, so that an interrupted pass
	// still leaves its run log and source health behind.
	keep := context.WithoutCancel(ctx)
	if err := p.o.Store.SyncSources(keep, srcs); err != nil {
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
	sem := make(chan struct{}, p.o.Fetch.Concurrency)
	var wg sync.WaitGroup
	for i, src := range p.o.Sources {
		if ctx.Err() != nil {
			results[i] = SourceReport{Name: src.Name, Err: ctx.Err(), Kind: fetcher.KindCanceled}
			continue
		}
		sem <- struct{}{}
		wg.Go(func() {
			defer func() { <-sem }()
			r, err := p.runSource(ctx, src)
			results[i] = r
			if err != nil {
				fatalOnce.Do(func() { fatal = err })
			}
			if p.o.OnSource != nil {
				notify.Lock()
				p.o.OnSource(r)
				notify.Unlock()
			}
		})
	}
	wg.Wait()
	rep.Sources = results
	rep.Finished = time.Now()
	if fatal != nil {
		return rep, fatal
	}
	if err := p.o.Store.FinishRun(keep, runID, rep.Totals()); err != nil {
		return rep, err
	}
	return rep, nil
}

// runSource fetches one source and its new articles. A source failure is
// in the report; the error is for failures of the store, which end the
// pass.
func (p *Pipeline) runSource(ctx context.Context, src config.Source) (rep SourceReport, fatal error) {
	rep.Name = src.Name
	start := time.Now()
	log := p.log.With("source", src.Name)
	defer func() {
		if r := recover(); r != nil {
			rep.Err = fmt.Errorf("panic while processing the source: %v", r)
			rep.Kind = fetcher.KindOther
			log.Error("source panicked", "panic", r)
		}
		rep.Elapsed = time.Since(start)
		if ctx.Err() != nil && rep.Err == nil {
			rep.Err, rep.Kind = ctx.Err(), fetcher.KindCanceled
		}
		if fatal == nil && !errors.Is(rep.Err, context.Canceled) {
			fatal = p.recordSource(context.WithoutCancel(ctx), start, rep)
		}
	}()

	feed, _, err := p.o.Fetcher.FetchFeed(ctx, src.FeedURL(), p.o.Fetch.MaxItems)
	if err != nil {
		rep.Err, rep.Kind = err, fetcher.KindOf(err)
		log.Warn("source failed", "error_kind", rep.Kind, "error", err)
		return rep, nil
	}
	if feed.Truncated > 0 {
		log.Info("feed has more items than max_items", "kept", len(feed.Items), "dropped", feed.Truncated)
	}
	rep.Items = len(feed.Items)
	items := dedupeItems(feed.Items)
	links := make([]string, 0, len(items))
	for _, it := range items {
		links = append(links, it.key)
	}
	unseen, err := p.o.Store.Unseen(ctx, links)
	if err != nil {
		return rep, err
	}
	todo := map[string]bool{}
	for _, u := range unseen {
		todo[u] = true
	}
	rep.New = len(unseen)

	var mu sync.Mutex
	var storeErr error
	sem := make(chan struct{}, p.o.ItemWorkers)
	var wg sync.WaitGroup
	for _, it := range items {
		if !todo[it.key] || ctx.Err() != nil {
			continue
		}
		sem <- struct{}{}
		wg.Go(func() {
			defer func() { <-sem }()
			res, err := p.processItem(ctx, src, it, log)
			mu.Lock()
			defer mu.Unlock()
			if err != nil && storeErr == nil {
				storeErr = err
			}
			switch res {
			case store.SavedNewStory:
				rep.Mentions++
			case store.SavedJoined:
				rep.Joined++
			case store.OutcomePageFailed:
				rep.PageErrors++
			}
		})
	}
	wg.Wait()
	log.Info("source done", "items", rep.Items, "new", rep.New, "mentions", rep.Mentions, "copies", rep.Joined, "page_errors", rep.PageErrors)
	return rep, storeErr
}

func (p *Pipeline) recordSource(ctx context.Context, start time.Time, rep SourceReport) error {
	r := store.SourceResult{Name: rep.Name, Attempted: start, Items: rep.Items, New: rep.New, Mentions: rep.Mentions + rep.Joined}
	if rep.Err != nil {
		r.Err, r.ErrorKind = rep.Err.Error(), string(rep.Kind)
		if se, ok := errors.AsType[*fetcher.StatusError](rep.Err); ok {
			r.HTTPStatus = se.Code
		}
	}
	return p.o.Store.RecordSource(ctx, r)
}

// item is a feed item with the key it is remembered by.
type item struct {
	fetcher.Item
	key string // canonical form of the item's link
}

// dedupeItems drops items without an http(s) link and repeats of one link
// (feeds that list an item three times, RELIABILITY.md C8).
func dedupeItems(in []fetcher.Item) []item {
	seen := map[string]bool{}
	var out []item
	for _, it := range in {
		link := it.Link
		if link == "" && strings.HasPrefix(it.GUID, "http") {
			link = it.GUID
		}
		key, err := canon.URL(link)
		if err != nil || seen[key] {
			continue
		}
		seen[key] = true
		it.Link = link
		out = append(out, item{Item: it, key: key})
	}
	return out
}

// processItem fetches, extracts, matches and keeps one new item. It
// returns what became of it: a store.Saved outcome, or a seen outcome.
func (p *Pipeline) processItem(ctx context.Context, src config.Source, it item, log *slog.Logger) (outcome string, fatal error) {
	defer func() {
		if r := recover(); r != nil {
			log.Error("item panicked", "url", it.Link, "panic", r)
			outcome, fatal = store.OutcomePageFailed, p.o.Store.MarkSeen(context.WithoutCancel(ctx), store.Seen{
				URLs: []string{it.key}, Source: src.Name, Outcome: store.OutcomePageFailed, Err: fmt.Sprintf("panic: %v", r)})
		}
	}()
	doc := p.read(ctx, src, it, log)
	if ctx.Err() != nil {
		return "", nil // cancelled: leave the item for the next pass
	}
	seenURLs := []string{it.key}
	if doc.finalURL != "" {
		seenURLs = append(seenURLs, canon.Must(doc.finalURL))
	}
	mentions := p.o.Matcher.Match(mention.Document{Title: doc.title, Paragraphs: doc.paragraphs})
	if len(mentions) == 0 && !doc.fromFeed {
		// A teaser page or an extraction that lost the standfirst: the
		// feed's own text about the article counts too.
		feedDoc := feedDocument(it)
		mentions = p.o.Matcher.Match(mention.Document{Title: feedDoc.title, Paragraphs: feedDoc.paragraphs})
	}
	if len(mentions) == 0 {
		seen := store.Seen{URLs: seenURLs, Source: src.Name, Outcome: store.OutcomeNoMention}
		if doc.pageErr != nil {
			seen.Outcome, seen.Err = store.OutcomePageFailed, doc.pageErr.Error()
		}
		if err := p.o.Store.MarkSeen(ctx, seen); err != nil {
			return "", err
		}
		return seen.Outcome, nil
	}
	outlet := src.Outlet()
	if src.Type == config.TypeGoogleNews && it.Source != "" {
		outlet = it.Source
	}
	line := p.o.Summarizer.Line(summarizer.Article{
		Outlet: outlet, Title: doc.title, Paragraphs: doc.paragraphs, Type: doc.kind, Language: doc.language,
	})
	a := store.Article{
		Source: src.Name, Outlet: outlet, Priority: src.Priority,
		URL: doc.finalURL, CanonicalURL: doc.canonical, SeenURLs: seenURLs,
		Title: doc.title, Text: strings.Join(doc.paragraphs, "\n\n"), PublishedAt: doc.published,
		Author: doc.author, SiteName: doc.siteName, Language: doc.language, Type: doc.kind, Wire: doc.wire,
		FromFeed: doc.fromFeed, Line: line,
	}
	if a.URL == "" {
		a.URL = it.Link
	}
	for _, m := range mentions {
		a.Mentions = append(a.Mentions, store.Mention{Watch: m.Watch, Where: m.Where, Count: m.Count, Score: m.Score, Terms: m.Terms, Snippet: m.Snippet})
	}
	saved, err := p.o.Store.SaveArticle(ctx, a)
	if err != nil {
		return "", err
	}
	log.Info("mention", "url", a.URL, "outcome", saved.Outcome, "story", saved.StoryID)
	return saved.Outcome, nil
}

// document is an article as the matcher and summarizer read it: from the
// page when it could be had, else from the feed item.
type document struct {
	title, author, siteName, language, kind, wire string
	paragraphs                                    []string
	published                                     time.Time
	finalURL, canonical                           string
	fromFeed                                      bool
	pageErr                                       error
}

// read fetches and extracts the item's page, falling back to the feed
// item's own text when the page cannot be had or holds no text.
func (p *Pipeline) read(ctx context.Context, src config.Source, it item, log *slog.Logger) document {
	feedDoc := feedDocument(it)
	resp, err := p.o.Fetcher.FetchPage(ctx, it.Link)
	if err != nil {
		log.Info("article page failed; using the feed's text", "url", it.Link, "error_kind", fetcher.KindOf(err), "error", err)
		feedDoc.pageErr = err
		return feedDoc
	}
	art, err := extractor.Extract(bytes.NewReader(resp.Body), resp.URL, resp.ContentType())
	if err != nil || len(art.Paragraphs) == 0 {
		if err == nil {
			err = errors.New("no article text on the page")
		}
		log.Info("article page unreadable; using the feed's text", "url", resp.URL, "error", err)
		feedDoc.pageErr = err
		feedDoc.finalURL = resp.URL
		return feedDoc
	}
	d := document{
		title: art.Title, author: art.Author, siteName: art.SiteName, language: art.Language,
		kind: art.Type, wire: art.Wire, paragraphs: art.Paragraphs, published: art.Published,
		finalURL: resp.URL, canonical: canonicalURL(resp.URL, art.CanonicalURL),
	}
	if d.title == "" {
		d.title = feedDoc.title
	}
	if d.published.IsZero() {
		d.published = feedDoc.published
	}
	return d
}

// feedDocument is the article as the feed item describes it.
func feedDocument(it item) document {
	text := extractor.TextFromHTML(it.Content)
	if len(text) < len(extractor.TextFromHTML(it.Description)) {
		text = extractor.TextFromHTML(it.Description)
	}
	var paras []string
	for _, p := range strings.Split(text, "\n\n") {
		if p = strings.TrimSpace(p); p != "" {
			paras = append(paras, p)
		}
	}
	title := extractor.TextFromHTML(it.Title)
	if it.Source != "" {
		// Google News appends " - Outlet" to every title.
		title = strings.TrimSuffix(title, " - "+it.Source)
	}
	return document{
		title: title, author: it.Author, kind: extractor.TypeNews, paragraphs: paras,
		published: it.Published, canonical: it.key, fromFeed: true,
	}
}

// canonicalURL honours the page's rel=canonical (or og:url) when it points
// to the same site as the page, and otherwise keeps the page's own URL: a
// canonical link to another site is a syndication credit, not this copy's
// address.
func canonicalURL(pageURL, declared string) string {
	page := canon.Must(pageURL)
	if declared == "" {
		return page
	}
	d, err := canon.URL(declared)
	if err != nil || !canon.SameSite(page, d) {
		return page
	}
	return d
}
