package dedup

import (
	"fmt"
	"math"
	"slices"
	"strings"
	"time"
)

// Doc is what the same-story decision reads of one article.
type Doc struct {
	// Shingles are the hashes of the text's phrases, sorted, each once;
	// Anchors the phrases the store indexes (see AnchorWindow).
	Shingles []uint64
	Anchors  []uint64
	// Facts are read from the text when the decision needs them (most
	// candidates share too little to ask): call Facts().
	facts *Facts
	text  string
	// Published is when the article says it was published, or when it
	// was found; zero when neither is known.
	Published time.Time
	// Lang is the text's language, as the extractor read it; Wire the
	// agency whose copy it is ("" for an outlet's own).
	Lang, Wire string
}

// Read computes what the decision needs of a text; the caller sets
// Published and Lang.
func Read(text string) Doc {
	sh, anchors := phrases(text, ShingleWords, newWinnower())
	return Doc{Shingles: sh, Anchors: anchors, text: text}
}

// Facts returns the text's figures and names, read once.
func (d *Doc) Facts() *Facts {
	if d.facts == nil {
		f := FactsOf(d.text)
		d.facts = &f
	}
	return d.facts
}

// Keys are what a store indexes to find a text's copies: its anchors,
// and a key per significant figure, through which a translation (no
// phrase in common) finds the original.
func (d *Doc) Keys() []uint64 {
	return append(slices.Clone(d.Anchors), d.FigureKeys()...)
}

// FigureKeys are the index keys of the text's significant figures.
func (d *Doc) FigureKeys() []uint64 {
	var keys []uint64
	for _, f := range d.Facts().Figures {
		keys = append(keys, figureKey(f))
	}
	return keys
}

// figureKey is the index key of a figure: its bits, salted apart from
// phrase hashes.
func figureKey(f float64) uint64 {
	return mix64(math.Float64bits(f) ^ 0x6669677572657321) // "figures!"
}

// The decision's thresholds (see Decide), chosen on the development sets
// in testdata/wire-dev and measured on testdata/wire-heldout
// (BENCHMARKS.md, issue 16). Containment is the share of the shorter
// text's phrases that the other holds.
const (
	// MinPhrases is the fewest phrases the shorter text needs for a
	// decision from its words: a line of a blurb says too little.
	MinPhrases = 20
	// Copy is the containment that makes the shorter text a copy of the
	// other whatever else they say: a cut copy, a repost.
	Copy = 0.8
	// Reuse is the containment that makes the texts one story when their
	// figures agree, or, published the same day, their names (the
	// agency's write-through updates a toll but not the places).
	Reuse = 0.5
	// Local is the containment of a copy with a local intro or a desk's
	// edits, which needs the figures and the names to agree.
	Local = 0.4
	// Reworked is the least containment of a reworked copy (reordered,
	// sentences split and joined), which needs three figures or more and
	// nearly all of them shared besides.
	Reworked = 0.2
	// MaxApart is how far apart two copies of one story are published,
	// unless one is nearly all inside the other (Copy).
	MaxApart = 4 * 24 * time.Hour
	// SameDay is how far apart an update (write-through) or a
	// translation is published.
	SameDay = 36 * time.Hour
	// MinInOrder is the fewest figures a translation must state in the
	// same order as the original, and InOrderShare the share of the
	// fewer figures of the two.
	MinInOrder   = 4
	InOrderShare = 0.8
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
	// InOrder is how many figures both texts state, in the same order
	// (the longest common subsequence of their figures).
	InOrder int
}

