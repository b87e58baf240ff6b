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
<html lang="{{.Lang}}">
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
<li style="margin:0 0 8px 0"{{if .Lang}} lang="{{.Lang}}"{{end}}>{{if not .URL}}{{.Line}}{{else if .Credit}}<a href="{{.URL}}" style="color:#0b4f9c;text-decoration:underline">{{.Credit}}</a>{{.Rest}}{{else}}{{.Line}} (<a href="{{.URL}}" style="color:#0b4f9c;text-decoration:underline">{{.Outlet}}</a>){{end}}</li>
{{- end}}
</ul>
{{- end}}
</body>
</html>
`))

// htmlItem is one line: its link goes on the credit that starts it
// ("<a>AFP</a> reported that …"), or, when staff rewrote the line to
// start otherwise, on the outlet's name after it — never on the whole
// sentence, which a reader cannot read as a link. Lang is set when the
// line is not in the newsletter's language (still to translate).
type htmlItem struct {
	Line, URL            string
	Credit, Rest, Outlet string
	Lang                 string
}

type htmlGroup struct {
	Heading string
	Items   []htmlItem
}

// writeHTML writes the section as an HTML document in the newsletter's
// language lang ("en" when empty).
func writeHTML(w io.Writer, groups []group, line func(Item) string, lang string) error {
	if lang == "" {
		lang = "en"
	}
	data := struct {
		Title, Lang string
		Groups      []htmlGroup
	}{Title: "In the press", Lang: lang}
	for _, g := range groups {
		hg := htmlGroup{Heading: g.Heading}
		for _, it := range g.Items {
			hi := htmlItem{Line: clean(line(it)), URL: httpURL(it.URL), Outlet: clean(orOutlet(it))}
			if credit := clean(orOutlet(it)); credit != "" {
				if rest, ok := strings.CutPrefix(hi.Line, credit); ok {
					hi.Credit, hi.Rest = credit, rest
				}
			}
			if it.NeedsTranslation && it.Language != "" && it.Language != lang {
				hi.Lang = it.Language
			}
			hg.Items = append(hg.Items, hi)
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
