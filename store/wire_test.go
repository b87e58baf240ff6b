package store

import (
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/pressclip/pressclip/internal/wiresets"
)

// TestWireSetsInAnyOrder saves each wire set (dedup/testdata/wire-*:
// copies of wire stories at the margins of real ones, and look-alikes)
// in twelve shuffled orders, one article at a time, and checks that the
// stories come out the same every time, and right: pairwise precision
// 0.99 and recall 0.95 or more for the copies that reuse the wire text.
func TestWireSetsInAnyOrder(t *testing.T) {
	if testing.Short() {
		t.Skip("twelve orders of each wire set")
	}
	for _, dir := range []string{"../dedup/testdata/wire-dev", "../dedup/testdata/wire-heldout"} {
		t.Run(filepath.Base(dir), func(t *testing.T) {
			texts, err := wiresets.Load(dir)
			if err != nil {
				t.Fatal(err)
			}
			orders := 12
			if raceEnabled {
				orders = 3
			}
			var first []string // the partition of the first order, to compare
			for run := range orders {
				order := slices.Clone(texts)
				rnd := rand.New(rand.NewPCG(uint64(run), 99))
				rnd.Shuffle(len(order), func(i, j int) { order[i], order[j] = order[j], order[i] })
				s, _ := openTest(t)
				story := map[string]int64{}
				for _, x := range order {
					u := "https://" + x.Site + "/" + x.ID
					a := article(x.Outlet, u, strings.Join(x.Paragraphs, "\n\n"), x.Published)
					a.Title, a.Language, a.Wire = x.Headline, x.Lang, x.Agency
					saved, err := s.SaveArticle(t.Context(), a)
					if err != nil {
						t.Fatal(err)
					}
					// WIREDEBUG=a08 logs what became of the texts whose ID starts so.
					if os.Getenv("WIREDEBUG") != "" && strings.HasPrefix(x.ID, os.Getenv("WIREDEBUG")) {
						t.Logf("order %d: %s: %s %s", run, x.ID, saved.Outcome, saved.Reason)
					}
				}
				rows, err := s.db.QueryContext(t.Context(), `SELECT canonical_url, story_id FROM articles`)
				if err != nil {
					t.Fatal(err)
				}
				for rows.Next() {
					var u string
					var id int64
					if err := rows.Scan(&u, &id); err != nil {
						t.Fatal(err)
					}
					story[u[strings.LastIndex(u, "/")+1:]] = id
				}
				rows.Close()
				var tp, fp, fn int
				var partition []string
				for i := range texts {
					for j := i + 1; j < len(texts); j++ {
						a, b := texts[i], texts[j]
						said := story[a.ID] == story[b.ID]
						if said {
							partition = append(partition, a.ID+"+"+b.ID)
						}
						if a.Version != b.Version && a.Story == b.Story {
							continue // translations and write-throughs: measured by the pipeline test
						}
						switch truth := a.Story == b.Story; {
						case truth && said:
							tp++
						case said:
							fp++
						case truth:
							fn++
						}
					}
				}
				p, r := float64(tp)/float64(max(1, tp+fp)), float64(tp)/float64(max(1, tp+fn))
				if p < 0.99 || r < 0.95 {
					t.Errorf("order %d: copies' precision %.3f, recall %.3f (tp %d fp %d fn %d); want 0.99 and 0.95", run, p, r, tp, fp, fn)
				}
				if run == 0 {
					first = partition
					t.Logf("%d texts; copies' precision %.3f, recall %.3f (tp %d fp %d fn %d)", len(texts), p, r, tp, fp, fn)
				} else if !slices.Equal(partition, first) {
					var diff []string
					for _, p := range partition {
						if !slices.Contains(first, p) {
							diff = append(diff, "+"+p)
						}
					}
					for _, p := range first {
						if !slices.Contains(partition, p) {
							diff = append(diff, "-"+p)
						}
					}
					t.Errorf("order %d made other stories than order 0: %v", run, diff)
				}
			}
		})
	}
}