// Decide tells whether two texts are copies of one story. It reads the
// shorter text's phrases that the other holds (containment), the figures
// and names the shorter text states that the other states too, and the
// time between them; texts in two languages are one story when they are
// one agency's and state the same figures in the same order within
// SameDay (another agency's report of the same event states the same
// figures too). The decision is symmetric.
func Decide(a, b *Doc) Verdict {
	s, l := a, b
	if len(b.Shingles) < len(a.Shingles) || (len(b.Shingles) == len(a.Shingles) && len(b.Facts().Figures) < len(a.Facts().Figures)) {
		s, l = b, a
	}
	v := Verdict{Similarity: Compare(s.Shingles, l.Shingles)}
	crossLang := baseLang(a.Lang) != "" && baseLang(b.Lang) != "" && baseLang(a.Lang) != baseLang(b.Lang)
	if !crossLang && v.Containment < Reworked {
		v.Reason = fmt.Sprintf("%s of the shorter text is shared", pct(v.Containment))
		return v
	}
	sf, lf := s.Facts(), l.Facts()
	v.Figures, v.FiguresShared = len(sf.Figures), sharedSorted(sf.Figures, lf.Figures)
	v.Names, v.NamesShared = len(sf.Names), sharedSorted(sf.Names, lf.Names)
	v.InOrder = inOrder(a.Facts().Order, b.Facts().Order)
	apartKnown := !a.Published.IsZero() && !b.Published.IsZero()
	if apartKnown {
		v.Apart = a.Published.Sub(b.Published)
		if v.Apart < 0 {
			v.Apart = -v.Apart
		}
	}
	c := v.Containment
	novel := v.Figures - v.FiguresShared
	figuresAgree := novel <= 1 || novel*3 <= v.Figures
	namesAgree := v.NamesShared*3 >= v.Names*2
	sameDay := !apartKnown || v.Apart <= SameDay
	fewer := min(len(a.Facts().Figures), len(b.Facts().Figures))
	switch {
	case crossLang:
		switch {
		case a.Wire == "" || a.Wire != b.Wire:
			v.Reason = fmt.Sprintf("in %s and %s, not copies of one agency's story", a.Lang, b.Lang)
		case sameDay && v.InOrder >= MinInOrder && float64(v.InOrder) >= InOrderShare*float64(fewer):
			v.Same = true
			v.Reason = fmt.Sprintf("a translation of %s's story: %d of %d figures stated in the same order, %s apart", a.Wire, v.InOrder, fewer, hours(v.Apart))
		default:
			v.Reason = fmt.Sprintf("in %s and %s, %d of %d figures in the same order", a.Lang, b.Lang, v.InOrder, fewer)
		}
	case len(s.Shingles) < MinPhrases:
		v.Reason = fmt.Sprintf("the shorter text has %d phrases, too few to tell", len(s.Shingles))
	case c >= Copy:
		v.Same = true
		v.Reason = fmt.Sprintf("%s of the shorter text is in the other", pct(c))
	case apartKnown && v.Apart > MaxApart:
		v.Reason = fmt.Sprintf("%s of the shorter text is shared, but published %s apart", pct(c), days(v.Apart))
	case c >= Reuse && figuresAgree:
		v.Same = true
		v.Reason = fmt.Sprintf("%s of the shorter text is in the other%s", pct(c), v.agreeing())
	case c >= Reuse && namesAgree && sameDay:
		v.Same = true
		v.Reason = fmt.Sprintf("%s of the shorter text is in the other, with %d of its %d figures updated and the same names, %s apart (a later version)",
			pct(c), novel, v.Figures, hours(v.Apart))
	case c >= Reuse:
		v.Reason = fmt.Sprintf("%s of the shorter text is shared, but %d of its %d figures and %d of its %d names are not in the other",
			pct(c), novel, v.Figures, v.Names-v.NamesShared, v.Names)
	case c >= Local && figuresAgree && namesAgree:
		v.Same = true
		v.Reason = fmt.Sprintf("%s of the shorter text is in the other (a local intro or edits)%s", pct(c), v.agreeing())
	case c >= Reworked && v.FiguresShared >= 3 && novel*5 <= v.Figures && namesAgree:
		v.Same = true
		v.Reason = fmt.Sprintf("%s of the shorter text is in the other, reworked%s", pct(c), v.agreeing())
	default:
		v.Reason = fmt.Sprintf("%s of the shorter text is shared%s", pct(c), v.agreeing())
	}
	return v
}

// baseLang is the primary subtag of a language tag, lower case: "en"
// for "en-US".
func baseLang(tag string) string {
	base, _, _ := strings.Cut(tag, "-")
	base, _, _ = strings.Cut(base, "_")
	return strings.ToLower(base)
}

// inOrder is the length of the longest common subsequence of two
// figure sequences (each figure once in each).
func inOrder(a, b []float64) int {
	if len(a) == 0 || len(b) == 0 {
		return 0
	}
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for i := range a {
		for j := range b {
			switch {
			case a[i] == b[j]:
				cur[j+1] = prev[j] + 1
			default:
				cur[j+1] = max(cur[j], prev[j+1])
			}
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}

func hours(d time.Duration) string {
	if d < 2*time.Hour {
		return fmt.Sprintf("%d min", int(d.Minutes()))
	}
	return fmt.Sprintf("%d h", int(d.Hours()))
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
