package extractor

import (
	"strings"

	"golang.org/x/net/html"
)

// Class and id names are read word by word ("article-body__byline" is
// article, body, byline): a set lookup per word costs far less than a
// case-insensitive regexp over every element of a page.

// unlikelyWords mark page furniture; an element is furniture when one of
// its class or id words is here (or a plural of one) and none of
// likelyParts is in its names.
var unlikelyWords = wordSet(`ad ads advert advertisement banner breadcrumb breadcrumbs byline caption comment
	comments community consent cookie credit disqus footer gdpr header masthead menu modal nav navbar navigation
	newsletter outbrain pagination paywall popular popup promo recirc related share sharing sidebar signup skip
	social sponsor subscribe tag tags taboola toolbar trending ticker tool tools widget partner legend legends
	supplemental extra remark replies pager agegate ai2html rss meta dateline timestamp kicker
	mostread mostpopular readmore authorbio morestories alsoread coverwrap yomremote`)

// unlikelyPairs are furniture names written as two words.
var unlikelyPairs = wordSet(`most-read most-popular read-more author-bio more-stories also-read cover-wrap yom-remote ad-break`)

// headWords are furniture even in a content element's name:
// "article-image-caption", "post-caption-text", "articlebody__photo-credit".
var headWords = wordSet(`caption captions credit credits`)

// likelyParts, anywhere in a class or id, mark content.
var likelyParts = []string{"article", "body", "content", "entry", "main", "post", "story", "text", "prose"}

func wordSet(s string) map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(s) {
		m[w] = true
	}
	return m
}

// names returns an element's class and id, lower-cased and joined.
func names(n *html.Node) string {
	var b strings.Builder
	for _, a := range n.Attr {
		if (a.Key == "class" || a.Key == "id") && a.Val != "" {
			b.WriteByte(' ')
			b.WriteString(a.Val)
		}
	}
	return strings.ToLower(b.String())
}

// unlikelyName reports whether lower-cased class/id names mark furniture.
func unlikelyName(names string) bool {
	if names == "" {
		return false
	}
	head, hit := false, false
	eachWord(names, func(prev, w string) bool {
		if headWords[w] {
			head = true // "article-image-caption": the article's caption
			return false
		}
		if !hit && (unlikelyWords[w] || (len(w) > 3 && w[len(w)-1] == 's' && unlikelyWords[w[:len(w)-1]]) ||
			prev != "" && unlikelyPairs[prev+"-"+w]) {
			hit = true
		}
		return true
	})
	if head {
		return true
	}
	if !hit {
		return false
	}
	for _, p := range likelyParts {
		if strings.Contains(names, p) {
			return false
		}
	}
	return true
}

// eachWord calls fn with each word of class/id names (names split at
// spaces, words at '-' and '_') and the word before it in the same name
// ("" for a name's first), without allocating; it stops when fn returns
// false.
func eachWord(names string, fn func(prev, w string) bool) {
	prev := ""
	start := -1
	for i := 0; i <= len(names); i++ {
		c := byte(' ')
		if i < len(names) {
			c = names[i]
		}
		switch c {
		case ' ', '\t', '\n', '-', '_':
			if start >= 0 {
				w := names[start:i]
				if !fn(prev, w) {
					return
				}
				prev = w
				start = -1
			}
			if c != '-' && c != '_' {
				prev = ""
			}
		default:
			if start < 0 {
				start = i
			}
		}
	}
}

// containsAny reports whether s contains one of parts.
func containsAny(s string, parts []string) bool {
	for _, p := range parts {
		if strings.Contains(s, p) {
			return true
		}
	}
	return false
}

// standfirstWords name a standfirst: the sentence or two under the
// headline that sells the story ("ArticleHeader_standfirst",
// "c-article-summary", "field--name-field-subtitle", "entry-dek").
var standfirstWords = wordSet(`standfirst dek deck strapline subtitle subheadline`)

// standfirstName reports whether lower-cased class/id names mark a
// standfirst: one of standfirstWords, or a summary or excerpt of the
// article ("article-summary", "post-excerpt").
func standfirstName(names string) bool {
	found := false
	eachWord(names, func(prev, w string) bool {
		found = standfirstWords[w] ||
			(w == "summary" || w == "excerpt") && (prev == "article" || prev == "story" || prev == "post" || prev == "entry")
		return !found
	})
	return found
}
