package pipeline

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"strings"
	"time"

	"github.com/pressclip/pressclip/canon"
	"github.com/pressclip/pressclip/config"
	"github.com/pressclip/pressclip/extractor"
	"github.com/pressclip/pressclip/fetcher"
	"github.com/pressclip/pressclip/mention"
	"github.com/pressclip/pressclip/store"
	"github.com/pressclip/pressclip/summarizer"
)

// InSearch is where a mention was found when only a search engine saw
// it: a Google News result whose article could not be read.
const InSearch = "search"

// InHeadline is where a mention was found when robots.txt closed the
// page to us and the item's headline (its link text) alone matched: the
// feed's text about it (if any) names no watch.
const InHeadline = "headline (page closed by robots.txt)"

// processItem fetches, extracts, matches and keeps one new item. It
// returns what became of it: a store.Saved outcome, or a seen outcome.
// Long: the item's decisions in their order (too old, read, matched,
// headline or search match, seen, drafted, saved), each falling through
// to the next with the same document.
func (p *Pipeline) processItem(ctx context.Context, src config.Source, it item, log *slog.Logger) (outcome store.Outcome, fatal error) {
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
	// From here the item is in flight: a stop (SIGTERM) lets it be kept
	// rather than fail the pass; saving takes milliseconds.
	keep := context.WithoutCancel(ctx)
	seenURLs := []string{it.key}
	if doc.finalURL != "" {
		seenURLs = append(seenURLs, canon.Must(doc.finalURL))
	}
	if p.tooOld(doc.published) {
		// The page dates itself before max_age (the feed did not say):
		// an archive page, not news.
		log.Info("article older than max_age; remembered, not kept", "url", it.Link, "published", doc.published)
		seen := store.Seen{URLs: seenURLs, Source: src.Name, Outcome: store.OutcomeOld}
		return store.OutcomeOld, p.o.Store.MarkSeen(keep, seen)
	}
	mentions := p.o.Matcher.Match(mention.Document{Title: doc.title, Paragraphs: doc.paragraphs})
	if len(mentions) == 0 && !doc.fromFeed {
		// A teaser page or an extraction that lost the standfirst: the
		// feed's own text about the article counts too.
		feedDoc := feedDocument(it)
		mentions = p.o.Matcher.Match(mention.Document{Title: feedDoc.title, Paragraphs: feedDoc.paragraphs})
	}
	if errors.Is(doc.pageErr, fetcher.ErrRobots) && len(mentions) > 0 &&
		len(p.o.Matcher.Match(mention.Document{Paragraphs: doc.paragraphs})) == 0 {
		// robots.txt keeps us from the page and the item's headline (its
		// link text) is all that matched: kept as a headline mention, as a
		// search engine's result is, and the mention says so (the watch's
		// min_score still decides its relevance).
		for i := range mentions {
			mentions[i].Where = InHeadline
		}
	}
	if len(mentions) == 0 && doc.fromFeed && it.SearchResult && p.searchMatch(doc) {
		// The search engine read an article we cannot: trust its match,
		// unless the headline itself names an excluded phrase.
		mentions = []mention.Mention{{Watch: p.o.Watch, Where: InSearch, Count: 1, Score: 1, Role: mention.RoleMention, Snippet: doc.title}}
	}
	if len(mentions) == 0 {
		seen := store.Seen{URLs: seenURLs, Source: src.Name, Outcome: store.OutcomeNoMention}
		switch {
		case errors.Is(doc.pageErr, fetcher.ErrRobots):
			seen.Outcome, seen.Err = store.OutcomeRobots, doc.pageErr.Error()
		case doc.pageErr != nil:
			seen.Outcome, seen.Err = store.OutcomePageFailed, doc.pageErr.Error()
		}
		if err := p.o.Store.MarkSeen(keep, seen); err != nil {
			return "", err
		}
		return seen.Outcome, nil
	}
	outlet := src.Outlet()
	if it.SearchResult && it.Source != "" {
		outlet = it.Source
	}
	draft := p.o.Writer.Write(ctx, summarizer.Article{Outlet: outlet, Title: doc.title, Paragraphs: doc.paragraphs, Type: doc.kind, Language: doc.language, Standfirst: doc.standfirst})
	var wireLine string
	var wireAlts []string
	if doc.wire != "" {
		// Wire copy: the store credits the agency when it elects this
		// article to represent its story.
		wireLine = summarizer.Recredit(draft.Line, outlet, doc.wire)
		for _, alt := range draft.Alternatives {
			wireAlts = append(wireAlts, summarizer.Recredit(alt, outlet, doc.wire))
		}
	}
	a := store.Article{
		Source: src.Name, Outlet: outlet, Priority: src.Priority,
		URL: doc.finalURL, CanonicalURL: doc.canonical, SeenURLs: seenURLs,
		Title: doc.title, Text: strings.Join(doc.paragraphs, "\n\n"), PublishedAt: doc.published,
		Author: doc.author, SiteName: doc.siteName, Language: doc.language, Type: doc.kind, Wire: doc.wire,
		FromFeed: doc.fromFeed, Partial: doc.partial, LowConfidence: doc.lowConfidence, Line: draft.Line, WireLine: wireLine,
		Alternatives: draft.Alternatives, WireAlternatives: wireAlts, NeedsTranslation: draft.NeedsTranslation, SourceLead: draft.Source,
	}
	if a.URL == "" {
		a.URL = it.Link
	}
	for _, m := range mentions {
		a.Mentions = append(a.Mentions, store.Mention{Watch: m.Watch, Where: m.Where, Count: m.Count, Score: m.Score,
			Role: m.Role, Low: m.Low, Terms: m.Terms, Snippet: m.Snippet, Marks: m.Marks})
	}
	saved, err := p.o.Store.SaveArticle(keep, a)
	if err != nil {
		return "", err
	}
	log.Info("mention", "url", a.URL, "outcome", saved.Outcome, "story", saved.StoryID)
	return saved.Outcome, nil
}

