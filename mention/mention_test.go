package mention

import (
	"fmt"
	"strings"
	"sync"
	"testing"
)

var iom = Watch{
	Name: "International Organization for Migration",
	Aliases: []string{"IOM", "International Organisation for Migration", "UN migration agency", "OIM",
		"Organisation internationale pour les migrations", "Organización Internacional para las Migraciones",
		"المنظمة الدولية للهجرة", "Международная организация по миграции", "МОМ", "国际移民组织"},
	Exclude: []string{"Isle of Man", "IOM TT"},
}

func TestMatchSentences(t *testing.T) {
	m, err := New([]Watch{iom})
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name string
		text string
		want bool
	}{
		{"the full name", "The International Organization for Migration said on Friday that arrivals rose.", true},
		{"the full name across a line break", "The International Organization\nfor Migration said arrivals rose.", true},
		{"the British spelling", "The International Organisation for Migration counted 4,000 arrivals.", true},
		{"the acronym", "IOM said 4,000 people had arrived.", true},
		{"the possessive acronym", "IOM's Joel Millman said the route was deadly.", true},
		{"the possessive with a curly apostrophe", "IOM’s director spoke in Geneva.", true},
		{"the acronym in brackets", "the UN agency (IOM) said.", true},
		{"a hyphenated compound", "under the EUTF-IOM joint initiative.", true},
		{"the descriptive name in lower case", "the UN migration agency said 300 people drowned.", true},
		{"the French name", "L'Organisation internationale pour les migrations a publié un rapport.", true},
		{"the French acronym", "Selon l'OIM, 2 000 personnes sont arrivées.", true},
		{"the Spanish name", "la Organización Internacional para las Migraciones informó el lunes.", true},
		{"the Arabic name", "قالت المنظمة الدولية للهجرة إن آلاف المهاجرين وصلوا.", true},
		{"the Russian name", "Международная организация по миграции сообщила о росте.", true},
		{"the Russian acronym", "По данным МОМ, число мигрантов выросло.", true},
		{"the Chinese name without spaces", "国际移民组织周五表示，抵达人数上升。", true},
		{"the acronym in lower case is not a mention", "the iom project shipped a new release.", false},
		{"the acronym in title case is not a mention", "Iom is a name in some languages.", false},
		{"the acronym inside a word is not a mention", "The BIOMASS plant and the biome survey opened.", false},
		{"the acronym in a URL is not a mention", "See https://example.org/IOM/report for details.", false},
		{"the acronym in an e-mail address is not a mention", "Write to IOM@example.org for details.", false},
		{"the acronym in a hashtag is not a mention", "Trending now: #IOM and #migration.", false},
		{"the Isle of Man is excluded", "The Isle of Man government cut taxes.", false},
		{"the Isle of Man's acronym is excluded in the same text", "The Isle of Man (IOM) treasury said IOM funds grew.", false},
		{"the IOM TT races are excluded", "Riders prepare for the IOM TT next June.", false},
		{"the French acronym inside a word", "Le groupe BOIMO a annoncé des résultats.", false},
		{"the name with a letter attached is no mention", "XIOM said nothing.", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := m.Match(Document{Paragraphs: []string{tt.text}})
			if (len(got) > 0) != tt.want {
				t.Errorf("Match(%q) = %+v, want a mention: %v", tt.text, got, tt.want)
			}
		})
	}
}

func TestMatchWhereScoreAndSnippet(t *testing.T) {
	m, _ := New([]Watch{iom})
	doc := Document{
		Title: "Arrivals rise in the Canary Islands",
		Paragraphs: []string{
			"More than 4,100 people reached the islands in October.",
			"Officials in Madrid called for European help.",
			"The International Organization for Migration (IOM) said the Atlantic route remained among the deadliest in the world, with at least 900 deaths recorded this year.",
		},
	}
	got := m.Match(doc)
	if len(got) != 1 {
		t.Fatalf("got %d mentions, want 1", len(got))
	}
	mn := got[0]
	if mn.Where != InBody || mn.Count != 2 || mn.Score != 2 {
		t.Errorf("got where=%s count=%d score=%v, want body, 2, 2", mn.Where, mn.Count, mn.Score)
	}
	if !strings.Contains(mn.Snippet, "International Organization for Migration (IOM) said") {
		t.Errorf("snippet %q does not hold the mention", mn.Snippet)
	}
	if want := []string{"International Organization for Migration", "IOM"}; strings.Join(mn.Terms, "|") != strings.Join(want, "|") {
		t.Errorf("terms %q, want %q", mn.Terms, want)
	}
}

