package extractor

import (
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// conditionalTags are the containers inside the article that are dropped
// when they look like furniture rather than text.
var conditionalTags = map[atom.Atom]bool{
	atom.Table: true, atom.Ul: true, atom.Ol: true, atom.Div: true, atom.Section: true,
	atom.Form: true, atom.Fieldset: true, atom.Dl: true,
}

// counts are the elements inside a container that tell furniture apart.
type counts struct {
	p, img, li, input, embed, headings int
}

// add adds o to c; sign -1 takes it away.
func (c *counts) add(o counts, sign int) {
	c.p += sign * o.p
	c.img += sign * o.img
	c.li += sign * o.li
	c.input += sign * o.input
	c.embed += sign * o.embed
	c.headings += sign * o.headings
}

// own is what element e itself adds to the counts of its ancestors.
func own(e *html.Node) counts {
	var c counts
	switch e.DataAtom {
	case atom.P:
		c.p++
	case atom.Img, atom.Picture:
		c.img++
	case atom.Li:
		c.li++
	case atom.Input, atom.Select, atom.Textarea:
		// Form fields; a recipe card's "Print" and "Save" buttons are
		// not a form.
		c.input++
	case atom.Iframe, atom.Object, atom.Embed, atom.Video, atom.Audio:
		c.embed++
	case atom.H2, atom.H3, atom.H4, atom.H5, atom.H6:
		c.headings++
	}
	return c
}

// cleaning is what cleanConditionally knows of each element under the
// article's roots, computed in one walk: the elements inside it, and
// whether it sits inside <pre> or <code> (left as they are) or a figure.
type cleaning struct {
	inside           map[*html.Node]*counts
	inCode, inFigure map[*html.Node]bool
}

// survey computes the cleaning facts of every element under roots: counts
// bottom-up and ancestry top-down, so that a deep page costs one walk,
// not one per level.
func survey(roots []*html.Node) cleaning {
	cl := cleaning{inside: map[*html.Node]*counts{}, inCode: map[*html.Node]bool{}, inFigure: map[*html.Node]bool{}}
	type frame struct {
		n    *html.Node
		done bool
	}
	for _, r := range roots {
		code, figure := false, false
		for p := r.Parent; p != nil; p = p.Parent {
			code = code || p.DataAtom == atom.Pre || p.DataAtom == atom.Code
			figure = figure || p.DataAtom == atom.Figure
		}
		cl.inCode[r], cl.inFigure[r] = code, figure
		stack := []frame{{n: r}}
		for len(stack) > 0 {
			f := stack[len(stack)-1]
			stack = stack[:len(stack)-1]
			n := f.n
			if f.done {
				if n != r && n.Parent != nil {
					pc := cl.inside[n.Parent]
					pc.add(own(n), 1)
					pc.add(*cl.inside[n], 1)
				}
				continue
			}
			cl.inside[n] = &counts{}
			if n != r {
				p := n.Parent
				cl.inCode[n] = cl.inCode[p] || p.DataAtom == atom.Pre || p.DataAtom == atom.Code
				cl.inFigure[n] = cl.inFigure[p] || p.DataAtom == atom.Figure
			}
			stack = append(stack, frame{n: n, done: true})
			for c := n.LastChild; c != nil; c = c.PrevSibling {
				if c.Type == html.ElementNode {
					stack = append(stack, frame{n: c})
				}
			}
		}
	}
	return cl
}

// cleanConditionally removes, inside the chosen article, the containers
// that hold little prose: lists of links, groups of images, forms,
// embeds, and blocks whose class says furniture and whose score does not
// say otherwise. Deepest containers are judged first.
func (sc *scorer) cleanConditionally(roots []*html.Node) {
	var order []*html.Node
	for _, r := range roots {
		forEachElement(r, func(n *html.Node) {
			if n != r && conditionalTags[n.DataAtom] {
				order = append(order, n)
			}
		})
	}
	if len(order) == 0 {
		return
	}
	cl := survey(roots)
	for i := len(order) - 1; i >= 0; i-- {
		n := order[i]
		if n.Parent == nil || cl.inCode[n] {
			continue
		}
		if sc.furniture(n, *cl.inside[n], cl.inFigure[n]) {
			// What leaves, leaves its ancestors' counts.
			gone := own(n)
			gone.add(*cl.inside[n], 1)
			for p := n.Parent; p != nil; p = p.Parent {
				if pc := cl.inside[p]; pc != nil {
					pc.add(gone, -1)
				}
			}
			sc.edits.remove(n)
		}
	}
}

// furniture reports whether the container n, holding c and inside a
// figure or not, is furniture rather than text.
func (sc *scorer) furniture(n *html.Node, c counts, inFigure bool) bool {
	weight := 0.0
	if sc.weights {
		weight = classWeight(n)
	}
	st := sc.stats[n]
	if st == nil {
		return true
	}
	if weight+sc.scores[n] < 0 && !plainText(st) {
		return true
	}
	if st.commas >= 10 {
		return false
	}
	isList := n.DataAtom == atom.Ul || n.DataAtom == atom.Ol
	ld := st.linkDensity()
	switch {
	case c.img > 1 && float64(c.p)/float64(c.img) < 0.5 && !inFigure:
		return true
	case !isList && c.li-100 > c.p:
		return true
	case c.input > c.p/3:
		return true
	case !isList && st.text < 25 && (c.img == 0 || c.img > 2):
		return true
	case !isList && weight < 25 && ld > 0.2:
		return true
	case weight >= 25 && ld > 0.5:
		return true
	case isList && ld > 0.5:
		return true
	case (c.embed == 1 && st.text < 75) || c.embed > 1:
		return true
	}
	return false
}

// plainTextRunes is the text without a single link that a container
// named like furniture ("recipe-card", "media-lead") must hold to stay:
// furniture is links (related, share, navigation), little text (ads) or
// removed by name before (comments).
const plainTextRunes = 200

// plainText reports whether a container's stats say text, not furniture.
func plainText(st *stats) bool {
	return st.links == 0 && st.text >= plainTextRunes
}
