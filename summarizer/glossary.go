package summarizer

import (
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Term is one house word (SUMMARY-STYLE.md rule 19): From becomes To,
// whole words, the first letter's case kept. With Context set, only in a
// sentence that matches it.
type Term struct {
	From, To string
	Context  string
}

// migrationContext is the context of words that mean something else
// outside migration ("illegally parked").
const migrationContext = `(?i)migra|border|cross|arriv|smuggl|boat|asylum|deport|enter|reach|refugee|coastguard|rescue`

// defaultGlossary is the house's glossary.
var defaultGlossary = []Term{
	{From: "illegal migrants", To: "irregular migrants"},
	{From: "illegal migrant", To: "irregular migrant"},
	{From: "illegal immigrants", To: "irregular migrants"},
	{From: "illegal immigrant", To: "irregular migrant"},
	{From: "illegal migration", To: "irregular migration"},
	{From: "illegally", To: "irregularly", Context: migrationContext},
}

type term struct {
	re      *regexp.Regexp
	to      string
	context *regexp.Regexp
}

func compileGlossary(g []Term) []term {
	var out []term
	for _, t := range g {
		if strings.TrimSpace(t.From) == "" {
			continue
		}
		c := term{re: regexp.MustCompile(`(?i)\b` + strings.Join(strings.Fields(regexp.QuoteMeta(t.From)), `\s+`) + `\b`), to: t.To}
		if t.Context != "" {
			c.context = regexp.MustCompile(t.Context)
		}
		out = append(out, c)
	}
	return out
}

// applyGlossary replaces the glossary's words, keeping a capital.
func (s *Summarizer) applyGlossary(c *Clause) {
	for _, t := range s.glossary {
		if t.context != nil && !t.context.MatchString(c.Text) {
			continue
		}
		c.replaceFunc(kindGlossary, t.re, func(m string) string {
			if r, _ := utf8.DecodeRuneInString(m); unicode.IsUpper(r) {
				to, size := utf8.DecodeRuneInString(t.to)
				return string(unicode.ToUpper(to)) + t.to[size:]
			}
			return t.to
		})
	}
}