// searchMatch reports whether a search result's headline is free of the
// watch's excluded phrases (the only check possible on a headline alone).
func (p *Pipeline) searchMatch(doc document) bool {
	return p.o.Watch != "" && !p.o.Matcher.Excluded(doc.title)
}

// document is an article as the matcher and summarizer read it: from the
// page when it could be had, else from the feed item.
type document struct {
	title, author, siteName, language, kind, wire string
	standfirst                                    string
	paragraphs                                    []string
	published                                     time.Time
	finalURL, canonical                           string
	fromFeed, partial                             bool
	// lowConfidence: the page's text did not agree with its headline,
	// description or the feed item; the feed's text is read instead when
	// the item has any.
	lowConfidence bool
	pageErr       error
}

// read fetches and extracts the item's page, falling back to the feed
// item's own text when the page cannot be had (or robots.txt forbids it,
// or the link is a Google News redirect nobody can follow) or holds no
// text.
func (p *Pipeline) read(ctx context.Context, src config.Source, it item, log *slog.Logger) document {
	feedDoc := feedDocument(it)
	if it.HeadlineOnly {
		feedDoc.pageErr = errors.New("a link that names no readable page (a Google News redirect)")
		return feedDoc
	}
	resp, err := p.o.Fetcher.FetchPage(ctx, it.Link)
	if err != nil {
		log.Info("article page not read; using the feed's text", "url", it.Link, "error_kind", fetcher.KindOf(err), "error", err)
		feedDoc.pageErr = err
		return feedDoc
	}
	art, err := extractor.ExtractBytes(resp.Body, resp.URL, resp.ContentType())
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
		kind: art.Type, wire: art.Wire, paragraphs: art.Paragraphs, published: art.Published, standfirst: art.Standfirst,
		finalURL: resp.URL, canonical: canonicalURL(resp.URL, art.CanonicalURL), partial: art.Partial,
	}
	// The extractor checked the text against the page's headline and
	// description; the feed item's title and summary are a second opinion.
	d.lowConfidence = art.LowConfidence
	if ok, checked := extractor.Agrees(art.Paragraphs, art.SiteName, feedDoc.title, strings.Join(feedDoc.paragraphs, " ")); checked && !ok {
		d.lowConfidence = true
	}
	switch {
	case d.lowConfidence && len(feedDoc.paragraphs) > 0:
		// The text may be a footer or a sidebar: match and write the line
		// from the feed's own text about the article.
		log.Info("article text does not agree with its headline or feed; using the feed's text", "url", resp.URL)
		d.paragraphs, d.standfirst = feedDoc.paragraphs, ""
	case art.Partial:
		// A teaser: the feed's own text about the article is read with it.
		d.paragraphs = appendNew(d.paragraphs, feedDoc.paragraphs)
	}
	if d.title == "" {
		d.title = feedDoc.title
	}
	if d.published.IsZero() || d.published.After(p.o.Now().Add(time.Hour)) {
		d.published = feedDoc.published
	}
	return d
}

// appendNew appends the paragraphs of more that paras does not already
// hold.
func appendNew(paras, more []string) []string {
	have := strings.Join(paras, "\n")
	for _, p := range more {
		if !strings.Contains(have, p) {
			paras = append(paras, p)
		}
	}
	return paras
}

// feedDocument is the article as the feed item describes it.
func feedDocument(it item) document {
	text := extractor.TextFromHTML(it.Content)
	if desc := extractor.TextFromHTML(it.Description); len(text) < len(desc) {
		text = desc
	}
	var paras []string
	for _, p := range strings.Split(text, "\n\n") {
		if p = strings.TrimSpace(p); p != "" {
			paras = append(paras, p)
		}
	}
	title := extractor.TextFromHTML(it.Title)
	return document{
		title: title, author: it.Author, kind: extractor.TypeNews, paragraphs: paras,
		language:  extractor.DetectLanguage(append([]string{title}, paras...)),
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
