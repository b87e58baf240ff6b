package pipeline

import (
	"encoding/json"
	"fmt"
	"html"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/pressclip/pressclip/config"
	"github.com/pressclip/pressclip/extractor"
	"github.com/pressclip/pressclip/mention"
	"github.com/pressclip/pressclip/store"
)

// syndicationSets are the labelled sets of syndicated copies and
// look-alikes (dedup/testdata/*/README.md).
var syndicationSets = []string{"../dedup/testdata/dev", "../dedup/testdata/heldout"}

type labelled struct {
	File   string `json:"file"`
	Story  string `json:"story"`
	Outlet string `json:"outlet"`
	Agency string `json:"agency"`

	matcher *mention.Matcher
}

// mentions reports whether the matcher finds a mention in the page.
func mentions(t *testing.T, path string, m *mention.Matcher) bool {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	art, err := extractor.Extract(f, "https://syndication.example/"+filepath.Base(path), "text/html")
	if err != nil {
		t.Fatal(err)
	}
	return len(m.Match(mention.Document{Title: art.Title, Paragraphs: art.Paragraphs})) > 0
}

var slugRe = regexp.MustCompile(`[^a-z0-9]+`)

// TestSyndicatedCopiesBecomeOneStory runs a real pass over a labelled set,
// one loopback source per outlet, and checks what the store made of it:
// the same-story decisions against the labels (precision and recall at
// least 0.98, pairwise), and each story's credit: the agency when its
// copies carry a byline, else an outlet.
func TestSyndicatedCopiesBecomeOneStory(t *testing.T) {
	for _, dir := range syndicationSets {
		t.Run(filepath.Base(dir), func(t *testing.T) {
			b, err := os.ReadFile(filepath.Join(dir, "labels.json"))
			if err != nil {
				t.Fatal(err)
			}
			var pages []labelled
			if err := json.Unmarshal(b, &pages); err != nil {
				t.Fatal(err)
			}
			byOutlet := map[string][]labelled{}
			for _, p := range pages {
				slug := strings.Trim(slugRe.ReplaceAllString(strings.ToLower(p.Outlet), "-"), "-")
				byOutlet[slug] = append(byOutlet[slug], p)
			}
			srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				slug, file, _ := strings.Cut(strings.TrimPrefix(r.URL.Path, "/"), "/")
				if file == "feed.xml" {
					fmt.Fprint(w, `<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>`+slug+`</title>`)
					for _, p := range byOutlet[slug] {
						fmt.Fprintf(w, `<item><title>%s</title><link>http://%s/%s/%s</link></item>`, html.EscapeString(p.File), r.Host, slug, p.File)
					}
					fmt.Fprint(w, `</channel></rss>`)
					return
				}
				http.ServeFile(w, r, filepath.Join(dir, filepath.Base(file)))
			}))
			defer srv.Close()
			var sources []config.Source
			for slug, ps := range byOutlet {
				sources = append(sources, config.Source{Name: ps[0].Outlet, Type: config.TypeFeed, URL: srv.URL + "/" + slug + "/feed.xml"})
			}
			st := openStore(t)
			p := newPipeline(t, st, sources)
			p.o.Matcher = multilingualMatcher(t)
			for i := range pages {
				pages[i].matcher = p.o.Matcher
			}
			if _, err := p.Run(t.Context()); err != nil {
				t.Fatal(err)
			}
			stories, err := st.Stories(t.Context(), store.Filter{IncludeLow: true})
			if err != nil {
				t.Fatal(err)
			}
			storyOf := map[string]int64{} // file → stored story
			credit := map[int64]string{}
			for _, s := range stories {
				credit[s.ID] = s.Credit
				storyOf[filepath.Base(s.URL)] = s.ID
				for _, c := range s.Copies {
					storyOf[filepath.Base(c.URL)] = s.ID
				}
			}
			var kept []labelled
			for _, p := range pages {
				if _, ok := storyOf[p.File]; ok {
					kept = append(kept, p)
				} else if mentions(t, filepath.Join(dir, p.File), p.matcher) {
					t.Errorf("%s mentions IOM but was not kept", p.File)
				}
			}
			var tp, fp, fn int
			for i := range kept {
				for j := i + 1; j < len(kept); j++ {
					truth := kept[i].Story == kept[j].Story
					said := storyOf[kept[i].File] == storyOf[kept[j].File]
					switch {
					case truth && said:
						tp++
					case said:
						fp++
						t.Logf("false merge: %s / %s", kept[i].File, kept[j].File)
					case truth:
						fn++
						t.Logf("missed: %s / %s", kept[i].File, kept[j].File)
					}
				}
			}
			precision, recall := float64(tp)/float64(max(1, tp+fp)), float64(tp)/float64(max(1, tp+fn))
			t.Logf("%d pages kept, %d stories; pairwise precision %.3f, recall %.3f (tp %d, fp %d, fn %d)", len(kept), len(stories), precision, recall, tp, fp, fn)
			if precision < 0.98 || recall < 0.98 {
				t.Errorf("precision %.3f, recall %.3f: want at least 0.98 both", precision, recall)
			}
			// Credits: a story whose copies carry an agency's byline is the
			// agency's.
			agencies := map[string]map[string]int{}
			for _, p := range kept {
				if agencies[p.Story] == nil {
					agencies[p.Story] = map[string]int{}
				}
				if p.Agency != "" {
					agencies[p.Story][p.Agency]++
				}
			}
			for _, p := range kept {
				want := p.Outlet
				for a := range agencies[p.Story] {
					want = a
				}
				got := credit[storyOf[p.File]]
				if len(agencies[p.Story]) == 0 {
					if got == "" || isAgency(agencies, got) {
						t.Errorf("%s: credited to %q, want an outlet", p.File, got)
					}
				} else if got != want {
					t.Errorf("%s: credited to %q, want %q", p.File, got, want)
				}
			}
		})
	}
}

func isAgency(agencies map[string]map[string]int, name string) bool {
	for _, as := range agencies {
		if as[name] > 0 {
			return true
		}
	}
	return false
}

// multilingualMatcher finds IOM in English, French and Spanish.
func multilingualMatcher(t *testing.T) *mention.Matcher {
	t.Helper()
	m, err := mention.New([]mention.Watch{{Name: "International Organization for Migration", Aliases: []string{
		"IOM", "OIM", "International Organization for Migration", "International Organisation for Migration",
		"Organisation internationale pour les migrations", "Organización Internacional para las Migraciones"},
		Exclude: []string{"Isle of Man"}}})
	if err != nil {
		t.Fatal(err)
	}
	return m
}
