package dedup

// Anchors are the phrases of a text that the store indexes to find its
// copies: winnowing (Schleimer, Wilkerson and Aiken, SIGMOD 2003) keeps
// the smallest phrase hash of every window of AnchorWindow consecutive
// phrases. Two texts that share a run of AnchorWindow+ShingleWords-1
// words share at least one anchor whatever else differs, so a teaser
// that reuses one sentence of the lead finds the full copy, and a
// reordered copy finds it through any paragraph — where a MinHash
// signature of the whole phrase set finds only texts of similar size.
// About 2/(AnchorWindow+1) of the phrases become anchors: ~40 for a
// 500-word article, each a row of the store's index. Windows of 16, 24
// and 32 find every pair of copies of the development sets; 24 keeps a
// run of 28 words (about one sentence of a lightly edited teaser) enough
// with two thirds of the rows of 16.
const AnchorWindow = 24

// MaxAnchors bounds the anchors kept of one text (a 15 MiB page would
// otherwise index hundreds of thousands): the first ones, which hold the
// lead that copies keep.
const MaxAnchors = 400

// winnower picks anchors from a stream of phrase hashes: the smallest
// hash of each window of AnchorWindow, the rightmost among equals; a
// window whose smallest is the one already kept adds nothing.
type winnower struct {
	ring [AnchorWindow]uint64
	n    int // phrases pushed
	at   int // position of the kept minimum, -1 before the first window
	out  []uint64
	seen map[uint64]struct{}
}

func newWinnower() *winnower { return &winnower{at: -1, seen: map[uint64]struct{}{}} }

func (w *winnower) push(h uint64) {
	w.ring[w.n%AnchorWindow] = h
	w.n++
	if w.n < AnchorWindow {
		return
	}
	start := w.n - AnchorWindow
	at := w.at
	if at < start {
		at = start
		for i := start + 1; i < w.n; i++ {
			if w.ring[i%AnchorWindow] <= w.ring[at%AnchorWindow] {
				at = i
			}
		}
	} else if h <= w.ring[at%AnchorWindow] {
		at = w.n - 1
	}
	if at != w.at {
		w.at = at
		w.keep(w.ring[at%AnchorWindow])
	}
}

// finish returns the anchors; a text shorter than one window has its
// smallest phrase as its only anchor.
func (w *winnower) finish() []uint64 {
	if w.n > 0 && w.n < AnchorWindow {
		m := w.ring[0]
		for i := 1; i < w.n; i++ {
			m = min(m, w.ring[i])
		}
		w.keep(m)
	}
	return w.out
}

func (w *winnower) keep(h uint64) {
	if len(w.out) >= MaxAnchors {
		return
	}
	if _, ok := w.seen[h]; ok {
		return
	}
	w.seen[h] = struct{}{}
	w.out = append(w.out, h)
}
