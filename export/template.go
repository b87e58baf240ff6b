package export

import (
	htmltemplate "html/template"
	"io"
	"strings"
	"text/template"
	"time"
)

// Template is a custom export template, parsed.
type Template interface {
	Execute(w io.Writer, data any) error
}

// ParseTemplate parses a custom export template file: html/template
// (which escapes what it prints) for a file ending in .html, text/template
// otherwise. Templates get TemplateData.
func ParseTemplate(path string) (Template, error) {
	if p := strings.ToLower(path); strings.HasSuffix(p, ".html") || strings.HasSuffix(p, ".htm") {
		return htmltemplate.ParseFiles(path)
	}
	return template.ParseFiles(path)
}

// TemplateData is what a custom template renders: the stories of the
// period, and the period.
type TemplateData struct {
	Items    []Item
	From, To time.Time
}
