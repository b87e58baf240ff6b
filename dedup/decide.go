package dedup

import (
	"fmt"
	"math"
	"strings"
	"time"
)

// Doc is what the same-story decision reads of one article.
type Doc struct {
	// Shingles are the hashes of the text's phrases, sorted, each once;
	// Anchors the phrases the store indexes (see AnchorWindow).
	Shingles []uint64
	Anchors  []uint64
	Facts
	// Published is when the article says it was published, or when it
	// was found; zero when neither is known.
	Published time.Time
	// Lang is the text's language, as the extractor read it.
	Lang string
}

// Read computes what the decision needs of a text; the caller sets
// Published and Lang.
func Read(text string) Doc {
	sh, anchors := phrases(text, ShingleWords, newWinnower())
	return Doc{Shingles: sh, Anchors: anchors, Facts: FactsOf(text)}
}

// The decision's thresholds (see Decide), chosen on the development sets
// in testdata/wire-dev and measured on testdata/wire-heldout
// (BENCHMARKS.md, issue 16).
const (
	// MinPhrases is the fewest phrases the shorter text needs for any
	// decision from its words: a line of a blurb says too little.
	MinPhrases = 20
	// Copy is the containment that makes the shorter text a copy of the
	// other whatever else they say.
	Copy = 0.9
	// Reuse is the containment that makes the texts one story when their
	// figures and dates agree.
	Reuse = 0.5
	// Reworked is the least containment of a reworked copy (reordered,
	// rewritten, a local intro), which needs the figures to agree
	// closely besides.
	Reworked = 0.2
	// MaxApart is how far apart two copies of one story are published,
	// unless one is nearly all inside the other (a late repost).
	MaxApart = 4 * 24 * time.Hour
	// RepostCopy is the containment of a repost published more than
	// MaxApart after the other.
	RepostCopy = 0.8
)

// Verdict is the decision on two texts, with its evidence.
type Verdict struct {
	Same bool
	// Reason says in words why, for the story's merge reason.
	Reason string
	Similarity
	// Figures of the shorter text, and how many of them the other states.
	Figures, FiguresShared int
	// Names of the shorter text, and how many the other names.
	Names, NamesShared int
	// Apart is the time between the two publications, when both are known.
	Apart time.Duration
}

// Decide tells whether two texts are copies of one story. It reads the
// shorter text's phrases that the other holds (containment), the figures
// and names the shorter text states that the other states too, and the
// time between them. The decision is symmetric.
func Decide(a, b *Doc) Verdict {
	s, l := a, b
	if len(b.Shingles) < len(a.Shingles) {
		s, l = b, a
	}
	v := Verdict{Similarity: Compare(s.Shingles, l.Shingles)}
	v.Figures, v.FiguresShared = len(s.Figures), sharedSorted(s.Figures, l.Figures)
	v.Names, v.NamesShared = len(s.Names), sharedSorted(s.Names, l.Names)
	apartKnown := !a.Published.IsZero() && !b.Published.IsZero()
	if apartKnown {
		v.Apart = a.Published.Sub(b.Published)
		if v.Apart < 0 {
			v.Apart = -v.Apart
		}
	}
	c := v.Containment
	novel := v.Figures - v.FiguresShared
	switch {
	case len(s.Shingles) < MinPhrases:
		v.Reason = fmt.Sprintf("the shorter text has %d phrases, too few to tell", len(s.Shingles))
	case c >= Copy && (!apartKnown || v.Apart <= MaxApart || c >= RepostCopy):
		v.Same = true
		v.Reason = fmt.Sprintf("%s of the shorter text is in the other", pct(c))
	case apartKnown && v.Apart > MaxApart && c < RepostCopy:
		v.Reason = fmt.Sprintf("%s of the shorter text is shared, but published %s apart", pct(c), days(v.Apart))
	case c >= Reuse && novel*3 > v.Figures && novel >= 2:
		v.Reason = fmt.Sprintf("%s of the shorter text is shared, but %d of its %d figures are not in the other", pct(c), novel, v.Figures)
	case c >= Reuse:
		v.Same = true
		v.Reason = fmt.Sprintf("%s of the shorter text is in the other%s", pct(c), v.agreeing())
	case c >= Reworked && v.FiguresShared >= 3 && novel*5 <= v.Figures && v.NamesShared*3 >= v.Names*2:
		v.Same = true
		v.Reason = fmt.Sprintf("%s of the shorter text is in the other, reworked%s", pct(c), v.agreeing())
	default:
		v.Reason = fmt.Sprintf("%s of the shorter text is shared%s", pct(c), v.agreeing())
	}
	return v
}

// agreeing describes the figures and names the texts share.
func (v Verdict) agreeing() string {
	var parts []string
	if v.Figures > 0 {
		parts = append(parts, fmt.Sprintf("%d of %d figures", v.FiguresShared, v.Figures))
	}
	if v.Names > 0 {
		parts = append(parts, fmt.Sprintf("%d of %d names", v.NamesShared, v.Names))
	}
	if len(parts) == 0 {
		return ""
	}
	return "; the other states " + strings.Join(parts, " and ")
}

func pct(x float64) string { return fmt.Sprintf("%d%%", int(math.Round(100*x))) }

func days(d time.Duration) string {
	if n := int(d.Hours() / 24); n != 1 {
		return fmt.Sprintf("%d days", n)
	}
	return "1 day"
}
