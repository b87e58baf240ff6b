// Package linesets reads the golden line sets (summarizer/testdata/golden:
// article pages, each with the line a press officer signs unchanged) and
// judges drafted lines against them: equal, kept (equal, an alternative
// the set accepts, or a difference the house accepts: typography,
// "percent"/"per cent", "reported on"/"reported about", "It"/"The report"
// in the follow-up), rule breaks and ungrounded numbers or names.
//
// The summarizer's golden test and go run -C eval ./evallines share it.
package linesets

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/pressclip/pressclip/extractor"
	"github.com/pressclip/pressclip/summarizer"
)

// Entry is one page of a set and its golden line (SPEC.md, "lines.json
// fields").
type Entry struct {
	File             string   `json:"file"`
	URL              string   `json:"url"`
	Outlet           string   `json:"outlet"`
	Type             string   `json:"type"`
	Language         string   `json:"language"`
	DeclaredLanguage string   `json:"declared_language"`
	Line             string   `json:"line"`
	LineEN           string   `json:"line_en"`
	Sentence         string   `json:"sentence"`
	SentenceEN       string   `json:"sentence_en"`
	TitleEN          string   `json:"title_en"`
	Frame            string   `json:"frame"`
	FollowUp         string   `json:"followup"`
	Accept           []string `json:"accept"`
	Shapes           []string `json:"shapes"`
	Note             string   `json:"note"`
}

// Case is an entry with its page extracted as a pass extracts it.
type Case struct {
	Entry
	// Set is the set's directory name.
	Set     string
	Article summarizer.Article
}

// Load reads the set in dir and extracts its pages.
func Load(dir string) ([]Case, error) {
	b, err := os.ReadFile(filepath.Join(dir, "lines.json"))
	if err != nil {
		return nil, err
	}
	var entries []Entry
	if err := json.Unmarshal(b, &entries); err != nil {
		return nil, fmt.Errorf("%s: %w", filepath.Join(dir, "lines.json"), err)
	}
	var out []Case
	for _, e := range entries {
		raw, err := os.ReadFile(filepath.Join(dir, e.File))
		if err != nil {
			return nil, err
		}
		u := e.URL
		if u == "" {
			u = "https://outlet.example/" + e.File
		}
		art, err := extractor.Extract(bytes.NewReader(raw), u, "text/html; charset=utf-8")
		if err != nil {
			return nil, fmt.Errorf("%s: %w", e.File, err)
		}
		out = append(out, Case{Entry: e, Set: filepath.Base(dir), Article: summarizer.Article{
			Outlet: e.Outlet, Title: art.Title, Paragraphs: art.Paragraphs, Type: art.Type, Language: art.Language,
			Standfirst: art.Standfirst}})
	}
	return out, nil
}

// Dirs expands patterns ("summarizer/testdata/golden/dev-*") to the set
// directories they name, sorted.
func Dirs(patterns ...string) ([]string, error) {
	var out []string
	for _, p := range patterns {
		m, err := filepath.Glob(p)
		if err != nil {
			return nil, err
		}
		for _, d := range m {
			if _, err := os.Stat(filepath.Join(d, "lines.json")); err == nil {
				out = append(out, d)
			}
		}
	}
	slices.Sort(out)
	return slices.Compact(out), nil
}

// Verdict is how a drafted line compares with the golden line.
type Verdict struct {
	Equal bool
	// Kept: staff would paste it unchanged; Why says which way when not
	// Equal ("accepted alternative", "typography", …).
	Kept bool
	Why  string
}

// Judge compares a drafted line with the entry's golden line, or with
// line (when not "": another golden line of the entry, line_en).
func Judge(got string, e Entry, golden string) Verdict {
	want := e.Line
	accept := e.Accept
	if golden != "" {
		want, accept = golden, nil
	}
	if got == want {
		return Verdict{Equal: true, Kept: true}
	}
	if slices.Contains(accept, got) {
		return Verdict{Kept: true, Why: "an alternative the set accepts"}
	}
	for _, v := range variants {
		g, w := v.norm(got), v.norm(want)
		if g == w {
			return Verdict{Kept: true, Why: v.name}
		}
		for _, a := range accept {
			if g == v.norm(a) {
				return Verdict{Kept: true, Why: v.name + " of an alternative"}
			}
		}
	}
	return Verdict{}
}

// variant is a difference the house accepts between two lines: both
// spellings appear in its own newsletters (SUMMARY-STYLE.md §4, "Known
// inconsistencies"), or the difference is typography only.
type variant struct {
	name string
	norm func(string) string
}

var (
	typography = strings.NewReplacer("’", "'", "‘", "'", "“", `"`, "”", `"`, "«", `"`, "»", `"`, "–", "-", "—", "-", "\u00a0", " ", "\u202f", " ")
	perCent    = strings.NewReplacer(" percent", " per cent")
	reportedOn = strings.NewReplacer(" reported about ", " reported on ")
	itReport   = strings.NewReplacer(" The report quoted ", " It quoted ", " The report cited ", " It cited ", " The report referenced ", " It referenced ")
)

// variants are tried cumulatively: each also applies those before it.
var variants = func() []variant {
	steps := []variant{
		{"typography", func(s string) string { return strings.Join(strings.Fields(typography.Replace(s)), " ") }},
		{"“percent” for “per cent”", perCent.Replace},
		{"“reported about” for “reported on”", reportedOn.Replace},
		{"“The report” for “It” in the follow-up", itReport.Replace},
	}
	var out []variant
	for i, s := range steps {
		chain := steps[:i+1]
		out = append(out, variant{name: s.name, norm: func(x string) string {
			for _, c := range chain {
				x = c.norm(x)
			}
			return x
		}})
	}
	return out
}()

// Ungrounded reports the problems of a line that are facts the article
// does not hold: numbers (rule 16), names (rule 3), the organization
// (rule 23).
func Ungrounded(ps []summarizer.Problem) []summarizer.Problem {
	var out []summarizer.Problem
	for _, p := range ps {
		if p.Rule == 16 || p.Rule == 3 || p.Rule == 23 {
			out = append(out, p)
		}
	}
	return out
}

// Writer is the summarizer the sets are written for: the organization's
// names as config.yaml lists them, and the head of the fixtures.
func Writer(o summarizer.Options) *summarizer.Summarizer {
	if o.Org == "" {
		o.Org = "IOM"
		o.OrgNames = []string{"International Organization for Migration", "International Organisation for Migration", "IOM",
			"UN migration agency", "U.N. migration agency", "United Nations migration agency",
			"Organisation internationale pour les migrations", "Organisation internationale des migrations", "OIM",
			"Organización Internacional para las Migraciones", "Organização Internacional para as Migrações",
			"Internationale Organisation für Migration", "Organizzazione internazionale per le migrazioni"}
	}
	if o.HeadName == "" {
		o.HeadTitle, o.HeadName = "IOM Director General", "Mara Lindqvist"
	}
	return summarizer.New(o)
}
