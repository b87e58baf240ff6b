package pipeline

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/pressclip/pressclip/config"
	"github.com/pressclip/pressclip/store"
)

// TestRobotsHeadlineMention: robots.txt closes the article page. When the
// item's headline alone names the organization, the story is kept as a
// headline mention that says so (not dropped); when the feed's own summary
// names it too, the mention is not labelled headline-only.
func TestRobotsHeadlineMention(t *testing.T) {
	for _, tt := range []struct {
		desc, summary string
		headline      bool
	}{
		{"the headline alone", "", true},
		{"the summary too", "<description>The International Organization for Migration (IOM) said boats kept arriving despite the storms, and that reception centres were full.</description>", false},
	} {
		t.Run(tt.desc, func(t *testing.T) {
			var srv *httptest.Server
			srv = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				switch r.URL.Path {
				case "/robots.txt":
					w.Write([]byte("User-agent: *\nDisallow: /news/\n"))
				case "/feed.xml":
					fmt.Fprintf(w, `<?xml version="1.0"?><rss version="2.0"><channel><title>Closed Outlet</title>
<item><title>IOM says 3,000 migrants reached the islands in a week</title><link>%s/news/1.html</link>%s</item>
</channel></rss>`, srv.URL, tt.summary)
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
			if err != nil || len(stories) != 1 || len(stories[0].Matches) == 0 {
				t.Fatalf("%d stories (low ones left out), %v; want the mention", len(stories), err)
			}
			if got := stories[0].Matches[0].Where == InHeadline; got != tt.headline {
				t.Errorf("matches %+v: labelled headline-only %v, want %v", stories[0].Matches, got, tt.headline)
			}
		})
	}
}
