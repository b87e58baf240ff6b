package summarizer_test

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/pressclip/pressclip/internal/linesets"
	"github.com/pressclip/pressclip/summarizer"
)

// TestGoldenSets drafts the line of every page of the golden sets
// (testdata/golden: realistic pages in many outlets' templates and six
// languages, each with the line a press officer signs unchanged, written
// by hands that never saw the writer's output): no line may break a house
// rule or hold a number or name the article does not; at least 90 % of
// the lines of the development sets are kept (issue 12's target).
//
// The held-out set is only measured: its failures are counted, never
// printed, so that nobody tunes the writer on them. Issue 12 asks for
// 85 % there; the writer keeps 76.9 % (BENCHMARKS.md), so the test holds
// it to that floor until the target is met — a regression fails. The
// development sets print each line that is not kept with -v (or use
// go run -C eval ./evallines -v).
func TestGoldenSets(t *testing.T) {
	for _, set := range []struct {
		pattern string
		kept    float64
		show    bool
	}{
		{"testdata/golden/dev-*", 0.90, true},
		{"testdata/golden/heldout", 0.76, false},
	} {
		dirs, err := linesets.Dirs(set.pattern)
		if err != nil {
			t.Fatal(err)
		}
		if len(dirs) == 0 {
			t.Fatalf("no golden set at %s", set.pattern)
		}
		t.Run(filepath.Base(set.pattern), func(t *testing.T) {
			var cases []linesets.Case
			for _, d := range dirs {
				cs, err := linesets.Load(d)
				if err != nil {
					t.Fatal(err)
				}
				cases = append(cases, cs...)
			}
			if len(cases) < 40 {
				t.Fatalf("%d cases, want the whole set", len(cases))
			}
			s := linesets.Writer(summarizer.Options{})
			rs := linesets.Run(s, cases)
			sum := linesets.Summarize(rs)
			t.Log(strings.TrimSpace(sum.String()))
			for _, r := range rs {
				if len(r.Problems) > 0 && set.show {
					t.Errorf("%s: %q breaks rules: %v", r.Case.File, r.Draft.Line, r.Problems)
				}
				if set.show && !r.Verdict.Kept && testing.Verbose() {
					t.Logf("%s [%s]:\n  got  %s\n  want %s", r.Case.File, strings.Join(r.Case.Shapes, " "), r.Draft.Line, r.Case.Line)
				}
			}
			if sum.Breaks > 0 || sum.Ungrounded > 0 {
				t.Errorf("%d lines break a rule, %d have ungrounded numbers or names; want none", sum.Breaks, sum.Ungrounded)
			}
			if sum.KeptShare() < set.kept {
				t.Errorf("%d of %d lines kept (%.1f%%), want at least %.0f%%", sum.Kept, sum.N, 100*sum.KeptShare(), 100*set.kept)
			}
		})
	}
}
