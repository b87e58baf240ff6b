package export

import (
	"html/template"
	"io"
	"net/url"
	"strings"
)

// sectionHTML is the press section as an HTML document, for e-mail and
// for pasting into a newsletter editor. html/template escapes every text;
// links are http(s) only.
var sectionHTML = template.Must(template.New("section").Parse(`<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>{{.Title}}</title>
</head>
<body>
<h2>{{.Title}}</h2>
<ul>
{{- range .Items}}
<li>{{if .URL}}<a href="{{.URL}}">{{.Line}}</a>{{else}}{{.Line}}{{end}}</li>
{{- end}}
</ul>
</body>
</html>
`))

type htmlItem struct {
	Line string
	URL  string
}

// writeHTML writes the section as an HTML document.
func writeHTML(w io.Writer, items []Item, line func(Item) string) error {
	data := struct {
		Title string
		Items []htmlItem
	}{Title: "In the press"}
	for _, it := range items {
		data.Items = append(data.Items, htmlItem{Line: clean(line(it)), URL: httpURL(it.URL)})
	}
	return sectionHTML.Execute(w, data)
}

// httpURL is u when it is an http(s) URL with a host, else "".
func httpURL(u string) string {
	p, err := url.Parse(strings.TrimSpace(u))
	if err != nil || (p.Scheme != "http" && p.Scheme != "https") || p.Host == "" {
		return ""
	}
	return p.String()
}
