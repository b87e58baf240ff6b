package query

import (
	"slices"
	"sort"
	"strings"
)

// Options change how terms compare.
type Options struct {
	// StrictAccents compares accents as written (by default Organización
	// matches Organizacion).
	StrictAccents bool
	// Masked, when set, has a flag per word of the index: flagged words
	// are not matched (a watch's excluded phrases). A NOT still sees
	// them: a watch that excludes "Isle of Man" and writes
	// IOM NOT "Isle of Man" means the island rules IOM out.
	Masked []bool
}

// Match evaluates q against idx: whether the document matches, and the
// hits of the terms that made it match, in document order (terms under a
// NOT give none).
func (q *Query) Match(idx *Index, o Options) (bool, []Hit) {
	ok, hits := eval(q.Root, idx, o)
	if !ok {
		return false, nil
	}
	return true, dedupeHits(hits)
}

func eval(n Node, idx *Index, o Options) (bool, []Hit) {
	switch n := n.(type) {
	case *Term:
		hits := idx.Find(n, o)
		return len(hits) > 0, hits
	case *Near:
		return near(n, idx, o)
	case *Not:
		// Masks hide words from what a query finds, not from what it
		// rules out.
		o.Masked = nil
		ok, _ := eval(n.Item, idx, o)
		return !ok, nil
	case *And:
		var hits []Hit
		for _, it := range n.Items {
			ok, h := eval(it, idx, o)
			if !ok {
				return false, nil
			}
			hits = append(hits, h...)
		}
		return true, hits
	case *Or:
		var hits []Hit
		any := false
		for _, it := range n.Items {
			if ok, h := eval(it, idx, o); ok {
				any = true
				hits = append(hits, h...)
			}
		}
		return any, hits
	}
	return false, nil
}

// near pairs the hits of its two sides that stand within Dist words of
// each other (words in between, either order). For each left hit it reads
// only the right hits within reach, found by a binary search over them in
// word order: comparing every pair took 9 s for a 1 MiB text where both
// sides are every third word (issue 13). The pairs come out in the order
// of the sides' hits, as comparing every pair gives them.
func near(n *Near, idx *Index, o Options) (bool, []Hit) {
	var left, right []Hit
	for _, t := range n.Left {
		left = append(left, idx.Find(t, o)...)
	}
	for _, t := range n.Right {
		right = append(right, idx.Find(t, o)...)
	}
	// order holds right's indexes by first word; unplaced those of hits
	// with no word positions (a term of a script without spaces, which
	// the parser keeps out of NEAR), paired with every left hit.
	var order, unplaced []int
	span := 0 // the most words a right hit spans
	for i, r := range right {
		if r.First < 0 {
			unplaced = append(unplaced, i)
			continue
		}
		order = append(order, i)
		span = max(span, r.Last-r.First)
	}
	sort.SliceStable(order, func(a, b int) bool { return right[order[a]].First < right[order[b]].First })
	var hits []Hit
	var reach []int
	for _, l := range left {
		reach = reach[:0]
		if l.First < 0 {
			for i := range right { // no word positions: every pair is read
				reach = append(reach, i)
			}
		} else {
			// r is within Dist words when r.First <= l.Last+Dist+1 and
			// r.Last >= l.First-Dist-1, so r.First >= l.First-Dist-1-span.
			lo, hi := l.First-n.Dist-1-span, l.Last+n.Dist+1
			k := sort.Search(len(order), func(k int) bool { return right[order[k]].First >= lo })
			for ; k < len(order) && right[order[k]].First <= hi; k++ {
				reach = append(reach, order[k])
			}
			reach = append(reach, unplaced...)
			slices.Sort(reach)
		}
		for _, i := range reach {
			r := right[i]
			d := 0
			switch {
			case r.First > l.Last:
				d = r.First - l.Last - 1
			case l.First > r.Last:
				d = l.First - r.Last - 1
			}
			if d <= n.Dist && l.Field == r.Field {
				hits = append(hits, l, r)
			}
		}
	}
	return len(hits) > 0, hits
}

// Find returns the occurrences of t in the index, in document order.
func (idx *Index) Find(t *Term, o Options) []Hit {
	if t.Unspaced {
		return idx.findInside(t)
	}
	w0 := t.Words[0]
	var cands []int32
	if w0.Prefix {
		for _, k := range idx.withPrefix(w0.key) {
			cands = append(cands, idx.positions(k)...)
		}
		sort.Slice(cands, func(i, j int) bool { return cands[i] < cands[j] })
	} else if _, ok := idx.keyID[w0.key]; !ok && idx.alt[w0.key] == nil {
		return nil // the common case: the word is not in the document
	} else {
		cands = idx.positions(w0.key)
	}
	var hits []Hit
	for _, c := range cands {
		i := int(c)
		if !idx.wordAt(i, w0, t, o) {
			continue
		}
		last := i
		ok := true
		for k := 1; k < len(t.Words); k++ {
			j := i + k
			if j >= len(idx.toks) || idx.toks[j].text != idx.toks[i].text || !idx.wordAt(j, t.Words[k], t, o) {
				ok = false
				break
			}
			last = j
		}
		if !ok {
			continue
		}
		first := idx.toks[i]
		hits = append(hits, Hit{Term: t, Text: int(first.text), Start: int(first.start), End: int(idx.toks[last].end),
			First: i, Last: last, Field: first.field})
	}
	return hits
}

// wordAt reports whether word i of the index is w, as term t compares.
func (idx *Index) wordAt(i int, w Word, t *Term, o Options) bool {
	tok := &idx.toks[i]
	if tok.masked || tok.field&t.Field == 0 || (o.Masked != nil && o.Masked[i]) {
		return false
	}
	same := func(a, b string) bool {
		if w.Prefix {
			return strings.HasPrefix(a, b)
		}
		return a == b
	}
	key := idx.key(i)
	if !same(key, w.key) {
		found := false
		for _, v := range arabicVariants(key) {
			if same(v, w.key) {
				found = true
				break
			}
		}
		if !found {
			return false
		}
		return !t.Exact // a clitic-stripped form is never an exact match
	}
	if t.Exact {
		return same(idx.orig(i), w.orig)
	}
	if o.StrictAccents {
		return same(idx.fold(i), w.fold)
	}
	return true
}

// findInside finds a term of a script without spaces inside the texts.
func (idx *Index) findInside(t *Term) []Hit {
	needle := t.Words[0].orig
	var hits []Hit
	for ti, text := range idx.texts {
		if text.Field&t.Field == 0 {
			continue
		}
		s := text.S
		for off := 0; ; {
			i := strings.Index(s[off:], needle)
			if i < 0 {
				break
			}
			start := off + i
			hits = append(hits, Hit{Term: t, Text: ti, Start: start, End: start + len(needle), First: -1, Last: -1, Field: text.Field})
			off = start + len(needle)
		}
	}
	return hits
}

// dedupeHits sorts hits in document order and drops repeats.
func dedupeHits(hits []Hit) []Hit {
	sort.SliceStable(hits, func(i, j int) bool {
		if hits[i].Text != hits[j].Text {
			return hits[i].Text < hits[j].Text
		}
		return hits[i].Start < hits[j].Start
	})
	out := hits[:0]
	for i, h := range hits {
		if i > 0 && h.Text == out[len(out)-1].Text && h.Start == out[len(out)-1].Start && h.End == out[len(out)-1].End {
			continue
		}
		out = append(out, h)
	}
	return out
}
