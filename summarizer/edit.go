package summarizer

import (
	"regexp"
	"strings"
)

// Edit is one change the writer made to a sentence on its way to being a
// clause: what it removed and what it put in its place, where. Edits are
// logged in order and can be undone (Clause.Original), so every line can
// be traced back to a whole sentence of the article (SUMMARY-STYLE.md
// rule 3).
type Edit struct {
	// Kind names the house edit: "dateline", "aside", "time-of-speaking",
	// "org-name", "head", "staff", "attribution", "glossary",
	// "self-reference", "label", "byline", "case", and the compressions
	// "age", "bracket", "apposition", "tail", "relative".
	Kind string
	// At is the byte offset of the change in the text as it was just
	// before this edit.
	At                int
	Removed, Inserted string
}

// Compression reports whether the edit is one of rule 2's removals, made
// only because the sentence was over the length budget.
func (e Edit) Compression() bool {
	switch e.Kind {
	case kindAge, kindBracket, kindApposition, kindTail, kindRelative:
		return true
	}
	return false
}

// Edit kinds.
const (
	kindDateline    = "dateline"
	kindByline      = "byline"
	kindLabel       = "label"
	kindAside       = "aside"
	kindSpeechTime  = "time-of-speaking"
	kindOrgName     = "org-name"
	kindHead        = "head"
	kindStaff       = "staff"
	kindAttribution = "attribution"
	kindGlossary    = "glossary"
	kindSelf        = "self-reference"
	kindCase        = "case"
	kindAge         = "age"
	kindBracket     = "bracket"
	kindApposition  = "apposition"
	kindTail        = "tail"
	kindRelative    = "relative"
)

// Clause is a sentence being made into a line's clause: its current text
// and the edits that made it.
type Clause struct {
	Text  string
	Edits []Edit
}

// newClause starts a clause from a sentence as the article writes it.
func newClause(sentence string) Clause { return Clause{Text: sentence} }

// splice replaces text[start:end] with with, logging the edit.
func (c *Clause) splice(kind string, start, end int, with string) {
	if start < 0 || end > len(c.Text) || start > end || c.Text[start:end] == with {
		return
	}
	c.Edits = append(c.Edits, Edit{Kind: kind, At: start, Removed: c.Text[start:end], Inserted: with})
	c.Text = c.Text[:start] + with + c.Text[end:]
}

// replaceAll applies re to the clause, each match replaced by what repl
// returns for its submatch indexes (nil repl: the expansion of template),
// right to left so that each logged offset holds.
func (c *Clause) replaceAll(kind string, re *regexp.Regexp, template string) {
	ms := re.FindAllStringSubmatchIndex(c.Text, -1)
	for i := len(ms) - 1; i >= 0; i-- {
		m := ms[i]
		with := string(re.ExpandString(nil, template, c.Text, m))
		c.splice(kind, m[0], m[1], with)
	}
}

// replaceFunc is replaceAll with a function of the match's text.
func (c *Clause) replaceFunc(kind string, re *regexp.Regexp, fn func(string) string) {
	ms := re.FindAllStringIndex(c.Text, -1)
	for i := len(ms) - 1; i >= 0; i-- {
		m := ms[i]
		c.splice(kind, m[0], m[1], fn(c.Text[m[0]:m[1]]))
	}
}

// Original undoes every edit: the sentence as the article wrote it.
func (c Clause) Original() string {
	text := c.Text
	for i := len(c.Edits) - 1; i >= 0; i-- {
		e := c.Edits[i]
		if e.At+len(e.Inserted) > len(text) {
			return "" // a log that does not fit its text: a bug, never a silent wrong answer
		}
		text = text[:e.At] + e.Removed + text[e.At+len(e.Inserted):]
	}
	return text
}

// compressed reports whether a compression edit was made.
func (c Clause) compressed() bool {
	for _, e := range c.Edits {
		if e.Compression() {
			return true
		}
	}
	return false
}

// tidy collapses the white space and stray commas edits can leave (", ,",
// " ,"), logged as part of the edit kind that left them.
func (c *Clause) tidy(kind string) {
	if untidy(c.Text) {
		c.replaceAll(kind, spaceBeforeComma, "$1")
		c.replaceAll(kind, doubleSpace, " ")
	}
	if t := strings.TrimSpace(c.Text); t != c.Text {
		lead := len(c.Text) - len(strings.TrimLeft(c.Text, " \t\n"))
		c.splice(kind, 0, lead, "")
		c.splice(kind, len(strings.TrimRight(c.Text, " \t\n")), len(c.Text), "")
	}
}

// untidy: the text has white space before a comma or stop, or two in a
// row.
func untidy(s string) bool {
	for i := 0; i+1 < len(s); i++ {
		if s[i] == ' ' || s[i] == '\t' || s[i] == '\n' {
			switch s[i+1] {
			case ' ', '\t', '\n', ',', '.', ';', ':':
				return true
			}
		}
	}
	return false
}

var (
	spaceBeforeComma = regexp.MustCompile(`\s+([,.;:])`)
	doubleSpace      = regexp.MustCompile(`\s{2,}`)
)
