package extractor

import (
	"regexp"
	"strings"
	"unicode/utf8"

	"github.com/pressclip/pressclip/internal/dates"

	"github.com/PuerkitoBio/goquery"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// Class and id patterns that mark page furniture, and those that mark
// content. An element is furniture when it matches the first and not the
// second (the approach of Arc90's Readability).
var (
	unlikely = regexp.MustCompile(`(?i)(^|[-_ ])(ad|ads|advert|advertisement|banner|breadcrumbs?|byline|caption|comments?|community|consent|cookie|credit|disqus|footer|gdpr|header|masthead|menu|modal|most-?read|most-?popular|nav|navbar|navigation|newsletter|outbrain|pagination|paywall|popular|popup|promo|read-?more|recirc|related|share|sharing|sidebar|signup|skip|social|sponsor|subscribe|tags?|taboola|toolbar|trending|ticker|tools|widget|author-?bio|more-?stories|also-?read|partner)s?($|[-_ ])`)
	likely   = regexp.MustCompile(`(?i)(article|body|content|entry|main|post|story|text|prose)`)
)

// furnitureTags never hold the article's own text.
var furnitureTags = map[atom.Atom]bool{
	atom.Nav: true, atom.Aside: true, atom.Footer: true, atom.Header: true, atom.Form: true,
	atom.Figure: true, atom.Figcaption: true, atom.Dialog: true, atom.Menu: true,
}

// boilerplate matches blocks that are widget text, not story text.
var boilerplate = regexp.MustCompile(`(?i)^(advertisement|share( this( article| story)?)?( on \w+)?|copy link|read more\b.*|related:.*|sign up\b.*|subscribe\b.*|click here\b.*|image copyright\b.*|photo:.*|media playback is (not supported|unsupported).*|follow us\b.*|listen to this article.*|most read|trending|(press|news|media) release)$`)

// mainText returns the article's blocks of text in document order. When
// lenient, elements whose class or id marks them as furniture are kept if
// they hold the article body.
func mainText(doc *goquery.Document, title string, lenient bool) []string {
	prune(doc, lenient)
	body := doc.Find("body").Nodes
	if len(body) == 0 {
		return nil
	}
	top := bestCandidate(body[0])
	if top == nil {
		top = body[0]
	}
	var blocks []block
	for _, n := range withSiblings(top) {
		blocks = append(blocks, renderBlocks(n)...)
	}
	return keepContent(blocks, title)
}

// prune removes scripts, furniture elements and elements whose class or id
// marks them as furniture (unless lenient and they hold the article body).
func prune(doc *goquery.Document, lenient bool) {
	doc.Find("*").Each(func(_ int, s *goquery.Selection) {
		n := s.Nodes[0]
		if n.Parent == nil {
			return
		}
		if skipTags[n.DataAtom] || isHidden(n) || (furnitureTags[n.DataAtom] && !containsArticleBody(s)) || (isFurniture(n) && !(lenient && containsArticleBody(s))) {
			n.Parent.RemoveChild(n)
		}
	})
}

func isHidden(n *html.Node) bool {
	for _, a := range n.Attr {
		switch a.Key {
		case "hidden":
			return true
		case "aria-hidden":
			return a.Val == "true"
		case "role":
			switch a.Val {
			case "navigation", "banner", "contentinfo", "complementary", "dialog", "alert", "menu", "menubar":
				return true
			}
		case "style":
			v := strings.ReplaceAll(strings.ToLower(a.Val), " ", "")
			if strings.Contains(v, "display:none") || strings.Contains(v, "visibility:hidden") {
				return true
			}
		}
	}
	return false
}

// containsArticleBody keeps a <header> or <form> that wraps the whole page
// (some CMSs do that) from taking the article with it.
func containsArticleBody(s *goquery.Selection) bool {
	return s.Find("article, [itemprop=articleBody]").Length() > 0 || s.Find("p").Length() > 8
}

func isFurniture(n *html.Node) bool {
	switch n.DataAtom {
	case atom.Html, atom.Body, atom.Article, atom.Main:
		return false
	}
	var classID string
	for _, a := range n.Attr {
		if a.Key == "class" || a.Key == "id" {
			classID += " " + a.Val
		}
		if a.Key == "itemprop" && a.Val == "articleBody" {
			return false
		}
	}
	if classID == "" {
		return false
	}
	return unlikely.MatchString(classID) && !likely.MatchString(classID)
}

// bestCandidate scores containers by the paragraphs they hold: each
// paragraph of 25 characters or more gives 1 + its commas + a point per
// 100 characters (up to 3) to its parent, half that to the grandparent and
// a third to the great-grandparent; each container's score is then scaled
// by the share of its text that is not link text.
func bestCandidate(body *html.Node) *html.Node {
	scores := map[*html.Node]float64{}
	var order []*html.Node
	forEachElement(body, func(n *html.Node) {
		switch n.DataAtom {
		case atom.P, atom.Pre, atom.Td, atom.Blockquote:
		case atom.Div, atom.Section:
			if hasBlockChild(n) {
				return
			}
		default:
			return
		}
		t := nodeText(n)
		l := utf8.RuneCountInString(t)
		if l < 25 {
			return
		}
		score := 1 + float64(strings.Count(t, ",")+strings.Count(t, "，")) + min(float64(l/100), 3)
		p := n.Parent
		for level := 1; p != nil && level <= 3; level++ {
			if p.Type == html.ElementNode {
				if _, ok := scores[p]; !ok {
					order = append(order, p)
				}
				scores[p] += score / float64(level)
			}
			p = p.Parent
		}
	})
	var best *html.Node
	var bestScore float64
	for _, n := range order {
		s := scores[n] * (1 - linkDensity(n))
		scores[n] = s
		if s > bestScore {
			best, bestScore = n, s
		}
	}
	// A container split into sibling blocks by ad slots scores lower than
	// its parent would: prefer the parent when it holds most of the score.
	if best != nil && best.Parent != nil && best.Parent.DataAtom != atom.Body {
		if ps, ok := scores[best.Parent]; ok && ps > bestScore*1.1 {
			best = best.Parent
		}
	}
	return best
}

// withSiblings returns top and the siblings that look like part of the
// same article (paragraphs the CMS placed beside the main container).
func withSiblings(top *html.Node) []*html.Node {
	if top.Parent == nil {
		return []*html.Node{top}
	}
	var out []*html.Node
	for s := top.Parent.FirstChild; s != nil; s = s.NextSibling {
		if s == top {
			out = append(out, s)
			continue
		}
		if s.Type != html.ElementNode || s.DataAtom != atom.P {
			continue
		}
		t := nodeText(s)
		if utf8.RuneCountInString(t) > 80 && linkDensity(s) < 0.25 && strings.ContainsAny(t, ".!?。") {
			out = append(out, s)
		}
	}
	return out
}

func hasBlockChild(n *html.Node) bool {
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if c.Type == html.ElementNode && blockTags[c.DataAtom] {
			return true
		}
	}
	return false
}

