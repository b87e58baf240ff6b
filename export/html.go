package export

import (
	"html/template"
	"io"
	"net/url"
	"strings"
)

// sectionHTML is the press section as an HTML document that survives
// e-mail clients and newsletter editors: inline styles only, no script,
// no external stylesheet. html/template escapes every text; links are
// http(s) only.
var sectionHTML = template.Must(template.New("section").Parse(`<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>{{.Title}}</title>
</head>
<body style="margin:0;padding:16px;font-family:Arial,Helvetica,sans-serif;font-size:15px;line-height:1.5;color:#1a1a1a;background:#ffffff">
<h2 style="margin:0 0 12px 0;font-size:20px;font-weight:bold;color:#1a1a1a">{{.Title}}</h2>
{{- range .Groups}}
{{- if .Heading}}
<h3 style="margin:16px 0 6px 0;font-size:16px;font-weight:bold;color:#1a1a1a">{{.Heading}}</h3>
{{- end}}
<ul style="margin:0 0 12px 0;padding:0 0 0 20px">
{{- range .Items}}
<li style="margin:0 0 8px 0">{{if .URL}}<a href="{{.URL}}" style="color:#0b4f9c;text-decoration:underline">{{.Line}}</a>{{else}}{{.Line}}{{end}}</li>
{{- end}}
</ul>
{{- end}}
</body>
</html>
`))

type htmlItem struct {
	Line string
	URL  string
}

type htmlGroup struct {
	Heading string
	Items   []htmlItem
}

// writeHTML writes the section as an HTML document.
func writeHTML(w io.Writer, groups []group, line func(Item) string) error {
	data := struct {
		Title  string
		Groups []htmlGroup
	}{Title: "In the press"}
	for _, g := range groups {
		hg := htmlGroup{Heading: g.Heading}
		for _, it := range g.Items {
			hg.Items = append(hg.Items, htmlItem{Line: clean(line(it)), URL: httpURL(it.URL)})
		}
		data.Groups = append(data.Groups, hg)
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
