package extractor

import (
	"regexp"
	"strings"
	"unicode/utf8"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// Boilerplate that sits inside the article's own container: the page
// names it nothing, so its wording gives it away. Each pattern is a whole
// block, short (under maxBoilerplateRunes), in the languages of the
// outlets pressclip reads.

// maxBoilerplateRunes is the longest block read as boilerplate by its
// wording: longer is prose that happens to start like it.
const maxBoilerplateRunes = 300

var (
	// promptRe: calls to subscribe, sign up, send tips, follow, share
	// (matched at the block's start); newsletterRe a newsletter's pitch
	// anywhere in a short block.
	promptRe = regexp.MustCompile(`^(?:` +
		`(?:subscribe|sign up|register)\b.{0,80}\b(?:newsletter|inbox|briefing|updates|alerts)|` +
		`(?:got|have|do you have) a (?:news |story )?tip\b|` +
		`(?:share|partager|compartir|teilen|condividi)(?: (?:this|cet|este|diesen)(?: article| story| artículo| artikel| post)?)?\s*[:：|]|` +
		`(?:follow us|suivez-nous|síguenos|folgen sie uns)\b|` +
		`(?:read (?:also|more|next)|see also|also read|lire aussi|à lire aussi|lee también|leer también|lesen sie auch|mehr zum thema|leia também|leggi anche)\s*[:：|]` +
		`)`)
	newsletterRe = regexp.MustCompile(`\bnewsletters?\b.{0,80}\b(?:inbox|sign up|subscribe|delivered)`)
	// copyrightRe: a rights line's start; rightsReserved its usual end.
	copyrightRe = regexp.MustCompile(`^(?:©|\(c\) |copyright\b)`)
	// commentPolicyRe: notes about reader comments.
	commentPolicyRe = regexp.MustCompile(`\bcomments? (?:are|is|will be) (?:moderated|closed|reviewed)\b|\bwe welcome comments\b|\bcomment(?:ing)? (?:policy|guidelines)\b|\bcommunity (?:guidelines|standards)\b.{0,40}\bcomment`)
	// bioRe: a closing author bio, "Jane Roe is a reporter for …".
	bioRe = regexp.MustCompile(`^(?:\p{Lu}[\p{L}.'’-]+ ){1,3}(?:is|was) (?:a|an|the)\b.{0,120}\b(?:reporter|correspondent|writer|editor|journalist|columnist|contributor|producer|author|freelance|covers|covering|fellow)\b`)
	// tailHeadRe names a section that ends the article: what follows is
	// about the publisher, the sources or the legal terms, not the story.
	tailHeadRe = regexp.MustCompile(`^(?:` +
		// "About Harbor Logistics", "About us", "About the author": a
		// name (capitalized words) or the site's own; not "About the
		// victims", which is a subheading of the story.
		`(?i:about|à propos de|acerca de|sobre|über) (?:(?i:us|the authors?|nous|nosotros|uns|den autor|die autorin|el autor|l['’]auteur)|\p{Lu}[\p{L}\p{N}&.'’-]*(?:[ -]\p{Lu}[\p{L}\p{N}&.'’-]*){0,4})|` +
		`(?i:forward[- ]looking statements?|safe harbou?r statement|cautionary (?:note|statement).{0,40}|sources?|references|bibliography|further reading)|` +
		`###|-30-|# # #)$`)
)

// promptStarts open calls to read on, follow, join or subscribe, and
// advertising notices, in the outlets' languages (lower-cased): phrases no
// sentence of a story starts with.
var promptStarts = []string{
	"to view the full story", "for the latest stories", "for the latest news", "download our app",
	"this post contains affiliate", "this article contains affiliate",
	"teilen sie diesen", "teilen sie den", "folgen sie uns", "abonnieren sie unseren", "jetzt abonnieren",
	"melden sie sich an", "melden sie sich für", "das könnte sie auch", "das könnte dich", "gefällt dir", "gefällt ihnen",
	"enthält affiliate", "hazte miembro", "suscríbete", "también te puede", "abonnez-vous", "inscrivez-vous",
	"vous aimerez aussi", "iscriviti", "seguici su",
}

// promptLabels are notices and read-on labels that are boilerplate only
// as a whole block or as a label (followed by ":", "|", "-" or "*"):
// "Anzeige" alone is an advertisement's mark, "Anzeige gegen den Fahrer"
// a criminal complaint.
var promptLabels = []string{
	"anzeige", "werbung", "advertisement", "sponsored content", "more stories", "related articles", "related stories",
	"mehr themen", "mehr zum thema", "weitere beiträge", "weitere artikel", "lire aussi", "à lire aussi", "à voir aussi",
	"leia também", "leia mais", "leggi anche", "lee también", "leer más", "te puede interesar", "recommended for you",
	"you might also like", "you may also like",
}

// isLabel reports whether t (lower-cased) is one of labels, alone or
// followed by a label's punctuation.
func isLabel(t string, labels []string) bool {
	t = strings.TrimLeft(t, "*• ")
	for _, l := range labels {
		rest, ok := strings.CutPrefix(t, l)
		if !ok {
			continue
		}
		rest = strings.TrimLeft(rest, " ")
		if rest == "" || strings.ContainsAny(rest[:1], ":|-*—–") {
			return true
		}
	}
	return false
}

// downloadRe: "Download the Nationnews apps for iOS and Android."
var downloadRe = regexp.MustCompile(`^download the .{0,60}\bapps?\b`)

// followRe: "Follow The Gleaner on Twitter …".
var followRe = regexp.MustCompile(`^follow (?:us|the [\pL\pN]+|[\pL\pN@_]+)(?: [\pL\pN]+)? on (?:twitter|x|facebook|instagram|linkedin|telegram|whatsapp|tiktok|youtube)\b`)

// creditStarts open a photo or source credit line: "Quelle:
// Landesregierung", "Crédits photos : Bestimage".
var creditStarts = []string{"quelle:", "quelle :", "quellen:", "source:", "sources:", "fuente:", "fuentes:", "fonte:", "fonti:",
	"crédits photos", "crédit photo", "photo credit", "photo credits", "image credit", "titelbild:", "foto:", "fotos:", "bild:",
	"bildquelle", "photo:", "image:", "illustration:", "grafik:"}

// maxCreditRunes is the longest credit line.
const maxCreditRunes = 120

// isBoilerplate reports whether a block is boilerplate by its wording.
// The patterns read the lower-cased block; the unanchored ones run only
// when their key word is in it.
func isBoilerplate(text string) bool {
	n := utf8.RuneCountInString(text)
	if n > maxBoilerplateRunes {
		return false
	}
	t := strings.ToLower(text)
	if n <= maxCreditRunes && hasPrefixAny(t, creditStarts) {
		// "Source: Anadolu Agency" credits the copy's agency: kept, the
		// wire is read from it.
		return creditAgency(text) == ""
	}
	return promptRe.MatchString(t) || copyright(t) || hasPrefixAny(t, promptStarts) || isLabel(t, promptLabels) ||
		strings.HasPrefix(t, "download the ") && downloadRe.MatchString(t) ||
		strings.HasPrefix(t, "follow ") && followRe.MatchString(t) ||
		strings.Contains(t, "newsletter") && newsletterRe.MatchString(t) ||
		strings.Contains(t, "comment") && commentPolicyRe.MatchString(t)
}

// rightsReserved end a rights line, in the outlets' languages.
var rightsReserved = []string{"all rights reserved", "tous droits réservés", "todos los derechos reservados", "alle rechte vorbehalten"}

// copyright reports whether t (lower-cased) is a rights line.
func copyright(t string) bool {
	if copyrightRe.MatchString(t) {
		return true
	}
	t = strings.TrimRight(t, ". ")
	for _, r := range rightsReserved {
		if strings.HasSuffix(t, r) {
			return true
		}
	}
	return false
}

// hasPrefixAny reports whether s starts with one of prefixes.
func hasPrefixAny(s string, prefixes []string) bool {
	for _, p := range prefixes {
		if strings.HasPrefix(s, p) {
			return true
		}
	}
	return false
}

// maxLabelRunes is the longest block read as a label ("More on this:",
// "Contact:") when nothing follows it.
const maxLabelRunes = 60

// orphanLabel reports whether b, the last block left, only introduced
// what was dropped after it: a heading, or a short line ending in a
// colon.
func orphanLabel(b block) bool {
	t := strings.TrimSpace(b.text)
	n := utf8.RuneCountInString(t)
	return n <= maxLabelRunes && (b.heading != 0 && b.heading != atom.H1 || strings.HasSuffix(t, ":") || strings.HasSuffix(t, "："))
}

// trimTail drops what follows the story at the end of its container: a
// section headed "About <the publisher>", "Forward-looking statements",
// "Sources" (or the "###" that ends a press release), closing author
// bios, and the headings and labels left last when what they introduced
// (a list of links) was dropped. A tail section is cut only after 150
// runes of story, and when what it would cut is less than twice the story
// before it (a press release's boilerplate can outweigh its news).
func trimTail(blocks []block) []block {
	total := 0
	for _, b := range blocks {
		total += utf8.RuneCountInString(b.text)
	}
	before := 0
	for i, b := range blocks {
		n := utf8.RuneCountInString(b.text)
		if i > 0 && n <= 80 && (b.heading != 0 || !endsWithStop(b.text)) && tailHeadRe.MatchString(strings.TrimRight(b.text, " :")) &&
			before >= 150 && total-before < 2*before {
			blocks = blocks[:i]
			break
		}
		before += n
	}
	for len(blocks) > 1 {
		last := blocks[len(blocks)-1]
		if !(bioRe.MatchString(last.text) && utf8.RuneCountInString(last.text) <= maxBoilerplateRunes) && !orphanLabel(last) {
			break
		}
		blocks = blocks[:len(blocks)-1]
	}
	return blocks
}

// endsWithStop reports whether s ends a sentence.
func endsWithStop(s string) bool {
	r, _ := utf8.DecodeLastRuneInString(strings.TrimSpace(s))
	return strings.ContainsRune(".!?。！？…\"”»", r)
}

// teaserList reports whether n is a list of teasers: two or more
// headlines that are links, each heading an excerpt ("related posts",
// "more from the section"). Beside an article, such a block is not more of
// it, however much prose its excerpts hold.
func teaserList(n *html.Node) bool {
	linked := 0
	forEachElement(n, func(e *html.Node) {
		switch e.DataAtom {
		case atom.H2, atom.H3, atom.H4, atom.H5, atom.H6:
			t := utf8.RuneCountInString(nodeText(e))
			l := 0
			forEachElement(e, func(a *html.Node) {
				if a.DataAtom == atom.A {
					l += utf8.RuneCountInString(nodeText(a))
				}
			})
			if t > 0 && float64(l) >= 0.7*float64(t) {
				linked++
			}
		}
	})
	return linked >= 2
}

// popupWords name the hover cards some sites nest inside a link: a
// person's or an organization's bio, shown on hover, hidden by a style
// sheet the extractor does not read.
var popupWords = wordSet(`hovercard hover tooltip popover popup flyout preview card bio hc`)

// popupInLink reports whether n, whose class and id are names, is a
// hover card inside a link.
func popupInLink(n *html.Node, names string) bool {
	if n.DataAtom == atom.A || names == "" || !nameHas(names, popupWords) {
		return false
	}
	for p := n.Parent; p != nil; p = p.Parent {
		if p.DataAtom == atom.A {
			return true
		}
	}
	return false
}

// nameHas reports whether one of the words of lower-cased class/id names
// is in set.
func nameHas(names string, set map[string]bool) bool {
	found := false
	eachWord(names, func(_, w string) bool {
		found = set[w]
		return !found
	})
	return found
}

// maxCaptionRunes is the longest text read as a caption by its place;
// maxCaptionWrapper the most elements a caption's wrapper holds.
const (
	maxCaptionRunes   = 300
	maxCaptionWrapper = 4
)

// looseCaption reports whether n is a photo's caption written as a plain
// <p> or <span>: the only text in a wrapper that otherwise holds images
// (stats are the page's measures). Such a block is dropped only when the
// article has prose besides (see scorer.read): a short story may sit in
// one wrapper with its photo.
func looseCaption(n *html.Node, stats map[*html.Node]*stats) bool {
	switch n.DataAtom {
	case atom.P, atom.Span, atom.Small, atom.Em, atom.I, atom.Div:
	default:
		return false
	}
	p := n.Parent
	if p == nil || p.Type != html.ElementNode || hasBlockChild(n) {
		return false
	}
	switch p.DataAtom {
	case atom.Body, atom.Article, atom.Main, atom.Section, atom.P, atom.Td:
		return false
	}
	// A caption's wrapper holds the caption and an image or two: count
	// first, so that a container of many paragraphs costs one pass.
	elements := 0
	for c := p.FirstChild; c != nil; c = c.NextSibling {
		if c.Type == html.ElementNode {
			if elements++; elements > maxCaptionWrapper {
				return false
			}
		}
	}
	images := 0
	for c := p.FirstChild; c != nil; c = c.NextSibling {
		switch {
		case c == n:
		case c.Type == html.TextNode:
			if !isBlank(c.Data) {
				return false
			}
		case c.Type != html.ElementNode:
		case holdsOnlyImage(c):
			images++
		default:
			return false
		}
	}
	if images == 0 {
		return false
	}
	st := stats[n]
	return st != nil && st.text > 0 && st.text <= maxCaptionRunes
}

// holdsOnlyImage reports whether n is an image, or an element holding
// images and no text.
func holdsOnlyImage(n *html.Node) bool {
	switch n.DataAtom {
	case atom.Img, atom.Picture:
		return true
	case atom.A, atom.Div, atom.Span:
		img := false
		forEachElement(n, func(e *html.Node) { img = img || e.DataAtom == atom.Img || e.DataAtom == atom.Picture })
		return img && !hasText(n)
	}
	return false
}
