package mention

import (
	"fmt"
	"reflect"
	"strings"
	"testing"

	"github.com/pressclip/pressclip/query"
)

func TestEachWindow(t *testing.T) {
	long := strings.Repeat("Arrivals rose again this week. ", 40) // 1,240 bytes
	tests := []struct {
		name  string
		texts []string
		size  int
		want  int // windows
	}{
		{"texts that fit make one window", []string{"Title", "One paragraph.", "Two."}, 100, 1},
		{"texts are packed whole while they fit", []string{strings.Repeat("a ", 30), strings.Repeat("b ", 30), strings.Repeat("c ", 30)}, 130, 2},
		{"a text longer than a window is cut into pieces", []string{"Title", long}, 300, 6},
		{"a text with no space is cut at runes", []string{strings.Repeat("é", 500)}, 301, 4},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var in []query.Text
			for _, s := range tt.texts {
				in = append(in, query.Text{Field: query.Body, S: s})
			}
			var pieces []string
			windows := 0
			eachWindow(in, tt.size, func(win []query.Text) {
				windows++
				n := 0
				for _, w := range win {
					n += len(w.S)
					if w.S == "" && len(win) > 1 {
						t.Errorf("window %d holds an empty piece", windows)
					}
					pieces = append(pieces, w.S)
				}
				if n > tt.size {
					t.Errorf("window %d holds %d bytes, want %d at most", windows, n, tt.size)
				}
			})
			if windows != tt.want {
				t.Errorf("got %d windows, want %d", windows, tt.want)
			}
			if got, want := strings.Join(pieces, ""), strings.Join(tt.texts, ""); got != want {
				t.Errorf("the pieces do not add up to the texts:\ngot  %.80q\nwant %.80q", got, want)
			}
		})
	}
}

// TestPieceOfCutsBetweenSentences: a paragraph is cut after a sentence
// when one ends near the window's end, so that no name is cut in two.
func TestPieceOfCutsBetweenSentences(t *testing.T) {
	s := strings.Repeat("x", 200) + ". The International Organization for Migration said arrivals rose."
	if got, want := pieceOf(s, 230), strings.Repeat("x", 200)+". "; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
	if got := pieceOf("é", 1); got != "é" {
		t.Errorf("a rune longer than the window: got %q, want the rune", got)
	}
}

// TestMatchInWindows: a document read in windows gives the mention it
// gives read whole, when what the query needs stands in one window: the
// counts and scores added up, the terms in order, the strongest place,
// the role and the snippet of the first strong match.
func TestMatchInWindows(t *testing.T) {
	m, err := New([]Watch{iom})
	if err != nil {
		t.Fatal(err)
	}
	var paras []string
	for i := range 40 {
		switch {
		case i == 1:
			paras = append(paras, "Aid agencies, among them UNHCR, IOM and UNICEF, appealed for funds on Monday.")
		case i%7 == 3:
			paras = append(paras, fmt.Sprintf("The International Organization for Migration said %d people reached the coast, a spokesman added.", 100+i))
		case i%11 == 5:
			paras = append(paras, "According to IOM figures, the route is the deadliest in the region.")
		default:
			paras = append(paras, fmt.Sprintf("Paragraph %d tells of the weather, the harvest and the roads in the valley.", i))
		}
	}
	doc := Document{Title: "IOM counts arrivals on the coast", Paragraphs: paras}
	whole := m.matchIn(doc, 1<<20)
	windowed := m.matchIn(doc, 400)
	if len(whole) != 1 {
		t.Fatalf("read whole: got %d mentions, want 1", len(whole))
	}
	if !reflect.DeepEqual(windowed, whole) {
		t.Errorf("read in windows:\ngot  %+v\nwant %+v", windowed, whole)
	}
}

// TestMatchBigDocument: a 15 MiB paragraph (the fetcher's cap) is read in
// windows: its mentions are all counted.
func TestMatchBigDocument(t *testing.T) {
	m, err := New([]Watch{iom})
	if err != nil {
		t.Fatal(err)
	}
	sentence := "Officials said the road would reopen on Monday after repairs to the bridge. "
	mention := "The International Organization for Migration said 1,200 migrants had arrived. "
	var b strings.Builder
	n := 0
	for i := 0; b.Len() < 15<<20-len(mention); i++ {
		if i%100 == 0 {
			b.WriteString(mention)
			n++
			continue
		}
		b.WriteString(sentence)
	}
	got := m.Match(Document{Title: "Roads reopen", Paragraphs: []string{b.String()}})
	if len(got) != 1 || got[0].Count != n {
		t.Fatalf("got %+v, want one mention counted %d times", got, n)
	}
	if got[0].Where != InLead || got[0].Score != MaxScore {
		t.Errorf("got where %q, score %v; want %q, %v", got[0].Where, got[0].Score, InLead, float64(MaxScore))
	}
}
