package mention_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/goccy/go-yaml"

	"github.com/pressclip/pressclip/config"
	"github.com/pressclip/pressclip/mention"
	"github.com/pressclip/pressclip/query"
)

// The default watch in the outlets' languages (issue 14, item 9): for
// each language the organization is reported in, sentences that must
// count as mentions of it — the bare acronym beside that language's
// migration words, the full name as the press inflects it — and
// sentences that must not (the Isle of Man, the Institute of Medicine,
// iomart). testdata/languages/README.md describes the files.

const languagesDir = "testdata/languages"

// outletLanguages are the languages that must each have a file; one that
// is missing fails the test.
var outletLanguages = []string{
	"de", // German
	"it", // Italian
	"pt", // Portuguese
	"nl", // Dutch
	"nb", // Norwegian (Bokmål)
	"sv", // Swedish
	"da", // Danish
	"tr", // Turkish
	"el", // Greek
	"pl", // Polish
}

// What a language case wants of the organization watch.
const (
	wantAcronym = "acronym" // a mention of the bare acronym alone
	wantName    = "name"    // a mention holding the full name
	wantNone    = "none"    // no mention
)

type languageCase struct {
	Name  string `yaml:"name"`
	Why   string `yaml:"why"`
	Title string `yaml:"title"`
	Text  string `yaml:"text"`
	Want  string `yaml:"want"`
}

func TestDefaultWatchInOutletLanguages(t *testing.T) {
	cfg, err := config.LoadFile("../config.yaml")
	if err != nil {
		t.Fatal(err)
	}
	o := cfg.Organization
	// The organization's watch as cmd/pressclip/wire.go maps it.
	m, err := mention.New([]mention.Watch{{Name: o.Name, Query: o.Query, Aliases: o.Aliases, Exclude: o.Exclude,
		MinScore: o.MinScore, StrictAccents: o.StrictAccents}})
	if err != nil {
		t.Fatal(err)
	}
	for _, lang := range outletLanguages {
		cases := loadLanguageCases(t, lang)
		for _, c := range cases {
			t.Run(lang+"/"+c.Name, func(t *testing.T) {
				got := m.Match(mention.Document{Title: c.Title, Paragraphs: []string{c.Text}})
				if c.Want == wantNone {
					if len(got) > 0 {
						t.Errorf("got a mention (terms %q, snippet %q), want none", got[0].Terms, got[0].Snippet)
					}
					return
				}
				if len(got) == 0 {
					t.Fatalf("got no mention, want one of the %s", c.Want)
				}
				mn := got[0]
				if mn.Low {
					t.Errorf("got a mention of low relevance (score %v), want one kept", mn.Score)
				}
				if full := hasFullName(mn.Terms); c.Want == wantName && !full {
					t.Errorf("got terms %q, want the full name among them", mn.Terms)
				} else if c.Want == wantAcronym && full {
					t.Errorf("got terms %q, want the acronym alone", mn.Terms)
				}
			})
		}
	}
}

// hasFullName reports whether one of a mention's terms is more than an
// acronym (IOM, OIM, Oim, ΔΟΜ, UGÖ): a name of several words, or a
// migration word that wrongly made up the mention.
func hasFullName(terms []string) bool {
	for _, term := range terms {
		if !query.IsAcronym(term) && term != "Oim" {
			return true
		}
	}
	return false
}

// loadLanguageCases reads testdata/languages/LANG.yaml and checks that it
// has at least one case of each kind.
func loadLanguageCases(t *testing.T, lang string) []languageCase {
	t.Helper()
	file := filepath.Join(languagesDir, lang+".yaml")
	data, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	var cases []languageCase
	if err := yaml.UnmarshalWithOptions(data, &cases, yaml.Strict()); err != nil {
		t.Fatalf("%s: %v", file, err)
	}
	kinds := map[string]int{}
	for _, c := range cases {
		if c.Name == "" || strings.TrimSpace(c.Title+c.Text) == "" {
			t.Fatalf("%s: case %q needs a name and a text", file, c.Name)
		}
		switch c.Want {
		case wantAcronym, wantName, wantNone:
			kinds[c.Want]++
		default:
			t.Fatalf("%s: case %q: want %q, want one of acronym, name, none", file, c.Name, c.Want)
		}
	}
	for _, k := range []string{wantAcronym, wantName, wantNone} {
		if kinds[k] == 0 {
			t.Errorf("%s: no case that wants %s", file, k)
		}
	}
	return cases
}
