package extractor

import (
	"net/url"
	"regexp"
	"strings"
	"time"

	"github.com/pressclip/pressclip/internal/dates"

	"github.com/PuerkitoBio/goquery"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// meta holds the metadata signals of a page, each already resolved from
// the strongest source that had it.
type meta struct {
	ogTitle, ldTitle, docTitle, h1 string
	// description is the page's summary of itself (og:description).
	description         string
	published, modified time.Time
	author, byline      string
	// bylineFull is the whole visible byline ("Jane Roe, IPS"); credit
	// a closing wire credit outside the text ("(EFE)").
	bylineFull, credit string
	siteName           string
	canonical          string
	language           string
	section            string
	ldType             string
	ogType             string
	// paywall is set when the page says it is behind a paywall.
	paywall bool
}

// paywallSelector finds the markup paywall services put on a page.
var paywallSelector = mustSel(`[class*="paywall"], [id*="paywall"], [class*="regwall"], [class*="premium-content"], [class*="subscriber-only"], [class*="subscribers-only"], [class*="meteredContent"], [id*="piano"], [class*="tp-modal"], [class*="article-locked"]`, paywallElements)

// The metadata's selectors, compiled once.
var (
	metaSel        = mustSel("meta", tagged(atom.Meta))
	titleSel       = mustSel("head title", tagged(atom.Title))
	h1Sel          = mustSel("h1", tagged(atom.H1))
	publishedSel   = mustSel(`[itemprop="datePublished"]`, itempropElements)
	modifiedSel    = mustSel(`[itemprop="dateModified"]`, itempropElements)
	articleTimeSel = mustSel("article time[datetime], time[pubdate][datetime]", tagged(atom.Time))
	timeSel        = mustSel("time[datetime]", tagged(atom.Time))
	canonicalSel   = mustSel(`link[rel="canonical"]`, tagged(atom.Link))
	htmlSel        = mustSel("html", tagged(atom.Html))
	creditSelector = mustSel(`[class*="credit"], [class*="fuente"], [class*="source"]`, creditElements)
	ldSel          = mustSel(`script[type="application/ld+json"]`, tagged(atom.Script))
	baseSel        = mustSel("base[href]", tagged(atom.Base))
)

// readMeta reads a page's metadata: title, dates, author, site name,
// language, canonical URL, from meta tags, JSON-LD and the base element.
// Long: one pass over the indexed head elements, a case per source of
// metadata, each filling what the ones before left empty.
func readMeta(ix *index, base *url.URL) meta {
	var m meta
	named := map[string]string{}
	ix.find(metaSel).Each(func(_ int, s *goquery.Selection) {
		key := strings.ToLower(strings.TrimSpace(attr(s, "property")))
		if key == "" {
			key = strings.ToLower(strings.TrimSpace(attr(s, "name")))
		}
		if key == "" {
			key = strings.ToLower(strings.TrimSpace(attr(s, "itemprop")))
		}
		if key == "" {
			key = "http-equiv:" + strings.ToLower(strings.TrimSpace(attr(s, "http-equiv")))
		}
		if _, seen := named[key]; !seen {
			named[key] = strings.TrimSpace(attr(s, "content"))
		}
	})
	first := func(keys ...string) string {
		for _, k := range keys {
			if v := named[k]; v != "" {
				return v
			}
		}
		return ""
	}
	ld := readJSONLD(ix)
	if ld == nil {
		ld = &ldArticle{}
	}
	m.ldType = ld.Type
	m.paywall = ld.Paywalled || ix.first(paywallSelector).Length() > 0
	m.ogType = named["og:type"]

	m.ogTitle = first("og:title", "twitter:title")
	m.description = first("og:description", "twitter:description", "description")
	m.ldTitle = ld.Headline
	m.docTitle = collapse(ix.first(titleSel).Text())
	m.h1 = collapse(ix.first(h1Sel).Text())

	m.published = firstDate(ld.DatePublished,
		first("article:published_time", "og:article:published_time", "datepublished", "pubdate", "publishdate",
			"publish-date", "date", "dc.date", "dc.date.issued", "dcterms.created", "sailthru.date", "parsely-pub-date"),
		attr(ix.first(publishedSel), "datetime"),
		attr(ix.first(publishedSel), "content"),
		attr(ix.first(articleTimeSel), "datetime"),
		attr(ix.first(timeSel), "datetime"))
	m.modified = firstDate(ld.DateModified,
		first("article:modified_time", "og:updated_time", "datemodified", "dcterms.modified", "last-modified"),
		attr(ix.first(modifiedSel), "datetime"))

	m.byline, m.bylineFull = visibleByline(ix)
	m.credit = wireCredit(ix)
	metaAuthor := ""
	for _, k := range []string{"author", "article:author", "og:article:author", "byl", "dc.creator", "parsely-author", "sailthru.author"} {
		if v := named[k]; v != "" && !strings.HasPrefix(v, "http") {
			metaAuthor = cleanByline(v)
			break
		}
	}
	switch {
	case len(ld.Authors) > 0:
		m.author = strings.Join(ld.Authors, ", ")
	case metaAuthor != "":
		m.author = metaAuthor
	default:
		m.author = m.byline
	}

	m.siteName = stripTagline(first("og:site_name", "application-name", "publisher"))
	if m.siteName == "" {
		m.siteName = ld.Publisher
	}

	for _, c := range []string{attr(ix.first(canonicalSel), "href"), first("og:url"), ld.URL} {
		if c = resolveHref(base, c); c != "" {
			m.canonical = c
			break
		}
	}

	m.language = attr(ix.first(htmlSel), "lang")
	if m.language == "" {
		m.language = first("http-equiv:content-language", "language", "dc.language")
	}
	if m.language == "" {
		m.language = ld.Language
	}
	if m.language == "" {
		m.language = strings.ReplaceAll(first("og:locale"), "_", "-")
	}

	m.section = first("article:section", "og:article:section", "section", "parsely-section")
	if m.section == "" {
		m.section = ld.Section
	}
	return m
}

// bylineSelectors find the visible byline, most specific first.
var bylineSelectors = []sel{
	mustSel(`[itemprop~="author"] [itemprop="name"]`, itempropElements),
	mustSel(`[itemprop~="author"]`, itempropElements),
	mustSel(`a[rel="author"]`, bylineElements),
	mustSel(`.byline`, bylineElements),
	mustSel(`[class*="byline"]`, bylineElements),
	mustSel(`.authorname, .author-name, [class*="author-name"], [class*="authorName"]`, bylineElements),
	mustSel(`.author`, bylineElements),
	mustSel(`.autor, .auteur, [data-testid*="byline"]`, bylineElements),
	mustSel(`[class*="blog-author"], [class*="article-author"]`, bylineElements),
}

// visibleByline reads the byline a reader sees, or "": the name alone
// ("Jane Roe") and the whole line ("Jane Roe, IPS | 5 min read").
func visibleByline(ix *index) (name, full string) {
	for _, sel := range bylineSelectors {
		ix.find(sel).EachWithBreak(func(_ int, s *goquery.Selection) bool {
			if goquery.NodeName(s) == "meta" || goquery.NodeName(s) == "link" {
				return true
			}
			name = cleanByline(s.Text())
			if name != "" {
				full = bylinePrefix.ReplaceAllString(collapse(s.Text()), "")
			}
			return name == ""
		})
		if name != "" {
			return name, full
		}
	}
	return "", ""
}

// inFigureOrFurniture reports whether n is, or is inside, a figure, a
// picture, a header, a navigation, a footer or an aside.
func inFigureOrFurniture(n *html.Node) bool {
	for p := n; p != nil; p = p.Parent {
		switch p.DataAtom {
		case atom.Figure, atom.Figcaption, atom.Picture, atom.Header, atom.Nav, atom.Footer, atom.Aside:
			return true
		}
	}
	return false
}

// wireCredit returns the last closing credit of the page outside its
// figures (a photo credit, "AFP/Getty Images", is not the text's
// origin), or "". The credit is looked for where pages put one ("(EFE)",
// "— AFP", "originally published by IPS"), which the text leaves out as
// furniture: creditSelector.
func wireCredit(ix *index) string {
	found := ""
	ix.find(creditSelector).Each(func(_ int, s *goquery.Selection) {
		if inFigureOrFurniture(s.Nodes[0]) {
			return
		}
		if t := collapse(s.Text()); len(t) < 200 && creditAgency(t) != "" {
			found = t
		}
	})
	return found
}

var (
	bylinePrefix = regexp.MustCompile(`(?i)^(?:written\s+)?(?:by|par|por|von|di|door|av|af)\s*:?\s+`)
	bylineTail   = regexp.MustCompile(`(?i)\s*(?:[|•·,]|\s-\s|\bupdated\b|\bpublished\b|\bon\s+\w+\s+\d|\d{1,2}\s*(?:min|minutes?)\s+read).*$`)
)

// cleanByline turns "By JANE ROE | 5 min read" into "JANE ROE"; it gives
// "" for text too long or too short to be a name.
func cleanByline(s string) string {
	s = collapse(s)
	s = bylinePrefix.ReplaceAllString(s, "")
	s = strings.TrimSpace(bylineTail.ReplaceAllString(s, ""))
	if n := len([]rune(s)); n < 2 || n > 80 || strings.Count(s, " ") > 8 || strings.ContainsAny(s, "@/") {
		return ""
	}
	return s
}

// title is the headline without the " | Outlet" suffix pages append:
// JSON-LD's headline, else OpenGraph's, else the document title — or the
// page's <h1> when the document title holds it (the <h1> is then the same
// headline without the suffix; an <h1> the title does not hold is a
// section name such as "Allergies Health Center").
func (m meta) title() string {
	for _, t := range []string{m.ldTitle, m.ogTitle} {
		if t != "" {
			return stripSiteSuffix(t, m.siteName)
		}
	}
	doc := stripSiteSuffix(m.docTitle, m.siteName)
	if m.h1 != "" && (doc == "" || strings.Contains(strings.ToLower(m.docTitle), strings.ToLower(m.h1))) {
		return m.h1
	}
	if doc != "" {
		return doc
	}
	return m.h1
}

// stripSiteSuffix removes " | Site", " - Site" or " — Site" from the end of
// a title when the part removed is the site name or is short compared with
// what is left.
func stripSiteSuffix(t, site string) string {
	t = collapse(t)
	for _, sep := range titleSeparators {
		head, tail, ok := titleTail(t, sep)
		if !ok {
			continue
		}
		if site != "" && strings.EqualFold(tail, site) {
			return head
		}
		if len(strings.Fields(tail)) <= 4 && len(strings.Fields(head)) >= 3 {
			return head
		}
	}
	return t
}

// titleSeparators part a document title's headline from the site's name.
var titleSeparators = []string{" | ", " – ", " — ", " - ", " :: ", " · "}

// titleTail splits t at its last sep: "Headline | Site" gives "Headline"
// and "Site".
func titleTail(t, sep string) (head, tail string, ok bool) {
	i := strings.LastIndex(t, sep)
	if i <= 0 {
		return "", "", false
	}
	return strings.TrimSpace(t[:i]), strings.TrimSpace(t[i+len(sep):]), true
}

// stripTagline turns "Aktuálně.cz - Víte, co se právě děje" into the
// name before the tagline.
func stripTagline(site string) string {
	for _, sep := range []string{" - ", " – ", " — ", " | ", ": "} {
		if i := strings.Index(site, sep); i > 0 && len(strings.Fields(site[:i])) <= 3 {
			return strings.TrimSpace(site[:i])
		}
	}
	return site
}

func firstDate(values ...string) time.Time {
	for _, v := range values {
		if t := dates.Parse(v); !t.IsZero() {
			return t
		}
	}
	return time.Time{}
}

func attr(s *goquery.Selection, name string) string {
	v, _ := s.Attr(name)
	return v
}

func resolveHref(base *url.URL, href string) string {
	href = strings.TrimSpace(href)
	if href == "" {
		return ""
	}
	u, err := url.Parse(href)
	if err != nil {
		return ""
	}
	if base != nil {
		u = base.ResolveReference(u)
	}
	if u.Scheme != "http" && u.Scheme != "https" {
		return ""
	}
	return u.String()
}