// linkDensity is the share of n's text that sits inside links.
func linkDensity(n *html.Node) float64 {
	total := utf8.RuneCountInString(nodeText(n))
	if total == 0 {
		return 0
	}
	links := 0
	forEachElement(n, func(c *html.Node) {
		if c.DataAtom == atom.A {
			links += utf8.RuneCountInString(nodeText(c))
		}
	})
	return min(float64(links)/float64(total), 1)
}

// forEachElement visits the elements under n in document order without
// recursion, so that depth is not limited by the stack.
func forEachElement(n *html.Node, fn func(*html.Node)) {
	stack := []*html.Node{n}
	for len(stack) > 0 {
		c := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		if c.Type == html.ElementNode {
			fn(c)
		}
		for k := c.LastChild; k != nil; k = k.PrevSibling {
			stack = append(stack, k)
		}
	}
}

// block is one run of text between block boundaries.
type block struct {
	text     string
	linkText int
	heading  atom.Atom
}

// renderBlocks splits n's text at block boundaries, as a browser lays it
// out, keeping how much of each block is link text.
func renderBlocks(n *html.Node) []block {
	var out []block
	var cur strings.Builder
	linkChars := 0
	var heading atom.Atom
	flush := func() {
		if t := collapse(cur.String()); t != "" {
			out = append(out, block{text: t, linkText: linkChars, heading: heading})
		}
		cur.Reset()
		linkChars = 0
		heading = 0
	}
	var walk func(n *html.Node, inLink bool, depth int)
	walk = func(n *html.Node, inLink bool, depth int) {
		if depth > maxDepth {
			return
		}
		switch n.Type {
		case html.TextNode:
			cur.WriteString(n.Data)
			if inLink {
				linkChars += utf8.RuneCountInString(strings.TrimSpace(n.Data))
			}
			return
		case html.ElementNode:
			if skipTags[n.DataAtom] {
				return
			}
		}
		isBlock := n.Type == html.ElementNode && blockTags[n.DataAtom]
		if isBlock {
			flush()
			switch n.DataAtom {
			case atom.H1, atom.H2, atom.H3, atom.H4, atom.H5, atom.H6:
				heading = n.DataAtom
			}
		}
		if n.DataAtom == atom.Br {
			cur.WriteByte(' ')
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c, inLink || n.DataAtom == atom.A, depth+1)
		}
		if isBlock {
			flush()
		}
	}
	walk(n, false, 0)
	flush()
	return out
}

// keepContent drops blocks that are navigation (mostly links), widget
// text, or the headline repeated.
func keepContent(blocks []block, title string) []string {
	var out []string
	for _, b := range blocks {
		l := utf8.RuneCountInString(b.text)
		if l == 0 {
			continue
		}
		if b.heading == atom.H1 || (title != "" && strings.EqualFold(b.text, title)) {
			continue
		}
		if float64(b.linkText)/float64(l) > 0.5 {
			continue
		}
		if l < 120 && boilerplate.MatchString(strings.TrimRight(b.text, " .:…")) {
			continue
		}
		// A block that is only a date is the page's dateline, not text.
		if l < 40 && !dates.Parse(b.text).IsZero() {
			continue
		}
		out = append(out, b.text)
	}
	return out
}
