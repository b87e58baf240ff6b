package dedup

import (
	"fmt"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/pressclip/pressclip/internal/wiresets"
)

// The wire sets (issue 16): syndicated copies at the margins of real
// ones — cuts, teasers, local intros, reordering, two cuts of different
// parts, translations, write-throughs — beside look-alikes: template
// stories of one agency, the same event written independently,
// follow-ups, press releases, round-ups. Plain text in JSON
// (testdata/wire-*/README*.md). wire-dev is where the thresholds were
// chosen; wire-heldout was written by another hand and only measured.
var wireSets = []string{"testdata/wire-dev", "testdata/wire-heldout"}

// pairScore counts pairwise decisions.
type pairScore struct{ tp, fp, fn int }

func (s pairScore) String() string {
	return fmt.Sprintf("precision %.3f recall %.3f (tp %d fp %d fn %d)",
		ratio(s.tp, s.tp+s.fp), ratio(s.tp, s.tp+s.fn), s.tp, s.fp, s.fn)
}

// TestWireSetDecisions clusters each wire set by Decide over every pair
// (what the store does when every copy is a candidate) and scores the
// clusters pairwise against the labels.
func TestWireSetDecisions(t *testing.T) {
	for _, dir := range wireSets {
		t.Run(filepath.Base(dir), func(t *testing.T) {
			texts, err := wiresets.Load(dir)
			if err != nil {
				t.Fatal(err)
			}
			docs := make([]Doc, len(texts))
			for i, x := range texts {
				docs[i] = Read(strings.Join(x.Paragraphs, "\n\n"))
				docs[i].Published, docs[i].Lang, docs[i].Wire = x.Published, x.Lang, x.Agency
			}
			cluster := clusters(docs)
			verdicts := map[[2]int]Verdict{}
			for i := range texts {
				for j := i + 1; j < len(texts); j++ {
					verdicts[[2]int{i, j}] = Decide(&docs[i], &docs[j])
				}
			}
			// The store finds a copy only through a shared key: count the
			// pairs judged the same that share none.
			unseen := 0
			for k, v := range verdicts {
				if v.Same && !shareAnchor(docs[k[0]].Keys(), docs[k[1]].Keys()) {
					unseen++
				}
			}
			t.Logf("%s: %d pairs judged the same share no index key", filepath.Base(dir), unseen)
			scores := map[string]*pairScore{"copy": {}, "translation": {}, "writethrough": {}}
			var lines []string
			for i := range texts {
				for j := i + 1; j < len(texts); j++ {
					a, b := texts[i], texts[j]
					truth, said := a.Story == b.Story, cluster[i] == cluster[j]
					v := verdicts[[2]int{i, j}]
					kind := wiresets.PairKind(a, b)
					switch {
					case truth && said:
						scores[kind].tp++
					case said:
						scores["copy"].fp++
						if v.Same {
							lines = append(lines, fmt.Sprintf("false join: %s (%s) / %s (%s): %s", a.ID, a.Shape, b.ID, b.Shape, v.Reason))
						}
					case truth:
						scores[kind].fn++
						if kind == "copy" || filepath.Base(dir) == "wire-dev" {
							lines = append(lines, fmt.Sprintf("missed %s: %s (%s) / %s (%s): %s", kind, a.ID, a.Shape, b.ID, b.Shape, v.Reason))
						}
					}
				}
			}
			slices.Sort(lines)
			for _, l := range lines {
				t.Log(l)
			}
			for _, k := range []string{"copy", "translation", "writethrough"} {
				t.Logf("%s: %d texts; %s pairs: %s", filepath.Base(dir), len(texts), k, scores[k])
			}
		})
	}
}
