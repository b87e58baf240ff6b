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

func countInside(n *html.Node) counts {
	var c counts
	forEachElement(n, func(e *html.Node) {
		if e == n {
			return
		}
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
	})
	return c
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
	for i := len(order) - 1; i >= 0; i-- {
		n := order[i]
		if n.Parent == nil || inside(n, atom.Pre) || inside(n, atom.Code) {
			continue
		}
		if sc.furniture(n) {
			sc.edits.remove(n)
		}
	}
}

func (sc *scorer) furniture(n *html.Node) bool {
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
	c := countInside(n)
	isList := n.DataAtom == atom.Ul || n.DataAtom == atom.Ol
	ld := st.linkDensity()
	switch {
	case c.img > 1 && float64(c.p)/float64(c.img) < 0.5 && !inside(n, atom.Figure):
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

func inside(n *html.Node, a atom.Atom) bool {
	for p := n.Parent; p != nil; p = p.Parent {
		if p.DataAtom == a {
			return true
		}
	}
	return false
}
