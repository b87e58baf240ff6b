package web

import (
	"encoding/json"
	"fmt"
	"html/template"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/pressclip/pressclip/export"
	"github.com/pressclip/pressclip/store"
)

// page is what every template gets.
type page struct {
	Title string
	Nav   string
	CSRF  string
	Login bool
	// User is the signed-in reviewer ("" none, or the shared password).
	User  string
	Error string
	// Back is the page's own path and query: its forms return there.
	Back string
	// V is the embedded files' version, for their URLs.
	V string

	Today *todayView
	// Story is the one story of its own page (GET /story/{id}).
	Story    *card
	Export   *exportView
	Sources  []sourceRow
	Coverage *coverageView
}

// todayView is the review page.
type todayView struct {
	Since      time.Time
	LastExport time.Time
	Filter     filterView
	Cards      []card
	Again      []card
	Counts     map[string]int
	Watches    []string
	Outlets    []string
	Languages  []string
	Query      string
	// Filtered: a filter other than the defaults is on.
	Filtered bool
	// Truncated: more stories match than a page shows.
	Truncated bool
	// QuietSince: no source brought a new item since then, longer than
	// serve.quiet_alarm (zero: not quiet).
	QuietSince time.Time
}

// filterView is the filter form's values.
type filterView struct {
	Status, Watch, Outlet, Language, From, To, Sort, Q string
	Low                                                bool
}

// card is one story.
type card struct {
	ID         int64
	Status     string
	Line       string
	LineEdited bool
	Problems   []string
	Credit     string
	Outlet     string
	// Agency is the wire agency a copy carries; CreditTo staff's choice.
	Agency, CreditTo string
	Title            string
	URL              string
	Published        string
	PublishedISO     string
	Snippet          template.HTML
	Found            template.HTML
	Watches          []string
	Also             []string
	Score            string
	Role             string
	Low              bool
	Language         string
	Matches          []matchView
	CreditReason     string
	// Importance says where the story ranks and why.
	Importance  string
	MergeReason string
	Copies      []copyView
	ExportedOn  string
	// NeedsTranslation: the line is the marked headline of an article in
	// another language; Source is its lead to translate from.
	NeedsTranslation bool
	Source           string
	// Alternatives are the writer's other lines.
	Alternatives []string
	// LowConfidence: the page's text did not agree with its headline or
	// feed; the feed's text was read instead when the feed had any. Check
	// the page.
	LowConfidence bool
	// Audit are staff's decisions in words, oldest first.
	Audit []string
	// Body: the card is drawn whole; else its row only, the rest fetched
	// when it is opened (GET /story/{id}?part=body).
	Body bool
}

type matchView struct {
	Watch, Where, Terms, Score string
	Low                        bool
}

type copyView struct {
	ArticleID           int64
	Outlet, URL, Reason string
}

// cardFor maps a story to its card; problems are the house rules its
// edited line breaks.
func cardFor(st store.Story, problems []string) card {
	c := card{
		ID: st.ID, Status: st.Status, Line: st.Line, LineEdited: st.LineEdited, Credit: st.Credit, Outlet: st.Outlet,
		Agency: st.Agency, CreditTo: st.CreditTo,
		Title: st.Title, URL: httpURL(st.URL), Snippet: marked(st.Snippet, st.Marks), Found: found(st.Found),
		Watches: st.Watches, Also: st.AlsoReportedBy(), Score: fmt.Sprintf("%.1f", st.Score), Role: st.Role, Low: st.Low,
		Language: st.Language, CreditReason: st.CreditReason, MergeReason: st.MergeReason,
		NeedsTranslation: st.NeedsTranslation && !st.LineEdited, Source: st.SourceLead, Alternatives: st.Alternatives,
		LowConfidence: st.LowConfidence,
	}
	if c.Title == "" {
		c.Title = "(no headline)"
	}
	if !st.PublishedAt.IsZero() {
		c.Published = pageTime(st.PublishedAt, "2 Jan 15:04")
		c.PublishedISO = st.PublishedAt.UTC().Format(time.RFC3339)
	}
	if !st.ExportedAt.IsZero() {
		c.ExportedOn = st.ExportedAt.Local().Format("2 Jan")
	}
	c.Problems = problems
	for _, m := range st.Matches {
		c.Matches = append(c.Matches, matchView{Watch: m.Watch, Where: m.Where, Terms: strings.Join(m.Terms, ", "),
			Score: fmt.Sprintf("%.1f", m.Score), Low: m.Low})
	}
	for _, a := range st.Audit {
		c.Audit = append(c.Audit, export.AuditLine{At: a.At, By: a.Actor, Action: a.Action, Detail: a.Detail}.Text(time.Local, "2 Jan 15:04"))
	}
	for _, cp := range st.Copies {
		c.Copies = append(c.Copies, copyView{ArticleID: cp.ArticleID, Outlet: cp.Outlet, URL: httpURL(cp.URL), Reason: cp.Reason})
	}
	return c
}

