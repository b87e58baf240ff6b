package extractor

import (
	"encoding/json"
	"regexp"
	"strings"

	"github.com/PuerkitoBio/goquery"
)

// ldArticle is the part of a schema.org Article that pressclip reads.
type ldArticle struct {
	Type          string
	Headline      string
	DatePublished string
	DateModified  string
	Authors       []string
	Publisher     string
	Section       string
	URL           string
	Language      string
	// Paywalled is set when the page says isAccessibleForFree: false.
	Paywalled bool
}

// articleTypes are the schema.org types of an article page.
var articleTypes = map[string]bool{
	"Article": true, "NewsArticle": true, "ReportageNewsArticle": true, "OpinionNewsArticle": true,
	"AnalysisNewsArticle": true, "BackgroundNewsArticle": true, "ReviewNewsArticle": true,
	"BlogPosting": true, "LiveBlogPosting": true, "Report": true, "ScholarlyArticle": true,
	"SocialMediaPosting": true, "TechArticle": true, "WebPage": false,
}

// typeRank orders article types from generic to specific.
var typeRank = map[string]int{
	"Article": 0, "SocialMediaPosting": 0, "BlogPosting": 1, "LiveBlogPosting": 1, "TechArticle": 1,
	"NewsArticle": 1, "ScholarlyArticle": 2, "Report": 2, "ReportageNewsArticle": 2, "BackgroundNewsArticle": 2,
	"AnalysisNewsArticle": 3, "ReviewNewsArticle": 3, "OpinionNewsArticle": 3,
}

// readJSONLD returns the first article object in the page's JSON-LD
// blocks, looking inside arrays and @graph.
func readJSONLD(ix *index) *ldArticle {
	var found *ldArticle
	ix.find(ldSel).EachWithBreak(func(_ int, s *goquery.Selection) bool {
		v, ok := parseJSONLD(s.Text())
		if !ok {
			return true
		}
		found = findArticle(v, 0)
		return found == nil
	})
	return found
}

var (
	cdataMarks    = strings.NewReplacer("<![CDATA[", "", "]]>", "", "//<![CDATA[", "", "//]]>", "")
	trailingComma = regexp.MustCompile(`,\s*([}\]])`)
)

// parseJSONLD reads a JSON-LD block as pages write it: inside CDATA
// markers, with raw line breaks in strings or a trailing comma, which
// strict JSON refuses.
func parseJSONLD(text string) (any, bool) {
	text = strings.TrimSpace(cdataMarks.Replace(text))
	text = strings.TrimPrefix(strings.TrimSuffix(text, "//"), "//")
	var v any
	if err := json.Unmarshal([]byte(text), &v); err == nil {
		return v, true
	}
	text = strings.Map(func(r rune) rune {
		if r == '\n' || r == '\r' || r == '\t' {
			return ' '
		}
		return r
	}, text)
	text = trailingComma.ReplaceAllString(text, "$1")
	if err := json.Unmarshal([]byte(text), &v); err == nil {
		return v, true
	}
	return nil, false
}

func findArticle(v any, depth int) *ldArticle {
	if depth > 8 {
		return nil
	}
	switch t := v.(type) {
	case []any:
		for _, e := range t {
			if a := findArticle(e, depth+1); a != nil {
				return a
			}
		}
	case map[string]any:
		if g, ok := t["@graph"]; ok {
			if a := findArticle(g, depth+1); a != nil {
				return a
			}
		}
		// With several types (["NewsArticle", "OpinionNewsArticle"]) the
		// most specific one tells the page's kind.
		best := ""
		for _, typ := range ldStrings(t["@type"]) {
			if articleTypes[typ] && (best == "" || typeRank[typ] > typeRank[best]) {
				best = typ
			}
		}
		if best != "" {
			return toArticle(best, t)
		}
	}
	return nil
}

func toArticle(typ string, m map[string]any) *ldArticle {
	a := &ldArticle{
		Type:          typ,
		Headline:      ldString(m["headline"]),
		DatePublished: ldString(m["datePublished"]),
		DateModified:  ldString(m["dateModified"]),
		Section:       strings.Join(ldStrings(m["articleSection"]), ", "),
		URL:           ldString(m["url"]),
		Language:      ldString(m["inLanguage"]),
	}
	if a.Headline == "" {
		a.Headline = ldString(m["name"])
	}
	if a.URL == "" {
		a.URL = ldString(m["mainEntityOfPage"])
	}
	a.Authors = ldNames(m["author"])
	switch v := m["isAccessibleForFree"].(type) {
	case bool:
		a.Paywalled = !v
	case string:
		a.Paywalled = strings.EqualFold(v, "false")
	}
	if p := ldNames(m["publisher"]); len(p) > 0 {
		a.Publisher = p[0]
	}
	return a
}

// ldString reads a string, or the "@id"/"url"/"name" of an object.
func ldString(v any) string {
	switch t := v.(type) {
	case string:
		return strings.TrimSpace(t)
	case map[string]any:
		for _, k := range []string{"@id", "url", "name", "@value"} {
			if s, ok := t[k].(string); ok {
				return strings.TrimSpace(s)
			}
		}
	case []any:
		if len(t) > 0 {
			return ldString(t[0])
		}
	}
	return ""
}

func ldStrings(v any) []string {
	switch t := v.(type) {
	case string:
		return []string{t}
	case []any:
		var out []string
		for _, e := range t {
			if s, ok := e.(string); ok {
				out = append(out, s)
			}
		}
		return out
	}
	return nil
}

// ldNames reads Person/Organization names from a string, an object or an
// array of either.
func ldNames(v any) []string {
	switch t := v.(type) {
	case string:
		if s := strings.TrimSpace(t); s != "" && !strings.HasPrefix(s, "http") {
			return []string{s}
		}
	case map[string]any:
		if s, ok := t["name"].(string); ok && strings.TrimSpace(s) != "" {
			return []string{strings.TrimSpace(s)}
		}
	case []any:
		var out []string
		for _, e := range t {
			out = append(out, ldNames(e)...)
		}
		return out
	}
	return nil
}
