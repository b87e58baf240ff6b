package mention_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/goccy/go-yaml"

	"github.com/pressclip/pressclip/config"
	"github.com/pressclip/pressclip/extractor"
	"github.com/pressclip/pressclip/mention"
)

// The labelled suite (issue 5): sentences and whole pages, each labelled
// with the watches that should match it, run against the watches of the
// repository's config.yaml. testdata/cases/cases.yaml holds the sentence
// cases; testdata/cases/pages.json labels the pages beside it, which go
// through extractor.Extract first, as the pipeline does.

const casesDir = "testdata/cases"

// labelled is one case: a text (or a page) and the watches it should
// match.
type labelled struct {
	Name string `yaml:"name" json:"name"`
	// Cat groups cases for the summary.
	Cat string `yaml:"cat" json:"cat"`
	// Why explains a label that needed a decision.
	Why string `yaml:"why" json:"why"`
	// Query, when set, is an ad-hoc watch that replaces the config's:
	// the case tests the query language itself.
	Query string `yaml:"query" json:"query"`
	// Title, Text (one paragraph) and Paras (paragraphs, the first two
	// the lead) make the document; pages name a File and its URL.
	Title string   `yaml:"title" json:"title"`
	Text  string   `yaml:"text" json:"text"`
	Paras []string `yaml:"paras" json:"paras"`
	File  string   `yaml:"file" json:"file"`
	URL   string   `yaml:"url" json:"url"`
	// Want lists the watches that should match; every other watch
	// should not.
	Want []want `yaml:"want" json:"want"`
}

// want is one expected mention. Watch is "org" for the organization,
// "query" for the case's ad-hoc query, else a watch's name; Where, Role
// and Low are checked when given.
type want struct {
	Watch string `yaml:"watch" json:"watch"`
	Where string `yaml:"where" json:"where"`
	Role  string `yaml:"role" json:"role"`
	Low   *bool  `yaml:"low" json:"low"`
}

// tally counts the (case, watch) decisions.
type tally struct {
	tp, fp, fn, tn int
	attrs, wrong   int
	cases          int
	byCat          map[string]int
}

func (s *tally) precision() float64 { return ratio(s.tp, s.tp+s.fp) }
func (s *tally) recall() float64    { return ratio(s.tp, s.tp+s.fn) }

func ratio(a, b int) float64 {
	if b == 0 {
		return 1
	}
	return float64(a) / float64(b)
}

func TestSuite(t *testing.T) {
	cfg, err := config.LoadFile("../config.yaml")
	if err != nil {
		t.Fatal(err)
	}
	var watches []mention.Watch
	for _, w := range cfg.AllWatches() { // as cmd/pressclip/wire.go maps them
		watches = append(watches, mention.Watch{Name: w.Name, Query: w.Query, Aliases: w.Aliases, Exclude: w.Exclude,
			MinScore: w.MinScore, StrictAccents: w.StrictAccents})
	}
	m, err := mention.New(watches)
	if err != nil {
		t.Fatal(err)
	}
	org := cfg.Organization.Name
	cases := loadCases(t)
	pages := loadPages(t)

	s := &tally{byCat: map[string]int{}}
	seen := map[string]bool{}
	run := func(prefix string, c labelled, doc func(t *testing.T) mention.Document) {
		if seen[c.Name] {
			t.Errorf("duplicate case name %q", c.Name)
		}
		seen[c.Name] = true
		s.cases++
		s.byCat[c.Cat]++
		t.Run(prefix+"/"+c.Name, func(t *testing.T) {
			matcher, names := m, watchNames(watches)
			if c.Query != "" {
				var err error
				matcher, err = mention.New([]mention.Watch{{Name: "query", Query: c.Query}})
				if err != nil {
					t.Fatalf("query %q: %v", c.Query, err)
				}
				names = []string{"query"}
			}
			got := map[string]mention.Mention{}
			for _, mn := range matcher.Match(doc(t)) {
				got[mn.Watch] = mn
			}
			wanted := map[string]want{}
			for _, w := range c.Want {
				name := w.Watch
				if name == "org" {
					name = org
				}
				if !contains(names, name) {
					t.Fatalf("label names watch %q, which this case does not run", w.Watch)
				}
				wanted[name] = w
			}
			for _, name := range names {
				mn, matched := got[name]
				w, expected := wanted[name]
				switch {
				case matched && expected:
					s.tp++
					s.check(t, name, mn, w)
				case matched:
					s.fp++
					t.Errorf("%s: got a mention (%s, %s, terms %q), want none", name, mn.Where, mn.Role, mn.Terms)
				case expected:
					s.fn++
					t.Errorf("%s: got no mention, want one", name)
				default:
					s.tn++
				}
			}
		})
	}
	for _, c := range cases {
		run("sentences", c, func(*testing.T) mention.Document {
			paras := c.Paras
			if c.Text != "" {
				paras = append([]string{c.Text}, paras...)
			}
			return mention.Document{Title: c.Title, Paragraphs: paras}
		})
	}
	for _, c := range pages {
		run("pages", c, func(t *testing.T) mention.Document {
			data, err := os.ReadFile(filepath.Join(casesDir, c.File))
			if err != nil {
				t.Fatal(err)
			}
			art, err := extractor.Extract(bytes.NewReader(data), c.URL, "text/html; charset=utf-8")
			if err != nil {
				t.Fatalf("extract %s: %v", c.File, err)
			}
			return mention.Document{Title: art.Title, Paragraphs: art.Paragraphs}
		})
	}

	t.Logf("mentions: %d cases, precision %.3f, recall %.3f (tp %d, fp %d, fn %d)",
		s.cases, s.precision(), s.recall(), s.tp, s.fp, s.fn)
	t.Logf("where, role and low: %d labels checked, %d wrong", s.attrs, s.wrong)
	t.Logf("cases by category: %s", s.categories())
}