// marked escapes a snippet and wraps its matched byte ranges in <mark>.
func marked(s string, marks [][2]int) template.HTML {
	var b strings.Builder
	last := 0
	for _, m := range marks {
		if m[0] < last || m[0] > m[1] || m[1] > len(s) {
			continue
		}
		b.WriteString(template.HTMLEscapeString(s[last:m[0]]))
		b.WriteString("<mark>" + template.HTMLEscapeString(s[m[0]:m[1]]) + "</mark>")
		last = m[1]
	}
	b.WriteString(template.HTMLEscapeString(s[last:]))
	return template.HTML(b.String())
}

// found escapes a search snippet whose matches are between \x02 and \x03.
func found(s string) template.HTML {
	if s == "" {
		return ""
	}
	e := template.HTMLEscapeString(strings.Join(strings.Fields(s), " "))
	e = strings.NewReplacer("\x02", "<mark>", "\x03", "</mark>").Replace(e)
	// A cut snippet may leave a mark open.
	if strings.Count(e, "<mark>") > strings.Count(e, "</mark>") {
		e += "</mark>"
	}
	return template.HTML(e)
}

// httpURL is u when it is an http(s) URL with a host, else "".
func httpURL(u string) string {
	p, err := url.Parse(strings.TrimSpace(u))
	if err != nil || (p.Scheme != "http" && p.Scheme != "https") || p.Host == "" {
		return ""
	}
	return p.String()
}

// sourceRow is one line of the sources table.
type sourceRow struct {
	Name, Status, LastSuccess, LastAttempt, LastError, Kind, NextAttempt string
	Failures, Items, Mentions                                            int
}

// pageTime is a time as the pages show it: in the server's zone, named
// ("2 Jan 08:12 CET"), so that staff in another zone are not misled.
func pageTime(t time.Time, layout string) string {
	return t.Local().Format(layout + " MST")
}

var funcs = template.FuncMap{
	"date": func(t time.Time) string {
		if t.IsZero() {
			return ""
		}
		return pageTime(t, "2 Jan 2006 15:04")
	},
	"join": strings.Join,
	"add":  func(a, b int) int { return a + b },
	"sub":  func(a, b int) int { return a - b },
	// daysChoices are the Coverage page's periods.
	"daysChoices": func() []int { return coverageDays },
	// tallyOf names a Coverage table.
	"tallyOf": func(heading string, list []tally) any {
		return struct {
			Heading string
			List    []tally
		}{heading, list}
	},
	"rfc3339": func(t time.Time) string {
		return t.UTC().Format(time.RFC3339Nano)
	},
	"pair": func(a, b any) []any { return []any{a, b} },
}

// wantsJSON: a script asked (fetch sends Accept: application/json).
func wantsJSON(r *http.Request) bool {
	return strings.Contains(r.Header.Get("Accept"), "application/json")
}

func writeJSON(w http.ResponseWriter, code int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(code)
	json.NewEncoder(w).Encode(v)
}