func TestMatchTitleOnlyUsesTitleAsSnippet(t *testing.T) {
	m, _ := New([]Watch{iom})
	got := m.Match(Document{Title: "IOM warns of winter deaths", Paragraphs: []string{"Nothing else here."}})
	if len(got) != 1 || got[0].Where != InTitle || got[0].Snippet != "IOM warns of winter deaths" {
		t.Errorf("got %+v", got)
	}
}

func TestSnippetCutsAtWordsAndMarksTheMatch(t *testing.T) {
	m, _ := New([]Watch{iom})
	text := strings.Repeat("alpha beta gamma delta ", 20) + "IOM said so. " + strings.Repeat("epsilon zeta eta theta ", 20)
	got := m.Match(Document{Paragraphs: []string{text}})
	if len(got) != 1 {
		t.Fatalf("got %d mentions", len(got))
	}
	s := got[0].Snippet
	if !strings.HasPrefix(s, "…") || !strings.HasSuffix(s, "…") || !strings.Contains(s, "IOM said so.") {
		t.Errorf("snippet %q", s)
	}
	for _, w := range strings.Fields(strings.Trim(s, "…")) {
		if !strings.Contains(text, w) {
			t.Errorf("snippet cuts a word: %q", w)
		}
	}
	if ms := got[0].Marks; len(ms) != 1 || s[ms[0][0]:ms[0][1]] != "IOM" {
		t.Errorf("marks %v in %q, want the IOM", ms, s)
	}
}

func FuzzMatch(f *testing.F) {
	for _, s := range []string{"IOM said", "Isle of Man (IOM) IOM", "https://x.org/IOM IOM@x.org #IOM", "国际移民组织", "\xff\xfe IOM"} {
		f.Add(s)
	}
	m, _ := New([]Watch{iom})
	f.Fuzz(func(t *testing.T, s string) {
		for _, mn := range m.Match(Document{Title: s, Paragraphs: []string{s, s}}) {
			if mn.Count <= 0 || mn.Score <= 0 || mn.Score > 10 {
				t.Fatalf("bad mention %+v", mn)
			}
		}
	})
}

// TestMatcherIsSafeForConcurrentUse: one Matcher, many goroutines, the
// same mentions as one at a time (go test -race checks the sharing).
func TestMatcherIsSafeForConcurrentUse(t *testing.T) {
	m, err := New([]Watch{iom})
	if err != nil {
		t.Fatal(err)
	}
	docs := []Document{
		{Title: "IOM says 4,000 arrived", Paragraphs: []string{"The International Organization for Migration (IOM) said on Friday that arrivals rose."}},
		{Title: "Budget talks", Paragraphs: []string{"Selon l'OIM, 2 000 personnes sont arrivées.", "IOM's Joel Millman said the route was deadly."}},
		{Title: "Isle of Man TT", Paragraphs: []string{"The IOM TT races start on Monday on the Isle of Man."}},
	}
	want := make([]int, len(docs))
	for i, d := range docs {
		want[i] = len(m.Match(d))
	}
	if want[0] == 0 || want[1] == 0 {
		t.Fatalf("the documents hold no mentions: %v", want)
	}
	var wg sync.WaitGroup
	errs := make(chan string, 64)
	for g := range 16 {
		wg.Go(func() {
			for k := range 50 {
				i := (g + k) % len(docs)
				if got := len(m.Match(docs[i])); got != want[i] {
					errs <- fmt.Sprintf("document %d: %d mentions, want %d", i, got, want[i])
					return
				}
				m.Excluded(docs[i].Paragraphs[0])
			}
		})
	}
	wg.Wait()
	close(errs)
	for e := range errs {
		t.Error(e)
	}
}