// check compares the labelled where, role and low of a mention.
func (s *tally) check(t *testing.T, watch string, mn mention.Mention, w want) {
	t.Helper()
	for _, a := range []struct{ label, got, want string }{
		{"where", mn.Where, w.Where},
		{"role", mn.Role, w.Role},
		{"low", fmt.Sprint(mn.Low), lowLabel(w.Low)},
	} {
		if a.want == "" {
			continue
		}
		s.attrs++
		if a.got != a.want {
			s.wrong++
			t.Errorf("%s: %s: got %s, want %s (terms %q, snippet %q)", watch, a.label, a.got, a.want, mn.Terms, mn.Snippet)
		}
	}
}

func lowLabel(b *bool) string {
	if b == nil {
		return ""
	}
	return fmt.Sprint(*b)
}

func (s *tally) categories() string {
	cats := make([]string, 0, len(s.byCat))
	for c := range s.byCat {
		cats = append(cats, c)
	}
	sort.Strings(cats)
	var b strings.Builder
	for i, c := range cats {
		if i > 0 {
			b.WriteString(", ")
		}
		fmt.Fprintf(&b, "%s %d", c, s.byCat[c])
	}
	return b.String()
}

func watchNames(ws []mention.Watch) []string {
	out := make([]string, len(ws))
	for i, w := range ws {
		out[i] = w.Name
	}
	return out
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

func loadCases(t *testing.T) []labelled {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(casesDir, "cases.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	var cases []labelled
	if err := yaml.UnmarshalWithOptions(data, &cases, yaml.Strict()); err != nil {
		t.Fatalf("cases.yaml: %v", err)
	}
	for _, c := range cases {
		if c.Name == "" || c.Cat == "" || (c.Text == "" && len(c.Paras) == 0 && c.Title == "") || c.File != "" {
			t.Fatalf("cases.yaml: case %q needs a name, a cat and a text, and no file", c.Name)
		}
	}
	return cases
}

func loadPages(t *testing.T) []labelled {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(casesDir, "pages.json"))
	if err != nil {
		t.Fatal(err)
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	var pages []labelled
	if err := dec.Decode(&pages); err != nil {
		t.Fatalf("pages.json: %v", err)
	}
	for _, p := range pages {
		if p.Name == "" || p.Cat == "" || p.File == "" || p.URL == "" || p.Text != "" || len(p.Paras) > 0 {
			t.Fatalf("pages.json: page %q needs a name, a cat, a file and a url, and no text", p.Name)
		}
	}
	return pages
}
