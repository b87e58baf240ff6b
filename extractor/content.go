package extractor

import (
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/pressclip/pressclip/internal/dates"

	"github.com/PuerkitoBio/goquery"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

var (
	// neverParts mark furniture that is never the article, however much
	// text it holds: reader comments, photo-gallery legends, related
	// stories.
	neverParts = []string{"comment", "disqus", "respond", "reply", "replies", "discussion", "legend", "related",
		"recommend", "mostread", "most-read", "mostpopular", "most-popular", "outbrain", "taboola", "newsletter"}
)

// furnitureTags never hold the article's own text.
var furnitureTags = map[atom.Atom]bool{
	atom.Nav: true, atom.Aside: true, atom.Footer: true, atom.Header: true, atom.Form: true,
	atom.Figure: true, atom.Figcaption: true, atom.Dialog: true, atom.Menu: true,
}

// byline matches a block that only says who wrote the article or when:
// "By Jane Roe", "Posted 25 November 2026 by the newsroom".
var byline = regexp.MustCompile(`^(?:(?:By|BY|Par|Por|Von) \p{Lu}[\p{L}.'’-]*(?: (?:\p{Lu}[\p{L}.'’-]*|and|y|et|und|de|van|von))*(?:,.*)?|(?i:posted|published|updated|last updated|publié|publicado)\b.*)$`)

// boilerplate matches blocks that are widget text, not story text.
var boilerplate = regexp.MustCompile(`(?i)^(advertisement|share( this( article| story)?)?( on \w+)?|copy link|read more\b.*|related:.*|sign up\b.*|subscribe\b.*|click here\b.*|image copyright\b.*|photo:.*|media playback is (not supported|unsupported).*|follow us\b.*|listen to this article.*|most read|trending|(press|news|media) release)$`)

// attempt is one way of reading a page: each later attempt trusts the
// page's class names less, for pages whose article sits in a container
// named like furniture ("row site_header", "sidebar-right-mix").
type attempt struct {
	stripUnlikely, weights, clean bool
}

var attempts = []attempt{
	{stripUnlikely: true, weights: true, clean: true},
	{stripUnlikely: false, weights: true, clean: true},
	{stripUnlikely: false, weights: false, clean: true},
	{stripUnlikely: false, weights: false, clean: false},
}

// minArticleRunes is the text an attempt must find to be trusted; below
// it the next attempt runs and the longest result wins.
const minArticleRunes = 500

// articleText is what an attempt read: the article's blocks of text, and
// whether the article's container ended with a call to subscribe or read
// on (dropped from the text, kept as a sign of a teaser).
type articleText struct {
	paragraphs []string
	readOn     bool
	// low: the text does not agree with the page's headline or
	// description (or is empty).
	low bool
}

// mainText returns the article's blocks of text in document order. The
// attempts read the one tree in turn; each puts back what it removed.
// Once the strict attempt found text, the later ones drop the elements it
// named never the article (comments, related stories, newsletters,
// footers): a retry may find a longer article the strict pass missed, but
// not beat a short real one with a comment thread or a footer.
//
// A text must agree with the hints (the headline, the page's
// description; see Agrees, which leaves out the words of site, the
// site's name): the first attempt whose text is long enough
// and agrees wins, else the longest text that agrees. When none agrees,
// the longest text is returned marked low.
func mainText(doc *goquery.Document, title, site string, hints []string) articleText {
	bodies := doc.Find("body").Nodes
	if len(bodies) == 0 {
		return articleText{low: true}
	}
	body := bodies[0]
	wrapRuns(body)
	text, ok := readAttempts(body, title, site, hints)
	if !ok && unhideNoscript(body) {
		// A page that builds its article with a script and keeps a copy
		// for readers without one in <noscript>: read that copy.
		wrapRuns(body)
		if again, ok := readAttempts(body, title, site, hints); ok || runes(again.paragraphs) > runes(text.paragraphs) {
			return again
		}
	}
	return text
}

// readAttempts runs the attempts over body; ok is false when none found
// an article long enough that agrees with the hints (the text is then
// the best there was).
func readAttempts(body *html.Node, title, site string, hints []string) (articleText, bool) {
	var ed edits
	var best, bestAgreeing articleText
	bestLen, bestAgreeingLen := -1, 0
	var never map[*html.Node]bool
	for i, a := range attempts {
		text, dropped := readArticle(body, title, a, &ed, never, site, hints)
		ed.undo()
		n := runes(text.paragraphs)
		if n >= minArticleRunes && !text.low {
			return text, true
		}
		if i == 0 && n >= strictRunes {
			never = dropped
		}
		if n > bestLen {
			best, bestLen = text, n
		}
		if !text.low && n > bestAgreeingLen {
			bestAgreeing, bestAgreeingLen = text, n
		}
	}
	if bestAgreeingLen > 0 {
		return bestAgreeing, false
	}
	best.low = true
	return best, false
}

// minNoscriptRunes is the text <noscript> elements must hold together to
// be read as the page's article.
const minNoscriptRunes = 500

// unhideNoscript turns the page's <noscript> elements into <div>s when
// they hold minNoscriptRunes of text (parsed as markup, scripting being
// off), so that the attempts read them; it reports whether it did.
func unhideNoscript(body *html.Node) bool {
	var found []*html.Node
	total := 0
	forEachElement(body, func(n *html.Node) {
		if n.DataAtom == atom.Noscript {
			found = append(found, n)
			for c := n.FirstChild; c != nil; c = c.NextSibling {
				total += utf8.RuneCountInString(rawText(c))
			}
		}
	})
	if total < minNoscriptRunes {
		return false
	}
	for _, n := range found {
		n.DataAtom, n.Data = atom.Div, "div"
	}
	return true
}

// rawText is the text under n, skip tags aside, not collapsed.
func rawText(n *html.Node) string {
	var b strings.Builder
	appendText(&b, n, 0)
	return b.String()
}

// strictRunes is the text a strict attempt must find for the later ones
// to keep out what it named never the article.
const strictRunes = 100

// maxCandidates is how many containers an attempt tries when the best
// one's text does not agree with the hints.
const maxCandidates = 5

// readArticle reads the article from body in one attempt, removing
// furniture through ed. It returns the text, and the elements it dropped
// as never the article; elements in never are dropped whatever the
// attempt trusts. When the best container's text does not agree with the
// hints, the next candidates apart from it are tried; the text is marked
// low when none agrees.
func readArticle(body *html.Node, title string, a attempt, ed *edits, never map[*html.Node]bool, site string, hints []string) (articleText, map[*html.Node]bool) {
	st := measure(body)
	dropped, captions := prune(body, st, a.stripUnlikely, ed, never)
	sc := &scorer{stats: st, scores: map[*html.Node]float64{}, votes: map[*html.Node]float64{}, weights: a.weights, edits: ed, captions: captions}
	cands := sc.score(body)
	top := sc.top(cands, body)
	first := sc.read(top, title, a)
	if ok, _ := Agrees(first.paragraphs, site, hints...); ok && len(first.paragraphs) > 0 {
		return first, dropped
	}
	tried := []*html.Node{top}
	for _, c := range cands {
		if len(tried) > maxCandidates {
			break
		}
		if overlaps(c, tried) {
			continue
		}
		tried = append(tried, c)
		text := sc.read(c, title, a)
		if ok, _ := Agrees(text.paragraphs, site, hints...); ok && len(text.paragraphs) > 0 {
			return text, dropped
		}
	}
	first.low = true
	return first, dropped
}

// read renders the article around top: top with its siblings that are
// more of it, cleaned when the attempt cleans.
func (sc *scorer) read(top *html.Node, title string, a attempt) articleText {
	nodes := sc.siblings(top)
	if a.clean {
		sc.cleanConditionally(nodes)
	}
	render := func() articleText {
		var blocks []block
		for _, n := range nodes {
			blocks = append(blocks, renderBlocks(n, sc.stats)...)
		}
		return keepContent(blocks, title)
	}
	// Loose captions go when the article has prose without them; a short
	// story alone beside its photo keeps its one paragraph.
	var local edits
	for _, c := range sc.captions {
		if c.Parent != nil && insideAny(c, nodes) {
			local.remove(c)
		}
	}
	if len(local.log) == 0 {
		return render()
	}
	text := render()
	if runes(text.paragraphs) >= minProseBesideCaptions {
		local.undo()
		return text
	}
	local.undo()
	return render()
}

// minProseBesideCaptions is the text an article must have without its
// loose captions for them to be dropped.
const minProseBesideCaptions = 200

// runes counts the runes of paragraphs.
func runes(paragraphs []string) int {
	n := 0
	for _, p := range paragraphs {
		n += utf8.RuneCountInString(p)
	}
	return n
}

// insideAny reports whether n is inside one of nodes.
func insideAny(n *html.Node, nodes []*html.Node) bool {
	for _, m := range nodes {
		if contains(m, n) {
			return true
		}
	}
	return false
}

// overlaps reports whether n is one of nodes, or inside or around one.
func overlaps(n *html.Node, nodes []*html.Node) bool {
	for _, m := range nodes {
		if contains(m, n) || contains(n, m) {
			return true
		}
	}
	return false
}

// prune removes scripts, hidden elements and furniture elements, and, when
// stripUnlikely, elements whose class or id marks them as furniture —
// unless they hold much prose: sites name the article's wrapper
// "read-more", "site_header" or "tools-wrapper" often enough. It returns
// the elements it dropped that are never the article: named as comments,
// related stories and the like, or footers.
func prune(body *html.Node, st map[*html.Node]*stats, stripUnlikely bool, ed *edits, never map[*html.Node]bool) (nevers map[*html.Node]bool, captions []*html.Node) {
	var drop []*html.Node
	nevers = map[*html.Node]bool{}
	forEachElement(body, func(n *html.Node) {
		if n == body {
			return
		}
		nm := names(n)
		switch {
		case never[n]:
			drop = append(drop, n)
		case skipTags[n.DataAtom] || isHidden(n) || popupInLink(n, nm):
			drop = append(drop, n)
		case looseCaption(n, st):
			captions = append(captions, n)
		case furnitureTags[n.DataAtom] && !holdsArticle(n, st[n]):
			drop = append(drop, n)
			if n.DataAtom == atom.Footer {
				nevers[n] = true
			}
		case stripUnlikely && isFurniture(n, nm) && (!holdsArticle(n, st[n]) || containsAny(nm, neverParts)) && !inSentence(n):
			drop = append(drop, n)
			if containsAny(nm, neverParts) || nameHas(nm, footerWords) {
				nevers[n] = true
			}
		}
	})
	for _, n := range drop {
		// What leaves the tree leaves its ancestors' measures: cheaper
		// than measuring the pruned tree again. (A node inside one removed
		// before it only reaches that detached ancestor.)
		if s := st[n]; s != nil {
			for p := n.Parent; p != nil; p = p.Parent {
				if ps := st[p]; ps != nil {
					ps.text -= s.text
					ps.links -= s.links
					ps.commas -= s.commas
				}
			}
		}
		ed.remove(n)
	}
	return nevers, captions
}

// inSentence reports whether n is an inline element inside a paragraph
// that has text of its own beside it: "<p><span class="dateline">CAIRO
// —</span> Gunmen opened fire …" — its name says dateline, its place says
// sentence.
func inSentence(n *html.Node) bool {
	if blockTags[n.DataAtom] || n.Parent == nil || n.Parent.DataAtom != atom.P {
		return false
	}
	for c := n.Parent.FirstChild; c != nil; c = c.NextSibling {
		if c != n && c.Type == html.TextNode && !isBlank(c.Data) {
			return true
		}
	}
	return false
}

// footerWords name a page's footer ("site-footer", "site_footer").
var footerWords = wordSet("footer")

// proseRunes is the non-link text that makes a furniture-named element
// worth keeping.
const proseRunes = 1000

// holdsArticle reports whether n wraps the article: an <article> or an
// articleBody inside it, or much prose.
func holdsArticle(n *html.Node, st *stats) bool {
	if st != nil && st.text-st.links >= proseRunes {
		return true
	}
	found := false
	forEachElement(n, func(e *html.Node) {
		if e != n && (e.DataAtom == atom.Article || attrOf(e, "itemprop") == "articleBody") {
			found = true
		}
	})
	return found
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

// isFurniture reports whether n, whose class and id are names, is named
// as furniture.
func isFurniture(n *html.Node, names string) bool {
	switch n.DataAtom {
	case atom.Html, atom.Body, atom.Article, atom.Main:
		return false
	}
	if names == "" || attrOf(n, "itemprop") == "articleBody" {
		return false
	}
	return unlikelyName(names)
}

func hasBlockChild(n *html.Node) bool {
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if c.Type == html.ElementNode && blockTags[c.DataAtom] {
			return true
		}
	}
	return false
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
// out, keeping how much of each block is link text. The measures st size
// the buffer of a long block once (a 15 MiB paragraph grown by appends
// allocated five times its size).
func renderBlocks(n *html.Node, st map[*html.Node]*stats) []block {
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
	edge := false // at a link's start or end
	want := 0     // the size of the block begun, for its buffer
	var walk func(n *html.Node, inLink bool, depth int)
	walk = func(n *html.Node, inLink bool, depth int) {
		if depth > maxDepth {
			return
		}
		switch n.Type {
		case html.TextNode:
			if edge && n.Data != "" {
				// At a link's edge, CJK text and a Latin word are two
				// words: a browser shows them apart, and so must the text.
				last, _ := utf8.DecodeLastRuneInString(cur.String())
				first, _ := utf8.DecodeRuneInString(n.Data)
				if scriptBreak(last, first) {
					cur.WriteByte(' ')
				}
			}
			edge = false
			if want > 0 && cur.Len() == 0 {
				// The block's first text: size the buffer once, for the
				// innermost block (an outer one's size is never used).
				cur.Grow(want)
				want = 0
			}
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
			want = 0
			if s := st[n]; s != nil && s.text > presizeRunes {
				want = s.text + s.text/8
			}
			switch n.DataAtom {
			case atom.H1, atom.H2, atom.H3, atom.H4, atom.H5, atom.H6:
				heading = n.DataAtom
			}
		}
		if n.DataAtom == atom.Br {
			cur.WriteByte(' ')
		}
		if n.DataAtom == atom.A {
			edge = true
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c, inLink || n.DataAtom == atom.A, depth+1)
		}
		if n.DataAtom == atom.A {
			edge = true
		}
		if isBlock {
			flush()
		}
	}
	walk(n, false, 0)
	flush()
	return out
}

// presizeRunes is the block length past which renderBlocks sizes its
// buffer from the block's measure.
const presizeRunes = 64 << 10

// scriptBreak reports whether runes a and b, side by side, are a CJK
// character and a Latin letter or digit, in either order.
func scriptBreak(a, b rune) bool {
	latin := func(r rune) bool { return r < 0x250 && (unicode.IsLetter(r) || unicode.IsDigit(r)) }
	return isCJK(a) && latin(b) || latin(a) && isCJK(b)
}

// isCJK reports whether r is a Han, kana or Hangul character.
func isCJK(r rune) bool {
	return unicode.In(r, unicode.Han, unicode.Hiragana, unicode.Katakana, unicode.Hangul)
}

// keepContent drops blocks that are navigation (mostly links), widget
// text, boilerplate by its wording, or the headline repeated, and the
// tail that is about the publisher rather than the story (trimTail).
func keepContent(blocks []block, title string) articleText {
	var out articleText
	var kept []block
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
		// A byline that carries an agency dateline ("By Jane Roe
		// TAPACHULA, Mexico, Oct 22 2018 (IPS)") is the wire credit: kept.
		if l < 120 && (boilerplate.MatchString(strings.TrimRight(b.text, " .:…")) || byline.MatchString(b.text) && !datelineRe.MatchString(b.text)) {
			if len(kept) > 0 && readOn.MatchString(b.text) {
				out.readOn = true
			}
			continue
		}
		if isBoilerplate(b.text) {
			continue
		}
		// A block that is only a date is the page's dateline, not text.
		if l < 40 && !dates.Parse(b.text).IsZero() {
			continue
		}
		kept = append(kept, b)
	}
	for _, b := range trimTail(kept) {
		out.paragraphs = append(out.paragraphs, b.text)
	}
	return out
}

