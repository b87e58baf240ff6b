package extractor

import (
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// The page is parsed once. Each attempt at reading it removes furniture
// from the tree through an edits log, and puts it all back before the
// next attempt: undoing is a few pointer moves per removed element, where
// parsing again cost as much as the whole extraction.

// edit is one removal: where the element was.
type edit struct {
	n, parent, next *html.Node
}

// edits logs the removals of one attempt.
type edits struct {
	log []edit
}

// remove takes n out of the tree, remembering where it was.
func (e *edits) remove(n *html.Node) {
	if n.Parent == nil {
		return
	}
	e.log = append(e.log, edit{n: n, parent: n.Parent, next: n.NextSibling})
	n.Parent.RemoveChild(n)
}

// undo puts every removed element back where it was, last removed first.
func (e *edits) undo() {
	for i := len(e.log) - 1; i >= 0; i-- {
		x := e.log[i]
		x.parent.InsertBefore(x.n, x.next)
	}
	e.log = e.log[:0]
}

// runContainers are the elements whose bare text runs are wrapped into
// paragraphs.
var runContainers = map[atom.Atom]bool{
	atom.Div: true, atom.Section: true, atom.Article: true, atom.Main: true, atom.Body: true,
	atom.Td: true, atom.Font: true, atom.Center: true, atom.Span: true, atom.P: true,
}

// wrapRuns gives bare text its paragraphs, as Readability does before it
// scores: inside a container that also holds blocks (a title <p>, an image
// <div>, an ad), or whose text is cut by two or more <br> in a row, each
// run of text and inline elements between blocks and <br> chains becomes
// a <p> of its own. Unwrapped, such runs never vote, and a sidebar or a
// footer of real paragraphs outscores the article. A <p> cut by <br>
// chains becomes a <div> of paragraphs (a <p> cannot hold one).
func wrapRuns(root *html.Node) {
	var todo []*html.Node
	forEachElement(root, func(n *html.Node) {
		if runContainers[n.DataAtom] && needsWrap(n) {
			todo = append(todo, n)
		}
	})
	for _, n := range todo {
		if n.DataAtom == atom.P {
			splitParagraph(n)
		} else {
			wrapChildren(n)
		}
	}
}

// splitParagraph cuts a <p> at its <br> chains into sibling paragraphs,
// each judged on its own: "More: <links>" after a paragraph's text is not
// the paragraph.
func splitParagraph(p *html.Node) {
	parent := p.Parent
	if parent == nil {
		return
	}
	cur := p
	for c := p.FirstChild; c != nil; {
		next := c.NextSibling
		if cur == p && !(c.Type == html.ElementNode && c.DataAtom == atom.Br && brChain(c)) {
			c = next
			continue
		}
		if c.Type == html.ElementNode && c.DataAtom == atom.Br && brChain(c) {
			// Drop the chain; what follows starts a new paragraph.
			if c = dropBrChain(c); c == nil {
				break
			}
			np := &html.Node{Type: html.ElementNode, Data: "p", DataAtom: atom.P, Attr: p.Attr}
			parent.InsertBefore(np, cur.NextSibling)
			cur = np
			continue
		}
		c.Parent.RemoveChild(c)
		cur.AppendChild(c)
		c = next
	}
}

// needsWrap: n holds a bare run of text beside a block or a <br> chain.
func needsWrap(n *html.Node) bool {
	text, cut := false, false
	brs := 0
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		switch {
		case c.Type == html.TextNode:
			if !isBlank(c.Data) {
				text = true
				brs = 0
			}
		case c.Type != html.ElementNode:
		case c.DataAtom == atom.Br:
			brs++
			if brs >= 2 {
				cut = true
			}
		case blockTags[c.DataAtom]:
			cut = true
			brs = 0
		case !skipTags[c.DataAtom]:
			brs = 0
		}
	}
	return text && cut
}

// wrapChildren wraps n's runs of inline children into paragraphs.
func wrapChildren(n *html.Node) {
	if n.DataAtom == atom.Span || n.DataAtom == atom.Font {
		// An inline element cut by <br> chains or holding blocks becomes
		// a container of paragraphs.
		n.DataAtom, n.Data = atom.Div, "div"
	}
	var run []*html.Node
	text := false
	flush := func(before *html.Node) {
		if text {
			p := &html.Node{Type: html.ElementNode, Data: "p", DataAtom: atom.P}
			n.InsertBefore(p, before)
			for _, c := range run {
				n.RemoveChild(c)
				p.AppendChild(c)
			}
		}
		run, text = run[:0], false
	}
	for c := n.FirstChild; c != nil; {
		next := c.NextSibling
		switch {
		case c.Type == html.ElementNode && blockTags[c.DataAtom]:
			flush(c)
		case c.Type == html.ElementNode && c.DataAtom == atom.Br && brChain(c):
			flush(c)
			// The chain itself is dropped: the paragraphs break there.
			next = dropBrChain(c)
		case c.Type == html.TextNode || c.Type == html.ElementNode:
			if len(run) == 0 && c.Type == html.ElementNode && c.DataAtom == atom.Br {
				break // a lone <br> at a run's start breaks nothing
			}
			run = append(run, c)
			if !text {
				text = c.Type == html.TextNode && !isBlank(c.Data) ||
					c.Type == html.ElementNode && !skipTags[c.DataAtom] && hasText(c)
			}
		}
		c = next
	}
	flush(nil)
}

// dropBrChain removes the <br> chain starting at c, with the white space
// between its <br>s, and returns the node after it.
func dropBrChain(c *html.Node) *html.Node {
	for c != nil && (c.Type == html.ElementNode && c.DataAtom == atom.Br || c.Type == html.TextNode && isBlank(c.Data)) {
		after := c.NextSibling
		c.Parent.RemoveChild(c)
		c = after
	}
	return c
}

// hasText reports whether n holds any text that is not white space,
// stopping at the first: a question about a subtree that must not cost
// its whole text at every level of a deep page.
func hasText(n *html.Node) bool {
	stack := []*html.Node{n}
	for len(stack) > 0 {
		c := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		switch {
		case c.Type == html.TextNode:
			if !isBlank(c.Data) {
				return true
			}
			continue
		case c.Type == html.ElementNode && skipTags[c.DataAtom]:
			continue
		}
		for k := c.LastChild; k != nil; k = k.PrevSibling {
			stack = append(stack, k)
		}
	}
	return false
}

// brChain reports whether the <br> c starts (or continues) two or more
// <br> in a row, with only white space between them.
func brChain(c *html.Node) bool {
	n := 0
	for s := c; s != nil; s = s.NextSibling {
		switch {
		case s.Type == html.ElementNode && s.DataAtom == atom.Br:
			n++
			if n >= 2 {
				return true
			}
		case s.Type == html.TextNode && isBlank(s.Data):
		default:
			return false
		}
	}
	return false
}
