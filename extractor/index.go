package extractor

import (
	"strings"

	"github.com/PuerkitoBio/goquery"
	"github.com/andybalholm/cascadia"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// index lists a page's elements once, by tag and by the attributes the
// metadata selectors read, so that each selector tests only the elements
// it could match instead of walking the whole tree again (a page's
// metadata took fifteen to twenty-five walks).
type index struct {
	doc   *goquery.Document
	byTag map[atom.Atom][]*html.Node
	// named are the elements with a class or an id; itemprop those with
	// an itemprop.
	named, itemprop []*html.Node
	// bylines, credits and paywalls are the elements whose names (or
	// rel, itemprop, data-testid) hold the words the byline, credit and
	// paywall selectors look for: a superset of what they match, found
	// with one lower-cased string per element instead of a selector each.
	bylines, credits, paywalls []*html.Node
}

// Words the selectors' candidates hold somewhere in their names.
var (
	bylineParts  = []string{"author", "byline", "autor", "auteur"}
	creditParts  = []string{"credit", "fuente", "source"}
	paywallParts = []string{"paywall", "regwall", "premium-content", "subscriber", "meteredcontent", "piano", "tp-modal", "article-locked"}
)

func newIndex(doc *goquery.Document) *index {
	ix := &index{doc: doc, byTag: map[atom.Atom][]*html.Node{}}
	for _, root := range doc.Nodes {
		forEachElement(root, func(n *html.Node) {
			if n.DataAtom != 0 {
				ix.byTag[n.DataAtom] = append(ix.byTag[n.DataAtom], n)
			}
			byline := false
			for _, a := range n.Attr {
				switch a.Key {
				case "class", "id":
					if len(ix.named) == 0 || ix.named[len(ix.named)-1] != n {
						ix.named = append(ix.named, n)
					}
				case "itemprop", "rel":
					byline = true
					if a.Key == "itemprop" {
						ix.itemprop = append(ix.itemprop, n)
					}
				case "data-testid":
					byline = byline || strings.Contains(a.Val, "byline")
				}
			}
			if len(ix.named) == 0 || ix.named[len(ix.named)-1] != n {
				if byline {
					ix.bylines = append(ix.bylines, n)
				}
				return
			}
			nm := names(n)
			if byline || containsAny(nm, bylineParts) {
				ix.bylines = append(ix.bylines, n)
			}
			if containsAny(nm, creditParts) {
				ix.credits = append(ix.credits, n)
			}
			if containsAny(nm, paywallParts) {
				ix.paywalls = append(ix.paywalls, n)
			}
		})
	}
	return ix
}

// sel is a compiled selector with the elements it can match.
type sel struct {
	m cascadia.Selector
	// among lists the candidates: a tag's elements, or one of the
	// index's lists.
	among func(*index) []*html.Node
}

func tagged(a atom.Atom) func(*index) []*html.Node {
	return func(ix *index) []*html.Node { return ix.byTag[a] }
}

func bylineElements(ix *index) []*html.Node   { return ix.bylines }
func creditElements(ix *index) []*html.Node   { return ix.credits }
func paywallElements(ix *index) []*html.Node  { return ix.paywalls }
func itempropElements(ix *index) []*html.Node { return ix.itemprop }

func mustSel(s string, among func(*index) []*html.Node) sel {
	return sel{m: cascadia.MustCompile(s), among: among}
}

// find returns the elements s matches, in document order.
func (ix *index) find(s sel) *goquery.Selection {
	var out []*html.Node
	for _, n := range s.among(ix) {
		if s.m.Match(n) {
			out = append(out, n)
		}
	}
	return ix.doc.FindNodes(out...)
}

// first returns the first element s matches, as a selection (empty when
// none).
func (ix *index) first(s sel) *goquery.Selection {
	for _, n := range s.among(ix) {
		if s.m.Match(n) {
			return ix.doc.FindNodes(n)
		}
	}
	return ix.doc.FindNodes()
}