// maxStandfirstWords is the most a standfirst holds: more is the story.
const maxStandfirstWords = 80

// markedStandfirst returns the text of the first element the page names
// a standfirst — prose of maxStandfirstWords at most, no list — with its
// spaces collapsed (nodeText), or "". A standfirst that repeats a paragraph of the story
// (a subheadline copied from the lead) is none: the lead stays the lead.
func markedStandfirst(ix *index) string {
	var marked *html.Node
	out := ""
	for _, n := range ix.named {
		if !standfirstName(names(n)) || n.DataAtom == atom.Body || n.DataAtom == atom.Article {
			continue
		}
		text, ok := boundedText(n, maxStandfirstWords*maxWordBytes)
		if !ok || text == "" || strings.Count(text, " ")+1 > maxStandfirstWords {
			continue
		}
		hasList := false
		forEachElement(n, func(e *html.Node) {
			hasList = hasList || e.DataAtom == atom.Li
		})
		if !hasList {
			out, marked = text, n
			break
		}
	}
	if out == "" {
		return ""
	}
	for _, n := range ix.byTag[atom.P] {
		if n != marked && !within(n, marked) && nodeText(n) == out {
			return "" // a subheadline copied from the lead: the lead stays the lead
		}
	}
	return out
}

// maxWordBytes bounds the bytes a standfirst's word may take, to stop
// reading a long element early.
const maxWordBytes = 32

// boundedText is nodeText of n when its raw text is at most limit bytes;
// ok is false (and the walk stopped) when it is longer.
func boundedText(n *html.Node, limit int) (text string, ok bool) {
	var b strings.Builder
	var walk func(c *html.Node, depth int) bool
	walk = func(c *html.Node, depth int) bool {
		if depth > maxDepth {
			return true
		}
		switch c.Type {
		case html.TextNode:
			b.WriteString(c.Data)
			return b.Len() <= limit
		case html.ElementNode:
			if skipTags[c.DataAtom] {
				return true
			}
			if c.DataAtom == atom.Br || blockTags[c.DataAtom] {
				b.WriteByte(' ')
			}
		}
		for k := c.FirstChild; k != nil; k = k.NextSibling {
			if !walk(k, depth+1) {
				return false
			}
		}
		if c.Type == html.ElementNode && blockTags[c.DataAtom] {
			b.WriteByte(' ')
		}
		return true
	}
	if !walk(n, 0) {
		return "", false
	}
	return collapse(b.String()), true
}

// within reports whether n is inside ancestor.
func within(n, ancestor *html.Node) bool {
	for p := n.Parent; p != nil; p = p.Parent {
		if p == ancestor {
			return true
		}
	}
	return false
}
