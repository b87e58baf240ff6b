package summarizer

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// maxArticleBytes is how much of an article's text the writer reads: the
// paragraphs that start within it, the last one cut at a space. A line is
// drafted from the lead and the first paragraphs, and its follow-up from
// what the article says of the organization; the longest article in the
// corpora holds under 70 KB of text. Past this, a page is a dump, and
// reading all of a 15 MiB one took the writer seconds per megabyte (issue
// 13). What lies beyond is still searched for the organization's names,
// in one linear pass, so that "It referenced IOM." stays true to it.
const maxArticleBytes = 256 << 10

// readable returns a with at most maxArticleBytes of paragraphs, and the
// text it leaves out (the rest of the paragraph cut, then the paragraphs
// after it).
func readable(a Article) (Article, []string) {
	n := 0
	for i, p := range a.Paragraphs {
		if n+len(p) <= maxArticleBytes {
			n += len(p)
			continue
		}
		head := cutAtSpace(p, maxArticleBytes-n)
		paras := append(a.Paragraphs[:i:i], head)
		if head == "" {
			paras = paras[:i]
		}
		beyond := append([]string{p[len(head):]}, a.Paragraphs[i+1:]...)
		a.Paragraphs = paras
		return a, beyond
	}
	return a, nil
}

// cutAtSpace returns the first n bytes of s at most, cut before the last
// white space in them (at a rune's start when there is none), so that no
// word is cut in half.
func cutAtSpace(s string, n int) string {
	if len(s) <= n {
		return s
	}
	for n > 0 && !utf8.RuneStart(s[n]) {
		n--
	}
	if i := strings.LastIndexFunc(s[:n], unicode.IsSpace); i > 0 {
		return s[:i]
	}
	return s[:n]
}

// firstWords returns s up to its n-th word at most, cut before the white
// space after it.
func firstWords(s string, n int) string {
	in := false
	for i, r := range s {
		space := unicode.IsSpace(r)
		if !space && !in {
			if n == 0 {
				return strings.TrimRightFunc(s[:i], unicode.IsSpace)
			}
			n--
		}
		in = !space
	}
	return s
}

// mentionsOrg reports whether text names the organization: one of its
// names as written, with no letter or digit on either side. It looks for
// each name with strings.Index, so a 15 MiB text takes milliseconds; one
// regexp alternating all the names stepped through every rune of it.
func (s *Summarizer) mentionsOrg(text string) bool {
	for _, n := range s.orgNames {
		for off := 0; off < len(text); {
			i := strings.Index(text[off:], n)
			if i < 0 {
				break
			}
			start, end := off+i, off+i+len(n)
			before, _ := utf8.DecodeLastRuneInString(text[:start])
			after, _ := utf8.DecodeRuneInString(text[end:])
			if (start == 0 || !isLetterOrDigit(before)) && (end == len(text) || !isLetterOrDigit(after)) {
				return true
			}
			_, size := utf8.DecodeRuneInString(text[start:])
			off = start + size
		}
	}
	return false
}

// mentionsOrgIn reports whether one of texts names the organization.
func (s *Summarizer) mentionsOrgIn(texts []string) bool {
	for _, t := range texts {
		if s.mentionsOrg(t) {
			return true
		}
	}
	return false
}

func isLetterOrDigit(r rune) bool { return unicode.IsLetter(r) || unicode.IsNumber(r) }
