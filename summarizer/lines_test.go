package summarizer

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/pressclip/pressclip/extractor"
)

// goldenLine is one page of testdata/lines: an article composed for the
// project and the line written for it by hand to the house rules.
type goldenLine struct {
	File     string `json:"file"`
	Outlet   string `json:"outlet"`
	Type     string `json:"type"`
	Language string `json:"language"`
	Line     string `json:"line"`
	Sentence string `json:"sentence"`
	Frame    string `json:"frame"`
	FollowUp string `json:"followup"`
	Rules    []int  `json:"rules"`
}

var ogURLRe = regexp.MustCompile(`<meta[^>]+property="og:url"[^>]+content="([^"]+)"`)

// goldenArticles reads the set and extracts each page as a pass does.
func goldenArticles(t testing.TB, dir string) ([]goldenLine, []Article, []string) {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(dir, "lines.json"))
	if err != nil {
		t.Fatal(err)
	}
	var set []goldenLine
	if err := json.Unmarshal(b, &set); err != nil {
		t.Fatal(err)
	}
	var arts []Article
	var types []string
	for _, g := range set {
		raw, err := os.ReadFile(filepath.Join(dir, g.File))
		if err != nil {
			t.Fatal(err)
		}
		u := "https://outlet.example/" + g.File
		if m := ogURLRe.FindSubmatch(raw); m != nil {
			u = string(m[1])
		}
		art, err := extractor.Extract(bytes.NewReader(raw), u, "text/html; charset=utf-8")
		if err != nil {
			t.Fatalf("%s: %v", g.File, err)
		}
		arts = append(arts, Article{Outlet: g.Outlet, Title: art.Title, Paragraphs: art.Paragraphs, Type: art.Type, Language: art.Language})
		types = append(types, art.Type)
	}
	return set, arts, types
}

// goldenSets: the first generation of golden lines (issue 7):
// testdata/lines (54 articles; the writer was tuned on it) and
// testdata/lines-heldout (32 articles written separately, after the
// writer, by a hand that had not seen the first set). Their French and
// Spanish lines predate rule 26 and are only checked for the mark; the
// second generation is testdata/golden (golden_test.go).
var goldenSets = []string{"testdata/lines", "testdata/lines-heldout"}

// TestGoldenLines drafts the line of each page of the golden sets
// (articles written for the project in the shapes real outlets use, with
// the line a press officer wrote for each to the house rules) and counts:
// lines equal to the hand line, lines that need no edit (the same
// sentence and frame), and lines that break a rule. Targets: none breaks
// a rule, at least 70 % need no edit.
func TestGoldenLines(t *testing.T) {
	for _, dir := range goldenSets {
		t.Run(filepath.Base(dir), func(t *testing.T) {
			set, arts, types := goldenArticles(t, dir)
			if len(set) < 30 {
				t.Fatalf("%d golden lines, want the whole set", len(set))
			}
			s := houseWriter()
			exact, noEdit, breaks, typeOK, english := 0, 0, 0, 0, 0
			for i, g := range set {
				d := s.Draft(arts[i])
				if types[i] == g.Type {
					typeOK++
				}
				if g.Language != "en" {
					// These lines predate rule 26 (the line is in the
					// newsletter's language): they are French and Spanish.
					if !d.NeedsTranslation {
						t.Errorf("%s: %q is not marked for translation", g.File, d.Line)
					}
					if ps := Check(d.Line); len(ps) > 0 {
						breaks++
						t.Errorf("%s: %q breaks rules: %v", g.File, d.Line, ps)
					}
					continue
				}
				english++
				same := d.Sentence == g.Sentence && sameFrame(d.Frame, g.Frame)
				if d.Line == g.Line {
					exact++
				}
				if same {
					noEdit++
				}
				if ps := s.CheckLine(d.Line, arts[i]); len(ps) > 0 {
					breaks++
					t.Errorf("%s: %q breaks rules: %v", g.File, d.Line, ps)
				}
				if d.Line != g.Line && testing.Verbose() {
					mark := "edit"
					if same {
						mark = "same sentence and frame"
					}
					t.Logf("%s (%s, type %s, want %s):\n  got  %s\n  want %s", g.File, mark, types[i], g.Type, d.Line, g.Line)
				}
			}
			n := english
			t.Logf("%d articles, %d in English: %d lines equal to the hand line (%.0f%%), %d need no edit (same sentence and frame, %.0f%%), %d break a rule; page type right on %d",
				len(set), n, exact, 100*float64(exact)/float64(n), noEdit, 100*float64(noEdit)/float64(n), breaks, typeOK)
			if float64(noEdit) < 0.7*float64(n) {
				t.Errorf("%d of %d lines need no edit, want at least 70%%", noEdit, n)
			}
		})
	}
}

// sameFrame compares frames, the interview frame by its verb.
func sameFrame(got, want string) bool {
	norm := func(f string) string {
		f = strings.TrimSpace(strings.TrimSuffix(strings.TrimSuffix(f, "qu’"), "que"))
		return f
	}
	return norm(got) == norm(want)
}
