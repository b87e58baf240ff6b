package extractor

import (
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// The scoring follows the approach Arc90's Readability made standard:
// paragraphs vote for the containers around them, the best container is
// the article, and siblings that look like more of it join it. It is
// written for pressclip; text lengths are computed once per node.

// Parts of class and id names that raise or lower a container's score.
var (
	positiveParts = []string{"article", "body", "content", "entry", "hentry", "h-entry", "main", "page", "post", "text", "blog", "story", "prose"}
	negativeParts = []string{"-ad-", "hidden", "banner", "combx", "comment", "com-", "contact", "foot", "gdpr", "masthead",
		"media", "meta", "outbrain", "promo", "related", "scroll", "share", "shoutbox", "sidebar", "skyscraper", "sponsor",
		"shopping", "tags", "tool", "widget", "byline", "author", "caption", "credit", "newsletter", "subscribe", "recommend",
		"popular", "trending", "mostread", "most-read", "teaser", "card"}
)

// stats are a node's text measures: runes of collapsed text, of it inside
// links, and commas.
type stats struct {
	text, links, commas int
}

// measure computes the stats of every element under root in one pass.
func measure(root *html.Node) map[*html.Node]*stats {
	m := map[*html.Node]*stats{}
	type frame struct {
		n      *html.Node
		inLink bool
		done   bool
	}
	stack := []frame{{n: root}}
	for len(stack) > 0 {
		f := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		n := f.n
		if f.done {
			if n.Parent != nil && n.Parent.Type == html.ElementNode {
				if s, ok := m[n]; ok {
					p := m[n.Parent]
					if p == nil {
						p = &stats{}
						m[n.Parent] = p
					}
					p.text += s.text
					p.links += s.links
					p.commas += s.commas
				}
			}
			continue
		}
		switch n.Type {
		case html.TextNode:
			l, c := textMeasure(n.Data)
			if l > 0 && n.Parent != nil {
				p := m[n.Parent]
				if p == nil {
					p = &stats{}
					m[n.Parent] = p
				}
				p.text += l
				p.commas += c
				if f.inLink {
					p.links += l
				}
			}
			continue
		case html.ElementNode:
			if skipTags[n.DataAtom] {
				// Scripts and styles are never text: their often huge
				// bodies are not read.
				continue
			}
			if _, ok := m[n]; !ok {
				m[n] = &stats{}
			}
		}
		stack = append(stack, frame{n: n, inLink: f.inLink, done: true})
		inLink := f.inLink || n.DataAtom == atom.A
		for c := n.LastChild; c != nil; c = c.PrevSibling {
			stack = append(stack, frame{n: c, inLink: inLink})
		}
	}
	return m
}

// textMeasure counts the runes of s with white-space runs collapsed (and
// none at the ends), and its commas.
func textMeasure(s string) (runes, commas int) {
	space := false
	for _, r := range s {
		if unicode.IsSpace(r) || r == '\u00a0' {
			space = runes > 0
			continue
		}
		if space {
			runes++
			space = false
		}
		runes++
		if r == ',' || r == '，' || r == '、' {
			commas++
		}
	}
	return runes, commas
}

func (s *stats) linkDensity() float64 {
	if s == nil || s.text == 0 {
		return 0
	}
	return min(float64(s.links)/float64(s.text), 1)
}

// classWeight is +25 for a class or id that says content and -25 for one
// that says furniture, for each of the two.
func classWeight(n *html.Node) float64 {
	w := 0.0
	for _, a := range n.Attr {
		if (a.Key != "class" && a.Key != "id") || a.Val == "" {
			continue
		}
		v := strings.ToLower(a.Val)
		if containsAny(v, negativeParts) || isWordIn(v, "hid") {
			w -= 25
		}
		if containsAny(v, positiveParts) {
			w += 25
		}
	}
	return w
}

// tagWeight is a container's starting score by its kind.
func tagWeight(n *html.Node) float64 {
	switch n.DataAtom {
	case atom.Div, atom.Article, atom.Main, atom.Section:
		return 5
	case atom.Pre, atom.Td, atom.Blockquote:
		return 3
	case atom.Address, atom.Ol, atom.Ul, atom.Dl, atom.Dd, atom.Dt, atom.Li, atom.Form:
		return -3
	case atom.H1, atom.H2, atom.H3, atom.H4, atom.H5, atom.H6, atom.Th:
		return -5
	}
	return 0
}

// scorer holds one attempt's scores.
type scorer struct {
	stats  map[*html.Node]*stats
	scores map[*html.Node]float64
	// votes is the part of scores that paragraphs gave, without the tag
	// and class weights.
	votes map[*html.Node]float64
	// voters are the paragraphs that voted, in document order.
	voters []*html.Node
	// strong is, for each node, the text of the prose paragraphs under it
	// whose container has at least a fifth of the best candidate's votes:
	// the article's paragraphs, not teasers, captions or comments.
	strong  map[*html.Node]int
	weights bool
	// edits logs what the attempt removes, to put it back.
	edits *edits
	// best is the container the paragraphs voted for most.
	best *html.Node
	// captions are the loose captions prune found (see looseCaption).
	captions []*html.Node
}

// paragraphs yields the elements that vote: paragraphs, cells and
// preformatted blocks, and containers with no block inside them (the many
// sites that write paragraphs as <div>s).
func isParagraph(n *html.Node) bool {
	switch n.DataAtom {
	case atom.P, atom.Pre, atom.Td:
		return true
	case atom.Div, atom.Section, atom.Article, atom.Span, atom.Font:
		return !hasBlockChild(n)
	}
	return false
}

// score lets every paragraph of 25 characters or more vote for its five
// nearest containers: 1 + its commas + a point per 100 characters (up to
// 3), in full to its parent, half to its grandparent, and a third of that
// per further level; every container starts at its tag and class weight
// and ends scaled by the share of its text outside links. It returns the
// candidates, best first.
func (sc *scorer) score(body *html.Node) []*html.Node {
	var cands []*html.Node
	forEachElement(body, func(n *html.Node) {
		if !isParagraph(n) {
			return
		}
		st := sc.stats[n]
		if st == nil || st.text < 25 {
			return
		}
		vote := 1 + float64(st.commas) + min(float64(st.text/100), 3)
		sc.voters = append(sc.voters, n)
		level := 0
		for p := n.Parent; p != nil && p.Type == html.ElementNode && level < 5; p = p.Parent {
			if p.DataAtom == atom.Html {
				break
			}
			if _, ok := sc.scores[p]; !ok {
				sc.scores[p] = tagWeight(p)
				if sc.weights {
					sc.scores[p] += classWeight(p)
				}
				cands = append(cands, p)
			}
			div := 1.0
			switch {
			case level == 1:
				div = 2
			case level > 1:
				div = float64(level) * 3
			}
			sc.scores[p] += vote / div
			sc.votes[p] += vote / div
			level++
		}
	})
	for _, c := range cands {
		sc.scores[c] *= 1 - sc.stats[c].linkDensity()
		sc.votes[c] *= 1 - sc.stats[c].linkDensity()
	}
	sort.SliceStable(cands, func(i, j int) bool { return sc.scores[cands[i]] > sc.scores[cands[j]] })
	return cands
}

// top picks the article's container among the candidates: the best one,
// or an ancestor it shares with other strong candidates (an article split
// into several blocks by ads), or an ancestor that outscores the one below
// it.
func (sc *scorer) top(cands []*html.Node, body *html.Node) *html.Node {
	if len(cands) == 0 || cands[0].DataAtom == atom.Body {
		return body
	}
	top := cands[0]
	sc.best = top
	topScore := sc.scores[top]
	sc.measureStrong(sc.votes[top])
	var strong []*html.Node
	for _, c := range cands[1:min(len(cands), 5)] {
		if sc.scores[c]/topScore >= 0.75 {
			strong = append(strong, c)
		}
	}
	if len(strong) >= 3 {
		for p := top.Parent; p != nil && p != body; p = p.Parent {
			if holdsTeasers(p, top, sc.strong) {
				break // the strong blocks beside are teasers named like stories
			}
			n := 0
			for _, s := range strong {
				if contains(p, s) {
					n++
				}
			}
			if n >= 3 {
				top = p
				break
			}
		}
	}
	// Walk up while the ancestors keep a third of the score: an ancestor
	// that scores more than the one below it holds more of the article
	// (the story's first paragraphs beside a "read more" block, say).
	threshold := sc.scores[top] / 3
	last := sc.scores[top]
	for p := top.Parent; p != nil && p != body && p.Type == html.ElementNode; p = p.Parent {
		if holdsTeasers(p, top, sc.strong) {
			break
		}
		ps, ok := sc.scores[p]
		if !ok {
			continue
		}
		if ps < threshold {
			break
		}
		if ps > last {
			top = p
			break
		}
		last = ps
	}
	top = sc.gatherParts(top, body)
	// A lone child says nothing its parent does not.
	for top.Parent != nil && top.Parent != body && onlyElementChild(top.Parent) == top {
		top = top.Parent
	}
	return top
}

// measureStrong fills strong: containers count as the article's when
// their paragraphs' votes (not their class names: "story-block" teasers
// are named like stories) reach a fifth of the best candidate's.
func (sc *scorer) measureStrong(topVotes float64) {
	sc.strong = map[*html.Node]int{}
	for _, v := range sc.voters {
		if v.Parent == nil || sc.votes[v.Parent] < 0.2*topVotes || sc.stats[v].linkDensity() >= 0.5 {
			continue
		}
		for p := v; p != nil && p.Type == html.ElementNode; p = p.Parent {
			sc.strong[p] += sc.stats[v].text
		}
	}
}

// gatherParts handles an article cut into parts ("story-body-1" and
// "story-body-2" in separate wrappers, the sections of a long read): when
// an ancestor up to three levels above top holds clearly more prose in
// strong containers — containers scoring at least a fifth of top, so not
// teasers, captions or comments — and little else, that ancestor is the
// article.
func (sc *scorer) gatherParts(top, body *html.Node) *html.Node {
	strong := sc.strong
	best := top
	level := 0
	for p := top.Parent; p != nil && p != body && p.Type == html.ElementNode && level < 3; p = p.Parent {
		level++
		if p.DataAtom == atom.Tr && strongCells(p, strong) > 1 || holdsTeasers(p, top, strong) {
			break // a table layout's columns, or teasers beside the article
		}
		st := sc.stats[p]
		more := strong[p] - strong[best]
		if st == nil || st.text == 0 || more < 200 || float64(strong[p]) < 1.15*float64(strong[best]) {
			continue
		}
		if float64(strong[p])/float64(st.text) >= 0.6 && st.linkDensity() < 0.25 {
			best = p
		}
	}
	return best
}

// holdsTeasers reports whether a child of p beside the part holding best
// is a list of teasers with strong prose: related stories' excerpts are
// not the article's other parts.
func holdsTeasers(p, best *html.Node, strong map[*html.Node]int) bool {
	for c := p.FirstChild; c != nil; c = c.NextSibling {
		if c.Type == html.ElementNode && strong[c] > 0 && !contains(c, best) && teaserList(c) {
			return true
		}
	}
	return false
}

// minPartRunes is the least text a sibling holds to join as a part of
// the article.
const minPartRunes = 80

// holdsBestClass reports whether n holds an element whose class is the
// best container's (a class of its own, not a bare tag).
func (sc *scorer) holdsBestClass(n *html.Node) bool {
	if sc.best == nil {
		return false
	}
	class := attrOf(sc.best, "class")
	if class == "" || contains(n, sc.best) {
		return false
	}
	found := false
	forEachElement(n, func(e *html.Node) {
		found = found || e.DataAtom == sc.best.DataAtom && attrOf(e, "class") == class
	})
	return found
}

// strongCells counts the cells of row tr that hold strong prose.
func strongCells(tr *html.Node, strong map[*html.Node]int) int {
	n := 0
	for c := tr.FirstChild; c != nil; c = c.NextSibling {
		if c.Type == html.ElementNode && strong[c] > 0 {
			n++
		}
	}
	return n
}

// siblings returns top with the siblings that are more of the article:
// containers scoring at least a fifth of it (more alike if they share its
// class) or holding the article's prose, and paragraphs of prose.
func (sc *scorer) siblings(top *html.Node) []*html.Node {
	if top.Parent == nil || top.DataAtom == atom.Td {
		// The cells beside a table layout's article cell are its columns.
		return []*html.Node{top}
	}
	topScore := sc.scores[top]
	threshold := max(10, topScore*0.2)
	class := attrOf(top, "class")
	var out []*html.Node
	for s := top.Parent.FirstChild; s != nil; s = s.NextSibling {
		if s.Type != html.ElementNode {
			continue
		}
		if s == top {
			out = append(out, s)
			continue
		}
		if teaserList(s) {
			continue
		}
		bonus := 0.0
		if class != "" && attrOf(s, "class") == class {
			bonus = topScore * 0.2
		}
		// The class name may tip the balance, not make it: a header named
		// "article-header" holding a one-line standfirst is not more text.
		if score, ok := sc.scores[s]; ok && score+bonus >= threshold && sc.votes[s] >= 0.1*sc.votes[top] {
			out = append(out, s)
			continue
		}
		// A part of the article nested too deep for its wrapper to score,
		// or one held in a container of the best one's class (the story's
		// first block apart from the rest, "article-text" both).
		if st := sc.stats[s]; st != nil && st.linkDensity() < 0.3 && st.text-st.links >= minPartRunes &&
			(sc.strong[s] >= 300 || sc.holdsBestClass(s)) {
			out = append(out, s)
			continue
		}
		if s.DataAtom != atom.P {
			continue
		}
		st := sc.stats[s]
		if st == nil {
			continue
		}
		ld := st.linkDensity()
		switch {
		case st.text > 80 && ld < 0.25:
			out = append(out, s)
		case st.text > 0 && st.text <= 80 && ld == 0 && endsSentence(s):
			out = append(out, s)
		}
	}
	return out
}

// isWordIn reports whether word is one of the space-separated names in s.
func isWordIn(s, word string) bool {
	for _, f := range strings.Fields(s) {
		if f == word {
			return true
		}
	}
	return false
}

func endsSentence(n *html.Node) bool {
	t := nodeText(n)
	r, _ := utf8.DecodeLastRuneInString(t)
	return r == '.' || r == '!' || r == '?' || r == '。' || r == '”' || r == '"'
}

func contains(ancestor, n *html.Node) bool {
	for p := n; p != nil; p = p.Parent {
		if p == ancestor {
			return true
		}
	}
	return false
}

func onlyElementChild(n *html.Node) *html.Node {
	var only *html.Node
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		switch {
		case c.Type == html.ElementNode:
			if only != nil {
				return nil
			}
			only = c
		case c.Type == html.TextNode && !isBlank(c.Data):
			return nil
		}
	}
	return only
}

func isBlank(s string) bool {
	for _, r := range s {
		if !unicode.IsSpace(r) && r != '\u00a0' {
			return false
		}
	}
	return true
}

func attrOf(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if a.Key == key {
			return a.Val
		}
	}
	return ""
}
