package pipeline

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"sync"
	"time"

	"golang.org/x/sync/errgroup"

	"github.com/pressclip/pressclip/canon"
	"github.com/pressclip/pressclip/config"
	"github.com/pressclip/pressclip/fetcher"
	"github.com/pressclip/pressclip/parse"
	"github.com/pressclip/pressclip/store"
)

// fetcherSource maps a configured source and its stored state to what the
// fetcher needs.
func (p *Pipeline) fetcherSource(src config.Source, st store.SourceState) fetcher.Source {
	u := src.FeedURL()
	if st.FeedURL != "" && src.Type == config.TypeFeed {
		u = st.FeedURL // the feed a home page named on an earlier pass
	}
	return fetcher.Source{
		Type: src.Type, URL: u, Item: src.Item, Links: src.Links, Title: src.Title, Date: src.Date,
		Keywords: src.Keywords, MaxItems: p.o.Fetch.MaxItems, ETag: st.ETag, LastModified: st.LastModified,
	}
}

// runSource fetches one source and its new articles. A source failure is
// in the report; the error is for failures of the store, which end the
// pass.
// Long: one source's steps in their order (fetch, remember the old,
// process the new, record the health), sharing the report and the
// deferred recovery that keeps a panic to this source.
func (p *Pipeline) runSource(ctx context.Context, src config.Source, st store.SourceState) (rep SourceReport, fatal error) {
	rep.Name = src.Name
	start := p.o.Now()
	log := p.log.With("source", src.Name)
	var res *fetcher.Result
	defer func() {
		if r := recover(); r != nil {
			rep.Err = fmt.Errorf("panic while processing the source: %v", r)
			rep.Kind = fetcher.KindOther
			log.Error("source panicked", "panic", r)
		}
		rep.Elapsed = p.o.Now().Sub(start)
		if ctx.Err() != nil && rep.Err == nil {
			rep.Err, rep.Kind = ctx.Err(), fetcher.KindCanceled
		}
		if fatal == nil && !errors.Is(rep.Err, context.Canceled) && !errors.Is(rep.Err, fetcher.ErrNotReached) {
			fatal = p.recordSource(context.WithoutCancel(ctx), start, rep, res, st)
		}
	}()

	res, err := p.o.Fetcher.FetchSource(ctx, p.fetcherSource(src, st))
	if err != nil {
		rep.Err, rep.Kind = err, fetcher.KindOf(err)
		log.Warn("source failed", "error_kind", rep.Kind, "error", err)
		return rep, nil
	}
	if res.NotModified {
		rep.NotModified = true
		log.Info("source not modified")
		return rep, nil
	}
	if res.DiscoveredURL != "" {
		rep.Discovered = res.DiscoveredURL
		log.Info("feed discovered on the home page", "feed_url", res.DiscoveredURL)
	}
	if res.Truncated > 0 {
		log.Info("source has more items than max_items", "kept", len(res.Items), "dropped", res.Truncated)
	}
	if res.Repaired {
		log.Warn("feed was cut off; parsed after closing its open elements")
	}
	rep.Items = len(res.Items)
	items := dedupeItems(res.Items, p.o.Now())
	links := make([]string, 0, len(items))
	for _, it := range items {
		links = append(links, it.key)
	}
	unseen, err := p.o.Store.Unseen(ctx, links)
	if err == nil && p.o.Claimer != "" {
		// Workers sharing a pass: an article another worker's source
		// listed too is read by whichever claims it first.
		unseen, err = p.o.Store.ClaimURLs(ctx, unseen, p.o.Claimer, p.o.ClaimFor)
	}
	if err != nil && ctx.Err() != nil {
		return rep, nil // stopped: the source is reported cancelled
	}
	if err != nil {
		return rep, err
	}
	todo := map[string]bool{}
	for _, u := range unseen {
		todo[u] = true
	}
	rep.New = len(unseen)

	// A backlog: items the feed dates before max_age are remembered, not
	// read (undated ones are read: found now, they count as now).
	var old []string
	for _, it := range items {
		if todo[it.key] && p.tooOld(it.Published) {
			old = append(old, it.key)
			delete(todo, it.key)
		}
	}
	if len(old) > 0 {
		if err := p.o.Store.MarkSeen(context.WithoutCancel(ctx), store.Seen{URLs: old, Source: src.Name, Outcome: store.OutcomeOld}); err != nil {
			return rep, err
		}
		rep.Old = len(old)
		log.Info("items older than max_age remembered, not read", "items", len(old), "max_age", p.o.Fetch.MaxAge.Value())
	}

	var mu sync.Mutex
	var storeErr error
	var workers errgroup.Group // a pool: a store error is kept, the others go on
	workers.SetLimit(p.o.ItemWorkers)
	for _, it := range items {
		if !todo[it.key] || ctx.Err() != nil {
			continue
		}
		workers.Go(func() error {
			outcome, err := p.processItem(ctx, src, it, log)
			if p.o.OnItem != nil {
				p.o.OnItem()
			}
			mu.Lock()
			defer mu.Unlock()
			if err != nil && storeErr == nil {
				storeErr = err
			}
			switch outcome {
			case store.SavedNewStory:
				rep.Mentions++
			case store.SavedJoined:
				rep.Joined++
			case store.OutcomePageFailed:
				rep.PageErrors++
			case store.OutcomeRobots:
				rep.Robots++
			case store.OutcomeOld:
				rep.Old++
			}
			return nil
		})
	}
	workers.Wait()
	log.Info("source done", "items", rep.Items, "new", rep.New, "mentions", rep.Mentions, "copies", rep.Joined,
		"page_errors", rep.PageErrors, "robots", rep.Robots, "old", rep.Old)
	return rep, storeErr
}

func (p *Pipeline) recordSource(ctx context.Context, start time.Time, rep SourceReport, res *fetcher.Result, st store.SourceState) error {
	r := store.SourceResult{
		Name: rep.Name, Attempted: start, Items: rep.Items, New: rep.New, Mentions: rep.Mentions + rep.Joined,
		NotModified: rep.NotModified, FeedURL: st.FeedURL,
	}
	if res != nil {
		r.HTTPStatus, r.ETag, r.LastModified, r.Latency = res.Status, res.ETag, res.LastModified, res.Elapsed
		if res.DiscoveredURL != "" {
			r.FeedURL = res.DiscoveredURL
		}
	}
	if rep.Err != nil {
		r.Err, r.ErrorKind = rep.Err.Error(), string(rep.Kind)
		if se, ok := errors.AsType[*fetcher.StatusError](rep.Err); ok {
			r.HTTPStatus, r.RetryAfter = se.Code, se.RetryAfterDelay
		}
	}
	return p.o.Store.RecordSource(ctx, r)
}

// item is a source item with the key it is remembered by.
type item struct {
	parse.Item
	key string // canonical form of the item's link
}

// tooOld reports whether an item published at t is older than max_age;
// an undated item (zero t) is not.
func (p *Pipeline) tooOld(t time.Time) bool {
	maxAge := p.o.Fetch.MaxAge.Value()
	return maxAge > 0 && !t.IsZero() && t.Before(p.o.Now().Add(-maxAge))
}

// dedupeItems drops items without an http(s) link and repeats of one link
// (feeds that list an item three times, RELIABILITY.md C8), and clamps
// dates in the future to now so that a wrong clock or a typo cannot pin
// an item to the top of every digest (C13).
func dedupeItems(in []parse.Item, now time.Time) []item {
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
		if it.Published.After(now.Add(time.Hour)) {
			it.Published = now
		}
		out = append(out, item{Item: it, key: key})
	}
	return out
}
