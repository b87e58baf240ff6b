package pipeline

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/pressclip/pressclip/config"
	"github.com/pressclip/pressclip/store"
)

// TestRobotsHeadlineMention: robots.txt closes the article page and the
// item's headline alone names the organization: the story is kept as a
// headline mention that says so, not dropped nor hidden as low relevance.
func TestRobotsHeadlineMention(t *testing.T) {
	var srv *httptest.Server
	srv = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/robots.txt":
			w.Write([]byte("User-agent: *\nDisallow: /news/\n"))
		case "/feed.xml":
			fmt.Fprintf(w, `<?xml version="1.0"?><rss version="2.0"><channel><title>Closed Outlet</title>
<item><title>IOM says 3,000 migrants reached the islands in a week</title><link>%s/news/1.html</link></item>
</channel></rss>`, srv.URL)
		default:
			t.Errorf("fetched %s, which robots.txt disallows", r.URL.Path)
			http.NotFound(w, r)
		}
	}))
	t.Cleanup(srv.Close)
	st := openStore(t)
	if _, err := newPipeline(t, st, []config.Source{{Name: "Closed Outlet", Type: config.TypeFeed, URL: srv.URL + "/feed.xml"}}).Run(t.Context()); err != nil {
		t.Fatal(err)
	}
	stories, err := st.Stories(t.Context(), store.Filter{})
	if err != nil {
		t.Fatal(err)
	}
	if len(stories) != 1 {
		t.Fatalf("%d stories (low ones left out), want the headline mention", len(stories))
	}
	if len(stories[0].Matches) == 0 || stories[0].Matches[0].Where != InHeadline {
		t.Errorf("matches %+v, want one found in the headline, saying the page was closed", stories[0].Matches)
	}
}

// TestRobotsMentionInTheSummaryIsNoHeadline: when the feed's own summary
// names the organization too, the mention is not labelled headline-only.
func TestRobotsMentionInTheSummaryIsNoHeadline(t *testing.T) {
	var srv *httptest.Server
	srv = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/robots.txt":
			w.Write([]byte("User-agent: *\nDisallow: /news/\n"))
		case "/feed.xml":
			fmt.Fprintf(w, `<?xml version="1.0"?><rss version="2.0"><channel><title>Closed Outlet</title>
<item><title>IOM says 3,000 migrants reached the islands in a week</title><link>%s/news/1.html</link>
<description>The International Organization for Migration (IOM) said boats kept arriving despite the storms, and that reception centres were full.</description></item>
</channel></rss>`, srv.URL)
		default:
			http.NotFound(w, r)
		}
	}))
	t.Cleanup(srv.Close)
	st := openStore(t)
	if _, err := newPipeline(t, st, []config.Source{{Name: "Closed Outlet", Type: config.TypeFeed, URL: srv.URL + "/feed.xml"}}).Run(t.Context()); err != nil {
		t.Fatal(err)
	}
	stories, err := st.Stories(t.Context(), store.Filter{})
	if err != nil || len(stories) != 1 {
		t.Fatalf("%d stories, %v", len(stories), err)
	}
	if stories[0].Matches[0].Where == InHeadline {
		t.Errorf("the summary names IOM too, yet the mention says headline only: %+v", stories[0].Matches)
	}
}
