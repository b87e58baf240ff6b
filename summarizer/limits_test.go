package summarizer

import (
	"regexp"
	"strings"
	"testing"
)

func TestReadable(t *testing.T) {
	big := strings.Repeat("word ", maxArticleBytes/5+100) // past the limit
	tests := []struct {
		name       string
		paragraphs []string
		wantParas  int
		wantBeyond int
	}{
		{"an article under the limit is read whole", []string{"One.", "Two."}, 2, 0},
		{"a paragraph past the limit is cut at a space, its rest beyond", []string{big}, 1, 1},
		{"paragraphs after the cut are beyond", []string{"Lead.", big, "Tail one.", "Tail two."}, 2, 3},
		{"a paragraph starting at the limit is beyond", []string{big[:maxArticleBytes], "Next.", "Last."}, 1, 2},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a, beyond := readable(Article{Title: "T", Paragraphs: tt.paragraphs})
			if len(a.Paragraphs) != tt.wantParas || len(beyond) != tt.wantBeyond {
				t.Fatalf("got %d paragraphs and %d beyond, want %d and %d", len(a.Paragraphs), len(beyond), tt.wantParas, tt.wantBeyond)
			}
			n := 0
			for _, p := range a.Paragraphs {
				n += len(p)
			}
			if n > maxArticleBytes {
				t.Errorf("read %d bytes, want %d at most", n, maxArticleBytes)
			}
			if got, want := strings.Join(a.Paragraphs, "")+strings.Join(beyond, ""), strings.Join(tt.paragraphs, ""); got != want {
				t.Errorf("what is read and what is beyond do not make the article")
			}
			if last := a.Paragraphs[len(a.Paragraphs)-1]; strings.HasSuffix(last, "wor") {
				t.Errorf("a word was cut in half: %q", last[len(last)-20:])
			}
		})
	}
	if _, beyond := readable(Article{Paragraphs: []string{"a", "b"}}); beyond != nil {
		t.Errorf("a short article: got %q beyond, want nothing", beyond)
	}
}

// TestMentionsOrg: the scan by strings.Index finds what the regexp it
// replaced found: a name with no letter or digit on either side.
func TestMentionsOrg(t *testing.T) {
	s := New(Options{Org: "IOM", OrgNames: []string{"International Organization for Migration", "UN migration agency", "OIM", "МОМ", "国际移民组织"}})
	old := regexp.MustCompile(`(?:^|[^\p{L}\p{N}])(?:International Organization for Migration|UN migration agency|OIM|МОМ|国际移民组织|IOM)(?:$|[^\p{L}\p{N}])`)
	for _, text := range []string{
		"IOM said.", "The IOM said", "IOM", "(IOM)", "IOM’s staff", "IOMs", "BIOM", "IOM2", "2IOM", "ÉIOM", "IOMé",
		"the International Organization for Migration", "International Organization for Migrations", "the UN migration agency's",
		"l’OIM a dit", "BOIMO", "по данным МОМ.", "МОМы", "国际移民组织表示", "xIOM IOMx IOM.", "IOMIOM", "IOM IOM",
		"iom", "", "caf\xe9 IOM", "\xe9IOM", "IOM\xe9", "٣IOM", "IOM٣",
	} {
		if got, want := s.mentionsOrg(text), old.MatchString(text); got != want {
			t.Errorf("mentionsOrg(%q) = %v, want %v", text, got, want)
		}
	}
}

// bigArticle is a page's text of n bytes in one paragraph: a lead, then
// filler; tail is written after the filler.
func bigArticle(n int, tail string) Article {
	lead := "Dock workers at the Eastern Terminal voted on Thursday to strike for 48 hours after talks over pay broke down again. "
	filler := "Officials said the road along the coast would reopen on Monday after repairs to the old bridge. "
	var b strings.Builder
	b.WriteString(lead)
	for b.Len() < n-len(tail) {
		b.WriteString(filler)
	}
	b.WriteString(tail)
	return Article{Outlet: "The Courier", Title: "Dock workers strike", Type: "news", Language: "en", Paragraphs: []string{b.String()}}
}

// TestBigArticle: a page of one 15 MiB paragraph (the fetcher's cap) gets
// the line its first paragraphs give, and the organization named only
// past maxArticleBytes still earns "It referenced IOM." (issue 13).
func TestBigArticle(t *testing.T) {
	s := newIOM()
	want := "The Courier reported that dock workers at the Eastern Terminal voted on Thursday to strike for 48 hours after talks over pay broke down again."
	if got := s.Line(bigArticle(15<<20, "")); got != want {
		t.Errorf("got %q,\nwant %q", got, want)
	}
	if got := s.Line(bigArticle(15<<20, "The International Organization for Migration said it was watching. ")); got != want+" It referenced IOM." {
		t.Errorf("the organization named past the limit: got %q,\nwant %q", got, want+" It referenced IOM.")
	}
	a := bigArticle(15<<20, "")
	if ps := s.CheckLine(want+" It referenced IOM.", a); len(ps) == 0 {
		t.Errorf("CheckLine: a line naming IOM for an article that does not passes")
	}
}

// TestRequestBounded: the LLM writer's prompt holds maxPromptWords of a
// paragraph at most, however long the paragraph.
func TestRequestBounded(t *testing.T) {
	s := newIOM()
	a := bigArticle(1<<20, "")
	if n := words(s.request(a, false)); n > maxPromptWords+20 {
		t.Errorf("the request holds %d words, want about %d", n, maxPromptWords)
	}
	if got := firstWords("  one two  three ", 2); got != "  one two" {
		t.Errorf("firstWords: got %q, want %q", got, "  one two")
	}
	if got := firstWords("one two", 5); got != "one two" {
		t.Errorf("firstWords of fewer words: got %q, want it whole", got)
	}
}
